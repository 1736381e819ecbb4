import ConveneCore
import Foundation
import PostgresNIO

extension PostgresStore {
    public func stakeholder(id: String) async throws -> Stakeholder? {
        try await records("SELECT data FROM stakeholders WHERE id = \(id)").first
    }

    public func stakeholders(ids: [String]) async throws -> [Stakeholder] {
        if ids.isEmpty { return [] }
        return try await records("SELECT data FROM stakeholders WHERE id = ANY(\(ids))")
    }

    /// The stakeholders a query's single `data` column holds, on the pool or in a transaction.
    func records(_ query: PostgresQuery, on connection: PostgresConnection? = nil) async throws -> [Stakeholder] {
        let rows = if let connection { try await connection.query(query, logger: logger) } else { try await client.query(query, logger: logger) }
        var out: [Stakeholder] = []
        for try await data in rows.decode(String.self) { out.append(try StakeholderCoding.decode(data)) }
        return out
    }

    public func countStakeholders() async throws -> Int {
        try await scalarInt("SELECT count(*) FROM stakeholders")
    }

    func scalarInt(_ query: PostgresQuery, on connection: PostgresConnection? = nil) async throws -> Int {
        let rows = if let connection { try await connection.query(query, logger: logger) } else { try await client.query(query, logger: logger) }
        for try await n in rows.decode(Int64.self) { return Int(n) }
        return 0
    }

