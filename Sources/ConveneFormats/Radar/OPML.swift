import Foundation

/// A subscription from an OPML outline: its feed URL, web page and the folders it sits in.
public struct OPMLOutline: Sendable, Equatable {
    public var title: String
    public var xmlURL: String?
    public var htmlURL: String?
    public var type: String?
    /// The titles of the enclosing outlines, outermost first.
    public var categoryPath: [String]

    public init(title: String, xmlURL: String? = nil, htmlURL: String? = nil, type: String? = nil, categoryPath: [String] = []) {
        self.title = title
        self.xmlURL = xmlURL
        self.htmlURL = htmlURL
        self.type = type
        self.categoryPath = categoryPath
    }
}

/// Why bytes could not be read as OPML.
public struct OPMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Reads the outlines of an OPML 1.0/2.0 subscription list; folders become category paths.
public enum OPMLReader {
    public static func read(_ data: [UInt8]) throws(OPMLError) -> [OPMLOutline] {
        let (parsed, problem) = XMLElementNode.parse(data)
        guard let root = parsed, root.name.local.lowercased() == "opml" else {
            throw OPMLError(message: "not OPML: \(parsed.map { "the root element is <\($0.name.qualified)>" } ?? problem ?? "no XML element")")
        }
        if let problem { throw OPMLError(message: "malformed OPML: \(problem)") }
        var outlines: [OPMLOutline] = []
        collect(root.child("body")?.children("outline") ?? [], path: [], into: &outlines)
        return outlines
    }

    private static func collect(_ elements: [XMLElementNode], path: [String], into outlines: inout [OPMLOutline]) {
        for element in elements {
            let title = element.attribute("title") ?? element.attribute("text") ?? ""
            let xmlURL = element.attribute("xmlUrl") ?? element.attribute("xmlurl")
            let htmlURL = element.attribute("htmlUrl") ?? element.attribute("htmlurl")
            if xmlURL != nil || element.children.isEmpty {
                outlines.append(OPMLOutline(title: title, xmlURL: xmlURL, htmlURL: htmlURL, type: element.attribute("type"), categoryPath: path))
            }
            collect(element.children("outline"), path: path + [title], into: &outlines)
        }
    }
}

/// Writes subscriptions as an OPML 2.0 document, nesting outlines by category path.
public enum OPMLWriter {
    public static func write(title: String, outlines: [OPMLOutline]) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n"
        text += "  <head>\n    <title>\(FeedMarkup.escape(title, quotes: true))</title>\n  </head>\n  <body>\n"
        var open: [String] = []
        for outline in outlines {
            var shared = 0
            while shared < open.count, shared < outline.categoryPath.count, open[shared] == outline.categoryPath[shared] { shared += 1 }
            while open.count > shared {
                open.removeLast()
                text += indent(open.count) + "</outline>\n"
            }
            for folder in outline.categoryPath.dropFirst(shared) {
                text += indent(open.count) + "<outline text=\"\(attribute(folder))\" title=\"\(attribute(folder))\">\n"
                open.append(folder)
            }
            var line = indent(open.count) + "<outline text=\"\(attribute(outline.title))\" title=\"\(attribute(outline.title))\""
            if let type = outline.type ?? (outline.xmlURL == nil ? nil : "rss") { line += " type=\"\(attribute(type))\"" }
            if let xmlURL = outline.xmlURL { line += " xmlUrl=\"\(attribute(xmlURL))\"" }
            if let htmlURL = outline.htmlURL { line += " htmlUrl=\"\(attribute(htmlURL))\"" }
            text += line + "/>\n"
        }
        while !open.isEmpty {
            open.removeLast()
            text += indent(open.count) + "</outline>\n"
        }
        return text + "  </body>\n</opml>\n"
    }

    private static func indent(_ level: Int) -> String {
        String(repeating: "  ", count: level + 2)
    }

    private static func attribute(_ value: String) -> String {
        var escaped = FeedMarkup.escape(value, quotes: true)
        for (character, reference) in [("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;")] {
            escaped = escaped.replacingOccurrences(of: character, with: reference)
        }
        return escaped
    }
}
