/// Whole-input CSV reading and writing; `CSVParser` is the streaming form.
public enum CSV {
    /// Every record of `bytes`.
    public static func parse(_ bytes: some Collection<UInt8>, options: CSVOptions = .init()) throws(CSVError) -> [CSVRecord] {
        var parser = CSVParser(options: options)
        var records = try parser.feed(bytes)
        records += try parser.finish()
        return records
    }

    /// Header-keyed rows (the first record is the header), for tests and small files. Blank
    /// lines are skipped; a repeated column name or a row whose field count differs from the
    /// header's is an error naming its line.
    public static func objects(_ bytes: some Collection<UInt8>, options: CSVOptions = .init()) throws(CSVError) -> [[String: String]] {
        let records = try parse(bytes, options: options)
        guard let header = records.first else { return [] }
        var seen: Set<String> = []
        for name in header.fields where !seen.insert(name).inserted {
            throw CSVError(line: header.line, message: "the header names the column \"\(name)\" twice")
        }
        var rows: [[String: String]] = []
        rows.reserveCapacity(records.count - 1)
        for record in records.dropFirst() where record.fields != [""] {
            guard record.fields.count == header.fields.count else {
                throw CSVError(
                    line: record.line,
                    message: "this row has \(record.fields.count) fields but the header (line \(header.line)) has \(header.fields.count)"
                )
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header.fields, record.fields)))
        }
        return rows
    }
}
