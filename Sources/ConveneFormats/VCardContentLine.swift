/// One unfolded line split into `group.NAME`, its parameters and where the value starts.
struct VCardContentLine {
    var group: String?
    var name: String
    var parameters: [VCardParameter]
    var valueStart: Int

    /// Nil when the line has no name or no `:`. Quoted parameter values may hold `;` `:` `,`;
    /// a quote that never closes is read again as an ordinary character, so one stray quote
    /// does not lose the line. RFC 6868 caret escapes are decoded when `caretEscapes` is set
    /// (vCard 3.0 and 4.0).
    static func parse(_ line: [UInt8], caretEscapes: Bool) -> VCardContentLine? {
        line.withUnsafeBufferPointer { bytes in
            let scanner = Scanner(bytes: bytes, caretEscapes: caretEscapes)
            return scanner.scan(quotes: true) ?? scanner.scan(quotes: false)
        }
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let caretEscapes: Bool

        init(bytes: UnsafeBufferPointer<UInt8>, caretEscapes: Bool) {
            self.bytes = bytes
            self.caretEscapes = caretEscapes
        }

        private static let colon = UInt8(ascii: ":"), semicolon = UInt8(ascii: ";"), comma = UInt8(ascii: ",")
        private static let equals = UInt8(ascii: "="), quote = UInt8(ascii: "\""), dot = UInt8(ascii: ".")

        /// The start and end of `start..<end` without blanks at either side.
        private func trim(_ start: Int, _ end: Int) -> (Int, Int) {
            var start = start, end = end
            while start < end, isBlank(bytes[start]) { start += 1 }
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            return (start, end)
        }

        func scan(quotes: Bool) -> VCardContentLine? {
            let bytes = bytes
            let n = bytes.count
            var i = 0
            /// Moves `i` to the next byte that is `a`, `b` or `c`, or to the end.
            func skip(until a: UInt8, _ b: UInt8, _ c: UInt8) {
                while i < n {
                    let byte = bytes[i]
                    if byte == a || byte == b || byte == c { return }
                    i += 1
                }
            }
            while i < n, isBlank(bytes[i]) { i += 1 }
            let fieldStart = i
            skip(until: Self.semicolon, Self.colon, Self.colon)
            guard i < n else { return nil }
            let (start, end) = trim(fieldStart, i)
            guard start < end else { return nil }
            var dot: Int?
            for k in start..<end {
                let byte = bytes[k]
                if byte == Self.dot {
                    dot = k
                } else if !Self.isNameByte(byte) {
                    return nil
                }
            }
            let nameStart = dot.map { $0 + 1 } ?? start
            guard nameStart < end else { return nil }
            let group = dot.map { ascii(start, $0, uppercase: false) }
            let name = ascii(nameStart, end, uppercase: true)

            var parameters: [VCardParameter] = []
            while bytes[i] == Self.semicolon {
                i += 1
                let keyStart = i
                skip(until: Self.equals, Self.semicolon, Self.colon)
                guard i < n else { return nil }
                let (keyFrom, keyTo) = trim(keyStart, i)
                guard bytes[i] == Self.equals else {
                    if keyFrom < keyTo { parameters.append(Self.bare(string(keyFrom, keyTo))) }
                    continue
                }
                i += 1
                var values: [String] = []
                while true {
                    while i < n, isBlank(bytes[i]) { i += 1 }
                    if quotes, i < n, bytes[i] == Self.quote {
                        let valueStart = i + 1
                        i = valueStart
                        while i < n, bytes[i] != Self.quote { i += 1 }
                        guard i < n else { return nil }
                        values.append(parameterValue(valueStart, i))
                        i += 1
                        skip(until: Self.comma, Self.semicolon, Self.colon)
                    } else {
                        let valueStart = i
                        skip(until: Self.comma, Self.semicolon, Self.colon)
                        let (from, to) = trim(valueStart, i)
                        values.append(parameterValue(from, to))
                    }
                    guard i < n else { return nil }
                    guard bytes[i] == Self.comma else { break }
                    i += 1
                }
                if keyFrom < keyTo { parameters.append(VCardParameter(name: ascii(keyFrom, keyTo, uppercase: true), values: values)) }
            }
            return VCardContentLine(group: group, name: name, parameters: parameters, valueStart: i + 1)
        }

        /// vCard 2.1 writes `TEL;WORK;VOICE:` and `NOTE;QUOTED-PRINTABLE:`.
        private static func bare(_ word: String) -> VCardParameter {
            VCardTransferEncoding(word) == nil
                ? VCardParameter(name: "TYPE", values: [word])
                : VCardParameter(name: "ENCODING", values: [word])
        }

        private func parameterValue(_ start: Int, _ end: Int) -> String {
            let value = string(start, end)
            return caretEscapes ? VCardText.caretDecoded(value) : value
        }

        /// UTF-8, or windows-1252 for bytes that are not.
        private func string(_ start: Int, _ end: Int) -> String {
            let range = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard VCardCharset.isValidUTF8(range) else { return VCardCharset.windows1252(range) }
            return String(decoding: range, as: UTF8.self)
        }

        /// A name or group (already checked to be ASCII letters, digits, `-`, `_`), or a
        /// parameter name, uppercased on request; anything not UTF-8 goes through `string`.
        private func ascii(_ start: Int, _ end: Int, uppercase: Bool) -> String {
            let range = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard range.allSatisfy({ $0 < 0x80 }) else {
                let text = string(start, end)
                return uppercase ? text.uppercased() : text
            }
            guard uppercase, range.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else {
                return String(decoding: range, as: UTF8.self)
            }
            return String(unsafeUninitializedCapacity: range.count) { out in
                for (k, byte) in range.enumerated() {
                    out[k] = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 0x20 : byte
                }
                return range.count
            }
        }

        private static func isNameByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): return true
            default: return false
            }
        }
    }
}
