/// One piece of HTML as the tokenizer reads it.
enum HTMLToken {
    /// Character data, entities not yet decoded: `bytes[range]` of the input.
    case text(Range<Int>)
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    case endTag(name: String)
}

/// An attribute with its name lowercased and its value's entities decoded.
struct HTMLAttribute {
    var name: String
    var value: String
}

/// Splits HTML into text and tags in one forward pass, after the WHATWG tokenizer in the ways
/// that matter for safety: tag names end at whitespace, `/` or `>` (so `<scr<script>` is one
/// odd tag), quotes hide `>` inside attribute values, comments and `<!…>`/`<?…>` are skipped,
/// a tag cut off by the end of input is dropped, and the content of raw-text elements
/// (`script`, `style`, `iframe`, `textarea`…) is skipped up to their end tag without being read
/// as markup. Every byte is looked at a bounded number of times, so the time is linear.
struct HTMLTokenizer {
    static let rawTextElements: Set<String> = [
        "script", "style", "iframe", "textarea", "title", "xmp", "noembed", "noframes", "noscript", "plaintext",
    ]

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next text run or tag; comments and other skipped markup are passed over in a loop
    /// (never by recursion, so a million comments in a row cannot exhaust the stack).
    mutating func next() -> HTMLToken? {
        let n = bytes.count
        while position < n {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < n, bytes[position] != UInt8(ascii: "<") { position += 1 }
                return .text(start..<position)
            }
            let next = position + 1 < n ? bytes[position + 1] : 0
            if Self.isLetter(next) { return startTag() }
            if next == UInt8(ascii: "/") {
                let after = position + 2 < n ? bytes[position + 2] : 0
                if Self.isLetter(after) { return endTag() }
                skipPast(UInt8(ascii: ">"), from: position + 2)
            } else if next == UInt8(ascii: "!") {
                if starts(with: "<!--", at: position) { skipComment() } else { skipPast(UInt8(ascii: ">"), from: position + 2) }
            } else if next == UInt8(ascii: "?") {
                skipPast(UInt8(ascii: ">"), from: position + 2)
            } else {
                position += 1
                return .text(position - 1..<position)
            }
        }
        return nil
    }

    private mutating func startTag() -> HTMLToken? {
        position += 1
        let name = readName()
        var attributes: [HTMLAttribute] = []
        var seen: Set<String> = []
        var selfClosing = false
        let n = bytes.count
        while true {
            skipWhitespace()
            guard position < n else { return nil }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") { position += 1; break }
            if byte == UInt8(ascii: "/") {
                position += 1
                if position < n, bytes[position] == UInt8(ascii: ">") { selfClosing = true }
                continue
            }
            guard let attribute = readAttribute() else { return nil }
            // The first of two same-named attributes wins, as in browsers.
            if seen.insert(attribute.name).inserted { attributes.append(attribute) }
        }
        if Self.rawTextElements.contains(name) { skipRawText(of: name) }
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func endTag() -> HTMLToken? {
        position += 2
        let name = readName()
        let n = bytes.count
        while true {
            skipWhitespace()
            guard position < n else { return nil }
            if bytes[position] == UInt8(ascii: ">") { position += 1; break }
            if bytes[position] == UInt8(ascii: "/") { position += 1; continue }
            guard readAttribute() != nil else { return nil }
        }
        return .endTag(name: name)
    }

    /// A tag or attribute name: up to whitespace, `/`, `>` (and `=` for attributes), lowercased.
    private mutating func readName(stopAtEquals: Bool = false) -> String {
        let start = position
        if stopAtEquals, position < bytes.count, bytes[position] == UInt8(ascii: "=") { position += 1 }
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") { break }
            if stopAtEquals, byte == UInt8(ascii: "=") { break }
            position += 1
        }
        return String(decoding: bytes[start..<position].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Nil when the input ends inside a quoted value.
    private mutating func readAttribute() -> HTMLAttribute? {
        let name = readName(stopAtEquals: true)
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { return HTMLAttribute(name: name, value: "") }
        position += 1
        skipWhitespace()
        guard position < bytes.count else { return nil }
        let quote = bytes[position]
        let start: Int, end: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            start = position + 1
            var i = start
            while i < bytes.count, bytes[i] != quote { i += 1 }
            guard i < bytes.count else { return nil }
            end = i
            position = i + 1
        } else {
            start = position
            while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
            end = position
        }
        let value = HTMLEntities.decode(bytes[start..<end], inAttribute: true)
        return HTMLAttribute(name: name, value: String(decoding: value, as: UTF8.self))
    }

    /// Past `</name` followed by whitespace, `/` or `>` and the rest of that tag; to the end
    /// of input when there is none (as browsers do).
    private mutating func skipRawText(of name: String) {
        let n = bytes.count
        let nameBytes = Array(name.utf8)
        var i = position
        while i + 1 < n {
            if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "/"), i + 2 + nameBytes.count <= n {
                var matches = true
                for (k, byte) in nameBytes.enumerated() where bytes[i + 2 + k] | 0x20 != byte {
                    matches = false
                    break
                }
                let after = i + 2 + nameBytes.count
                if matches, after == n || Self.isWhitespace(bytes[after]) || bytes[after] == UInt8(ascii: "/") || bytes[after] == UInt8(ascii: ">") {
                    position = i
                    _ = endTag()
                    return
                }
            }
            i += 1
        }
        position = n
    }

    /// `<!-- … -->`; also `<!-->`, `<!--->` and `--!>`, as browsers end them.
    private mutating func skipComment() {
        let n = bytes.count
        var i = position + 4
        if i < n, bytes[i] == UInt8(ascii: ">") { position = i + 1; return }
        if i + 1 < n, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: ">") { position = i + 2; return }
        while i + 2 < n {
            if bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") {
                if bytes[i + 2] == UInt8(ascii: ">") { position = i + 3; return }
                if bytes[i + 2] == UInt8(ascii: "!"), i + 3 < n, bytes[i + 3] == UInt8(ascii: ">") { position = i + 4; return }
            }
            i += 1
        }
        position = n
    }

    private mutating func skipPast(_ byte: UInt8, from start: Int) {
        var i = start
        while i < bytes.count, bytes[i] != byte { i += 1 }
        position = min(i + 1, bytes.count)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    private func starts(with prefix: StaticString, at i: Int) -> Bool {
        let m = prefix.utf8CodeUnitCount
        guard i + m <= bytes.count else { return false }
        for k in 0..<m where bytes[i + k] != prefix.utf8Start[k] { return false }
        return true
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }

    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
}
