/// The readable text of HTML, for matching and for plain-text e-mail: references decoded,
/// scripts, styles and other hidden content dropped, paragraphs and headings separated by a
/// blank line, list items, rows and line breaks by a newline, cells by a space, and every
/// other run of whitespace (no-break spaces included) collapsed to one space.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var tokenizer = HTMLTokenizer(bytes)
        var writer = PlainTextWriter()
        var skipping: (name: String, depth: Int)?
        var preformatted = 0
        while let token = tokenizer.next() {
            if let skip = skipping {
                switch token {
                case .startTag(let name, _, let selfClosing) where name == skip.name && !selfClosing: skipping = (name, skip.depth + 1)
                case .endTag(let name) where name == skip.name: skipping = skip.depth > 1 ? (name, skip.depth - 1) : nil
                default: break
                }
                continue
            }
            switch token {
            case .text(let range):
                writer.write(HTMLEntities.decode(bytes[range], inAttribute: false), preformatted: preformatted > 0)
            case .startTag(let name, _, let selfClosing):
                if HTMLPolicy.droppedWithContent.contains(name) {
                    if !selfClosing, !HTMLPolicy.voidElements.contains(name), !HTMLTokenizer.rawTextElements.contains(name) {
                        skipping = (name, 1)
                    }
                    continue
                }
                if name == "pre", !selfClosing { preformatted += 1 }
                writer.breakLine(Self.breaks(for: name))
            case .endTag(let name):
                if name == "pre" { preformatted = max(0, preformatted - 1) }
                writer.breakLine(name == "br" ? 1 : Self.breaks(for: name))
            }
        }
        return writer.text
    }

    private static let paragraphs: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "figure", "hr",
        "section", "article", "aside", "header", "footer", "address", "main", "nav",
    ]

    private static let lines: Set<String> = ["br", "li", "tr", "dt", "dd", "div", "figcaption", "caption", "thead", "tbody", "tfoot"]

    /// 2 for a blank line, 1 for a newline, 0 for a space (cells) — or nil for inline elements.
    private static func breaks(for name: String) -> Int? {
        if paragraphs.contains(name) { return 2 }
        if lines.contains(name) { return 1 }
        if name == "td" || name == "th" { return 0 }
        return nil
    }
}

/// Collects text with whitespace collapsed and breaks merged: a break never doubles, never
/// leads and never trails.
struct PlainTextWriter {
    private var output: [UInt8] = []
    private var pendingSpace = false
    private var pendingNewlines = 0

    var text: String { String(decoding: output, as: UTF8.self) }

    mutating func breakLine(_ kind: Int?) {
        guard let kind else { return }
        if kind == 0 { pendingSpace = true } else { pendingNewlines = max(pendingNewlines, kind) }
    }

    mutating func write(_ bytes: [UInt8], preformatted: Bool) {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                pendingSpace = true
                i += 2
                continue
            }
            if HTMLTokenizer.isWhitespace(byte) {
                if preformatted, byte == 0x0A { pendingNewlines = max(pendingNewlines, 1) } else { pendingSpace = true }
                i += 1
                continue
            }
            if !output.isEmpty {
                if pendingNewlines > 0 {
                    output.append(contentsOf: repeatElement(0x0A, count: pendingNewlines))
                } else if pendingSpace {
                    output.append(0x20)
                }
            }
            pendingSpace = false
            pendingNewlines = 0
            output.append(byte)
            i += 1
        }
    }
}
