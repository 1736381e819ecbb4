import ConveneCore
import Foundation
import GRDB

extension SQLiteStore {
    static func group(_ row: Row) -> StakeholderGroup {
        StakeholderGroup(id: row["id"], name: row["name"], description: row["description"], kind: StakeholderGroup.Kind(rawValue: row["kind"]) ?? .static,
                         query: row["query"], createdAt: Date(millisecondsSince1970: row["created_at"]), updatedAt: Date(millisecondsSince1970: row["updated_at"]))
    }

    public func group(id: String) async throws -> StakeholderGroup? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM groups WHERE id = ?", arguments: [id]).map(Self.group) }
    }

    public func groups() async throws -> [StakeholderGroup] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM groups ORDER BY name COLLATE NOCASE, id").map(Self.group) }
    }

    public func groups(stakeholderId: String) async throws -> [StakeholderGroup] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT g.* FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.stakeholder_id = ? ORDER BY g.name COLLATE NOCASE, g.id
                """, arguments: [stakeholderId]).map(Self.group)
        }
    }

    public func insertGroup(_ g: StakeholderGroup, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO groups (id, name, description, kind, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [g.id, g.name, g.description, g.kind.rawValue, g.query, g.createdAt.millisecondsSince1970, g.updatedAt.millisecondsSince1970])
            try audit.insert(db)
        }
    }

    public func updateGroup(_ g: StakeholderGroup, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE groups SET name = ?, description = ?, kind = ?, query = ?, updated_at = ? WHERE id = ?",
                           arguments: [g.name, g.description, g.kind.rawValue, g.query, g.updatedAt.millisecondsSince1970, g.id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "group", id: g.id) }
            if g.kind == .savedSearch { try db.execute(sql: "DELETE FROM group_members WHERE group_id = ?", arguments: [g.id]) }
            try audit.insert(db)
        }
    }

    public func deleteGroup(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM groups WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "group", id: id) }
            try audit.insert(db)
        }
    }

    public func staticMemberCount(groupId: String) async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM group_members WHERE group_id = ?", arguments: [groupId]) ?? 0 }
    }

    public func addGroupMembers(groupId: String, stakeholderIds: [String], audit: AuditEntry) async throws -> Int {
        try await pool.write { db in
            var added = 0
            for id in stakeholderIds {
                try db.execute(sql: "INSERT OR IGNORE INTO group_members (group_id, stakeholder_id, added_at) VALUES (?, ?, ?)",
                               arguments: [groupId, id, audit.at.millisecondsSince1970])
                added += db.changesCount
            }
            if added > 0 { try audit.insert(db) }
            return added
        }
    }

    public func removeGroupMembers(groupId: String, stakeholderIds: [String], audit: AuditEntry) async throws -> Int {
        try await pool.write { db in
            var removed = 0
            for id in stakeholderIds {
                try db.execute(sql: "DELETE FROM group_members WHERE group_id = ? AND stakeholder_id = ?", arguments: [groupId, id])
                removed += db.changesCount
            }
            if removed > 0 { try audit.insert(db) }
            return removed
        }
    }
}
