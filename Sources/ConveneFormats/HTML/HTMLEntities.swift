/// Decodes character references: every numeric one, and the named ones feeds really use —
/// Latin-1, typographic punctuation, and the ones used to hide `javascript&colon;` in links.
///
/// An unknown name is left as written. The sanitizer re-escapes every `&` it outputs, so what
/// it checked is exactly what a browser will see, whichever references were decoded here.
enum HTMLEntities {
    static let named: [String: UInt32] = [
        "nbsp": 0xA0, "iexcl": 0xA1, "cent": 0xA2, "pound": 0xA3, "curren": 0xA4, "yen": 0xA5,
        "brvbar": 0xA6, "sect": 0xA7, "uml": 0xA8, "copy": 0xA9, "ordf": 0xAA, "laquo": 0xAB,
        "not": 0xAC, "shy": 0xAD, "reg": 0xAE, "macr": 0xAF, "deg": 0xB0, "plusmn": 0xB1,
        "sup2": 0xB2, "sup3": 0xB3, "acute": 0xB4, "micro": 0xB5, "para": 0xB6, "middot": 0xB7,
        "cedil": 0xB8, "sup1": 0xB9, "ordm": 0xBA, "raquo": 0xBB, "frac14": 0xBC, "frac12": 0xBD,
        "frac34": 0xBE, "iquest": 0xBF, "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2, "Atilde": 0xC3,
        "Auml": 0xC4, "Aring": 0xC5, "AElig": 0xC6, "Ccedil": 0xC7, "Egrave": 0xC8, "Eacute": 0xC9,
        "Ecirc": 0xCA, "Euml": 0xCB, "Igrave": 0xCC, "Iacute": 0xCD, "Icirc": 0xCE, "Iuml": 0xCF,
        "ETH": 0xD0, "Ntilde": 0xD1, "Ograve": 0xD2, "Oacute": 0xD3, "Ocirc": 0xD4, "Otilde": 0xD5,
        "Ouml": 0xD6, "times": 0xD7, "Oslash": 0xD8, "Ugrave": 0xD9, "Uacute": 0xDA, "Ucirc": 0xDB,
        "Uuml": 0xDC, "Yacute": 0xDD, "THORN": 0xDE, "szlig": 0xDF, "agrave": 0xE0, "aacute": 0xE1,
        "acirc": 0xE2, "atilde": 0xE3, "auml": 0xE4, "aring": 0xE5, "aelig": 0xE6, "ccedil": 0xE7,
        "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA, "euml": 0xEB, "igrave": 0xEC, "iacute": 0xED,
        "icirc": 0xEE, "iuml": 0xEF, "eth": 0xF0, "ntilde": 0xF1, "ograve": 0xF2, "oacute": 0xF3,
        "ocirc": 0xF4, "otilde": 0xF5, "ouml": 0xF6, "divide": 0xF7, "oslash": 0xF8, "ugrave": 0xF9,
        "uacute": 0xFA, "ucirc": 0xFB, "uuml": 0xFC, "yacute": 0xFD, "thorn": 0xFE, "yuml": 0xFF,
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "OElig": 0x152,
        "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178, "fnof": 0x192, "circ": 0x2C6,
        "tilde": 0x2DC, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C, "zwj": 0x200D,
        "lrm": 0x200E, "rlm": 0x200F, "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019,
        "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "dagger": 0x2020, "Dagger": 0x2021,
        "bull": 0x2022, "hellip": 0x2026, "permil": 0x2030, "prime": 0x2032, "Prime": 0x2033, "lsaquo": 0x2039,
        "rsaquo": 0x203A, "oline": 0x203E, "frasl": 0x2044, "euro": 0x20AC, "trade": 0x2122, "larr": 0x2190,
        "uarr": 0x2191, "rarr": 0x2192, "darr": 0x2193, "harr": 0x2194, "minus": 0x2212, "le": 0x2264,
        "ge": 0x2265, "ne": 0x2260, "asymp": 0x2248, "infin": 0x221E, "check": 0x2713, "hearts": 0x2665,
        "Tab": 0x9, "NewLine": 0xA, "colon": 0x3A, "lpar": 0x28, "rpar": 0x29, "sol": 0x2F,
        "bsol": 0x5C, "period": 0x2E, "comma": 0x2C, "excl": 0x21, "num": 0x23, "quest": 0x3F,
        "semi": 0x3B, "equals": 0x3D, "lowbar": 0x5F, "dollar": 0x24, "percnt": 0x25, "plus": 0x2B,
        "ast": 0x2A, "commat": 0x40, "lsqb": 0x5B, "rsqb": 0x5D, "lcub": 0x7B, "rcub": 0x7D,
        "verbar": 0x7C, "grave": 0x60, "Hat": 0x5E, "alpha": 0x3B1, "beta": 0x3B2, "gamma": 0x3B3,
        "delta": 0x3B4, "pi": 0x3C0, "sigma": 0x3C3, "mu": 0x3BC, "Delta": 0x394, "Sigma": 0x3A3,
        "Omega": 0x3A9, "omega": 0x3C9, "half": 0xBD, "AMP": 0x26, "LT": 0x3C, "GT": 0x3E,
        "QUOT": 0x22, "COPY": 0xA9, "REG": 0xAE,
    ]

