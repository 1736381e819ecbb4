import Foundation

/// The character set of a value: the `CHARSET` parameter (2.1, and 3.0 files in the wild), or
/// UTF-8 when there is none.
enum VCardCharset: Equatable {
    case utf8
    /// ISO-8859-1 is read as windows-1252, its superset for every printable character, as
    /// browsers do: Outlook labels text ISO-8859-1 and then writes € as 0x80.
    case windows1252
    case foundation(String.Encoding)

    init?(name: String) {
        switch VCardText.trimmed(name).lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968": self = .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
             "windows-1252", "cp1252", "x-ansi", "ansi": self = .windows1252
        case "iso-8859-2", "latin2": self = .foundation(.isoLatin2)
        case "windows-1250", "cp1250": self = .foundation(.windowsCP1250)
        case "windows-1251", "cp1251": self = .foundation(.windowsCP1251)
        case "windows-1253", "cp1253": self = .foundation(.windowsCP1253)
        case "windows-1254", "cp1254": self = .foundation(.windowsCP1254)
        case "shift_jis", "shift-jis", "sjis", "x-sjis": self = .foundation(.shiftJIS)
        case "euc-jp": self = .foundation(.japaneseEUC)
        case "iso-2022-jp": self = .foundation(.iso2022JP)
        case "utf-16": self = .foundation(.utf16)
        case "utf-16le": self = .foundation(.utf16LittleEndian)
        case "utf-16be": self = .foundation(.utf16BigEndian)
        case "macintosh", "x-mac-roman": self = .foundation(.macOSRoman)
        default: return nil
        }
    }

    /// The text, or nil when the bytes are not valid in this character set.
    func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        switch self {
        case .utf8: return Self.utf8(bytes)
        case .windows1252: return Self.windows1252(bytes)
        case .foundation(let encoding): return String(bytes: bytes, encoding: encoding)
        }
    }

    static func utf8(_ bytes: ArraySlice<UInt8>) -> String? {
        guard isValidUTF8(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = buffer.count
        guard let base = buffer.baseAddress else { return true }
        while i < count {
            // Eight ASCII bytes at a time: most text is ASCII.
            while i + 8 <= count,
                  UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < count else { break }
            let lead = buffer[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard i + length <= count, buffer[i + 1] >= low, buffer[i + 1] <= high else { return false }
            for k in 2..<max(length, 2) where buffer[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    /// 0x80–0x9F are windows-1252's printable extras; the five it leaves undefined map to the
    /// C1 controls, as in ISO-8859-1.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { windows1252($0) }
    }

    static func windows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let code: UInt32 = (0x80...0x9F).contains(byte) ? UInt32(c1[Int(byte - 0x80)]) : UInt32(byte)
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    private static let c1: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
