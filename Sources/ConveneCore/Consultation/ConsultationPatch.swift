import Foundation

/// The fields of a consultation a request sets; nil leaves a field as it is.
public struct ConsultationPatch: Sendable, Equatable {
    public var slug: String?
    public var title: String?
    public var question: String?
    public var description: String??
    public var audienceTypes: [String]?
    public var audienceAreas: [String]?
    public var opensAt: Date??
    public var closesAt: Date??
    public var languages: [String]?
    public var level: IAP2Level?
    public var moderation: ModerationMode?
    public var isClosed: Bool?
    public var inviteOnly: Bool?
    public init(slug: String? = nil, title: String? = nil, question: String? = nil, description: String?? = nil, audienceTypes: [String]? = nil,
                audienceAreas: [String]? = nil, opensAt: Date?? = nil, closesAt: Date?? = nil, languages: [String]? = nil, level: IAP2Level? = nil,
                moderation: ModerationMode? = nil, isClosed: Bool? = nil, inviteOnly: Bool? = nil) {
        self.slug = slug; self.title = title; self.question = question; self.description = description; self.audienceTypes = audienceTypes
        self.audienceAreas = audienceAreas; self.opensAt = opensAt; self.closesAt = closesAt; self.languages = languages; self.level = level
        self.moderation = moderation; self.isClosed = isClosed; self.inviteOnly = inviteOnly
    }
}
