import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The `convene` executable, run as a user would run it.
@Suite("Command line", .serialized)
struct CLITests {
    static var binary: URL {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent(".build/debug/convene")
    }

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> Output {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { _, new in new }
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDB() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("cli.sqlite").path
    }

    @Test("users and tokens from the command line; the password comes from standard input")
    func usersAndTokens() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the executable first (scripts/test does)")
        let db = try Self.tempDB()
        let made = try Self.run(["user", "create", "--database", db, "--email", "Lead@Example.org", "--role", "admin", "--bcrypt-cost", "4"], stdin: "a long password here\n")
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("Created admin lead@example.org"))
        let short = try Self.run(["user", "create", "--database", db, "--email", "b@example.org", "--role", "staff"], stdin: "short\n")
        #expect(short.status != 0)
        #expect(short.stderr.contains("password: must be at least 10 characters"))
        let list = try Self.run(["user", "list", "--database", db])
        #expect(list.stdout.contains("admin") && list.stdout.contains("lead@example.org"))
        let token = try Self.run(["token", "create", "--database", db, "--email", "lead@example.org", "--name", "ci"])
        #expect(token.status == 0)
        #expect(token.stdout.hasPrefix("cvn_"))
        let tokens = try Self.run(["token", "list", "--database", db])
        #expect(tokens.stdout.contains("ci") && tokens.stdout.contains("active"))
        #expect(!tokens.stdout.contains(token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "the secret is never listed")
        let demote = try Self.run(["user", "set-role", "--database", db, "--email", "lead@example.org", "--role", "viewer"])
        #expect(demote.status != 0)
        #expect(demote.stderr.contains("last active admin"))
    }

    @Test("a bad database gives one clear line and a non-zero exit")
    func badDatabase() throws {
        let notADatabase = try Self.tempDB()
        try Data("this is not sqlite".utf8).write(to: URL(fileURLWithPath: notADatabase))
        let r = try Self.run(["user", "list", "--database", notADatabase])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot open the database at \(notADatabase)"))
        #expect(r.stderr.split(separator: "\n").count <= 2)
        let badInterval = try Self.run(["serve", "--database", try Self.tempDB(), "--port", "0"], env: ["CONVENE_JOB_INTERVAL": "soon"])
        #expect(badInterval.status != 0)
        #expect(badInterval.stderr.contains("CONVENE_JOB_INTERVAL must be a number of seconds"))
        let missingDir = try Self.run(["migrate", "--database", "/nonexistent-dir/x/convene.sqlite"])
        #expect(missingDir.status != 0)
        #expect(missingDir.stderr.contains("cannot open the database"))
    }

    @Test("serve answers on its port and stops cleanly on SIGTERM")
    func serveAndStop() async throws {
        let db = try Self.tempDB()
        let (p, port) = try Self.startServer(["serve", "--database", db, "--port", "0", "--log-level", "error"])
        defer { if p.isRunning { p.terminate() } }
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)/healthz")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("\"status\":\"ok\""))
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// Starts `convene` with these arguments and waits for the line that names its port.
    static func startServer(_ args: [String], env: [String: String] = [:], log: URL? = nil) throws -> (Process, Int) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(env) { _, new in new }
        let out = Pipe()
        p.standardOutput = out
        if let log {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            p.standardError = try FileHandle(forWritingTo: log)
        } else {
            // Never share the test runner's own output: a server left behind would hold it open.
            p.standardError = FileHandle.nullDevice
        }
        try p.run()
        var line = ""
        while !line.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let address = line.range(of: "http://127.0.0.1:"), let port = Int(line[address.upperBound...].prefix { $0.isNumber }) else {
            p.terminate()
            throw TestFailure("no address in \(line)")
        }
        if let log {
            // Keep reading stdout into the log so the server never blocks on a full pipe.
            let handle = try FileHandle(forWritingTo: log)
            out.fileHandleForReading.readabilityHandler = { h in
                let d = h.availableData
                if !d.isEmpty { handle.seekToEndOfFile(); handle.write(d) }
            }
        }
        return (p, port)
    }

    /// Runs curl and returns its output (headers included with -i).
    static func curl(_ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-s", "--max-time", "10"] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

extension CLITests {
    @Test("backup writes one file and restore into another engine checks every table")
    func backupAndRestore() async throws {
        let db = try Self.tempDB()
        #expect(try Self.run(["seed", "--database", db, "--stakeholders", "150"]).status == 0)
        let file = db + ".backup.json"
        let backup = try Self.run(["backup", "--database", db, "--to", file])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("Backed up"))
        var targets = [try Self.tempDB()]
        if Engine.postgresURL != nil { targets.append(try await Engine.scratchDatabase()) }
        for target in targets {
            let restore = try Self.run(["restore", "--database", target, "--from", file])
            #expect(restore.status == 0, "\(restore.stderr)")
            #expect(restore.stdout.contains("every table's count matches"))
            #expect(!restore.stdout.contains("MISMATCH"))
            let again = try Self.run(["restore", "--database", target, "--from", file])
            #expect(again.status != 0)
            #expect(again.stderr.contains("nothing was restored: the target database is not empty"))
        }
        try Data("{\"format\":\"something else\"}".utf8).write(to: URL(fileURLWithPath: file))
        let bad = try Self.run(["restore", "--database", try Self.tempDB(), "--from", file])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("is not a Convene backup"))
    }
}
