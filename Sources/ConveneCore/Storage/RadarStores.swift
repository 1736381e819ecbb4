import Foundation

/// Which radar items to list; newest first (by `RadarItem.at`).
public struct ItemQuery: Sendable, Equatable {
    public var issueId: String?
    public var sourceId: String?
    /// At or after this instant.
    public var from: Date?
    /// Before this instant.
    public var to: Date?
    /// Whose read and star flags to show and filter on.
    public var userId: String?
    public var unreadOnly: Bool
    public var starredOnly: Bool
    public var limit: Int
    public var offset: Int
    public init(issueId: String? = nil, sourceId: String? = nil, from: Date? = nil, to: Date? = nil, userId: String? = nil,
                unreadOnly: Bool = false, starredOnly: Bool = false, limit: Int = 50, offset: Int = 0) {
        self.issueId = issueId; self.sourceId = sourceId; self.from = from; self.to = to; self.userId = userId
        self.unreadOnly = unreadOnly; self.starredOnly = starredOnly; self.limit = limit; self.offset = offset
    }
}

/// What one read of a source added, updated and left alone.
public struct IngestCounts: Sendable, Equatable {
    public var added: Int
    public var updated: Int
    /// Already known (same id, or the same story from another source).
    public var duplicates: Int
    public init(added: Int = 0, updated: Int = 0, duplicates: Int = 0) { self.added = added; self.updated = updated; self.duplicates = duplicates }
}

/// An item's text, for matching it again when an issue changes.
public struct MatchInput: Sendable, Equatable {
    public var itemId: String
    public var title: String
    public var text: String
    public var categories: [String]
    public init(itemId: String, title: String, text: String, categories: [String]) {
        self.itemId = itemId; self.title = title; self.text = text; self.categories = categories
    }
}

/// Issues, sources and items of the issue radar (F5), on either engine.
public protocol RadarStore: Sendable {
    func radarIssue(id: String) async throws -> RadarIssue?
    func radarIssues() async throws -> [RadarIssue]
    func insertRadarIssue(_ issue: RadarIssue, audit: AuditEntry) async throws
    func updateRadarIssue(_ issue: RadarIssue, audit: AuditEntry) async throws
    func deleteRadarIssue(id: String, audit: AuditEntry) async throws
    /// Makes `matches` the only matches of issue `issueId` (item id → match), in one transaction.
    func replaceIssueMatches(issueId: String, _ matches: [String: ItemMatch]) async throws
    /// Items after `afterId` (by id), `limit` at a time, with the text matching reads.
    func matchInputs(afterId: String?, limit: Int) async throws -> [MatchInput]

    func feedSource(id: String) async throws -> FeedSource?
    func feedSource(url: String) async throws -> FeedSource?
    func feedSources() async throws -> [FeedSource]
    func insertFeedSources(_ sources: [FeedSource], audit: [AuditEntry]) async throws
    func updateFeedSource(_ source: FeedSource, audit: AuditEntry) async throws
    func deleteFeedSource(id: String, audit: AuditEntry) async throws
    /// Atomically takes up to `limit` sources that are due at `now` and not paused, moving their
    /// next poll to `now + lease` so that no other server takes them meanwhile.
    func claimDueSources(now: Date, lease: TimeInterval, limit: Int) async throws -> [FeedSource]
    /// Records a poll's outcome (not audited: it is the machine's doing, not a person's).
    func recordFetch(sourceId: String, kind: SourceKind?, state: FetchState) async throws

    /// Writes a source's new and changed items (skipping what is already known) and its fetch
    /// state, in one transaction; the state's `lastResult` becomes `describe(counts)` when that
    /// says something.
    func ingestItems(sourceId: String, _ items: [RadarItem], kind: SourceKind?, state: FetchState,
                     describe: @Sendable (IngestCounts) -> String?) async throws -> IngestCounts
    func radarItem(id: String, userId: String?) async throws -> ItemListing?
    func radarItems(_ query: ItemQuery) async throws -> [ItemListing]
    func countRadarItems(_ query: ItemQuery) async throws -> Int
    func setItemState(itemId: String, userId: String, isRead: Bool?, isStarred: Bool?) async throws
    /// When each item matched to an issue was filed (`RadarItem.at`), from `from` on.
    func issueItemTimes(from: Date) async throws -> [(issueId: String, at: Date)]
    /// Items per source, for the source list.
    func itemCountsBySource() async throws -> [String: Int]
}

/// How both engines keep the parts of radar records that have their own columns.
public enum RadarCoding {
    /// A match score as a whole number of thousandths (backups carry integers only).
    public static func milli(_ score: Double) -> Int { Int((min(max(score, 0), 1) * 1000).rounded()) }
    public static func score(milli: Int) -> Double { Double(milli) / 1000 }
    public static func reasons(_ reasons: [String]) throws -> String { try EngagementCoding.encode(reasons) }
    public static func reasons(_ text: String) -> [String] { (try? EngagementCoding.decode([String].self, text)) ?? [] }
    /// The item as its `data` column holds it: without matches, which live in their own table.
    public static func data(_ item: RadarItem) throws -> String {
        var stored = item
        stored.matches = []
        return try EngagementCoding.encode(stored)
    }
}
