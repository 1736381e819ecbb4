import ConveneCore
import Foundation
import GRDB

extension SQLiteStore {
    static func user(_ row: Row) -> User {
        User(id: row["id"], email: row["email"], displayName: row["display_name"], role: Role(rawValue: row["role"]) ?? .viewer,
             passwordHash: row["password_hash"], isDisabled: row["is_disabled"], createdAt: Date(millisecondsSince1970: row["created_at"]),
             updatedAt: Date(millisecondsSince1970: row["updated_at"]))
    }

    public func user(id: String) async throws -> User? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user) }
    }

    public func user(email: String) async throws -> User? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [email.lowercased()]).map(Self.user) }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY email").map(Self.user) }
    }

    public func countUsers() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0 }
    }

    public func insertUser(_ u: User, audit: AuditEntry) async throws {
        try await pool.write { db in
            do {
                try db.execute(sql: """
                    INSERT INTO users (id, email, display_name, role, password_hash, is_disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [u.id, u.email, u.displayName, u.role.rawValue, u.passwordHash, u.isDisabled, u.createdAt.millisecondsSince1970, u.updatedAt.millisecondsSince1970])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw ConveneError.conflict("a user with email \(u.email) already exists")
            }
            try audit.insert(db)
        }
    }

    public func updateUser(_ u: User, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE users SET display_name = ?, role = ?, password_hash = ?, is_disabled = ?, updated_at = ? WHERE id = ?",
                           arguments: [u.displayName, u.role.rawValue, u.passwordHash, u.isDisabled, u.updatedAt.millisecondsSince1970, u.id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "user", id: u.id) }
            try audit.insert(db)
        }
    }

    public func insertSession(_ s: Session) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [s.tokenHash, s.userId, s.csrfToken, s.createdAt.millisecondsSince1970, s.expiresAt.millisecondsSince1970])
        }
    }

    public func session(tokenHash: String) async throws -> Session? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE token_hash = ?", arguments: [tokenHash]).map {
                Session(tokenHash: $0["token_hash"], userId: $0["user_id"], csrfToken: $0["csrf_token"],
                        createdAt: Date(millisecondsSince1970: $0["created_at"]), expiresAt: Date(millisecondsSince1970: $0["expires_at"]))
            }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func deleteSessions(userId: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userId]) }
    }

    public func deleteExpiredSessions(before: Date) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM sessions WHERE expires_at < ?", arguments: [before.millisecondsSince1970]) }
    }

    static func token(_ row: Row) -> APIToken {
        APIToken(id: row["id"], userId: row["user_id"], name: row["name"], prefix: row["prefix"], tokenHash: row["token_hash"],
                 createdAt: Date(millisecondsSince1970: row["created_at"]),
                 lastUsedAt: (row["last_used_at"] as Int64?).map(Date.init(millisecondsSince1970:)),
                 revokedAt: (row["revoked_at"] as Int64?).map(Date.init(millisecondsSince1970:)))
    }

    public func insertToken(_ t: APIToken, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [t.id, t.userId, t.name, t.prefix, t.tokenHash, t.createdAt.millisecondsSince1970])
            try audit.insert(db)
        }
    }

    public func token(id: String) async throws -> APIToken? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE id = ?", arguments: [id]).map(Self.token) }
    }

    public func token(hash: String) async throws -> APIToken? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE token_hash = ?", arguments: [hash]).map(Self.token) }
    }

    public func tokens(userId: String?) async throws -> [APIToken] {
        try await pool.read { db in
            if let userId {
                return try Row.fetchAll(db, sql: "SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id", arguments: [userId]).map(Self.token)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY created_at DESC, id").map(Self.token)
        }
    }

    public func revokeToken(id: String, at: Date, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [at.millisecondsSince1970, id])
            try audit.insert(db)
        }
    }

    public func touchToken(id: String, at: Date) async throws {
        try await pool.write { db in try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [at.millisecondsSince1970, id]) }
    }

    public func recordAttempt(key: String, at: Date, since: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM rate_attempts WHERE key = ? AND at < ?", arguments: [key, since.millisecondsSince1970])
            try db.execute(sql: "INSERT INTO rate_attempts (key, at) VALUES (?, ?)", arguments: [key, at.millisecondsSince1970])
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM rate_attempts WHERE key = ?", arguments: [key]) ?? 0
        }
    }

    public func attempts(key: String, since: Date) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM rate_attempts WHERE key = ? AND at >= ?", arguments: [key, since.millisecondsSince1970]) ?? 0
        }
    }

    public func clearAttempts(key: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM rate_attempts WHERE key = ?", arguments: [key]) }
    }

    public func auditEntries(_ q: AuditQuery) async throws -> [AuditEntry] {
        try await pool.read { db in
            var clauses: [String] = []
            var args = StatementArguments()
            if let t = q.entityType { clauses.append("entity_type = ?"); args += [t] }
            if let e = q.entityId { clauses.append("entity_id = ?"); args += [e] }
            if let a = q.actorId { clauses.append("actor_id = ?"); args += [a] }
            if let b = q.beforeSeq { clauses.append("seq < ?"); args += [b] }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_log \(whereSQL) ORDER BY seq DESC LIMIT ?", arguments: args + [q.limit]).map { row in
                var e = AuditEntry(seq: row["seq"], id: row["id"], at: Date(millisecondsSince1970: row["at"]),
                                   actor: Actor(userId: row["actor_id"], label: row["actor_label"]), action: row["action"],
                                   entityType: row["entity_type"], entityId: row["entity_id"])
                e.before = (row["before"] as String?).flatMap { JSONValue.parse(Data($0.utf8)) }
                e.after = (row["after"] as String?).flatMap { JSONValue.parse(Data($0.utf8)) }
                return e
            }
        }
    }

    public func appendAudit(_ entry: AuditEntry) async throws {
        try await pool.write { db in try entry.insert(db) }
    }
}

extension SQLiteStore {
    public func changeVersion() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM audit_log") ?? 0 }
    }
}
