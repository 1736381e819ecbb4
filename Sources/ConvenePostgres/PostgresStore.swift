import ConveneCore
import Foundation
import Logging
import PostgresNIO

/// Convene's storage on PostgreSQL (PostgresNIO): the engine for several servers on one
/// database. Same behaviour as the SQLite engine, through the same contract suite.
public final class PostgresStore: ConveneStore {
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>
    public var engineName: String { "postgresql" }

    /// Connects to `url` (`postgres://user:password@host:port/database?sslmode=…`, or a
    /// `host=/socket/dir` query for a Unix socket) and brings the schema up to date under a lock.
    public init(url: String, logger: Logger? = nil) async throws {
        let settings = try PostgresURL(url)
        // PostgresNIO narrates connection churn at info and warning; failures that matter reach
        // the caller as thrown errors, so its own log stays at error unless asked otherwise.
        let logger = logger ?? {
            var l = Logger(label: "convene.postgres")
            l.logLevel = .error
            return l
        }()
        self.logger = logger
        do {
            try await settings.probe(logger: logger)
            client = PostgresClient(configuration: try settings.configuration(), backgroundLogger: logger)
        } catch {
            throw PostgresStoreError.describe(error, settings: settings)
        }
        let client = self.client
        runTask = Task { await client.run() }
        do {
            try await PostgresStore.migrate(client, logger: logger, url: settings)
        } catch {
            runTask.cancel()
            throw PostgresStoreError.describe(error, settings: settings)
        }
    }

    deinit { runTask.cancel() }

    /// Stops the connection pool.
    public func close() { runTask.cancel() }

    public func ping() async throws {
        try await client.query("SELECT 1", logger: logger)
    }
}

extension PostgresStore {
    /// Runs `body` in one transaction. PostgresNIO wraps what the body throws; this hands the
    /// body's own error back (a domain error stays a domain error), or the transaction's.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { conn in try await body(conn) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }
}
