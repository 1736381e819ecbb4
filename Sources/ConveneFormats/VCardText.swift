/// Escaping of vCard text values (RFC 6350 3.4, RFC 2426 5) and of parameter values
/// (RFC 6868), done on UTF-8 bytes: every byte that matters is ASCII, so a multi-byte
/// character is never split.
enum VCardText {
    static let backslash = UInt8(ascii: "\\")
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A

    /// Without white space (Unicode White_Space: spaces, tabs, line breaks) at either end;
    /// the same set as Foundation's `whitespacesAndNewlines`, without bridging to NSString.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        guard mayBeWhitespace(first) || mayBeWhitespace(last) else { return text }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { scalars.formIndex(after: &start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        return String(scalars[start..<end])
    }

    private static func mayBeWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte) || byte >= 0x80
    }

    /// `\\` `\,` `\;` `\:` give the character, `\n` and `\N` a line break; any other backslash
    /// stays (so `C:\Users` survives). Gmail writes `http\://`, hence `\:`. CRLF and CR
    /// become "\n".
    static func unescape(_ text: String) -> String {
        var copy = text
        guard copy.withUTF8({ $0.contains { $0 == backslash || $0 == carriageReturn } }) else { return text }
        return copy.withUTF8 { unescaped($0, from: 0, to: $0.count) }
    }

    /// Splits at every `separator` not preceded by a backslash, then unescapes each part.
    static func split(_ text: String, at separator: UInt8) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var parts: [String] = []
            parts.reserveCapacity(8)
            var start = 0
            var i = 0
            while i < bytes.count {
                if bytes[i] == backslash {
                    i += 2
                    continue
                }
                if bytes[i] == separator {
                    parts.append(unescaped(bytes, from: start, to: i))
                    start = i + 1
                }
                i += 1
            }
            parts.append(unescaped(bytes, from: start, to: bytes.count))
            return parts
        }
    }

    /// Unescaping never lengthens the text, so it is written straight into the new string.
    private static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        let range = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard range.contains(where: { $0 == backslash || $0 == carriageReturn }) else {
            return String(decoding: range, as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: range.count) { out in
            var count = 0
            var i = 0
            while i < range.count {
                let byte = range[i]
                i += 1
                if byte == backslash, i < range.count {
                    let next = range[i]
                    switch next {
                    case UInt8(ascii: "n"), UInt8(ascii: "N"):
                        out[count] = lineFeed
                        i += 1
                    case backslash, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"):
                        out[count] = next
                        i += 1
                    default:
                        out[count] = byte
                    }
                } else if byte == carriageReturn {
                    out[count] = lineFeed
                    if i < range.count, range[i] == lineFeed { i += 1 }
                } else {
                    out[count] = byte
                }
                count += 1
            }
            return count
        }
    }

    /// RFC 6868 parameter values: `^n` a line break, `^'` a double quote, `^^` a caret.
    static func caretDecoded(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "^")) else { return value }
        var out: [UInt8] = []
        var bytes = value.utf8.makeIterator()
        var pending: UInt8?
        while let byte = pending ?? bytes.next() {
            pending = nil
            guard byte == UInt8(ascii: "^") else {
                out.append(byte)
                continue
            }
            let next = bytes.next()
            switch next {
            case UInt8(ascii: "n"), UInt8(ascii: "N"): out.append(lineFeed)
            case UInt8(ascii: "'"): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "^"): out.append(byte)
            default:
                out.append(byte)
                pending = next
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A text value for writing: backslash, semicolon and comma escaped, every line break as
    /// `\n`, other control characters but tab dropped.
    static func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            switch byte {
            case backslash, UInt8(ascii: ";"), UInt8(ascii: ","):
                out.append(backslash)
                out.append(byte)
            case lineFeed where previous == carriageReturn:
                continue
            case lineFeed, carriageReturn:
                out.append(contentsOf: [backslash, UInt8(ascii: "n")])
            case 0x09:
                out.append(byte)
            case 0..<0x20, 0x7F:
                continue
            default:
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A parameter value for writing, quoted, with RFC 6868 caret escapes.
    static func quotedParameter(_ value: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        var previous: UInt8 = 0
        for byte in value.utf8 {
            defer { previous = byte }
            switch byte {
            case UInt8(ascii: "^"): out.append(contentsOf: [byte, byte])
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "'")])
            case lineFeed where previous == carriageReturn: continue
            case lineFeed, carriageReturn: out.append(contentsOf: [UInt8(ascii: "^"), UInt8(ascii: "n")])
            case 0x09: out.append(byte)
            case 0..<0x20, 0x7F: continue
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
