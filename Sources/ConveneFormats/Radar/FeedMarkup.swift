import Foundation

/// Small text helpers for feed values: escaping, base64, URI joining and HTML guessing.
enum FeedMarkup {
    /// Escapes `&`, `<` and `>` (and `"` when `quotes`).
    static func escape(_ text: String, quotes: Bool = false) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || (quotes && $0 == UInt8(ascii: "\"")) }) else {
            return text
        }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where quotes: output += "&quot;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    /// Appends `text` to `output` as UTF-8, escaping as `escape` does.
    static func appendEscaped(_ text: String, quotes: Bool, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B]) // &amp;
            case UInt8(ascii: "<"): output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B]) // &lt;
            case UInt8(ascii: ">"): output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B]) // &gt;
            case UInt8(ascii: "\"") where quotes: output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]) // &quot;
            default: output.append(byte)
            }
        }
    }

    /// Drops an enclosing `<div>` that wraps all of an Atom 1.0 XHTML construct.
    static func unwrapDiv(_ input: [String]) -> [String] {
        var pieces = input
        while pieces.count > 1, let last = pieces.last, last.trimmingFeedWhitespace().isEmpty { pieces.removeLast() }
        while pieces.count > 1, let first = pieces.first, first.trimmingFeedWhitespace().isEmpty { pieces.removeFirst() }
        guard let first = pieces.first, first == "<div>" || first.hasPrefix("<div "), pieces.last == "</div>" else { return pieces }
        var depth = 0
        for piece in pieces.dropLast() {
            if piece.hasPrefix("</") {
                depth -= 1
                if depth == 0 { return pieces }
            } else if piece.hasPrefix("<"), !piece.hasSuffix("/>") {
                depth += 1
            }
        }
        return Array(pieces.dropFirst().dropLast())
    }

    /// Base64 text decoded as UTF-8, or nil when it is not both.
    static func decodeBase64(_ text: String) -> String? {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact, options: .ignoreUnknownCharacters) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// `uri` resolved against `base` (unchanged when there is no base or it cannot be joined).
    static func resolve(_ uri: String, against base: String) -> String {
        guard !base.isEmpty, !uri.contains("://"), !uri.hasPrefix("mailto:") else { return uri }
        guard let baseURL = URL(string: base), baseURL.scheme != nil,
              let joined = URL(string: uri, relativeTo: baseURL)?.absoluteString else { return uri }
        return joined
    }

    /// Undoes `&name;` that should have been `&name` in query strings.
    static func fixQueryAmpersands(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")), text.utf8.contains(UInt8(ascii: ";")) else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[rest.startIndex..<amp]
            let after = rest[rest.index(after: amp)...]
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty, name.endIndex < after.endIndex, after[name.endIndex] == ";" {
                output += "&" + name
                rest = after[after.index(after: name.endIndex)...]
            } else {
                output += "&"
                rest = after
            }
        }
        return output + rest
    }

    /// feedparser's guess that plain text is really HTML: it has a close tag or an entity, and
    /// all its tags and entities are HTML's.
    static func looksLikeHTML(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "<")) || bytes.contains(UInt8(ascii: "&")) else { return false }
        var hasCloseTag = false, hasEntity = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                var start = index + 1
                let closing = start < bytes.count && bytes[start] == UInt8(ascii: "/")
                if closing { start += 1 }
                var end = start
                while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                if end > start {
                    let name = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
                    if !FeedHTMLSanitizer.acceptableElements.contains(name) { return false }
                    if closing, end < bytes.count, bytes[end] == UInt8(ascii: ">") { hasCloseTag = true }
                }
            } else if byte == UInt8(ascii: "&") {
                var start = index + 1
                let numeric = start < bytes.count && bytes[start] == UInt8(ascii: "#")
                if numeric { start += 1 }
                var end = start
                while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                if end > start, end < bytes.count, bytes[end] == UInt8(ascii: ";") {
                    hasEntity = true
                    let name = String(decoding: bytes[start..<end], as: UTF8.self)
                    if !numeric, HTMLNamedEntities.table[name] == nil, !["lt", "gt", "amp", "quot", "apos"].contains(name) { return false }
                }
            }
            index += 1
        }
        return hasCloseTag || hasEntity
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
