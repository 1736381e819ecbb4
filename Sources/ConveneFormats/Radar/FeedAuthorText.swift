import Foundation

/// Splits free-text authors such as "Jane Doe (jane@example.com)" into name and e-mail address.
enum FeedAuthorText {
    static func split(_ text: String) -> (name: String, email: String?) {
        let bytes = Array(text.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return (text.trimmingFeedWhitespace(), nil) }
        var start = at
        while start > 0, isLocalByte(bytes[start - 1]) { start -= 1 }
        var end = at + 1
        while end < bytes.count, isDomainByte(bytes[end]) { end += 1 }
        while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        guard start < at, end > at + 1, bytes[(at + 1)..<end].contains(UInt8(ascii: ".")) else {
            return (text.trimmingFeedWhitespace(), nil)
        }
        let email = String(decoding: bytes[start..<end], as: UTF8.self)
        var name = String(decoding: bytes[..<start] + bytes[end...], as: UTF8.self)
        for junk in ["()", "<>", "&lt;&gt;"] { name = name.replacingOccurrences(of: junk, with: "") }
        name = name.trimmingFeedWhitespace()
        if name.hasPrefix("(") { name.removeFirst() }
        if name.hasSuffix(")") { name.removeLast() }
        return (name.trimmingFeedWhitespace(), email)
    }

    private static func isLocalByte(_ byte: UInt8) -> Bool {
        FeedMarkup.isWordByte(byte) && byte < 0x80 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        (FeedMarkup.isWordByte(byte) && byte < 0x80 && byte != UInt8(ascii: "_")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}
