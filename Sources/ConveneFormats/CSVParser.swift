// A push parser for CSV (RFC 4180, read leniently where files in the wild need it).
//
// Choices, and why:
// - CR, LF and CRLF all end a record outside quotes; inside quotes they are kept as written.
//   A line with nothing on it is a record of one empty field, except after the last line
//   break, where it is no record at all (RFC 4180 makes that final line break optional).
// - A quote inside an unquoted field is kept as a character (as Python's csv does), since
//   spreadsheets write `5" pipe` that way. After a closing quote only spaces or tabs (which
//   are dropped) may come before the delimiter or line break: anything else means the quotes
//   are broken, and guessing would silently shift every later column, so it is an error.
// - The start of the input is held back until the BOM, the format and the delimiter can be
//   judged from it (see CSVHead.swift); after that, nothing is kept but the current record
//   and a field cut by a chunk boundary, both bounded by `maxFields` and `maxFieldBytes`.
// - After an error the parser keeps failing with it; after `finish` it refuses more input.

/// Reads CSV from chunks of bytes as they arrive and returns the records completed so far.
public struct CSVParser: Sendable {
    enum Phase: Sendable { case head, body, finished, failed(CSVError) }
    enum FieldState: Sendable { case start, unquoted, quoted, quoteSeen, afterQuote }

    let options: CSVOptions
    var phase = Phase.head
    var head: [UInt8] = []
    var headScan: CSVHeadScan
    var delimiter: UInt8
    var decoding: CSVFieldDecoding
    var sawBOM = false
    var sawWindows1252 = false

    var state = FieldState.start
    /// The previous chunk ended with a CR; an LF starting this chunk completes its CRLF.
    var pendingCR = false
    /// The bytes of the current field, when it spans chunks or holds doubled quotes.
    var fieldBytes: [UInt8] = []
    var fields: [String] = []
    var line = 1
    var recordLine = 1
    var fieldLine = 1

    public init(options: CSVOptions = .init()) {
        self.options = options
        headScan = CSVHeadScan(detectsDelimiter: options.delimiter == nil)
        delimiter = options.delimiter ?? UInt8(ascii: ",")
        switch options.encoding {
        case .utf8: decoding = .utf8
        case .windows1252: decoding = .windows1252
        case nil: decoding = .detect
        }
    }

    /// The delimiter in use: the one given, or the one detected once enough input has arrived.
    public var detectedDelimiter: UInt8? {
        if let given = options.delimiter { return given }
        if case .head = phase { return nil }
        return delimiter
    }

    /// The encoding in use: the one given; UTF-8 after a BOM; otherwise Windows-1252 once a
    /// field was not valid UTF-8, and UTF-8 until then (nil before any input was read).
    public var detectedEncoding: CSVEncoding? {
        if let given = options.encoding { return given }
        if sawWindows1252 { return .windows1252 }
        if case .head = phase { return nil }
        return .utf8
    }

    /// Reads the next chunk; returns the records it completed.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(CSVError) -> [CSVRecord] {
        let result = bytes.withContiguousStorageIfAvailable { buffer in feedCatching(buffer) }
            ?? Array(bytes).withUnsafeBufferPointer { buffer in feedCatching(buffer) }
        return try result.get()
    }

    /// Ends the input; returns the last record, or the error that the end of input reveals.
    public mutating func finish() throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        do throws(CSVError) {
            switch phase {
            case .failed(let error): throw error
            case .finished: throw alreadyFinished()
            case .head: try judgeHead(isWholeInput: true, into: &records)
            case .body: break
            }
            pendingCR = false
            try endInput(into: &records)
            phase = .finished
        } catch {
            phase = .failed(error)
            throw error
        }
        return records
    }

    private mutating func feedCatching(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<[CSVRecord], CSVError> {
        var records: [CSVRecord] = []
        do throws(CSVError) {
            try feedBuffer(buffer, into: &records)
            return .success(records)
        } catch {
            phase = .failed(error)
            return .failure(error)
        }
    }

    private mutating func feedBuffer(_ buffer: UnsafeBufferPointer<UInt8>, into records: inout [CSVRecord]) throws(CSVError) {
        var rest = buffer
        switch phase {
        case .failed(let error): throw error
        case .finished: throw alreadyFinished()
        case .body: break
        case .head:
            let (taken, isComplete) = headScan.absorb(buffer)
            head.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<taken]))
            guard isComplete else { return }
            try judgeHead(isWholeInput: false, into: &records)
            rest = UnsafeBufferPointer(rebasing: buffer[taken...])
        }
        try consume(rest, into: &records)
    }

    /// Removes the BOM, refuses other formats, settles the delimiter, then parses the head.
    private mutating func judgeHead(isWholeInput: Bool, into records: inout [CSVRecord]) throws(CSVError) {
        if let given = options.delimiter, given == 0 || given >= 0x80 || given == CSVByte.quote
            || given == CSVByte.cr || given == CSVByte.lf {
            throw CSVError(line: 1, message: "the delimiter must be one ASCII character other than a quote or a line break")
        }
        let bytes = head
        head = []
        var body = bytes[...]
        if body.starts(with: CSVByte.bom) {
            body = body.dropFirst(CSVByte.bom.count)
            sawBOM = true
            if options.encoding == nil { decoding = .utf8 }
        }
        if let refusal = CSVFormatSniffing.refusal(of: body.prefix(CSVHeadScan.sniffLength), hadBOM: sawBOM) {
            throw refusal
        }
        if options.delimiter == nil {
            delimiter = CSVDelimiterDetection.detect(in: body, isWholeInput: isWholeInput)
        }
        phase = .body
        try body.withUnsafeBufferPointer { buffer throws(CSVError) in try consume(buffer, into: &records) }
    }

    private func alreadyFinished() -> CSVError {
        CSVError(line: line, message: "the input was already finished; use a new CSVParser for another file")
    }
}
