import ConveneCore
import ConvenePostgres
import ConveneSQLite
import Foundation
import Logging
import PostgresNIO

/// The storage engines the contract suite runs on: SQLite always, PostgreSQL whenever
/// `CONVENE_TEST_POSTGRES_URL` names a server (`scripts/test` starts one and sets it).
enum Engine: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    var description: String { rawValue }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["CONVENE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var available: [Engine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// A fresh, empty store on this engine: a new SQLite file, or a new PostgreSQL database.
    func makeStore() async throws -> any ConveneStore {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return try SQLiteStore(path: dir.appendingPathComponent("store.sqlite").path)
        case .postgres:
            return try await PostgresStore(url: try await Self.scratchDatabase())
        }
    }

    /// Makes an empty database on the test server and returns its URL.
    static func scratchDatabase() async throws -> String {
        guard let base = postgresURL, var c = URLComponents(string: base) else { throw TestFailure("CONVENE_TEST_POSTGRES_URL is not set") }
        let name = "convene_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let config = PostgresClient.Configuration(host: c.host ?? "127.0.0.1", port: c.port ?? 5432, username: c.user ?? "postgres",
                                                  password: c.password, database: String(c.path.dropFirst()).isEmpty ? "postgres" : String(c.path.dropFirst()), tls: .disable)
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            group.cancelAll()
        }
        c.path = "/" + name
        return c.string ?? base
    }
}

/// Builders for test records.
enum Make {
    static func person(_ given: String, _ family: String, types: [String] = ["parent"], email: String? = nil, phone: String? = nil,
                       areas: [String] = [], tags: [String] = [], topics: [String] = [], notes: String? = nil, affiliationId: String? = nil) -> StakeholderPatch {
        var p = StakeholderPatch()
        p.kind = .person
        p.givenName = .some(given)
        p.familyName = .some(family)
        p.types = types
        if let email { p.emails = [ContactPoint(email)] }
        if let phone { p.phones = [ContactPoint(phone)] }
        p.areas = areas
        p.tags = tags
        p.topics = topics
        p.notes = notes.map { .some($0) }
        p.affiliationId = affiliationId.map { .some($0) }
        return p
    }

    static func organization(_ name: String, types: [String] = ["community-organization"]) -> StakeholderPatch {
        var p = StakeholderPatch()
        p.kind = .organization
        p.displayName = name
        p.types = types
        return p
    }
}
