import Foundation

/// A person named by a feed or entry (author, contributor, publisher).
public struct FeedPerson: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var url: String?

    public init(name: String?, email: String?, url: String?) {
        self.name = name
        self.email = email
        self.url = url
    }
}

/// An entry's body: its text and media type ("text/html", "text/plain", "application/xhtml+xml").
public struct FeedContent: Sendable, Equatable {
    public var value: String
    public var type: String

    public init(value: String, type: String) {
        self.value = value
        self.type = type
    }
}

/// A file attached to an entry (podcast audio, an image …).
public struct FeedEnclosure: Sendable, Equatable {
    public var url: String
    public var type: String?
    public var length: String?

    public init(url: String, type: String?, length: String?) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// One entry of a feed, with strings in feedparser's convention (HTML where the source is HTML).
public struct FeedItem: Sendable, Equatable {
    public var id: String?
    public var title: String?
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var authors: [FeedPerson]
    public var summary: String?
    public var content: FeedContent?
    public var categories: [String]
    public var enclosures: [FeedEnclosure]

    init(_ entry: FeedDict) {
        id = entry.string("id")
        title = entry.string("title")
        link = entry.string("link")
        published = entry.time("published_parsed")?.date
        updated = entry.time("updated_parsed")?.date
        authors = FeedItem.people(entry["authors"])
        if authors.isEmpty, let detail = entry["author_detail"]?.dict {
            authors = [FeedPerson(detail)]
        }
        summary = entry.string("summary")
        content = entry["content"]?.list?.first?.dict.map { FeedContent(value: $0.string("value") ?? "", type: $0.string("type") ?? "") }
        categories = (entry["tags"]?.list ?? []).compactMap { $0.dict?.string("term") }
        enclosures = FeedDocument.enclosures(entry).compactMap { link in
            guard let href = link.string("href") else { return nil }
            return FeedEnclosure(url: href, type: link.string("type"), length: link.string("length"))
        }
    }

    static func people(_ value: FeedValue?) -> [FeedPerson] {
        (value?.list ?? []).compactMap { $0.dict }.filter { !$0.isEmpty }.map { FeedPerson($0) }
    }
}

extension FeedPerson {
    init(_ detail: FeedDict) {
        name = detail.string("name")
        email = detail.string("email")
        url = detail.string("href")
    }
}

extension FeedDict {
    func time(_ key: String) -> FeedTime? {
        if case .time(let time)? = self[key] { return time }
        return nil
    }
}
