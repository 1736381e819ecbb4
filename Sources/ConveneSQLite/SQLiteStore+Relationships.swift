import ConveneCore
import Foundation
import GRDB

extension SQLiteStore {
    static func relationship(_ row: Row) -> Relationship {
        Relationship(id: row["id"], fromId: row["from_id"], toId: row["to_id"], type: RelationshipType(rawValue: row["type"]) ?? .other,
                     startsOn: (row["starts_on"] as String?).flatMap(CalendarDate.init), endsOn: (row["ends_on"] as String?).flatMap(CalendarDate.init),
                     notes: row["notes"], createdAt: Date(millisecondsSince1970: row["created_at"]), updatedAt: Date(millisecondsSince1970: row["updated_at"]))
    }

    static func insert(_ r: Relationship, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO relationships (id, from_id, to_id, type, starts_on, ends_on, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [r.id, r.fromId, r.toId, r.type.rawValue, r.startsOn?.description, r.endsOn?.description, r.notes,
                             r.createdAt.millisecondsSince1970, r.updatedAt.millisecondsSince1970])
    }

    public func relationship(id: String) async throws -> Relationship? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM relationships WHERE id = ?", arguments: [id]).map(Self.relationship) }
    }

    public func relationships(stakeholderId: String) async throws -> [Relationship] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM relationships WHERE from_id = ? OR to_id = ? ORDER BY type, created_at, id",
                             arguments: [stakeholderId, stakeholderId]).map(Self.relationship)
        }
    }

    public func insertRelationship(_ relationship: Relationship, audit: AuditEntry) async throws {
        try await pool.write { db in
            try Self.insert(relationship, db)
            try audit.insert(db)
        }
    }

    public func updateRelationship(_ r: Relationship, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE relationships SET from_id = ?, to_id = ?, type = ?, starts_on = ?, ends_on = ?, notes = ?, updated_at = ? WHERE id = ?",
                           arguments: [r.fromId, r.toId, r.type.rawValue, r.startsOn?.description, r.endsOn?.description, r.notes, r.updatedAt.millisecondsSince1970, r.id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "relationship", id: r.id) }
            try audit.insert(db)
        }
    }

    public func deleteRelationship(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM relationships WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "relationship", id: id) }
            try audit.insert(db)
        }
    }
}
