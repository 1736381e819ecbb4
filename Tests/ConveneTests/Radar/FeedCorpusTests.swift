import Foundation
import Testing

/// Convene's feed reader on feedparser's own test suite (`../shared/corpora/feeds/feedparser`),
/// through `convene feed parse --json` as a user would run it: each file's `Expect:` line,
/// evaluated in Python on Convene's feedparser-shaped output, and every file of the suite read
/// without a crash, a hang, or a silent failure.
@Suite("Feed reader against feedparser's suite", .serialized)
struct FeedCorpusTests {
    static let script: String = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("scripts/feed-expectations.py").path
    }()

    static func python(_ args: [String]) throws -> CLITests.Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLITests.Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test("at least 95% of the 486 core files meet their Expect line")
    func core() throws {
        let r = try Self.python(["--cmd", "\(CLITests.binary.path) feed parse --json", "--category", "core", "--min-rate", "0.95", "-v"])
        print(r.stdout.split(separator: "\n").prefix(2).joined(separator: "\n"))
        #expect(r.status == 0, "\(r.stdout.prefix(6000))\n\(r.stderr.prefix(2000))")
        #expect(r.stdout.contains("of 486"), "\(r.stdout.prefix(300))")
    }

    @Test("all 2,107 files are read without a crash or a hang, and no ill-formed one in silence")
    func everything() throws {
        let r = try Self.python(["--cmd", "\(CLITests.binary.path) feed parse --json --time", "--all", "--max-ms", "2000"])
        print(r.stdout.split(separator: "\n").first ?? "")
        #expect(r.status == 0, "\(r.stdout.prefix(6000))\n\(r.stderr.prefix(2000))")
        #expect(r.stdout.contains("2107 files"), "\(r.stdout.prefix(300))")
    }

    @Test("convene ingest reads a file into a database; convene report briefing prints the week")
    func ingestAndBriefing() throws {
        let db = try CLITests.tempDB()
        let dir = URL(fileURLWithPath: db).deletingLastPathComponent()
        let feed = dir.appendingPathComponent("board.xml")
        try Data("""
            <?xml version="1.0"?><rss version="2.0"><channel><title>Board news</title>
            <item><guid>n1</guid><title>Attendance plan adopted</title><link>https://board.example.org/n1</link><pubDate>Tue, 17 Nov 2026 18:00:00 GMT</pubDate>
            <description>The plan targets chronic absenteeism.</description></item></channel></rss>
            """.utf8).write(to: feed)
        let ingest = try CLITests.run(["ingest", feed.path, "--database", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("RSS: 1 new item"), "\(ingest.stdout)")
        let again = try CLITests.run(["ingest", feed.path, "--database", db])
        #expect(again.stdout.contains("0 new items, 1 already known"), "\(again.stdout)")
        let html = dir.appendingPathComponent("page.html")
        try Data("<!doctype html><html><body>hello</body></html>".utf8).write(to: html)
        let refused = try CLITests.run(["ingest", html.path, "--database", db])
        #expect(refused.status != 0 && refused.stderr.contains("HTML page"), "\(refused.stderr)")

        let md = try CLITests.run(["report", "briefing", "--week", "2026-W47", "--format", "md", "--time-zone", "America/Chicago", "--database", db])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.contains("# Issue radar briefing, 2026-W47"))
        let bad = try CLITests.run(["report", "briefing", "--week", "W47", "--database", db])
        #expect(bad.status != 0 && bad.stderr.contains("ISO week"), "\(bad.stderr)")
        let json = try CLITests.run(["feed", "parse", "--json", feed.path])
        #expect(json.stdout.contains("\"version\":\"rss20\""), "\(json.stdout.prefix(300))")
    }
}
