import Foundation

/// Makes HTML written by strangers (feed items) safe to show inside a Convene page.
///
/// Only allow-listed elements and attributes survive; `script`, `style`, `iframe`, `object`,
/// `embed`, `form`, `svg` and the like go with all their content; event handlers, `style`,
/// `class` and `id` attributes go; links and images keep only http, https and mailto URLs
/// (relative ones resolved against the item's base URL, or dropped when there is none), and
/// links get `rel="nofollow noopener"`. The output is rebuilt from scratch — every tag
/// re-serialized, every attribute double-quoted, every `&`, `<` and `>` in text escaped — and
/// every element opened is closed, in order, so it cannot break out of the element it is put
/// in. Runs in time linear in the input and never fails: malformed input only loses markup.
public enum HTMLSanitizer {
    /// The safe HTML; `baseURL` is the item's link (or the feed's), used for relative URLs.
    public static func sanitize(_ html: String, baseURL: String?) -> String {
        let bytes = Array(html.utf8)
        var builder = HTMLSafeTreeBuilder(source: bytes, base: baseURL.flatMap(HTMLURLPolicy.base))
        var tokenizer = HTMLTokenizer(bytes)
        while let token = tokenizer.next() { builder.consume(token) }
        builder.finish()
        return String(decoding: builder.output, as: UTF8.self)
    }
}

/// Rebuilds the allowed part of a token stream as balanced HTML.
struct HTMLSafeTreeBuilder {
    /// Deeper nesting is flattened: its tags are dropped, its text kept.
    static let maximumDepth = 64

    let source: [UInt8]
    let base: URL?
    private(set) var output: [UInt8] = []
    private var stack: [String] = []
    /// Inside an element dropped with its content: its name and how many of it are open.
    private var skipping: (name: String, depth: Int)?

    init(source: [UInt8], base: URL?) {
        self.source = source
        self.base = base
        output.reserveCapacity(source.count)
    }

    mutating func consume(_ token: HTMLToken) {
        if let skip = skipping {
            switch token {
            case .startTag(let name, _, let selfClosing) where name == skip.name && !selfClosing:
                skipping = (name, skip.depth + 1)
            case .endTag(let name) where name == skip.name:
                skipping = skip.depth > 1 ? (name, skip.depth - 1) : nil
            default:
                break
            }
            return
        }
        switch token {
        case .text(let range): text(range)
        case .startTag(let name, let attributes, let selfClosing): start(name, attributes, selfClosing: selfClosing)
        case .endTag(let name): end(name)
        }
    }

    mutating func finish() {
        while !stack.isEmpty { pop() }
    }

    private mutating func text(_ range: Range<Int>) {
        let decoded = HTMLEntities.decode(source[range], inAttribute: false)
        if let top = stack.last, HTMLPolicy.tableContainers.contains(top), !decoded.allSatisfy(HTMLTokenizer.isWhitespace) {
            openCell()
        }
        HTMLEscaping.appendText(decoded, to: &output)
    }

    private mutating func start(_ name: String, _ attributes: [HTMLAttribute], selfClosing: Bool) {
        if HTMLPolicy.droppedWithContent.contains(name) {
            let skipsContent = !selfClosing && !HTMLPolicy.voidElements.contains(name) && !HTMLTokenizer.rawTextElements.contains(name)
            if skipsContent { skipping = (name, 1) }
            return
        }
        guard HTMLPolicy.allowedElements.contains(name) else { return }
        if HTMLTablePlacement.isTablePart(name) {
            guard placeTablePart(name) else { return }
        } else {
            if let top = stack.last, HTMLPolicy.tableContainers.contains(top) { openCell() }
            if HTMLPolicy.closesParagraph.contains(name) { close("p") }
            if HTMLPolicy.headings.contains(name), let top = stack.last, HTMLPolicy.headings.contains(top) { pop() }
            if name == "li" { close("li", stoppingAt: ["ul", "ol"]) }
            if name == "dt" || name == "dd" { close("dt", stoppingAt: ["dl"]); close("dd", stoppingAt: ["dl"]) }
            if name == "a" { close("a") }
        }
        guard stack.count < Self.maximumDepth else { return }
        let safe = HTMLAttributeFilter.safeAttributes(of: name, attributes, base: base)
        if name == "img", !safe.contains(where: { $0.name == "src" }) { return }
        emitStartTag(name, safe)
        if !HTMLPolicy.voidElements.contains(name) { stack.append(name) }
    }

    private mutating func end(_ name: String) {
        guard HTMLPolicy.allowedElements.contains(name), !HTMLPolicy.voidElements.contains(name) else { return }
        let stops: Set<String> = HTMLTablePlacement.isTablePart(name) || name == "table" ? ["table"] : HTMLPolicy.scopeBoundaries
        close(name, stoppingAt: stops)
    }

    /// Closes the nearest open `name` and everything inside it, unless a `stoppingAt`
    /// element comes first (then nothing is closed).
    private mutating func close(_ name: String, stoppingAt boundaries: Set<String> = HTMLPolicy.scopeBoundaries) {
        guard stack.contains(name),
              let index = stack.lastIndex(where: { $0 == name || boundaries.contains($0) }), stack[index] == name else { return }
        while stack.count > index { pop() }
    }

    /// Moves to where a table part may go, opening a row when a cell needs one; false when
    /// no table is open.
    private mutating func placeTablePart(_ name: String) -> Bool {
        guard let table = stack.lastIndex(of: "table") else { return false }
        switch name {
        case "tr":
            while stack.count > table + 1, !["thead", "tbody", "tfoot"].contains(stack[stack.count - 1]) { pop() }
        case "td", "th":
            if let row = stack.lastIndex(of: "tr"), row > table {
                while stack.count > row + 1 { pop() }
            } else {
                while stack.count > table + 1, !["thead", "tbody", "tfoot"].contains(stack[stack.count - 1]) { pop() }
                emitStartTag("tr", [])
                stack.append("tr")
            }
        case "col":
            if stack.last != "colgroup" { while stack.count > table + 1 { pop() } }
        default: // caption, colgroup, thead, tbody, tfoot
            while stack.count > table + 1 { pop() }
        }
        return true
    }

    /// Text or flow content met directly in a table: put it in a cell of a row.
    private mutating func openCell() {
        if stack.last == "colgroup" { pop() }
        if let top = stack.last, ["table", "thead", "tbody", "tfoot"].contains(top) {
            emitStartTag("tr", [])
            stack.append("tr")
        }
        if stack.last == "tr" {
            emitStartTag("td", [])
            stack.append("td")
        }
    }

    private mutating func pop() {
        guard let name = stack.popLast() else { return }
        output.append(contentsOf: Array("</\(name)>".utf8))
    }

    private mutating func emitStartTag(_ name: String, _ attributes: [(name: String, value: String)]) {
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        for attribute in attributes {
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: attribute.name.utf8)
            output.append(contentsOf: Array("=\"".utf8))
            HTMLEscaping.appendAttribute(attribute.value, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        output.append(UInt8(ascii: ">"))
    }
}

/// Which elements belong only inside a table.
enum HTMLTablePlacement {
    static let parts: Set<String> = ["caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"]
    static func isTablePart(_ name: String) -> Bool { parts.contains(name) }
}
