import ConveneCore
import Foundation
import GRDB

// Working groups, partnerships, advocacy, resources, initiatives and decisions on SQLite: one
// table of JSON records by kind, and the links each record makes.

extension SQLiteStore {
    public func workRecord(kind: WorkKind, id: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT data FROM work_records WHERE kind = ? AND id = ?", arguments: [kind.rawValue, id]) }
    }

    public func workRecord(kind: WorkKind, slug: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT data FROM work_records WHERE kind = ? AND slug = ?", arguments: [kind.rawValue, slug]) }
    }

    public func workRecords(kind: WorkKind) async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT data FROM work_records WHERE kind = ? ORDER BY updated_at DESC, id", arguments: [kind.rawValue]) }
    }

    public func workRecords(kind: WorkKind, linkingTo target: WorkLink) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT r.data FROM work_records r JOIN work_links l ON l.record_id = r.id
                WHERE r.kind = ? AND l.target_kind = ? AND l.target_id = ? ORDER BY r.updated_at DESC, r.id
                """, arguments: [kind.rawValue, target.kind, target.id])
        }
    }

    public func workReferrers(to target: WorkLink) async throws -> [WorkLink] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.kind, r.id FROM work_links l JOIN work_records r ON r.id = l.record_id WHERE l.target_kind = ? AND l.target_id = ? ORDER BY r.kind, r.id
                """, arguments: [target.kind, target.id]).map { WorkLink(kind: $0[0], id: $0[1]) }
        }
    }

    public func insertWorkRecord(_ row: WorkRow, audit: AuditEntry) async throws {
        try await pool.write { db in
            try Self.checkSlug(row, db)
            try db.execute(sql: "INSERT INTO work_records (id, kind, slug, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [row.id, row.kind.rawValue, row.slug, row.json, row.createdAt.millisecondsSince1970, row.updatedAt.millisecondsSince1970])
            try Self.writeLinks(row, db)
            try audit.insert(db)
        }
    }

    public func updateWorkRecord(_ row: WorkRow, audit: AuditEntry) async throws {
        try await pool.write { db in
            try Self.checkSlug(row, db)
            try db.execute(sql: "UPDATE work_records SET slug = ?, data = ?, updated_at = ? WHERE kind = ? AND id = ?",
                           arguments: [row.slug, row.json, row.updatedAt.millisecondsSince1970, row.kind.rawValue, row.id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: row.kind.label, id: row.id) }
            try db.execute(sql: "DELETE FROM work_links WHERE record_id = ?", arguments: [row.id])
            try Self.writeLinks(row, db)
            try audit.insert(db)
        }
    }

    public func deleteWorkRecord(kind: WorkKind, id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            if let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM work_links WHERE target_kind = ? AND target_id = ? AND record_id <> ?",
                                        arguments: [kind.rawValue, id, id]), n > 0 {
                throw ConveneError.conflict("this \(kind.label) is referred to by \(n) other record\(n == 1 ? "" : "s"); change or remove those first")
            }
            try db.execute(sql: "DELETE FROM work_records WHERE kind = ? AND id = ?", arguments: [kind.rawValue, id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: kind.label, id: id) }
            try audit.insert(db)
        }
    }

    public func stakeholderTypes(ids: [String]) async throws -> [String: [String]] {
        if ids.isEmpty { return [:] }
        return try await pool.read { db in
            var out: [String: [String]] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, json_extract(data, '$.types') FROM stakeholders WHERE id IN (\(marks))", arguments: StatementArguments(chunk)) {
                    out[row[0]] = WorkCoding.strings(row[1])
                }
            }
            return out
        }
    }

    public func participantTypeCounts(consultationId: String) async throws -> [String: Int] {
        try await pool.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT json_extract(data, '$.stakeholderType'), count(*) FROM consultation_participants WHERE consultation_id = ? GROUP BY 1
                """, arguments: [consultationId]) {
                out[(row[0] as String?) ?? "unspecified"] = row[1]
            }
            return out
        }
    }

    static func checkSlug(_ row: WorkRow, _ db: Database) throws {
        guard let slug = row.slug else { return }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM work_records WHERE kind = ? AND slug = ? AND id <> ?", arguments: [row.kind.rawValue, slug, row.id]) == true {
            throw ConveneError.invalid("slug", "\"\(slug)\" is taken by another \(row.kind.label)")
        }
    }

    static func writeLinks(_ row: WorkRow, _ db: Database) throws {
        for link in Set(row.links) {
            try db.execute(sql: "INSERT INTO work_links (record_id, target_kind, target_id) VALUES (?, ?, ?)", arguments: [row.id, link.kind, link.id])
        }
    }
}
