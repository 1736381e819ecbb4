/// The bytes of written vCards, one content line at a time: each ended by CRLF and folded at
/// 75 octets, never inside a UTF-8 sequence (RFC 6350 3.2).
struct VCardWriterLines {
    private var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `group.NAME;P1=V1;P2=V2:value`; the value and parameter values must already be escaped
    /// or quoted.
    mutating func append(_ name: String, group: String? = nil, parameters: [(String, String)] = [], value: String) {
        var line = group.map { $0 + "." } ?? ""
        line += name
        for (key, parameter) in parameters {
            line += ";" + key + "=" + parameter
        }
        line += ":" + value
        appendFolded(line)
    }

    private mutating func appendFolded(_ line: String) { ContentLineFolding.append(line, to: &bytes) }
}

/// Numbers the groups (`item1.EMAIL` with `item1.X-ABLabel`) that carry a custom type.
struct VCardWriterGroups {
    private var count = 0

    mutating func next(_ customType: String?, to lines: inout VCardWriterLines) -> String? {
        guard customType != nil else { return nil }
        count += 1
        return "item\(count)"
    }

    func label(_ customType: String?, to lines: inout VCardWriterLines) {
        guard let customType else { return }
        lines.append("X-ABLabel", group: "item\(count)", value: VCardText.escaped(customType))
    }
}

/// Which values may be written as they are.
enum VCardWriterValues {
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): return true
        default: return false
        }
    }

    /// A number RFC 3966 accepts after `tel:`: digits and visual separators, then `;ext=…`
    /// style parameters. Anything else (spaces, letters) is written as text.
    static func isTelephoneURI(_ number: String) -> Bool {
        let parts = number.utf8.split(separator: UInt8(ascii: ";"), maxSplits: 1, omittingEmptySubsequences: false)
        guard let digits = parts.first, digits.contains(where: { (0x30...0x39).contains($0) }) else { return false }
        for (offset, byte) in digits.enumerated() {
            switch byte {
            case 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "*"), UInt8(ascii: "#"): continue
            case UInt8(ascii: "+") where offset == 0: continue
            default: return false
            }
        }
        guard parts.count == 2 else { return true }
        return !parts[1].isEmpty && parts[1].allSatisfy {
            isTokenByte($0) || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%")
        }
    }

    /// A URI is written as it is; one holding a backslash or a control character cannot be a
    /// URI and is written escaped, which the reader undoes.
    static func uri(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\\") }
        return plain ? value : VCardText.escaped(value)
    }

    /// RFC 6350 4.3.4 date-and-or-time: `19850412`, `1985-04`, `1985`, `--0412`, `--04`,
    /// `---12`, each optionally followed by `T` and a time (`T1022`, `T102200Z`,
    /// `T102200-0800`), or a time alone.
    static func isDateAndOrTime(_ value: String) -> Bool {
        let parts = value.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        let date = shape(parts[0])
        guard ["99999999", "9999-99", "9999", "--9999", "--99", "---99"].contains(date) || (date.isEmpty && parts.count == 2) else {
            return false
        }
        guard parts.count == 2 else { return true }
        var time = shape(parts[1])
        if time.hasSuffix("Z") {
            time.removeLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }), sign > time.startIndex {
            guard ["99", "9999"].contains(time[time.index(after: sign)...]) else { return false }
            time = String(time[..<sign])
        }
        return ["99", "9999", "999999", "-99", "-9999", "--99"].contains(time)
    }

    /// Every digit as 9, so the shape of a value can be compared with a pattern.
    private static func shape(_ text: Substring) -> String {
        String(text.map { $0.isASCII && $0.isNumber ? "9" : $0 })
    }
}
