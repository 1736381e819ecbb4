/// The `ENCODING` of a value: vCard 2.1's QUOTED-PRINTABLE and BASE64, vCard 3.0's `b`.
enum VCardTransferEncoding: Equatable {
    case quotedPrintable
    case base64
    /// 7BIT, 8BIT: the bytes are the text.
    case plain

    init?(_ name: String) {
        switch VCardText.trimmed(name).uppercased() {
        case "QUOTED-PRINTABLE", "QP": self = .quotedPrintable
        case "BASE64", "B": self = .base64
        case "7BIT", "8BIT", "BINARY": self = .plain
        default: return nil
        }
    }

    /// `=XX` is a byte; a lone `=` (a soft line break the line reader left behind, or a
    /// mistake) is dropped at the end and kept elsewhere.
    static func quotedPrintableDecoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "=") {
                if i + 2 < bytes.endIndex, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                    out.append(high << 4 | low)
                    i += 3
                    continue
                }
                if i + 1 == bytes.endIndex { break }
            }
            out.append(byte)
            i += 1
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// The base64 text without the whitespace that folding leaves inside it, and whether it
    /// is base64 (as `isBase64`). Unfolding usually leaves no whitespace, so a first pass
    /// only classifies the bytes, and the text is copied as it is; a second pass drops
    /// blanks only when there are some (vCard 2.1's indented lines).
    static func base64Compacted(_ bytes: ArraySlice<UInt8>) -> (text: String, isValid: Bool) {
        let (text, seen) = bytes.withUnsafeBufferPointer { input in
            base64Classes.withUnsafeBufferPointer { classes -> (String, UInt8) in
                var seen: UInt8 = 0
                for byte in input { seen |= classes[Int(byte)] }
                guard seen & Base64Class.blank != 0 else { return (String(decoding: input, as: UTF8.self), seen) }
                let text = String(unsafeUninitializedCapacity: input.count) { out in
                    var count = 0
                    for byte in input where byte > 0x20 {
                        out[count] = byte
                        count += 1
                    }
                    return count
                }
                return (text, seen)
            }
        }
        guard seen & Base64Class.invalid == 0 else { return (text, false) }
        guard seen & Base64Class.padding != 0 else { return (text, true) }
        // Padding: at most two `=`, and only at the end.
        var copy = text
        let isPadded = copy.withUTF8 { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: "=") { end -= 1 }
            return bytes.count - end <= 2 && !bytes[..<end].contains(UInt8(ascii: "="))
        }
        return (text, isPadded)
    }

    /// Bit flags, so that one pass can OR together what kinds of byte a value holds.
    private enum Base64Class {
        static let alphabet: UInt8 = 1, blank: UInt8 = 2, padding: UInt8 = 4, invalid: UInt8 = 8
    }

    /// The class of every byte: base64 alphabet (standard and URL-safe), blank (folding
    /// leaves spaces, tabs and line ends), `=`, or anything else.
    private static let base64Classes: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        let byte = UInt8(value)
        if byte <= 0x20 { return Base64Class.blank }
        if byte == UInt8(ascii: "=") { return Base64Class.padding }
        return sextet(byte) == nil ? Base64Class.invalid : Base64Class.alphabet
    }

    /// Whether every character is of the base64 alphabet (standard or URL-safe) with at most
    /// two `=` of padding at the end.
    static func isBase64(_ text: String) -> Bool {
        var padding = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") {
                padding += 1
            } else if padding > 0 || sextet(byte) == nil {
                return false
            }
        }
        return padding <= 2
    }

    /// The bytes, or nil when the text is not base64. Missing padding is forgiven.
    static func base64Decoded(_ text: String) -> [UInt8]? {
        guard isBase64(text) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            guard let value = sextet(byte) else { continue }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
