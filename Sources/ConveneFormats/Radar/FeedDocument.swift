import Foundation

/// A feed as read by `FeedReader`: a typed view for the application, and feedparser's full
/// result (`feedparserJSON()`) for comparison with Python's feedparser.
public struct FeedDocument: Sendable, Equatable {
    /// feedparser's name for the format: rss20, rss10, atom10, json11 … or "" when unknown.
    public var version: String
    /// The character encoding the bytes were read in.
    public var encoding: String
    /// The first problem found (feedparser's `bozo_exception`), with its line.
    public var problem: String?
    public var isWellFormed: Bool { problem == nil }

    public var title: String?
    public var link: String?
    public var id: String?
    public var subtitle: String?
    public var language: String?
    public var updated: Date?
    public var published: Date?
    public var items: [FeedItem]

    let feed: FeedDict
    let entries: [FeedDict]

    init(version: String, encoding: String, problem: String?, feed: FeedDict, entries: [FeedDict]) {
        self.version = version
        self.encoding = encoding
        self.problem = problem
        self.feed = feed
        self.entries = entries
        title = feed.string("title")
        link = feed.string("link")
        id = feed.string("id")
        subtitle = feed.string("subtitle")
        language = feed.string("language")
        updated = feed.time("updated_parsed")?.date
        published = feed.time("published_parsed")?.date
        items = entries.map(FeedItem.init)
    }

    /// The links of `rel="enclosure"`, without their `rel` (feedparser's `enclosures`).
    static func enclosures(_ dict: FeedDict) -> [FeedDict] {
        (dict["links"]?.list ?? []).compactMap { value -> FeedDict? in
            guard var link = value.dict, link.string("rel") == "enclosure" else { return nil }
            link["rel"] = nil
            return link
        }
    }
}
