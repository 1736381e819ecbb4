/// What a fetched document is, judged from its content first and its content type second.
public enum FeedKind: String, Sendable, Equatable, CaseIterable {
    case rss, atom, rdf, jsonFeed, oaiPMH, iCalendar, opml, html, unknown

    public static func detect(_ data: [UInt8], contentType: String?) -> FeedKind {
        let head = Array(data.prefix(4096))
        let decoded = XMLEncoding.decode(head).utf8
        var start = 0
        while start < decoded.count, XMLTokenizer.isSpace(decoded[start]) { start += 1 }
        let text = String(decoding: decoded[start...].prefix(2048), as: UTF8.self)
        let lower = text.lowercased()
        if lower.hasPrefix("begin:vcalendar") { return .iCalendar }
        if lower.hasPrefix("{") {
            return lower.contains("jsonfeed.org/version") ? .jsonFeed : fromContentType(contentType)
        }
        if lower.hasPrefix("<") {
            if let root = rootElement(Array(decoded[start...])) {
                switch root.lowercased() {
                case "rss": return .rss
                case "feed": return .atom
                case "rdf", "rdf:rdf": return .rdf
                case "oai-pmh": return .oaiPMH
                case "opml": return .opml
                case "html", "head", "body": return .html
                case "channel": return .rss
                default: break
                }
                if root.lowercased().hasSuffix(":rdf") { return .rdf }
            }
            if lower.contains("<!doctype html") || lower.contains("<html") { return .html }
        }
        return fromContentType(contentType)
    }

    /// The local name of the first element, skipping the declaration, comments and doctype.
    private static func rootElement(_ bytes: [UInt8]) -> String? {
        var tokenizer = XMLTokenizer(bytes: bytes)
        for _ in 0..<64 {
            tokenizer.next()
            switch tokenizer.kind {
            case .startTag:
                let name = String(decoding: bytes[tokenizer.nameStart..<tokenizer.nameEnd], as: UTF8.self)
                return name.split(separator: ":").last.map(String.init)
            case .end:
                return nil
            default:
                continue
            }
        }
        return nil
    }

    private static func fromContentType(_ contentType: String?) -> FeedKind {
        guard let type = contentType?.lowercased() else { return .unknown }
        if type.contains("rss") { return .rss }
        if type.contains("atom") { return .atom }
        if type.contains("rdf") { return .rdf }
        if type.contains("feed+json") { return .jsonFeed }
        if type.contains("calendar") { return .iCalendar }
        if type.contains("opml") { return .opml }
        if type.contains("html") { return .html }
        return .unknown
    }
}
