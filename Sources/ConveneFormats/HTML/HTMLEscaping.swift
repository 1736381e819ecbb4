/// Escapes text and attribute values for HTML output.
enum HTMLEscaping {
    /// `&`, `<` and `>` as references; everything else as is.
    static func appendText(_ text: [UInt8], to out: inout [UInt8]) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B]) // &amp;
            case UInt8(ascii: "<"): out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B]) // &lt;
            case UInt8(ascii: ">"): out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B]) // &gt;
            default: out.append(byte)
            }
        }
    }

    /// For a double-quoted attribute value: also `"` and `'`.
    static func appendAttribute(_ value: String, to out: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: Array("&quot;".utf8))
            case UInt8(ascii: "'"): out.append(contentsOf: Array("&#39;".utf8))
            default: appendText([byte], to: &out)
            }
        }
    }
}
