import ArgumentParser
import ConveneFormats
import Foundation

/// `convene feed`: Convene's feed reader on files, without a database.
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "feed", abstract: "Read feed files with Convene's reader (nothing is stored).",
                                                    subcommands: [FeedParseCommand.self, FeedBenchCommand.self])
}

/// `convene feed parse FILE… [--json]`: what Convene read, per file.
struct FeedParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read RSS, Atom or JSON Feed files and print what was read.",
        discussion: "With --json, one JSON document per file and line, in Python feedparser's result shape (bozo, version, feed, entries; *_parsed as nine integers)."
    )

    @Argument(help: "The files.") var files: [String]
    @Flag(help: "Print feedparser-shaped JSON, one line per file.") var json = false
    @Flag(help: "With --json: add _elapsed_ms, the time the reading took.") var time = false

    func run() async throws {
        let out = FileHandle.standardOutput
        var failed = false
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                if json { out.write(Data(Self.errorLine("cannot read \(path)", elapsed: nil))) } else { say("\(path): cannot read the file") }
                failed = true
                continue
            }
            let bytes = [UInt8](data)
            let started = Date()
            do {
                let document = try FeedReader.read(bytes)
                let elapsed = Int(Date().timeIntervalSince(started) * 1000)
                if json {
                    var line = document.feedparserJSON()
                    if time, line.count > 1 { line.insert(contentsOf: Array("\"_elapsed_ms\":\(elapsed),".utf8), at: 1) }
                    line.append(10)
                    out.write(Data(line))
                } else {
                    let problem = document.problem.map { "; read in spite of: \($0)" } ?? ""
                    say("\(path): \(document.version.isEmpty ? "unknown format" : document.version), \(document.items.count) item\(document.items.count == 1 ? "" : "s"), \"\(document.title ?? "")\"\(problem)")
                }
            } catch {
                failed = true
                if json { out.write(Data(Self.errorLine(error.description, elapsed: time ? Int(Date().timeIntervalSince(started) * 1000) : nil))) }
                else { say("\(path): not a feed: \(error.description)") }
            }
        }
        if failed && !json { throw ExitCode(1) }
    }

    /// A feedparser-shaped answer for bytes that are no feed at all: bozo, with the reason.
    static func errorLine(_ message: String, elapsed: Int?) -> [UInt8] {
        let text = String(decoding: (try? JSONEncoder().encode(message)) ?? Data("\"error\"".utf8), as: UTF8.self)
        let timing = elapsed.map { "\"_elapsed_ms\":\($0)," } ?? ""
        return Array("{\(timing)\"bozo\":true,\"bozo_exception\":\(text),\"error\":\(text),\"version\":\"\",\"encoding\":\"\",\"feed\":{},\"entries\":[]}\n".utf8)
    }
}

/// `convene feed bench FILE…`: reading throughput, for the benchmark.
struct FeedBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Read the files repeatedly and print MB/s and items/s.")

    @Argument(help: "The files.") var files: [String]
    @Option(name: .customLong("repeat"), help: "Read them this many times.") var repeat_ = 1

    func run() async throws {
        let contents = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        let bytes = contents.reduce(0) { $0 + $1.count } * max(1, repeat_)
        var items = 0
        let started = Date()
        for _ in 0..<max(1, repeat_) {
            for c in contents { items += (try? FeedReader.read(c).items.count) ?? 0 }
        }
        let seconds = max(Date().timeIntervalSince(started), 1e-9)
        say(String(format: "%d files x%d: %.1f MB, %d items in %.3f s: %.1f MB/s, %.0f items/s", contents.count, max(1, repeat_), Double(bytes) / 1e6, items,
                   seconds, Double(bytes) / 1e6 / seconds, Double(items) / seconds))
    }
}
