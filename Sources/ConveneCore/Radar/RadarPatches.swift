import Foundation

/// The fields of an issue a request sets; nil leaves a field as it is.
public struct RadarIssuePatch: Sendable, Equatable {
    public var name: String?
    public var summary: String??
    public var keywords: [String]?
    public var exclusions: [String]?
    public var status: IssueStatus?
    public var priority: IssuePriority?
    public var ownerId: String??
    public var stakeholderIds: [String]?
    public init(name: String? = nil, summary: String?? = nil, keywords: [String]? = nil, exclusions: [String]? = nil, status: IssueStatus? = nil,
                priority: IssuePriority? = nil, ownerId: String?? = nil, stakeholderIds: [String]? = nil) {
        self.name = name; self.summary = summary; self.keywords = keywords; self.exclusions = exclusions; self.status = status
        self.priority = priority; self.ownerId = ownerId; self.stakeholderIds = stakeholderIds
    }
}

/// The fields of a source a request sets; nil leaves a field as it is.
public struct FeedSourcePatch: Sendable, Equatable {
    public var title: String?
    public var url: String?
    public var pollMinutes: Int?
    public var organizationId: String??
    public var isPaused: Bool?
    public var oaiSet: String??
    public init(title: String? = nil, url: String? = nil, pollMinutes: Int? = nil, organizationId: String?? = nil, isPaused: Bool? = nil, oaiSet: String?? = nil) {
        self.title = title; self.url = url; self.pollMinutes = pollMinutes; self.organizationId = organizationId; self.isPaused = isPaused; self.oaiSet = oaiSet
    }
}
