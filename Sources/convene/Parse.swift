import ArgumentParser
import ConveneFormats
import Foundation

/// `convene parse`: read a file with Convene's own readers and say what was found, and how
/// fast. For checking a file before importing it, and for benchmarks.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read a CSV, vCard or iCalendar file and report what it holds (nothing is stored)."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case csv, vcard, ics }

    @Argument(help: "csv, vcard or ics.") var kind: Kind
    @Argument(help: "The file.") var file: String
    @Option(name: .customLong("repeat"), help: "Read it this many times (for timing).") var repeat_ = 1

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let bytes = [UInt8](data)
        var count = 0
        let started = Date()
        for _ in 0..<max(1, repeat_) {
            do {
                switch kind {
                case .csv: count = try CSV.parse(bytes).count
                case .vcard: count = try VCardReader.read(bytes).count
                case .ics: count = try ICalendarReader.read(bytes).events.count
                }
            } catch let error as CSVError { throw CLIError("\(file): \(error)") }
            catch let error as VCardError { throw CLIError("\(file): \(error)") }
            catch let error as ICalendarReaderError { throw CLIError("\(file): \(error)") }
        }
        let seconds = Date().timeIntervalSince(started) / Double(max(1, repeat_))
        let noun = kind == .csv ? "records" : kind == .vcard ? "cards" : "events"
        say("\(count) \(noun) in \(String(format: "%.4f s (%.1f MB/s)", seconds, Double(bytes.count) / 1_000_000 / max(seconds, 1e-9)))")
    }
}