    public func insertStakeholder(_ stakeholder: Stakeholder, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await self.insert(stakeholder, conn)
            try await self.insert(audit, conn)
        }
    }

    public func insertStakeholders(_ stakeholders: [Stakeholder], relationships: [Relationship], actor: Actor) async throws {
        try await transaction { conn in
            for s in stakeholders.filter({ $0.kind == .organization }) + stakeholders.filter({ $0.kind == .person }) {
                try await self.insert(s, conn)
                try await self.insert(AuditEntry(at: s.createdAt, actor: actor, action: "create", entityType: "stakeholder", entityId: s.id, after: .from(s)), conn)
            }
            for r in relationships {
                try await self.insert(r, conn)
                try await self.insert(AuditEntry(at: r.createdAt, actor: actor, action: "create", entityType: "relationship", entityId: r.id, after: .from(r)), conn)
            }
        }
    }

    public func updateStakeholder(_ stakeholder: Stakeholder, audit: AuditEntry) async throws {
        try await transaction { conn in
            var oldName: String?
            for try await name in try await conn.query("SELECT display_name FROM stakeholders WHERE id = \(stakeholder.id) FOR UPDATE", logger: self.logger).decode(String.self) { oldName = name }
            guard let oldName else { throw ConveneError.notFound(entity: "stakeholder", id: stakeholder.id) }
            try await self.write(stakeholder, conn, isNew: false)
            if oldName != stakeholder.displayName { try await self.reindexMembers(of: stakeholder.id, conn) }
            try await self.insert(audit, conn)
        }
    }

    public func deleteStakeholder(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            guard try await self.scalarInt("SELECT count(*) FROM stakeholders WHERE id = \(id)", on: conn) == 1 else {
                throw ConveneError.notFound(entity: "stakeholder", id: id)
            }
            try await self.clearAffiliation(of: id, replacingWith: nil, conn)
            try await conn.query("DELETE FROM stakeholders WHERE id = \(id)", logger: self.logger)
            try await self.insert(audit, conn)
        }
    }

    public func mergeStakeholders(kept: Stakeholder, removedId: String, audit: [AuditEntry]) async throws {
        try await transaction { conn in
            guard try await self.scalarInt("SELECT count(*) FROM stakeholders WHERE id IN (\(kept.id), \(removedId))", on: conn) == 2 else {
                throw ConveneError.notFound(entity: "stakeholder", id: removedId)
            }
            try await conn.query("UPDATE relationships SET from_id = \(kept.id) WHERE from_id = \(removedId)", logger: self.logger)
            try await conn.query("UPDATE relationships SET to_id = \(kept.id) WHERE to_id = \(removedId)", logger: self.logger)
            try await conn.query("DELETE FROM relationships WHERE from_id = to_id", logger: self.logger)
            try await conn.query("""
                DELETE FROM relationships r USING relationships o
                WHERE (r.from_id = \(kept.id) OR r.to_id = \(kept.id)) AND r.from_id = o.from_id AND r.to_id = o.to_id AND r.type = o.type
                  AND (o.created_at, o.id) < (r.created_at, r.id)
                """, logger: self.logger)
            try await conn.query("""
                INSERT INTO group_members (group_id, stakeholder_id, added_at)
                SELECT group_id, \(kept.id), added_at FROM group_members WHERE stakeholder_id = \(removedId)
                ON CONFLICT DO NOTHING
                """, logger: self.logger)
            try await self.moveEngagement(from: removedId, to: kept.id, conn)
            try await self.clearAffiliation(of: removedId, replacingWith: kept.id, conn)
            try await conn.query("DELETE FROM stakeholders WHERE id = \(removedId)", logger: self.logger)
            try await self.write(kept, conn, isNew: false)
            for entry in audit { try await self.insert(entry, conn) }
        }
    }

    /// Keeps members' stored JSON in step when their organization goes away or is merged.
    func clearAffiliation(of id: String, replacingWith newId: String?, _ conn: PostgresConnection) async throws {
        for var m in try await records("SELECT data FROM stakeholders WHERE affiliation_id = \(id) AND id <> \(newId ?? "")", on: conn) {
            m.affiliationId = newId
            try await write(m, conn, isNew: false)
        }
    }

    func reindexMembers(of id: String, _ conn: PostgresConnection) async throws {
        for m in try await records("SELECT data FROM stakeholders WHERE affiliation_id = \(id)", on: conn) { try await write(m, conn, isNew: false) }
    }

    func insert(_ s: Stakeholder, _ conn: PostgresConnection) async throws {
        do {
            try await write(s, conn, isNew: true)
        } catch let e as PSQLError where e.serverInfo?[.sqlState] == "23505" {
            throw ConveneError.conflict("a stakeholder with id \(s.id) already exists")
        }
    }

    /// Writes the row, its terms, contact keys and search vector.
    func write(_ s: Stakeholder, _ conn: PostgresConnection, isNew: Bool) async throws {
        var organization = ""
        if let a = s.affiliationId {
            for try await name in try await conn.query("SELECT display_name FROM stakeholders WHERE id = \(a)", logger: logger).decode(String.self) { organization = name }
        }
        let doc = SearchDocument(s, organization: organization)
        let t = [doc.name, doc.organization, doc.contacts, doc.tags, doc.topics, doc.notes].map(PostgresStore.searchable)
        let data = try StakeholderCoding.encode(s)
        let vector = """
            setweight(to_tsvector('english', $1), 'A') || setweight(to_tsvector('english', $2), 'B') || setweight(to_tsvector('english', $3), 'B') ||
            setweight(to_tsvector('english', $4), 'C') || setweight(to_tsvector('english', $5), 'C') || setweight(to_tsvector('english', $6), 'D')
            """
        var b = PostgresBindings()
        for text in t { b.append(text) }
        for v in [s.id, s.kind.rawValue, s.displayName, s.sortName] { b.append(v) }
        b.append(s.affiliationId); b.append(s.level?.rawValue); b.append(s.consent.status.rawValue); b.append(s.ownerId)
        b.append(s.isArchived); b.append(data); b.append(s.createdAt.millisecondsSince1970); b.append(s.updatedAt.millisecondsSince1970)
        let sql = isNew ? """
            INSERT INTO stakeholders (id, kind, display_name, sort_name, affiliation_id, level, consent_status, owner_id, is_archived, data, created_at, updated_at, search)
            VALUES ($7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \(vector)) RETURNING sid
            """ : """
            UPDATE stakeholders SET kind = $8, display_name = $9, sort_name = $10, affiliation_id = $11, level = $12, consent_status = $13,
                owner_id = $14, is_archived = $15, data = $16, created_at = $17, updated_at = $18, search = \(vector) WHERE id = $7 RETURNING sid
            """
        var sid: Int64 = 0
        for try await n in try await conn.query(PostgresQuery(unsafeSQL: sql, binds: b), logger: logger).decode(Int64.self) { sid = n }
        if !isNew {
            try await conn.query("DELETE FROM stakeholder_terms WHERE sid = \(sid)", logger: logger)
            try await conn.query("DELETE FROM stakeholder_contacts WHERE sid = \(sid)", logger: logger)
        }
        let terms = StakeholderCoding.terms(s)
        if !terms.isEmpty {
            try await conn.query("""
                INSERT INTO stakeholder_terms (sid, field, value, value_key)
                SELECT \(sid), f, v, lower(v) FROM unnest(\(terms.map(\.0))::text[], \(terms.map(\.1))::text[]) AS t(f, v)
                """, logger: logger)
        }
        let contacts = StakeholderCoding.contacts(s)
        if !contacts.isEmpty {
            try await conn.query("""
                INSERT INTO stakeholder_contacts (sid, kind, value)
                SELECT \(sid), k, v FROM unnest(\(contacts.map(\.0))::text[], \(contacts.map(\.1))::text[]) AS t(k, v)
                """, logger: logger)
        }
    }

    /// Text as the search vector takes it: folded like SQLite's tokenizer folds it (case and
    /// accents), split into plain words so emails and URLs index by their parts on both engines.
    static func searchable(_ text: String) -> String {
        SearchText.words(in: text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)).joined(separator: " ")
    }
}
