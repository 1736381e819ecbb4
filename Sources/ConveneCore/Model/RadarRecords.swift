import Foundation

/// Where an issue the leader follows stands (F5).
public enum IssueStatus: String, Sendable, Codable, CaseIterable {
    case emerging, active, monitoring, resolved
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// How much an issue matters to the district now.
public enum IssuePriority: String, Sendable, Codable, CaseIterable {
    case high, medium, low
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A topic the leader follows ("chronic absenteeism"): the words that find it in what the
/// sources publish, and the people who care about it.
public struct RadarIssue: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var summary: String?
    /// Words and phrases ("chronic absenteeism", "truancy") that match an item.
    public var keywords: [String]
    /// Words and phrases that veto a match ("employee attendance").
    public var exclusions: [String]
    public var status: IssueStatus
    public var priority: IssuePriority
    public var ownerId: String?
    public var stakeholderIds: [String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), name: String = "", summary: String? = nil, keywords: [String] = [], exclusions: [String] = [],
                status: IssueStatus = .emerging, priority: IssuePriority = .medium, ownerId: String? = nil, stakeholderIds: [String] = [],
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.name = name; self.summary = summary; self.keywords = keywords; self.exclusions = exclusions; self.status = status
        self.priority = priority; self.ownerId = ownerId; self.stakeholderIds = stakeholderIds; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// What a source turned out to publish, found from its content.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    case rss, atom, rdf, jsonFeed = "json-feed", oaiPMH = "oai-pmh", iCalendar = "icalendar"

    public var label: String {
        switch self {
        case .rss: "RSS"
        case .atom: "Atom"
        case .rdf: "RSS 1.0 (RDF)"
        case .jsonFeed: "JSON Feed"
        case .oaiPMH: "OAI-PMH"
        case .iCalendar: "iCalendar"
        }
    }
}

/// A feed the district follows, and how its polling goes.
public struct FeedSource: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var url: String
    /// Nil until the first successful read.
    public var kind: SourceKind?
    public var pollMinutes: Int
    /// The organization in the registry that publishes it.
    public var organizationId: String?
    public var isPaused: Bool
    /// OAI-PMH only: the set to harvest.
    public var oaiSet: String?
    public var fetch: FetchState
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), title: String = "", url: String = "", kind: SourceKind? = nil, pollMinutes: Int = 60,
                organizationId: String? = nil, isPaused: Bool = false, oaiSet: String? = nil, fetch: FetchState = FetchState(),
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.title = title; self.url = url; self.kind = kind; self.pollMinutes = pollMinutes; self.organizationId = organizationId
        self.isPaused = isPaused; self.oaiSet = oaiSet; self.fetch = fetch; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// The polling state of a source: validators for conditional requests, the last outcome in
/// words, and when to try next (backing off after failures).
public struct FetchState: Sendable, Equatable, Codable {
    public var etag: String?
    public var lastModified: String?
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    /// In words: "HTTP 404 Not Found", "timed out after 30 s".
    public var lastError: String?
    public var lastErrorAt: Date?
    /// Failures in a row since the last success.
    public var failures: Int
    public var nextPollAt: Date
    /// OAI-PMH: the newest datestamp harvested, for the next `from`.
    public var harvestedThrough: String?
    /// The outcome of the last success: "12 new items", "not modified".
    public var lastResult: String?

    public init(etag: String? = nil, lastModified: String? = nil, lastAttemptAt: Date? = nil, lastSuccessAt: Date? = nil, lastError: String? = nil,
                lastErrorAt: Date? = nil, failures: Int = 0, nextPollAt: Date = Date(timeIntervalSince1970: 0), harvestedThrough: String? = nil,
                lastResult: String? = nil) {
        self.etag = etag; self.lastModified = lastModified; self.lastAttemptAt = lastAttemptAt; self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError; self.lastErrorAt = lastErrorAt; self.failures = failures; self.nextPollAt = nextPollAt
        self.harvestedThrough = harvestedThrough; self.lastResult = lastResult
    }
}

/// A file attached to an item (a podcast, a PDF report).
public struct ItemEnclosure: Sendable, Equatable, Codable {
    public var url: String
    public var type: String?
    public var length: Int?
    public init(url: String, type: String? = nil, length: Int? = nil) { self.url = url; self.type = type; self.length = length }
}

/// Why an item belongs to an issue, with a score from 0 to 1.
public struct ItemMatch: Sendable, Equatable, Codable {
    public var issueId: String
    public var score: Double
    public var reasons: [String]
    public init(issueId: String, score: Double, reasons: [String]) { self.issueId = issueId; self.score = score; self.reasons = reasons }
}

/// One thing a source published: a news post, a research record, a bill update.
public struct RadarItem: Sendable, Equatable, Codable {
    public var id: String
    public var sourceId: String
    /// The source's own id for it (guid, Atom id, OAI identifier), or its link, or its hash.
    public var guid: String
    public var link: String?
    public var title: String
    /// Sanitized HTML, safe to show.
    public var summaryHTML: String?
    public var contentHTML: String?
    /// Plain text of title, summary and content, for matching and e-mail.
    public var text: String
    public var authors: [String]
    public var categories: [String]
    public var enclosures: [ItemEnclosure]
    public var publishedAt: Date?
    public var updatedAt: Date?
    public var fetchedAt: Date
    /// A hash of title and text: the same story from two sources is one item.
    public var contentHash: String
    public var matches: [ItemMatch]

    public init(id: String = Identifier.make(), sourceId: String, guid: String, link: String? = nil, title: String, summaryHTML: String? = nil,
                contentHTML: String? = nil, text: String = "", authors: [String] = [], categories: [String] = [], enclosures: [ItemEnclosure] = [],
                publishedAt: Date? = nil, updatedAt: Date? = nil, fetchedAt: Date = Date(), contentHash: String = "", matches: [ItemMatch] = []) {
        self.id = id; self.sourceId = sourceId; self.guid = guid; self.link = link; self.title = title; self.summaryHTML = summaryHTML
        self.contentHTML = contentHTML; self.text = text; self.authors = authors; self.categories = categories; self.enclosures = enclosures
        self.publishedAt = publishedAt; self.updatedAt = updatedAt; self.fetchedAt = fetchedAt; self.contentHash = contentHash; self.matches = matches
    }

    /// The instant the item is filed under: when published, else when first read.
    public var at: Date { publishedAt ?? fetchedAt }
}

/// An item as one user sees it in a list.
public struct ItemListing: Sendable, Equatable {
    public var item: RadarItem
    public var isRead: Bool
    public var isStarred: Bool
    public init(item: RadarItem, isRead: Bool, isStarred: Bool) { self.item = item; self.isRead = isRead; self.isStarred = isStarred }
}
