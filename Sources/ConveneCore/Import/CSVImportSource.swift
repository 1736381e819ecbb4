import ConveneFormats
import Foundation

/// Stakeholders from a CSV file: the first record is the header, each later one a row read
/// through the column mapping. Reads the file a chunk at a time, so memory stays flat.
public final class CSVImportSource: ImportSource {
    private let read: () throws -> [UInt8]?
    private var parser: CSVParser
    private let makeMapping: ([String]) throws -> ImportMapping
    private var mapping: ImportMapping?
    private var pending: [CSVRecord] = []
    private var start = 0
    private var finished = false
    public static let batchSize = 1000

    /// `chunks` gives the file's next bytes, or nil at its end; `mapping` turns the header
    /// into the column mapping (guessed, then the user's changes).
    public init(options: CSVOptions = .init(), mapping: @escaping ([String]) throws -> ImportMapping, chunks: @escaping () throws -> [UInt8]?) {
        self.read = chunks
        self.parser = CSVParser(options: options)
        self.makeMapping = mapping
    }

    /// The mapping in use, once the header has been read.
    public var currentMapping: ImportMapping? { mapping }

    func fill(_ wanted: Int) throws {
        while pending.count - start < wanted && !finished {
            do {
                if let chunk = try read() {
                    let got = try parser.feed(chunk)
                    if start > 0 { pending.removeFirst(start); start = 0 }
                    pending += got
                } else {
                    pending += try parser.finish()
                    finished = true
                }
            } catch let error as CSVError {
                throw ConveneError.invalid("file", "line \(error.line): \(error.message)")
            }
        }
    }

    func take() -> CSVRecord? {
        guard start < pending.count else { return nil }
        defer { start += 1 }
        return pending[start]
    }

    public func next() throws -> [ImportCandidate]? {
        if mapping == nil {
            try fill(1)
            guard let header = take() else {
                throw ConveneError.invalid("file", "the file is empty: expected a CSV file whose first line names the columns")
            }
            mapping = try makeMapping(header.fields.map { $0.trimmingCharacters(in: .whitespaces) })
        }
        guard let mapping else { return nil }
        try fill(Self.batchSize)
        var out: [ImportCandidate] = []
        while out.count < Self.batchSize, let record = take() {
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            out.append(mapping.candidate(record.fields, line: record.line))
        }
        if start >= pending.count { pending.removeAll(keepingCapacity: true); start = 0 }
        return out.isEmpty && finished ? nil : out
    }

    /// The header and the first rows of a file, for the mapping screen.
    public static func preview(_ bytes: [UInt8], rows: Int = 5, options: CSVOptions = .init()) throws -> (header: [String], sample: [[String]]) {
        var parser = CSVParser(options: options)
        var records: [CSVRecord]
        do {
            records = try parser.feed(bytes.prefix(1 << 20))
            if bytes.count <= 1 << 20 { records += try parser.finish() }
        } catch {
            throw ConveneError.invalid("file", "line \(error.line): \(error.message)")
        }
        guard let header = records.first else { throw ConveneError.invalid("file", "the file is empty: expected a CSV file whose first line names the columns") }
        return (header.fields.map { $0.trimmingCharacters(in: .whitespaces) }, records.dropFirst().prefix(rows).map(\.fields))
    }
}

/// Reads a file a chunk at a time (for the command line); nil at the end.
public final class FileChunks: @unchecked Sendable {
    // @unchecked: used by one import pass at a time.
    private let handle: FileHandle
    public init(path: String) throws {
        guard let h = FileHandle(forReadingAtPath: path) else { throw ConveneError.invalid("file", "cannot read \(path)") }
        handle = h
    }
    public func next() throws -> [UInt8]? {
        let data = try handle.read(upToCount: 1 << 16) ?? Data()
        return data.isEmpty ? nil : [UInt8](data)
    }
    deinit { try? handle.close() }
}
