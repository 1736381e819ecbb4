import Foundation

/// Turns the bytes of an XML document into UTF-8, guided by its byte order mark and its XML
/// declaration, as feedparser does; bytes that are not what they claim fall back to Windows-1252.
enum XMLEncoding {
    /// UTF-8 bytes, the encoding's name (feedparser's spelling) and a problem, if any.
    struct Decoded: Sendable {
        var utf8: [UInt8]
        var encoding: String
        var problem: String?
    }

    static func decode(_ data: [UInt8]) -> Decoded {
        let count = data.count
        func starts(_ prefix: [UInt8]) -> Bool { count >= prefix.count && data[0..<prefix.count].elementsEqual(prefix) }
        if starts([0x00, 0x00, 0xFE, 0xFF]) { return transcode(data.dropFirst(4), .utf32BigEndian, "utf-32be") }
        if starts([0xFF, 0xFE, 0x00, 0x00]) { return transcode(data.dropFirst(4), .utf32LittleEndian, "utf-32le") }
        if starts([0x00, 0x00, 0x00, 0x3C]) { return transcode(data[...], .utf32BigEndian, "utf-32be") }
        if starts([0x3C, 0x00, 0x00, 0x00]) { return transcode(data[...], .utf32LittleEndian, "utf-32le") }
        if starts([0xFE, 0xFF]) { return transcode(data.dropFirst(2), .utf16BigEndian, "utf-16be") }
        if starts([0xFF, 0xFE]) { return transcode(data.dropFirst(2), .utf16LittleEndian, "utf-16le") }
        if starts([0x00, 0x3C, 0x00, 0x3F]) { return transcode(data[...], .utf16BigEndian, "utf-16be") }
        if starts([0x3C, 0x00, 0x3F, 0x00]) { return transcode(data[...], .utf16LittleEndian, "utf-16le") }
        var body = data[...]
        if starts([0xEF, 0xBB, 0xBF]) { body = data.dropFirst(3) }
        let declared = declaredEncoding(body)
        switch declared {
        case nil, "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "utf-32":
            if isValidUTF8(body) { return Decoded(utf8: Array(body), encoding: "utf-8") }
            let problem = "document declared as utf-8, but its bytes are not; read as windows-1252"
            return Decoded(utf8: windows1252(body), encoding: "windows-1252", problem: problem)
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1":
            return Decoded(utf8: latin1(body), encoding: "iso-8859-1")
        case "windows-1252", "cp1252", "x-cp1252":
            return Decoded(utf8: windows1252(body), encoding: "windows-1252")
        case let name?:
            if let encoding = foundationEncoding(name), let text = String(bytes: body, encoding: encoding) {
                return Decoded(utf8: Array(text.utf8), encoding: name)
            }
            if isValidUTF8(body) {
                return Decoded(utf8: Array(body), encoding: "utf-8", problem: "unsupported encoding \(name); read as utf-8")
            }
            return Decoded(utf8: windows1252(body), encoding: "windows-1252", problem: "unsupported encoding \(name); read as windows-1252")
        }
    }

    private static func transcode(_ body: ArraySlice<UInt8>, _ encoding: String.Encoding, _ name: String) -> Decoded {
        if let text = String(bytes: body, encoding: encoding) {
            return Decoded(utf8: Array(text.utf8), encoding: name)
        }
        return Decoded(utf8: windows1252(body), encoding: "windows-1252", problem: "document declared as \(name), but its bytes are not")
    }

    /// The lowercased `encoding` of an `<?xml …?>` declaration at the start.
    static func declaredEncoding(_ body: ArraySlice<UInt8>) -> String? {
        guard body.count > 5, body.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = body.prefix(400)
        guard let close = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[head.startIndex..<close], as: UTF8.self).lowercased()
        guard let range = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        let name = rest.prefix { $0 != quote }
        return name.isEmpty ? nil : String(name)
    }

    static func isValidUTF8(_ body: ArraySlice<UInt8>) -> Bool {
        var index = body.startIndex
        let end = body.endIndex
        while index < end {
            // Skip ASCII eight bytes at a time where possible.
            if body[index] < 0x80 {
                index += 1
                continue
            }
            let lead = body[index]
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            guard index + length <= end else { return false }
            for offset in 1..<length where body[index + offset] & 0xC0 != 0x80 { return false }
            if lead == 0xE0, body[index + 1] < 0xA0 { return false }
            if lead == 0xED, body[index + 1] > 0x9F { return false }
            if lead == 0xF0, body[index + 1] < 0x90 { return false }
            if lead == 0xF4, body[index + 1] > 0x8F { return false }
            index += length
        }
        return true
    }

    static func latin1(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count + body.count / 8)
        for byte in body {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(0xC0 | (byte >> 6))
                output.append(0x80 | (byte & 0x3F))
            }
        }
        return output
    }

    /// Code points for 0x80–0x9F in Windows-1252 (0 where the byte is unassigned).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    static func windows1252(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(body.count + body.count / 4)
        for byte in body {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            var code = UInt32(byte)
            if byte < 0xA0 {
                let mapped = windows1252High[Int(byte - 0x80)]
                code = mapped == 0 ? UInt32(byte) : mapped
            }
            if code < 0x800 {
                output.append(UInt8(0xC0 | (code >> 6)))
                output.append(UInt8(0x80 | (code & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (code >> 12)))
                output.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (code & 0x3F)))
            }
        }
        return output
    }

    private static func foundationEncoding(_ name: String) -> String.Encoding? {
        switch name {
        case "iso-8859-2", "latin2": return .isoLatin2
        case "windows-1250", "cp1250": return .windowsCP1250
        case "windows-1251", "cp1251": return .windowsCP1251
        case "windows-1253", "cp1253": return .windowsCP1253
        case "windows-1254", "cp1254": return .windowsCP1254
        case "shift_jis", "shift-jis", "sjis", "cp932": return .shiftJIS
        case "euc-jp": return .japaneseEUC
        case "iso-2022-jp": return .iso2022JP
        case "macintosh", "mac-roman": return .macOSRoman
        default: return nil
        }
    }
}
