import ConveneCore
import Foundation
import PostgresNIO

extension PostgresStore {
    func users(_ query: PostgresQuery) async throws -> [User] {
        var out: [User] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, email, name, role, hash, disabled, created, updated) in rows.decode((String, String, String, String, String, Bool, Int64, Int64).self) {
            out.append(User(id: id, email: email, displayName: name, role: Role(rawValue: role) ?? .viewer, passwordHash: hash, isDisabled: disabled,
                            createdAt: Date(millisecondsSince1970: created), updatedAt: Date(millisecondsSince1970: updated)))
        }
        return out
    }

    public func user(id: String) async throws -> User? {
        try await users("SELECT id, email, display_name, role, password_hash, is_disabled, created_at, updated_at FROM users WHERE id = \(id)").first
    }

    public func user(email: String) async throws -> User? {
        try await users("SELECT id, email, display_name, role, password_hash, is_disabled, created_at, updated_at FROM users WHERE email = \(email.lowercased())").first
    }

    public func users() async throws -> [User] {
        try await users("SELECT id, email, display_name, role, password_hash, is_disabled, created_at, updated_at FROM users ORDER BY email COLLATE \"C\"")
    }

    public func countUsers() async throws -> Int { try await scalarInt("SELECT count(*) FROM users") }

    public func insertUser(_ u: User, audit: AuditEntry) async throws {
        do {
            try await transaction { conn in
                try await conn.query("""
                    INSERT INTO users (id, email, display_name, role, password_hash, is_disabled, created_at, updated_at)
                    VALUES (\(u.id), \(u.email), \(u.displayName), \(u.role.rawValue), \(u.passwordHash), \(u.isDisabled), \(u.createdAt.millisecondsSince1970), \(u.updatedAt.millisecondsSince1970))
                    """, logger: self.logger)
                try await self.insert(audit, conn)
            }
        } catch let e as PSQLError where e.serverInfo?[.sqlState] == "23505" {
            throw ConveneError.conflict("a user with email \(u.email) already exists")
        }
    }

    public func updateUser(_ u: User, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("""
                WITH x AS (UPDATE users SET display_name = \(u.displayName), role = \(u.role.rawValue), password_hash = \(u.passwordHash), is_disabled = \(u.isDisabled),
                    updated_at = \(u.updatedAt.millisecondsSince1970) WHERE id = \(u.id) RETURNING 1) SELECT count(*) FROM x
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "user", id: u.id) }
            try await self.insert(audit, conn)
        }
    }

    public func insertSession(_ s: Session) async throws {
        try await client.query("""
            INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
            VALUES (\(s.tokenHash), \(s.userId), \(s.csrfToken), \(s.createdAt.millisecondsSince1970), \(s.expiresAt.millisecondsSince1970))
            """, logger: logger)
    }

    public func session(tokenHash: String) async throws -> Session? {
        let rows = try await client.query("SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = \(tokenHash)", logger: logger)
        for try await (hash, user, csrf, created, expires) in rows.decode((String, String, String, Int64, Int64).self) {
            return Session(tokenHash: hash, userId: user, csrfToken: csrf, createdAt: Date(millisecondsSince1970: created), expiresAt: Date(millisecondsSince1970: expires))
        }
        return nil
    }

    public func deleteSession(tokenHash: String) async throws {
        try await client.query("DELETE FROM sessions WHERE token_hash = \(tokenHash)", logger: logger)
    }

    public func deleteSessions(userId: String) async throws {
        try await client.query("DELETE FROM sessions WHERE user_id = \(userId)", logger: logger)
    }

    public func deleteExpiredSessions(before: Date) async throws {
        try await client.query("DELETE FROM sessions WHERE expires_at < \(before.millisecondsSince1970)", logger: logger)
    }

    func tokens(_ query: PostgresQuery) async throws -> [APIToken] {
        var out: [APIToken] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, user, name, prefix, hash, created, used, revoked) in rows.decode((String, String, String, String, String, Int64, Int64?, Int64?).self) {
            out.append(APIToken(id: id, userId: user, name: name, prefix: prefix, tokenHash: hash, createdAt: Date(millisecondsSince1970: created),
                                lastUsedAt: used.map(Date.init(millisecondsSince1970:)), revokedAt: revoked.map(Date.init(millisecondsSince1970:))))
        }
        return out
    }

    public func insertToken(_ t: APIToken, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await conn.query("""
                INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, created_at) VALUES (\(t.id), \(t.userId), \(t.name), \(t.prefix), \(t.tokenHash), \(t.createdAt.millisecondsSince1970))
                """, logger: self.logger)
            try await self.insert(audit, conn)
        }
    }

    public func token(id: String) async throws -> APIToken? {
        try await tokens("SELECT id, user_id, name, prefix, token_hash, created_at, last_used_at, revoked_at FROM api_tokens WHERE id = \(id)").first
    }

    public func token(hash: String) async throws -> APIToken? {
        try await tokens("SELECT id, user_id, name, prefix, token_hash, created_at, last_used_at, revoked_at FROM api_tokens WHERE token_hash = \(hash)").first
    }

    public func tokens(userId: String?) async throws -> [APIToken] {
        if let userId {
            return try await tokens("""
                SELECT id, user_id, name, prefix, token_hash, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = \(userId) ORDER BY created_at DESC, id COLLATE "C"
                """)
        }
        return try await tokens("SELECT id, user_id, name, prefix, token_hash, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY created_at DESC, id COLLATE \"C\"")
    }

    public func revokeToken(id: String, at: Date, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await conn.query("UPDATE api_tokens SET revoked_at = \(at.millisecondsSince1970) WHERE id = \(id) AND revoked_at IS NULL", logger: self.logger)
            try await self.insert(audit, conn)
        }
    }

    public func touchToken(id: String, at: Date) async throws {
        try await client.query("UPDATE api_tokens SET last_used_at = \(at.millisecondsSince1970) WHERE id = \(id)", logger: logger)
    }

    public func recordAttempt(key: String, at: Date, since: Date) async throws -> Int {
        try await transaction { conn in
            try await conn.query("DELETE FROM rate_attempts WHERE key = \(key) AND at < \(since.millisecondsSince1970)", logger: self.logger)
            try await conn.query("INSERT INTO rate_attempts (key, at) VALUES (\(key), \(at.millisecondsSince1970))", logger: self.logger)
            return try await self.scalarInt("SELECT count(*) FROM rate_attempts WHERE key = \(key)", on: conn)
        }
    }

    public func attempts(key: String, since: Date) async throws -> Int {
        try await scalarInt("SELECT count(*) FROM rate_attempts WHERE key = \(key) AND at >= \(since.millisecondsSince1970)")
    }

    public func clearAttempts(key: String) async throws {
        try await client.query("DELETE FROM rate_attempts WHERE key = \(key)", logger: logger)
    }

    // MARK: Audit

    func insert(_ e: AuditEntry, _ conn: PostgresConnection) async throws {
        try await conn.query("""
            INSERT INTO audit_log (id, at, actor_id, actor_label, action, entity_type, entity_id, before, after)
            VALUES (\(e.id), \(e.at.millisecondsSince1970), \(e.actorId), \(e.actorLabel), \(e.action), \(e.entityType), \(e.entityId), \(e.before?.encodedString()), \(e.after?.encodedString()))
            """, logger: logger)
    }

    public func appendAudit(_ entry: AuditEntry) async throws {
        try await client.withConnection { conn in try await self.insert(entry, conn) }
    }

    public func auditEntries(_ q: AuditQuery) async throws -> [AuditEntry] {
        var b = SQLBuilder("SELECT seq, id, at, actor_id, actor_label, action, entity_type, entity_id, before, after FROM audit_log WHERE true")
        if let t = q.entityType { b.add(" AND entity_type = "); b.bind(t) }
        if let e = q.entityId { b.add(" AND entity_id = "); b.bind(e) }
        if let a = q.actorId { b.add(" AND actor_id = "); b.bind(a) }
        if let s = q.beforeSeq { b.add(" AND seq < "); b.bind(s) }
        b.add(" ORDER BY seq DESC LIMIT "); b.bind(q.limit)
        var out: [AuditEntry] = []
        let rows = try await client.query(b.query, logger: logger)
        for try await (seq, id, at, actorId, actorLabel, action, type, entityId, before, after) in rows.decode((Int64, String, Int64, String?, String, String, String, String, String?, String?).self) {
            var e = AuditEntry(seq: seq, id: id, at: Date(millisecondsSince1970: at), actor: Actor(userId: actorId, label: actorLabel), action: action, entityType: type, entityId: entityId)
            e.before = before.flatMap { JSONValue.parse(Data($0.utf8)) }
            e.after = after.flatMap { JSONValue.parse(Data($0.utf8)) }
            out.append(e)
        }
        return out
    }
}

extension PostgresStore {
    public func changeVersion() async throws -> Int64 {
        Int64(try await scalarInt("SELECT coalesce(max(seq), 0) FROM audit_log"))
    }
}
