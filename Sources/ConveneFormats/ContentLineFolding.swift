/// Content-line folding as iCalendar (RFC 5545 3.1) and vCard (RFC 6350 3.2) both have it:
/// lines of at most 75 octets, a continuation starting with one space (which counts), a fold
/// only before the first byte of a UTF-8 sequence, never inside one, and CRLF at the end.
enum ContentLineFolding {
    static func append(_ line: String, to bytes: inout [UInt8]) {
        let limit = 75
        var used = 0
        for byte in line.utf8 {
            if byte & 0xC0 != 0x80 {
                let width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                if used + width > limit {
                    bytes.append(contentsOf: [0x0D, 0x0A, 0x20])
                    used = 1
                }
                used += width
            }
            bytes.append(byte)
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
