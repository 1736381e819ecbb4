import ConveneCore
import Foundation
import PostgresNIO

// Working groups, partnerships, advocacy, resources, initiatives and decisions on PostgreSQL:
// the same table of JSON records by kind and the same links as SQLite's.

extension PostgresStore {
    func strings(_ query: PostgresQuery) async throws -> [String] {
        var out: [String] = []
        for try await s in try await run(query).decode(String.self) { out.append(s) }
        return out
    }

    public func workRecord(kind: WorkKind, id: String) async throws -> String? {
        try await strings("SELECT data FROM work_records WHERE kind = \(kind.rawValue) AND id = \(id)").first
    }

    public func workRecord(kind: WorkKind, slug: String) async throws -> String? {
        try await strings("SELECT data FROM work_records WHERE kind = \(kind.rawValue) AND slug = \(slug)").first
    }

    public func workRecords(kind: WorkKind) async throws -> [String] {
        try await strings("SELECT data FROM work_records WHERE kind = \(kind.rawValue) ORDER BY updated_at DESC, id COLLATE \"C\"")
    }

    public func workRecords(kind: WorkKind, linkingTo target: WorkLink) async throws -> [String] {
        try await strings("""
            SELECT r.data FROM work_records r JOIN work_links l ON l.record_id = r.id
            WHERE r.kind = \(kind.rawValue) AND l.target_kind = \(target.kind) AND l.target_id = \(target.id) ORDER BY r.updated_at DESC, r.id COLLATE "C"
            """)
    }

    public func workReferrers(to target: WorkLink) async throws -> [WorkLink] {
        var out: [WorkLink] = []
        for try await (kind, id) in try await run("""
            SELECT r.kind, r.id FROM work_links l JOIN work_records r ON r.id = l.record_id
            WHERE l.target_kind = \(target.kind) AND l.target_id = \(target.id) ORDER BY r.kind COLLATE "C", r.id COLLATE "C"
            """).decode((String, String).self) {
            out.append(WorkLink(kind: kind, id: id))
        }
        return out
    }

    public func insertWorkRecord(_ row: WorkRow, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await self.checkSlug(row, conn)
            try await conn.query("""
                INSERT INTO work_records (id, kind, slug, data, created_at, updated_at)
                VALUES (\(row.id), \(row.kind.rawValue), \(row.slug), \(row.json), \(row.createdAt.millisecondsSince1970), \(row.updatedAt.millisecondsSince1970))
                """, logger: self.logger)
            try await self.writeLinks(row, conn)
            try await self.insert(audit, conn)
        }
    }

    public func updateWorkRecord(_ row: WorkRow, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await self.checkSlug(row, conn)
            let n = try await self.scalarInt("""
                WITH u AS (UPDATE work_records SET slug = \(row.slug), data = \(row.json), updated_at = \(row.updatedAt.millisecondsSince1970)
                           WHERE kind = \(row.kind.rawValue) AND id = \(row.id) RETURNING 1) SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: row.kind.label, id: row.id) }
            try await conn.query("DELETE FROM work_links WHERE record_id = \(row.id)", logger: self.logger)
            try await self.writeLinks(row, conn)
            try await self.insert(audit, conn)
        }
    }

    public func deleteWorkRecord(kind: WorkKind, id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let refs = try await self.scalarInt("SELECT count(*) FROM work_links WHERE target_kind = \(kind.rawValue) AND target_id = \(id) AND record_id <> \(id)", on: conn)
            if refs > 0 { throw ConveneError.conflict("this \(kind.label) is referred to by \(refs) other record\(refs == 1 ? "" : "s"); change or remove those first") }
            let n = try await self.scalarInt("WITH d AS (DELETE FROM work_records WHERE kind = \(kind.rawValue) AND id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: kind.label, id: id) }
            try await self.insert(audit, conn)
        }
    }

    public func stakeholderTypes(ids: [String]) async throws -> [String: [String]] {
        if ids.isEmpty { return [:] }
        var out: [String: [String]] = [:]
        for try await (id, types) in try await run("SELECT id, (data::jsonb -> 'types')::text FROM stakeholders WHERE id = ANY(\(ids))").decode((String, String?).self) {
            out[id] = WorkCoding.strings(types)
        }
        return out
    }

    public func participantTypeCounts(consultationId: String) async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for try await (type, n) in try await run("""
            SELECT data::jsonb ->> 'stakeholderType', count(*) FROM consultation_participants WHERE consultation_id = \(consultationId) GROUP BY 1
            """).decode((String?, Int).self) {
            out[type ?? "unspecified"] = n
        }
        return out
    }

    func checkSlug(_ row: WorkRow, _ conn: PostgresConnection) async throws {
        guard let slug = row.slug else { return }
        // Taken under a lock on the kind's slugs, so two writers never both find one free.
        try await conn.query("SELECT pg_advisory_xact_lock(hashtext(\("work-slug:" + row.kind.rawValue)))", logger: logger)
        if try await scalarInt("SELECT count(*) FROM work_records WHERE kind = \(row.kind.rawValue) AND slug = \(slug) AND id <> \(row.id)", on: conn) > 0 {
            throw ConveneError.invalid("slug", "\"\(slug)\" is taken by another \(row.kind.label)")
        }
    }

    func writeLinks(_ row: WorkRow, _ conn: PostgresConnection) async throws {
        for link in Set(row.links) {
            try await conn.query("INSERT INTO work_links (record_id, target_kind, target_id) VALUES (\(row.id), \(link.kind), \(link.id))", logger: logger)
        }
    }
}
