import ArgumentParser
import ConveneCore
import ConveneFormats
import Foundation

/// `convene import`: stakeholders from CSV or vCard, events from iCalendar.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring records in from files: stakeholders (CSV or vCard), events (iCalendar).",
        subcommands: [ImportStakeholders.self, ImportEvents.self]
    )
}

extension ImportPolicy: ExpressibleByArgument {}

struct ImportStakeholders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stakeholders",
        abstract: "Import stakeholders from a CSV file (first line: column names) or a vCard file.",
        discussion: """
            Columns are matched to fields from their names ("First Name", "E-mail", "Zip"…); --mapping changes \
            any of them: 'Header=field,Other header=ignore' or a JSON file {"Header": "field"}. Rows that match a \
            record already in the registry (same email or phone, or a very similar name at the same organization) \
            follow --policy. The import is all or nothing: if any row is rejected nothing is written, unless \
            --skip-invalid says to write the others. --dry-run shows what would happen, row by row.
            """
    )

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The file to read (.csv, .tsv, .txt or .vcf).") var file: String
    @Option(help: "Column mapping changes: 'Header=field,…' or a JSON file.") var mapping: String?
    @Option(help: "For rows that match an existing record: skip, update or create.") var policy: ImportPolicy = .update
    @Flag(help: "Check and report, write nothing.") var dryRun = false
    @Flag(help: "Write the good rows even if some are rejected.") var skipInvalid = false
    @Option(help: "The column separator, if not detected: ',', ';' or 'tab'.") var delimiter: String?
    @Option(help: "Print at most this many rows of the report (every rejected row is always printed).") var show = 20

    func run() async throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw CLIError("cannot read \(file)") }
        let store = try await db.open()
        var options = CSVOptions()
        if let d = delimiter {
            switch d {
            case ",": options.delimiter = UInt8(ascii: ",")
            case ";": options.delimiter = UInt8(ascii: ";")
            case "tab", "\\t", "\t": options.delimiter = UInt8(ascii: "\t")
            default: throw CLIError("--delimiter must be ',', ';' or 'tab'")
            }
        }
        var overrides: String?
        if let m = mapping {
            overrides = FileManager.default.fileExists(atPath: m) ? try String(contentsOfFile: m, encoding: .utf8) : m
        }
        let path = file
        let makeSource: () throws -> any ImportSource = {
            let chunks = try FileChunks(path: path)
            if path.lowercased().hasSuffix(".vcf") || path.lowercased().hasSuffix(".vcard") {
                return try VCardImportSource(chunks: { try chunks.next() })
            }
            return CSVImportSource(options: options, mapping: { header in
                let guessed = ImportMapping.guess(header: header)
                return try overrides.map { try guessed.overriding(with: $0) } ?? guessed
            }, chunks: { try chunks.next() })
        }
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) != 0)
        let started = Date()
        let report: ImportReport
        do {
            report = try await StakeholderImporter(store: store).run(makeSource, options: .init(policy: policy, dryRun: dryRun, skipInvalid: skipInvalid),
                                                                     actor: Actor(userId: nil, label: "import \(URL(fileURLWithPath: file).lastPathComponent)"),
                                                                     progress: { pass, rows in bar.update(pass: pass, rows: rows) })
        } catch let error as ConveneError {
            bar.done()
            throw CLIError(error.description)
        }
        bar.done()
        say(ImportReportText.render(report, show: show, seconds: Date().timeIntervalSince(started)))
        if report.rejected > 0 && !report.applied && !dryRun { throw ExitCode(2) }
    }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second; silent
/// when standard error is not a terminal.
final class ProgressBar: @unchecked Sendable {
    // @unchecked: `last` is only touched under `lock`.
    private let enabled: Bool
    private let lock = NSLock()
    private var last = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func update(pass: Int, rows: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        let word = pass == 1 ? "checking" : "writing "
        FileHandle.standardError.write(Data("\r\(word) \(rows) rows…\u{1B}[K".utf8))
    }

