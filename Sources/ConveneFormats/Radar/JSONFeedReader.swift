import Foundation

/// Reads JSON Feed 1.0 and 1.1 into feedparser's result shape (as feedparser 6.1 does).
enum JSONFeedReader {
    static func read(_ data: [UInt8]) throws(FeedError) -> FeedDocument {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(data), options: [])
        } catch {
            throw FeedError(message: "this is not a feed: the JSON cannot be read (\(error.localizedDescription))", line: 1)
        }
        guard let root = object as? [String: Any] else {
            throw FeedError(message: "this is not a feed: the JSON is not an object", line: 1)
        }
        let declared = root["version"] as? String ?? ""
        guard declared.hasPrefix("https://jsonfeed.org/version/") || declared.hasPrefix("http://jsonfeed.org/version/") else {
            throw FeedError(message: "this is not a feed: the JSON has no jsonfeed.org version", line: 1)
        }
        let version = declared.hasSuffix("/1.1") ? "json11" : declared.hasSuffix("/1") ? "json1" : "json"
        var feed = FeedDict()
        copyText(root, "title", to: &feed, as: "title", type: "text/plain")
        if let home = root["home_page_url"] as? String { addLink(&feed, href: home, rel: "alternate") }
        if let url = root["feed_url"] as? String { addLink(&feed, href: url, rel: "self") }
        copyText(root, "description", to: &feed, as: "subtitle", type: "text/plain")
        if let icon = root["icon"] as? String { feed["image"] = .dict(FeedDict([("href", .string(icon))])) }
        if let favicon = root["favicon"] as? String { feed["icon"] = .string(favicon) }
        if let language = root["language"] as? String { feed["language"] = .string(language) }
        addAuthors(root, to: &feed)
        var entries: [FeedDict] = []
        for case let item as [String: Any] in root["items"] as? [Any] ?? [] {
            entries.append(entry(item))
        }
        return FeedDocument(version: version, encoding: "utf-8", problem: nil, feed: feed, entries: entries)
    }

    private static func entry(_ item: [String: Any]) -> FeedDict {
        var entry = FeedDict()
        if let id = item["id"] as? String { entry["id"] = .string(id) } else if let id = item["id"] as? Int { entry["id"] = .string(String(id)) }
        copyText(item, "title", to: &entry, as: "title", type: "text/plain")
        if let url = item["url"] as? String { addLink(&entry, href: url, rel: "alternate") }
        if let url = item["external_url"] as? String { addLink(&entry, href: url, rel: "related") }
        if let html = item["content_html"] as? String {
            let clean = FeedHTMLSanitizer.sanitize(html, baseURI: "")
            entry["content"] = .list([.dict(detail(clean, "text/html"))])
            entry["summary"] = .string(clean)
            entry["summary_detail"] = .dict(detail(clean, "text/html"))
        } else if let text = item["content_text"] as? String {
            entry["content"] = .list([.dict(detail(text, "text/plain"))])
            entry["summary"] = .string(text)
            entry["summary_detail"] = .dict(detail(text, "text/plain"))
        }
        copyText(item, "summary", to: &entry, as: "summary", type: "text/plain")
        if let image = item["image"] as? String { entry["image"] = .dict(FeedDict([("href", .string(image))])) }
        date(item, "date_published", to: &entry, as: "published")
        date(item, "date_modified", to: &entry, as: "updated")
        addAuthors(item, to: &entry)
        if let tags = item["tags"] as? [Any] {
            entry["tags"] = .list(tags.compactMap { $0 as? String }.map {
                .dict(FeedDict([("term", .string($0)), ("scheme", .null), ("label", .null)]))
            })
        }
        for case let attachment as [String: Any] in item["attachments"] as? [Any] ?? [] {
            guard let url = attachment["url"] as? String else { continue }
            var link = FeedDict([("rel", .string("enclosure")), ("href", .string(url))])
            if let type = attachment["mime_type"] as? String { link["type"] = .string(type) }
            if let size = attachment["size_in_bytes"] as? Int { link["length"] = .string(String(size)) }
            if let title = attachment["title"] as? String { link["title"] = .string(title) }
            entry.modifyList("links") { $0.append(.dict(link)) }
        }
        return entry
    }

    private static func detail(_ value: String, _ type: String) -> FeedDict {
        FeedDict([("type", .string(type)), ("language", .null), ("base", .string("")), ("value", .string(value))])
    }

    private static func copyText(_ source: [String: Any], _ key: String, to dict: inout FeedDict, as name: String, type: String) {
        guard let text = source[key] as? String else { return }
        dict[name] = .string(text)
        dict[name + "_detail"] = .dict(detail(text, type))
    }

    private static func addLink(_ dict: inout FeedDict, href: String, rel: String) {
        if rel == "alternate" { dict["link"] = .string(href) }
        let type = rel == "self" ? "application/feed+json" : "text/html"
        dict.modifyList("links") { $0.append(.dict(FeedDict([("rel", .string(rel)), ("type", .string(type)), ("href", .string(href))]))) }
    }

    private static func date(_ source: [String: Any], _ key: String, to dict: inout FeedDict, as name: String) {
        guard let text = source[key] as? String else { return }
        dict[name] = .string(text)
        dict[name + "_parsed"] = FeedDate.parse(text).map { .time($0) } ?? .null
    }

    private static func addAuthors(_ source: [String: Any], to dict: inout FeedDict) {
        var people: [[String: Any]] = (source["authors"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        if people.isEmpty, let author = source["author"] as? [String: Any] { people = [author] }
        guard !people.isEmpty else { return }
        let details = people.map { person -> FeedDict in
            var detail = FeedDict()
            if let name = person["name"] as? String { detail["name"] = .string(name) }
            if let url = person["url"] as? String { detail["href"] = .string(url) }
            return detail
        }
        dict["authors"] = .list(details.map { .dict($0) })
        dict["author_detail"] = .dict(details[0])
        if let name = details[0].string("name") { dict["author"] = .string(name) }
    }
}
