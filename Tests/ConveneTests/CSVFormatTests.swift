import ConveneFormats
import Foundation
import Testing

@Suite("CSV reader and writer")
struct CSVFormatTests {
    // MARK: Helpers

    static let corpora: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.deletingLastPathComponent().appendingPathComponent("shared/corpora/csv")
    }()

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func parse(_ input: [UInt8], _ options: CSVOptions = .init()) -> Result<[CSVRecord], CSVError> {
        Result { () throws(CSVError) in try CSV.parse(input, options: options) }
    }

    /// The input fed as the given chunks, then finished.
    static func parse(chunks: [ArraySlice<UInt8>], _ options: CSVOptions = .init()) -> Result<[CSVRecord], CSVError> {
        var parser = CSVParser(options: options)
        return Result { () throws(CSVError) in
            var records: [CSVRecord] = []
            for chunk in chunks { records += try parser.feed(chunk) }
            return records + (try parser.finish())
        }
    }

    static func fields(_ result: Result<[CSVRecord], CSVError>) throws -> [[String]] {
        try result.get().map(\.fields)
    }

    static func error(_ result: Result<[CSVRecord], CSVError>) -> CSVError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    /// Feeds `input` split in two at every offset, and one byte at a time; each must give
    /// exactly what the whole input gives, records (with lines) or error.
    static func expectSplitInvariant(_ input: [UInt8], _ options: CSVOptions = .init(), sourceLocation: SourceLocation = #_sourceLocation) {
        let whole = parse(input, options)
        for offset in 0...input.count {
            let split = parse(chunks: [input[..<offset], input[offset...]], options)
            if split != whole {
                Issue.record("split at \(offset) of \(String(decoding: input, as: UTF8.self).debugDescription): \(split) vs \(whole)", sourceLocation: sourceLocation)
                return
            }
        }
        let bytewise = parse(chunks: input.indices.map { input[$0...$0] }, options)
        #expect(bytewise == whole, "byte by byte", sourceLocation: sourceLocation)
    }

    /// A small deterministic generator, so the random round trip is the same on every run.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let trickyInputs: [[UInt8]] = [
        bytes("a,b,c\r\n1,\"x\r\ny\",3\r\n"),
        bytes("\u{FEFF}name;note\r\n\"Zoë; \"\"the\"\" one\";€ 5\r\n;\n\n"),
        bytes("k\tv\n\"t\tab\"\t😀ʤ\r\"\"\t\"\"\"\"\n"),
        bytes("one|two\n\"th|ree\" \t|x\n"),
        [0x6E, 0x61, 0x6D, 0x65, 0x0A, 0x52, 0x65, 0x6E, 0xE9, 0x0A, 0x93, 0x68, 0x69, 0x94, 0x0D, 0x0A], // Windows-1252
        bytes("a,b\n1,\"2\"x\n"),           // junk after a closing quote
        bytes("a,b\n1,\"2\n3,4\n"),          // never closed
        bytes("a,b\n1,2\n\u{0}"),            // NUL
        bytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
        bytes("\r\n\r\n\n\r,\r"),
        bytes("\u{FEFF}"),
        [0xEF, 0xBB],
        bytes((1...14).map { "r\($0);\"q;\($0)\"" }.joined(separator: "\r\n")), // detection ends mid-input
    ]

    // MARK: Real files

    @Test("csv-spectrum: every case reads to its expected header-keyed rows")
    func csvSpectrum() throws {
        let folder = Self.corpora.appendingPathComponent("csv-spectrum")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("csvs").path)
            .filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
        var checked = 0
        // location_coordinates is wrong upstream: its JSON is a single object rather than an
        // array of rows, and gives the phone number as 1234567890 where the CSV says 2095257564.
        for name in names where name != "location_coordinates" {
            var input = try [UInt8](Data(contentsOf: folder.appendingPathComponent("csvs/\(name).csv")))
            // Upstream's .gitattributes gives *_crlf.csv CRLF line ends (the expectations hold
            // "\r\n" inside quotes); a checkout that lost them gets them back here.
            if name.hasSuffix("_crlf"), !input.contains(0x0D) {
                input = input.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            }
            let json = try Data(contentsOf: folder.appendingPathComponent("json/\(name).json"))
            let expected = try #require(JSONSerialization.jsonObject(with: json) as? [[String: String]], "\(name)")
            #expect(try CSV.objects(input) == expected, "\(name)")
            Self.expectSplitInvariant(input)
            checked += 1
        }
        #expect(checked == 11)
    }

    @Test("PapaParse cases: same rows, or an error where PapaParse reports one")
    func papaParse() throws {
        let folder = Self.corpora.appendingPathComponent("papaparse/cases")
        var runs: [PapaParseRun] = []
        var skipped: [String: Int] = [:]
        for file in ["core_parser.json", "parse.json"] {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let cases = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            for testCase in cases {
                let run = try Self.runPapaParseCase(testCase)
                if case .skipped(let reason) = run { skipped[reason, default: 0] += 1 } else { runs.append(run) }
            }
        }
        let refused = runs.count { $0 == .refusedAsExpected }
        print("PapaParse: ran \(runs.count) (\(refused) refused as expected), skipped \(skipped.values.reduce(0, +)): \(skipped.sorted { $0.key < $1.key })")
        #expect(runs.count >= 100)
        #expect(refused >= 7)
    }

    enum PapaParseRun: Equatable { case skipped(String), sameRows, refusedAsExpected }

    /// Runs one case, or says why it cannot.
    static func runPapaParseCase(_ testCase: [String: Any]) throws -> PapaParseRun {
        let description = testCase["description"] as? String ?? "?"
        guard testCase["portable"] as? Bool == true, let input = testCase["input"] as? String,
              let expected = testCase["expected"] as? [String: Any] else { return .skipped("config holds JavaScript") }
        // PapaParse picks one newline style per file and reads the others as text; RFC 4180
        // readers, this one included, end records at CR, LF and CRLF alike.
        if description.hasPrefix("Mixed slash n and slash r") { return .skipped("one newline style per file") }
        // PapaParse prefers the delimiter giving the most fields on average; this parser
        // prefers one that splits the first (header) line the same way as the others.
        if description.hasPrefix("Pipe delimiter is guessed correctly choose avgFildCount") { return .skipped("delimiter guessed by most fields") }

        let config = testCase["config"] as? [String: Any] ?? [:]
        let honoured: Set = ["delimiter", "header", "newline", "quoteChar", "preview", "skipEmptyLines"]
        if let other = config.keys.sorted().first(where: { !honoured.contains($0) }) { return .skipped("mode \(other)") }
        var options = CSVOptions()
        if let delimiter = config["delimiter"] {
            guard let text = delimiter as? String, text.utf8.count == 1, let byte = text.utf8.first,
                  byte != 0x0A, byte != 0x0D else { return .skipped("delimiter that is not one byte") }
            options.delimiter = byte
        }
        if let quote = config["quoteChar"], quote as? String != "\"" { return .skipped("quote other than \"") }
        let isHeader = config["header"] as? Bool == true
        let preview = config["preview"] as? Int ?? 0
        let skipEmpty = config["skipEmptyLines"]
        var expectedData = expected["data"] as? [Any] ?? []
        if isHeader, expectedData.contains(where: { $0 is [Any] }) { return .skipped("renamed duplicate headers") }
        // PapaParse gives a last empty row after a final line break; RFC 4180 makes that
        // line break optional, and this parser gives no row for it.
        if input.hasSuffix("\n") || input.hasSuffix("\r"), let last = expectedData.last as? [String], last == [""] {
            expectedData.removeLast()
        }
        // UndetectableDelimiter is a warning: PapaParse falls back to a comma and still
        // returns rows, as this parser does.
        let errors = (expected["errors"] as? [[String: Any]] ?? []).filter { $0["code"] as? String != "UndetectableDelimiter" }

        let inputBytes = Array(input.utf8)
        let outcome: Result<[AnyHashable], CSVError>
        let expectedRows: [AnyHashable]?
        if isHeader {
            expectedRows = (expectedData as? [[String: String]]).map { $0.map(AnyHashable.init) }
            outcome = Result { () throws(CSVError) in
                let rows = try CSV.objects(inputBytes, options: options)
                return preview > 0 ? Array(rows.prefix(preview)) : rows
            }
        } else {
            expectedRows = (expectedData as? [[String]]).map { $0.map(AnyHashable.init) }
            outcome = Result { () throws(CSVError) in
                // skipEmptyLines and preview are applied to the records, as a caller would.
                var rows = try CSV.parse(inputBytes, options: options).map(\.fields)
                if skipEmpty as? Bool == true { rows.removeAll { $0 == [""] } }
                if skipEmpty as? String == "greedy" {
                    rows.removeAll { $0.joined().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
                }
                return preview > 0 ? Array(rows.prefix(preview)) : rows
            }
        }
        let expectsError = !errors.isEmpty
        switch outcome {
        case .failure(let error):
            #expect(expectsError, "\(description): unexpected \(error)")
        case .success(let rows):
            #expect(!expectsError, "\(description): PapaParse reports \(errors), this parser none")
            if !expectsError { #expect(rows == expectedRows, "\(description)") }
        }
        if let delimiter = (expected["meta"] as? [String: Any])?["delimiter"] as? String, options.delimiter == nil {
            var parser = CSVParser()
            _ = try? parser.feed(inputBytes)
            _ = try? parser.finish()
            #expect(parser.detectedDelimiter == delimiter.utf8.first, "\(description): delimiter")
        }
        expectSplitInvariant(inputBytes, options)
        return expectsError ? .refusedAsExpected : .sameRows
    }

    // MARK: Streaming

    @Test("every split point gives the same records or the same error")
    func splitPoints() {
        for input in Self.trickyInputs {
            Self.expectSplitInvariant(input)
            Self.expectSplitInvariant(input, CSVOptions(delimiter: UInt8(ascii: ","), encoding: .utf8))
        }
    }

    @Test("random bytes never crash the parser, and splitting them changes nothing")
    func randomBytes() {
        var random = SplitMix64(state: 1252)
        let alphabet: [UInt8] = Array("\",;\t|\r\n a1 ".utf8) + [0x00, 0x80, 0x93, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xEF, 0xBB, 0xBF, 0xFF]
        for round in 0..<3_000 {
            let input = (0..<Int.random(in: 0...90, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? 0 }
            let options = round.isMultiple(of: 2) ? CSVOptions() : CSVOptions(maxFieldBytes: 6, maxFields: 5)
            if round < 300 {
                Self.expectSplitInvariant(input, options)
                continue
            }
            let whole = Self.parse(input, options)
            let cut = Int.random(in: 0...input.count, using: &random)
            #expect(Self.parse(chunks: [input[..<cut], input[cut...]], options) == whole, "\(input) at \(cut)")
        }
    }

    @Test("detection that ends at the 64 KiB limit does not depend on chunking")
    func longHead() throws {
        let row = "\"a long, quoted, field\";2;3\n"
        let input = Self.bytes(String(repeating: "\"x\";\"y\";\"z\"\r", count: 3) + String(repeating: row, count: 4_000))
        let whole = Self.parse(input)
        #expect(try Self.fields(whole).count == 4_003)
        #expect(try Self.fields(whole)[5] == ["a long, quoted, field", "2", "3"])
        for offset in stride(from: 0, through: input.count, by: 997) + [65_535, 65_536, 65_537] {
            #expect(Self.parse(chunks: [input[..<offset], input[offset...]]) == whole, "split at \(offset)")
        }
        #expect(Self.parse(chunks: stride(from: 0, to: input.count, by: 4_096).map { input[$0..<min($0 + 4_096, input.count)] }) == whole)
    }

    @Test("records carry the line they start on; a blank last line is no record")
    func lines() throws {
        let records = try CSV.parse(Self.bytes("a,b\n\"x\ny\",2\r\n\r\n3,4\r\n"))
        #expect(records == [
            CSVRecord(fields: ["a", "b"], line: 1),
            CSVRecord(fields: ["x\ny", "2"], line: 2),
            CSVRecord(fields: [""], line: 4),
            CSVRecord(fields: ["3", "4"], line: 5),
        ])
        #expect(try CSV.parse(Self.bytes("a\rb\r")).map(\.fields) == [["a"], ["b"]])
        #expect(try CSV.parse(Self.bytes("a,")).map(\.fields) == [["a", ""]])
        #expect(try CSV.parse([UInt8]()).isEmpty)
    }

    @Test("memory stays bounded: an endless quoted field fails during feed, naming its line")
    func boundedField() throws {
        var parser = CSVParser(options: CSVOptions(delimiter: UInt8(ascii: ","), maxFieldBytes: 1 << 20))
        var thrown: CSVError?
        _ = try parser.feed(Self.bytes("a,b\n1,2\n3,\"open"))
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        for _ in 0..<100 where thrown == nil {
            do { _ = try parser.feed(chunk) } catch { thrown = error }
        }
        #expect(thrown?.line == 3)
        #expect(thrown?.description.contains("longer than 1048576 bytes") == true)
        #expect(throws: CSVError.self) { _ = try parser.feed(Self.bytes("more")) }
    }

    // MARK: Encodings

    @Test("Windows-1252 is decoded by the real code page, not as Latin-1")
    func windows1252() throws {
        let input: [UInt8] = [0x80, 0x2C, 0x91, 0x78, 0x92, 0x2C, 0x93, 0x79, 0x94, 0x2C, 0x96, 0x97, 0x85, 0x99, 0x2C, 0x43, 0x61, 0x66, 0xE9, 0x8A, 0x9F, 0x81]
        let options = CSVOptions(delimiter: UInt8(ascii: ","), encoding: .windows1252)
        #expect(try CSV.parse(input, options: options).map(\.fields) == [["€", "‘x’", "“y”", "–—…™", "CaféŠŸ\u{81}"]])
        // Detected: valid UTF-8 stays UTF-8, anything else is read as Windows-1252.
        var parser = CSVParser()
        let records = try parser.feed(Self.bytes("name\nJosé\n") + [0x52, 0x65, 0x6E, 0xE9, 0x0A]) + parser.finish()
        #expect(records.map(\.fields) == [["name"], ["José"], ["René"]])
        #expect(parser.detectedEncoding == .windows1252)
        #expect(try CSV.parse([0x52, 0xE9], options: CSVOptions(encoding: .utf8)).map(\.fields) == [["R\u{FFFD}"]])
    }

    @Test("a UTF-8 BOM is removed and means UTF-8")
    func byteOrderMark() throws {
        var parser = CSVParser()
        let records = try parser.feed(Self.bytes("\u{FEFF}id,name\n1,Zoë\n")) + parser.finish()
        #expect(records.map(\.fields) == [["id", "name"], ["1", "Zoë"]])
        #expect(parser.detectedEncoding == .utf8)
        #expect(try CSV.objects(Self.bytes("\u{FEFF}\"id\"\n7\n")) == [["id": "7"]])
    }

    // MARK: Detection

    @Test("the delimiter is detected among , ; tab and |, ignoring quoted text", arguments: [
        ("a;b;c\n1;2;3\n", ";"), ("a\tb\n1\t2", "\t"), ("a|b\n1|2", "|"), ("x,y\n1,2", ","),
        ("\"x,y,z\";b\n\"1,2,3\";4\n", ";"), ("name,comment\nBob,\"a;b;c;d\"\n", ","),
        ("Name;Preis;Menge\nApfel;1,50;3\nBirne;0,99;12\n", ";"), ("one field\nonly", ","),
    ])
    func delimiterDetection(input: String, expected: String) throws {
        var parser = CSVParser()
        _ = try parser.feed(Self.bytes(input))
        _ = try parser.finish()
        #expect(parser.detectedDelimiter == expected.utf8.first)
    }

    @Test("a given delimiter is used as given, and must be usable")
    func givenDelimiter() throws {
        let options = CSVOptions(delimiter: UInt8(ascii: ";"))
        #expect(try CSV.parse(Self.bytes("a,b;c\n"), options: options).map(\.fields) == [["a,b", "c"]])
        let refused = Self.error(Self.parse(Self.bytes("a,b"), CSVOptions(delimiter: UInt8(ascii: "\""))))
        #expect(refused?.line == 1)
    }

    // MARK: Errors

    @Test("broken quoting and binary bytes are errors naming the line", arguments: [
        ("a,b\n1,2\n\"never\nclosed\n", 3, "not closed before the end of the file"),
        ("a,b\n1,\"two\" 2\n", 2, "after a closing quote, but found \"2\""),
        ("a,b\n\"x\ny\"z,1\n", 3, "found \"z\""),
        ("a,b\n1,2\n3,4\n5,\u{0}\n", 4, "NUL byte"),
    ])
    func errorsWithLines(input: String, line: Int, words: String) {
        let error = Self.error(Self.parse(Self.bytes(input)))
        #expect(error?.line == line)
        #expect(error?.description.hasPrefix("line \(line): ") == true)
        #expect(error?.message.contains(words) == true, "\(String(describing: error))")
    }

    @Test("files in another format are refused at once, saying what they look like", arguments: [
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n", 1, "a vCard file"),
        ("\n\nbegin:vcalendar\nEND:VCALENDAR\n", 3, "an iCalendar file"),
        ("{\"rows\": [1, 2]}", 1, "a JSON document"),
        ("<?xml version=\"1.0\"?><rss/>", 1, "an XML document"),
        ("<!DOCTYPE html><html></html>", 1, "an HTML page"),
        ("PK\u{3}\u{4}\u{14}\u{0}", 1, "a ZIP archive"),
    ])
    func wrongFormats(input: String, line: Int, name: String) {
        let error = Self.error(Self.parse(Self.bytes(input)))
        #expect(error?.line == line)
        #expect(error?.message.hasPrefix("this looks like \(name)") == true, "\(String(describing: error))")
        #expect(error?.message.contains("not CSV") == true)
        #expect(Self.error(Self.parse([0xFF, 0xFE, 0x61, 0x00]))?.message.contains("UTF-16") == true)
    }

    @Test("field and record limits are errors naming the line")
    func limits() throws {
        let options = CSVOptions(delimiter: UInt8(ascii: ","), maxFieldBytes: 10, maxFields: 3)
        #expect(try Self.fields(Self.parse(Self.bytes("a,b,c\n0123456789,\"0123456789\"\n"), options)) == [["a", "b", "c"], ["0123456789", "0123456789"]])
        #expect(Self.error(Self.parse(Self.bytes("a\n\n01234567890\n"), options))?.line == 3)
        #expect(Self.error(Self.parse(Self.bytes("a\n\"x\n\"\"0123456789\""), options))?.line == 2)
        let tooMany = Self.error(Self.parse(Self.bytes("a,b,c\n1,2,3\n1,2,3,4\n"), options))
        #expect(tooMany?.line == 3)
        #expect(tooMany?.message.contains("more than 3 fields") == true)
    }

    @Test("header-keyed rows refuse ragged rows and repeated names")
    func objects() throws {
        #expect(try CSV.objects(Self.bytes("a,b\n1,2\n\n3,4\n")) == [["a": "1", "b": "2"], ["a": "3", "b": "4"]])
        #expect(throws: CSVError(line: 3, message: "this row has 1 fields but the header (line 1) has 2")) {
            try CSV.objects(Self.bytes("a,b\n1,2\n3\n"))
        }
        #expect(throws: CSVError.self) { try CSV.objects(Self.bytes("a,a\n1,2\n")) }
    }

    // MARK: Writing

    @Test("writing quotes only what needs it and ends every row in CRLF")
    func writing() throws {
        let text = CSV.write([["id", "note, with comma", "say \"hi\"", "two\nlines", ""], [""], ["\u{FEFF}x"]])
        #expect(text == "id,\"note, with comma\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n\"\"\r\n\"\u{FEFF}x\"\r\n")
        #expect(CSV.write([["a;b", "c,d"]], delimiter: ";") == "\"a;b\";c,d\r\n")
        #expect(CSV.write([["a\tb", "c"]], delimiter: "\t") == "\"a\tb\"\tc\r\n")
    }

    @Test("spreadsheet-safe fields cannot run as formulas", arguments: [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\r=1", "'\r=1"),
        ("-12.5", "-12.5"), ("+7", "+7"), ("-1e-3", "-1e-3"), ("-.5", "-.5"), ("-", "'-"),
        ("plain", "plain"), ("", ""), ("a=b", "a=b"),
    ])
    func spreadsheetSafe(field: String, expected: String) {
        #expect(CSV.spreadsheetSafe(field) == expected)
    }

    @Test("written rows read back unchanged: 1,000 random rows, three delimiters")
    func roundTrip() throws {
        var random = SplitMix64(state: 4180)
        let pieces = ["a", "Z", "7", " ", ",", ";", "\t", "|", "\"", "\"\"", "\r", "\n", "\r\n", "é", "€", "ʤ", "😀", "\u{FEFF}", "=", "-"]
        let rows: [[String]] = (0..<1_000).map { _ in
            (0..<Int.random(in: 1...8, using: &random)).map { _ in
                (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            }
        }
        for delimiter in [",", ";", "\t"] {
            let text = Array(CSV.write(rows, delimiter: Character(delimiter)).utf8)
            let options = CSVOptions(delimiter: delimiter.utf8.first)
            #expect(try CSV.parse(text, options: options).map(\.fields) == rows, "delimiter \(delimiter.debugDescription)")
            let chunks = stride(from: 0, to: text.count, by: 7).map { text[$0..<min($0 + 7, text.count)] }
            #expect(try Self.fields(Self.parse(chunks: chunks, options)) == rows)
        }
    }
}