    func done() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

enum ImportReportText {
    static func render(_ r: ImportReport, show: Int, seconds: Double) -> String {
        var lines: [String] = []
        let verb = r.applied ? "Imported" : r.dryRun ? "Dry run (nothing written)" : "Nothing written"
        let counts = ImportAction.allCases.map { "\(r.counts[$0] ?? 0) \(label($0))" }.joined(separator: ", ")
        lines.append("\(verb): \(counts) (\(r.total) rows, \(String(format: "%.1f", seconds)) s).")
        if !r.organizationsCreated.isEmpty {
            lines.append("Organizations \(r.applied ? "created" : "to create"): \(r.organizationsCreated.prefix(20).joined(separator: ", "))\(r.organizationsCreated.count > 20 ? ", …" : "")")
        }
        if r.rejected > 0 && !r.applied && !r.dryRun {
            lines.append("\(r.rejected) row\(r.rejected == 1 ? " was" : "s were") rejected, so nothing was written. Fix them, or run again with --skip-invalid to write the others.")
        }
        var shown = 0
        for row in r.rows.sorted(by: { $0.line < $1.line }) where row.action == .reject || shown < show {
            if row.action != .reject { shown += 1 }
            let why = row.reasons.isEmpty ? "" : " — " + row.reasons.joined(separator: "; ")
            lines.append("  line \(row.line): \(label(row.action)) \(row.name)\(why)")
        }
        return lines.joined(separator: "\n")
    }

    static func label(_ a: ImportAction) -> String {
        switch a {
        case .create: "new"
        case .update: "updated"
        case .merge: "merged with an earlier row"
        case .skip: "skipped"
        case .reject: "rejected"
        }
    }
}

struct ImportEvents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Import events from an iCalendar (.ics) file: each event, and each occurrence of a recurring one from a year ago to two years ahead.",
        discussion: "Importing the same calendar again updates the events it made (matched by UID). All or nothing, like the stakeholder import."
    )

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The .ics file.") var file: String
    @Flag(help: "Check and report, write nothing.") var dryRun = false
    @Flag(help: "Write the good events even if some are rejected.") var skipInvalid = false
    @Option(help: "The zone for floating and all-day times when the file names none (default: the system's).") var timeZone: String?

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        guard data.count <= 200 << 20 else { throw CLIError("\(file) is larger than 200 MiB") }
        let zone: TimeZone
        if let name = timeZone ?? ProcessInfo.processInfo.environment["CONVENE_TIME_ZONE"] {
            guard let z = TimeZone(identifier: name) else { throw CLIError("\"\(name)\" is not a time zone") }
            zone = z
        } else { zone = .current }
        let store = try await db.open()
        let report: EventImportReport
        do {
            report = try await EventImporter(engagement: Engagement(store: store)).run([UInt8](data), dryRun: dryRun, skipInvalid: skipInvalid, districtZone: zone,
                                                                                   actor: Actor(userId: nil, label: "import \(URL(fileURLWithPath: file).lastPathComponent)"))
        } catch let error as ConveneError {
            throw CLIError(error.description)
        }
        let verb = report.applied ? "Imported" : dryRun ? "Dry run (nothing written)" : "Nothing written"
        var lines = ["\(verb): \(ImportAction.allCases.map { "\(report.count($0)) \(ImportReportText.label($0))" }.joined(separator: ", "))."]
        if report.count(.reject) > 0 && !report.applied && !dryRun {
            lines.append("Some events were rejected, so nothing was written. Fix them, or run again with --skip-invalid.")
        }
        for row in report.rows where row.action == .reject || lines.count < 25 {
            lines.append("  line \(row.line): \(ImportReportText.label(row.action)) \(row.title)\(row.reasons.isEmpty ? "" : " — " + row.reasons.joined(separator: "; "))")
        }
        say(lines.joined(separator: "\n"))
        if report.count(.reject) > 0 && !report.applied && !dryRun { throw ExitCode(2) }
    }
}
