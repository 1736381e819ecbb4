extension HTMLText {
    /// Plain text as HTML: `&`, `<`, `>`, `"` and `'` written as references.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        HTMLEscaping.appendAttribute(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
