// Files that are not CSV at all are refused at once, naming what they look like, instead of
// being read as one odd column of text: other text formats by how they begin (after any
// blank space), binary formats by their magic numbers. A NUL byte anywhere is refused later,
// by the parser, with its line.

enum CSVFormatSniffing {
    /// Why `head` (the start of the input, BOM removed) is not CSV, or nil when it may be.
    static func refusal(of head: ArraySlice<UInt8>, hadBOM: Bool) -> CSVError? {
        let bytes = Array(head)
        if !hadBOM, let name = binaryFormat(bytes) {
            return CSVError(line: 1, message: "this looks like \(name), not CSV")
        }
        var line = 1
        var start = 0
        var afterCR = false
        while start < bytes.count, [CSVByte.space, CSVByte.tab, CSVByte.cr, CSVByte.lf].contains(bytes[start]) {
            let byte = bytes[start]
            if byte == CSVByte.cr || (byte == CSVByte.lf && !afterCR) { line += 1 }
            afterCR = byte == CSVByte.cr
            start += 1
        }
        guard let name = textFormat(bytes[start...]) else { return nil }
        return CSVError(line: line, message: "this looks like \(name), not CSV")
    }

    private static func binaryFormat(_ bytes: [UInt8]) -> String? {
        let signatures: [([UInt8], String)] = [
            ([0xFF, 0xFE], "UTF-16 text (save it as CSV in UTF-8)"),
            ([0xFE, 0xFF], "UTF-16 text (save it as CSV in UTF-8)"),
            ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive, such as an .xlsx or .ods spreadsheet (save it as CSV)"),
            ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "an old Office file, such as an .xls spreadsheet (save it as CSV)"),
            (Array("%PDF-".utf8), "a PDF document"),
            ([0x1F, 0x8B], "a gzip-compressed file"),
        ]
        return signatures.first { bytes.starts(with: $0.0) }?.1
    }

    private static func textFormat(_ bytes: ArraySlice<UInt8>) -> String? {
        func begins(_ prefix: String) -> Bool {
            let expected = Array(prefix.utf8)
            guard bytes.count >= expected.count else { return false }
            return zip(bytes, expected).allSatisfy { lowercased($0) == $1 }
        }
        if begins("begin:vcard") { return "a vCard file" }
        if begins("begin:vcalendar") { return "an iCalendar file" }
        if begins("<?xml") || begins("<rss") || begins("<feed") || begins("<rdf:") { return "an XML document or feed" }
        if begins("<!doctype html") || begins("<html") { return "an HTML page" }
        if let first = bytes.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            // `{"`, `{}`, `[{`, `[[`, `["`, `[]`: JSON; a bare brace may still be a CSV field.
            let next = bytes.dropFirst().first { ![CSVByte.space, CSVByte.tab, CSVByte.cr, CSVByte.lf].contains($0) }
            let opensJSON: Set<UInt8> = first == UInt8(ascii: "{")
                ? [UInt8(ascii: "\""), UInt8(ascii: "}")]
                : [UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "]")]
            if let next, opensJSON.contains(next) { return "a JSON document" }
        }
        return nil
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
    }
}
