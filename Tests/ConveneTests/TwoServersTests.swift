import ConveneCore
import ConvenePostgres
import Foundation
import Testing

/// Two `convene serve` processes on one PostgreSQL behave as one Convene.
@Suite("Two servers on one PostgreSQL", .serialized, .enabled(if: Engine.postgresURL != nil, "needs CONVENE_TEST_POSTGRES_URL"))
struct TwoServersTests {
    @Test("writes, sessions and background jobs are shared, and each job runs once")
    func sharedState() async throws {
        let url = try await Engine.scratchDatabase()
        let env = ["CONVENE_BCRYPT_COST": "4", "CONVENE_JOB_INTERVAL": "0.2", "CONVENE_LOG_LEVEL": "info"]
        let made = try CLITests.run(["user", "create", "--database", url, "--email", "lead@example.org", "--role", "admin"], stdin: "a long password here\n", env: env)
        #expect(made.status == 0, "\(made.stderr)")
        let token = try CLITests.run(["token", "create", "--database", url, "--email", "lead@example.org"], env: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("cvn_"))

        // An expired session that the cleanup job must remove.
        let store = try await PostgresStore(url: url)
        let admin = try #require(try await store.user(email: "lead@example.org"))
        let old = Date().addingTimeInterval(-86_400).wholeMilliseconds
        try await store.insertSession(Session(tokenHash: "expired-session", userId: admin.id, csrfToken: "x", createdAt: old, expiresAt: old.addingTimeInterval(60)))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let logA = dir.appendingPathComponent("a.log"), logB = dir.appendingPathComponent("b.log")
        let (a, portA) = try CLITests.startServer(["serve", "--database", url, "--port", "0"], env: env, log: logA)
        defer { if a.isRunning { a.terminate() } }
        let (b, portB) = try CLITests.startServer(["serve", "--database", url, "--port", "0"], env: env, log: logB)
        defer { if b.isRunning { b.terminate() } }

        // A write through one is read through the other.
        let created = try CLITests.curl(["-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json", "-d",
                                         #"{"displayName":"Riverside Rotary Club","kind":"organization","types":["community-organization"]}"#,
                                         "http://127.0.0.1:\(portA)/api/v1/stakeholders"])
        #expect(created.contains("Riverside Rotary Club"))
        let found = try CLITests.curl(["-H", "Authorization: Bearer \(token)", "http://127.0.0.1:\(portB)/api/v1/stakeholders?q=rotary"])
        #expect(found.contains("\"total\":1"))

        // A session made on one works on the other.
        let form = try CLITests.curl(["-i", "http://127.0.0.1:\(portA)/login"])
        let preCookie = try #require(form.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: convene_csrf=") }).dropFirst("set-cookie: ".count).prefix { $0 != ";" }
        let csrf = try #require(WebForm.hiddenValue(form, "_csrf"))
        let signedIn = try CLITests.curl(["-i", "-H", "Cookie: \(preCookie)", "--data-urlencode", "_csrf=\(csrf)", "--data-urlencode", "email=lead@example.org",
                                          "--data-urlencode", "password=a long password here", "http://127.0.0.1:\(portA)/login"])
        let session = try #require(signedIn.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: convene_session=") }).dropFirst("set-cookie: ".count).prefix { $0 != ";" }
        let me = try CLITests.curl(["-H", "Cookie: \(session)", "http://127.0.0.1:\(portB)/api/v1/me"])
        #expect(me.contains("\"email\":\"lead@example.org\""))

        // The hourly cleanup job: scheduled by both, one row, run by exactly one of them.
        let key = String("session-cleanup:" + Timestamp.format(Date()).prefix(13))
        var job: Job?
        for _ in 0..<50 {
            job = try await store.job(key: key)
            if job?.finishedAt != nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let done = try #require(job)
        #expect(done.finishedAt != nil)
        #expect(done.attempts == 1)
        #expect(try await store.session(tokenHash: "expired-session") == nil)
        try await Task.sleep(for: .milliseconds(600))
        let runs = [logA, logB].map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }.map { $0.components(separatedBy: "kind=session-cleanup").count - 1 }
        #expect(runs.reduce(0, +) == 1, "job runs per server: \(runs)")
        store.close()
    }
}

@Suite("PostgreSQL bad input", .serialized, .enabled(if: Engine.postgresURL != nil, "needs CONVENE_TEST_POSTGRES_URL"))
struct PostgresBadInputTests {
    static func expectOneLine(_ r: CLITests.Output, contains text: String) {
        #expect(r.status != 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(text), "\(r.stderr)")
        #expect(!r.stderr.contains("PSQLError") && !r.stderr.contains("NIO"), "\(r.stderr)")
    }

    @Test("an unreachable server, a missing database and a newer schema each give one clear line")
    func clearErrors() async throws {
        let unreachable = try CLITests.run(["migrate", "--database", "postgres://postgres@127.0.0.1:1/convene"])
        Self.expectOneLine(unreachable, contains: "cannot reach PostgreSQL at postgres://postgres@127.0.0.1:1/convene")

        let base = try #require(Engine.postgresURL)
        let slash = try #require(base.lastIndex(of: "/"))
        let missing = String(base[..<slash]) + "/no_such_database_here"
        Self.expectOneLine(try CLITests.run(["migrate", "--database", missing]), contains: "no_such_database_here")

        let url = try await Engine.scratchDatabase()
        #expect(try CLITests.run(["migrate", "--database", url]).status == 0)
        let store = try await ConvenePostgres.PostgresStore(url: url)
        try await store.markMigrationApplied("9999-from-the-future")
        store.close()
        Self.expectOneLine(try CLITests.run(["migrate", "--database", url]), contains: "was written by a newer Convene")

        Self.expectOneLine(try CLITests.run(["migrate", "--database", "postgres://postgres@127.0.0.1:5432/x?sslmode=sometimes"]), contains: "sslmode must be")
    }

    /// `scripts/with-postgres` makes a role that must sign in with a password over TCP.
    @Test("a wrong password gives one clear line; the right one works",
          .enabled(if: ProcessInfo.processInfo.environment["CONVENE_TEST_POSTGRES_PASSWORD_ROLE"] != nil, "needs the password role scripts/with-postgres makes"))
    func wrongPassword() async throws {
        let base = try #require(Engine.postgresURL.flatMap(URLComponents.init(string:)))
        let role = try #require(ProcessInfo.processInfo.environment["CONVENE_TEST_POSTGRES_PASSWORD_ROLE"]).split(separator: ":").map(String.init)
        let host = "127.0.0.1:\(base.port ?? 5432)"
        Self.expectOneLine(try CLITests.run(["migrate", "--database", "postgres://\(role[0]):wrong@\(host)/postgres?sslmode=disable"]),
                           contains: "refused the sign-in")
        let right = try CLITests.run(["user", "list", "--database", "postgres://\(role[0])@\(host)/postgres?sslmode=disable"], env: ["PGPASSWORD": role[1]])
        #expect(!right.stderr.contains("refused the sign-in"), "\(right.stderr)")
    }
}
