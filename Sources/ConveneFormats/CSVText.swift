// Turning a field's bytes into a String, once per field.
//
// Windows-1252 is decoded by the real code page: 0x80–0x9F are typographic characters
// (€, curly quotes, dashes…), not the C1 controls Latin-1 puts there. The five bytes the
// code page leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) become the C1 code points of the
// same value, as the WHATWG Encoding Standard and Windows itself decode them.

/// How field bytes become text.
enum CSVFieldDecoding: Sendable {
    case utf8
    case windows1252
    /// Valid UTF-8 is UTF-8; anything else is Windows-1252. Decided per field, so the result
    /// never depends on how the input was split into chunks.
    case detect
}

enum CSVText {
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, as decoding: CSVFieldDecoding) -> (String, usedWindows1252: Bool) {
        switch decoding {
        case .utf8:
            return (String(decoding: bytes, as: UTF8.self), false)
        case .windows1252:
            return (windows1252(bytes), true)
        case .detect:
            if isValidUTF8(bytes) { return (String(decoding: bytes, as: UTF8.self), false) }
            return (windows1252(bytes), true)
        }
    }

    /// Code points of the bytes 0x80–0x9F in Windows-1252.
    static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 3) { out in
            var k = 0
            for byte in bytes {
                if byte < 0x80 {
                    out[k] = byte
                    k += 1
                    continue
                }
                let scalar = byte < 0xA0 ? UInt32(windows1252High[Int(byte) - 0x80]) : UInt32(byte)
                if scalar < 0x800 {
                    out[k] = 0xC0 | UInt8(scalar >> 6)
                    out[k + 1] = 0x80 | UInt8(scalar & 0x3F)
                    k += 2
                } else {
                    out[k] = 0xE0 | UInt8(scalar >> 12)
                    out[k + 1] = 0x80 | UInt8((scalar >> 6) & 0x3F)
                    out[k + 2] = 0x80 | UInt8(scalar & 0x3F)
                    k += 3
                }
            }
            return k
        }
    }

    /// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        // ASCII eight bytes at a time: most fields are ASCII.
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < n {
            let b = base[i]
            if b < 0x80 {
                i += 1
                continue
            }
            func continuation(_ offset: Int) -> Bool { i + offset < n && base[i + offset] & 0xC0 == 0x80 }
            switch b {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard continuation(1), continuation(2) else { return false }
                let second = base[i + 1]
                if b == 0xE0 && second < 0xA0 { return false } // overlong
                if b == 0xED && second >= 0xA0 { return false } // surrogate
                i += 3
            case 0xF0...0xF4:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                let second = base[i + 1]
                if b == 0xF0 && second < 0x90 { return false } // overlong
                if b == 0xF4 && second >= 0x90 { return false } // above U+10FFFF
                i += 4
            default:
                return false
            }
        }
        return true
    }
}
