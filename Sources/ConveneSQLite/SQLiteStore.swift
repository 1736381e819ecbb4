import ConveneCore
import Foundation
import GRDB

/// Convene's storage on one SQLite file (WAL, foreign keys on, FTS5 search): the default engine.
public final class SQLiteStore: ConveneStore {
    let pool: DatabasePool
    public let path: String
    public var engineName: String { "sqlite" }

    /// Opens (creating if needed) the database at `path` and brings it to the current schema.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.label = "convene"
        // 16 MiB of page cache per connection (SQLite's default is 2 MiB): searches at 100,000
        // stakeholders otherwise reread the same pages from the OS on every query.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -16384") }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw SQLiteStoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        try Self.migrate(pool)
    }

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Copies the whole database to another file, consistently, while it is in use.
    public func backup(to destination: String) throws {
        let target = try DatabaseQueue(path: destination)
        try pool.backup(to: target)
    }
}

/// Why the SQLite store could not start, said in one line.
public enum SQLiteStoreError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case newerSchema(path: String, unknown: [String])

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database at \(path): \(reason)"
        case .newerSchema(let path, let unknown):
            "the database at \(path) was written by a newer Convene (it has migrations \(unknown.joined(separator: ", ")) that this version does not know); upgrade Convene"
        }
    }
}

extension AuditEntry {
    /// Writes this entry in the transaction `db` is part of.
    func insert(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO audit_log (id, at, actor_id, actor_label, action, entity_type, entity_id, before, after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, at.millisecondsSince1970, actorId, actorLabel, action, entityType, entityId,
                             before?.encodedString(), after?.encodedString()])
    }
}
