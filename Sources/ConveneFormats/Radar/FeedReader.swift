/// Why bytes could not be read as a feed at all (HTML, empty, no feed element).
public struct FeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int

    public init(message: String, line: Int) {
        self.message = message
        self.line = line
    }

    public var description: String { "line \(line): \(message)" }
}

/// Reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed into a `FeedDocument`, best effort, the
/// way Python's feedparser does: problems in a recognisable feed are recorded, not thrown.
public enum FeedReader {
    static let feedRoots: Set<String> = ["rss", "rdf", "feed", "channel"]

    public static func read(_ data: [UInt8]) throws(FeedError) -> FeedDocument {
        var start = 0
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < data.count, XMLTokenizer.isSpace(data[start]) { start += 1 }
        guard start < data.count else { throw FeedError(message: "the document is empty", line: 1) }
        if data[start] == UInt8(ascii: "{") {
            return try JSONFeedReader.read(data)
        }
        return try readXML(data)
    }

    static func readXML(_ data: [UInt8]) throws(FeedError) -> FeedDocument {
        let decoded = XMLEncoding.decode(data)
        var reader = XMLReader(utf8: decoded.utf8)
        var builder = FeedBuilder()
        var kinds: [FeedBuilder.OpenKind] = []
        var rootChecked = false
        loop: while true {
            switch reader.next() {
            case .start(let name, let attributes, let declarations):
                if !rootChecked {
                    rootChecked = true
                    let local = name.local.lowercased()
                    if !feedRoots.contains(local) {
                        let line = reader.tokenizer.line(at: reader.tokenizer.nameStart)
                        if local == "html" || local == "head" || local == "body" {
                            throw FeedError(message: "this is an HTML page (<\(name.qualified)>), not a feed", line: line)
                        }
                    }
                    builder.doctype = reader.doctype
                }
                kinds.append(builder.startElement(name, attributes, declarations: declarations))
            case .end(let name):
                builder.endElement(name, kind: kinds.popLast() ?? .field)
            case .text:
                if builder.elementStack.isEmpty { continue }
                if builder.inContent == 0, reader.textIsWhitespace { continue }
                builder.text(reader.text())
            case .endOfDocument:
                break loop
            }
        }
        guard let root = reader.rootName else {
            throw FeedError(message: "no XML element found: this is not a feed", line: reader.tokenizer.line(at: data.count))
        }
        if !feedRoots.contains(root.local.lowercased()), builder.entries.isEmpty, builder.feed.isEmpty {
            throw FeedError(message: "the root element <\(root.qualified)> is not a feed", line: 1)
        }
        var problem = reader.problem
        if let encodingProblem = decoded.problem { problem = problem ?? encodingProblem }
        return FeedDocument(
            version: builder.version, encoding: decoded.encoding, problem: problem,
            feed: builder.feed, entries: builder.entries
        )
    }
}