    /// Named references a browser also decodes without the semicolon (the legacy ones most
    /// often met in the wild).
    /// Longest first, so "&nbsp" is not read as something shorter.
    private static let legacy: [String] = ["quot", "QUOT", "nbsp", "copy", "amp", "AMP", "reg", "lt", "gt", "LT", "GT"]

    /// Windows-1252 characters that numeric references in 0x80–0x9F stand for.
    private static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6,
        0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
        0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
        0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// The text with its references decoded, as UTF-8. In an attribute, a legacy name without
    /// its semicolon is not decoded before a letter, digit or `=` (`?a=1&copy=2` stays).
    static func decode(_ text: ArraySlice<UInt8>, inAttribute: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        decode(text, inAttribute: inAttribute, into: &out)
        return out
    }

    static func decode(_ text: ArraySlice<UInt8>, inAttribute: Bool, into out: inout [UInt8]) {
        var i = text.startIndex
        let end = text.endIndex
        while i < end {
            let byte = text[i]
            if byte == 0 {
                appendScalar(0xFFFD, to: &out)
                i += 1
            } else if byte != UInt8(ascii: "&") {
                out.append(byte)
                i += 1
            } else if let (scalar, length) = reference(text, at: i, inAttribute: inAttribute) {
                appendScalar(scalar, to: &out)
                i += length
            } else {
                out.append(byte)
                i += 1
            }
        }
    }

    /// The scalar a reference at `i` (an `&`) stands for, and its length in bytes.
    private static func reference(_ text: ArraySlice<UInt8>, at i: Int, inAttribute: Bool) -> (UInt32, Int)? {
        let end = text.endIndex
        var j = i + 1
        guard j < end else { return nil }
        if text[j] == UInt8(ascii: "#") {
            j += 1
            let isHex = j < end && (text[j] | 0x20) == UInt8(ascii: "x")
            if isHex { j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < end, let digit = digitValue(text[j], hex: isHex) {
                value = min(value &* (isHex ? 16 : 10) &+ digit, 0x11_0000)
                j += 1
            }
            guard j > digitsStart else { return nil }
            if j < end, text[j] == UInt8(ascii: ";") { j += 1 }
            return (numeric(value), j - i)
        }
        let nameStart = j
        while j < end, j - nameStart < 32, isAlphanumeric(text[j]) { j += 1 }
        guard j > nameStart else { return nil }
        let name = String(decoding: text[nameStart..<j], as: UTF8.self)
        if j < end, text[j] == UInt8(ascii: ";"), let scalar = named[name] { return (scalar, j + 1 - i) }
        // Without a semicolon: the longest legacy name that starts the run.
        for candidate in legacy where name.hasPrefix(candidate) {
            let after = nameStart + candidate.utf8.count
            if inAttribute, after < end, isAlphanumeric(text[after]) || text[after] == UInt8(ascii: "=") { return nil }
            if let scalar = named[candidate] { return (scalar, after - i) }
        }
        return nil
    }

    private static func numeric(_ value: UInt32) -> UInt32 {
        if let mapped = windows1252[value] { return mapped }
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return 0xFFFD }
        return value
    }

    private static func digitValue(_ b: UInt8, hex: Bool) -> UInt32? {
        if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { return UInt32(b - UInt8(ascii: "0")) }
        guard hex else { return nil }
        let lower = b | 0x20
        if lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "f") { return UInt32(lower - UInt8(ascii: "a") + 10) }
        return nil
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        HTMLTokenizer.isLetter(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        out.append(contentsOf: String(Character(scalar)).utf8)
    }
}
