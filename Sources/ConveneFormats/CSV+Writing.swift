// Writing CSV as RFC 4180 has it: CRLF after every row, and a field in double quotes (its
// quotes doubled) when it holds the delimiter, a quote, a CR or an LF. Also quoted: a field
// starting with U+FEFF, which a reader would take for a BOM at the start of the file, and a
// row of one empty field, which would otherwise be a blank line that many readers skip.

extension CSV {
    /// `rows` as CSV text with CRLF line ends, quoting only the fields that need it.
    public static func write(_ rows: [[String]], delimiter: Character = ",") -> String {
        let separator = Array(String(delimiter).utf8)
        var out: [UInt8] = []
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { out += separator }
                let bytes = Array(field.utf8)
                if needsQuotes(bytes, separator: separator) || (row.count == 1 && bytes.isEmpty) {
                    out.append(CSVByte.quote)
                    for byte in bytes {
                        if byte == CSVByte.quote { out.append(CSVByte.quote) }
                        out.append(byte)
                    }
                    out.append(CSVByte.quote)
                } else {
                    out += bytes
                }
            }
            out += [CSVByte.cr, CSVByte.lf]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A field made safe for spreadsheets (CSV injection): one that starts with `=` `+` `-`
    /// `@`, a tab or a CR, and is not a plain number such as `-12.5`, gets a leading
    /// apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of
    /// running it as a formula.
    public static func spreadsheetSafe(_ field: String) -> String {
        guard let first = field.utf8.first else { return field }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), CSVByte.tab, CSVByte.cr:
            return "'" + field
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return isPlainNumber(field.utf8.dropFirst()) ? field : "'" + field
        default:
            return field
        }
    }

    private static func needsQuotes(_ bytes: [UInt8], separator: [UInt8]) -> Bool {
        if bytes.starts(with: CSVByte.bom) { return true }
        if bytes.contains(where: { $0 == CSVByte.quote || $0 == CSVByte.cr || $0 == CSVByte.lf }) { return true }
        guard let head = separator.first else { return false }
        if separator.count == 1 { return bytes.contains(head) }
        return bytes.indices.contains { bytes[$0...].starts(with: separator) }
    }

    /// Digits with at most one decimal point, then an optional exponent: `12`, `3.`, `.5`, `1e-3`.
    private static func isPlainNumber(_ bytes: Substring.UTF8View) -> Bool {
        var digits = 0
        var sawPoint = false
        var rest = bytes[...]
        while let byte = rest.first {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits += 1
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            rest = rest.dropFirst()
        }
        guard digits > 0 else { return false }
        guard let marker = rest.first else { return true }
        guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { return false }
        rest = rest.dropFirst()
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
