/// How a `CSVParser` reads its input: delimiter, text encoding and size limits.
public struct CSVOptions: Sendable {
    /// The byte between fields; `nil` detects it among `,` `;` tab and `|` from the first lines.
    public var delimiter: UInt8?
    /// The text encoding; `nil` detects it (a BOM means UTF-8; otherwise each field is read
    /// as UTF-8 when it is valid UTF-8 and as Windows-1252 when it is not).
    public var encoding: CSVEncoding?
    /// The longest field accepted, in bytes as they appear in the file (quotes excluded).
    public var maxFieldBytes: Int
    /// The most fields accepted in one record.
    public var maxFields: Int

    public init(
        delimiter: UInt8? = nil, encoding: CSVEncoding? = nil, maxFieldBytes: Int = 1 << 20, maxFields: Int = 10_000
    ) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.maxFieldBytes = maxFieldBytes
        self.maxFields = maxFields
    }
}

/// The text encodings a CSV file may be written in.
public enum CSVEncoding: Sendable, Equatable {
    case utf8
    /// The Windows code page 1252 (not Latin-1: 0x80–0x9F are € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
    case windows1252
}

/// One record of a CSV file: its fields and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// The 1-based line where the record starts (a quoted field may carry it over several lines).
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// Why a CSV input was refused, and the 1-based line where it went wrong.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// For example `line 7: a quoted field is not closed before the end of the file`.
    public var description: String { "line \(line): \(message)" }
}
