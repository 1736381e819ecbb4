import ConveneCore
import Foundation
import PostgresNIO

extension PostgresStore {
    static let relationshipColumns = "id, from_id, to_id, type, starts_on, ends_on, notes, created_at, updated_at"

    func relationships(_ query: PostgresQuery) async throws -> [Relationship] {
        var out: [Relationship] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, from, to, type, starts, ends, notes, created, updated) in rows.decode((String, String, String, String, String?, String?, String?, Int64, Int64).self) {
            out.append(Relationship(id: id, fromId: from, toId: to, type: RelationshipType(rawValue: type) ?? .other, startsOn: starts.flatMap(CalendarDate.init),
                                    endsOn: ends.flatMap(CalendarDate.init), notes: notes, createdAt: Date(millisecondsSince1970: created), updatedAt: Date(millisecondsSince1970: updated)))
        }
        return out
    }

    func insert(_ r: Relationship, _ conn: PostgresConnection) async throws {
        try await conn.query("""
            INSERT INTO relationships (id, from_id, to_id, type, starts_on, ends_on, notes, created_at, updated_at)
            VALUES (\(r.id), \(r.fromId), \(r.toId), \(r.type.rawValue), \(r.startsOn?.description), \(r.endsOn?.description), \(r.notes),
                    \(r.createdAt.millisecondsSince1970), \(r.updatedAt.millisecondsSince1970))
            """, logger: logger)
    }

    public func relationship(id: String) async throws -> Relationship? {
        try await relationships("SELECT id, from_id, to_id, type, starts_on, ends_on, notes, created_at, updated_at FROM relationships WHERE id = \(id)").first
    }

    public func relationships(stakeholderId: String) async throws -> [Relationship] {
        try await relationships("""
            SELECT id, from_id, to_id, type, starts_on, ends_on, notes, created_at, updated_at FROM relationships
            WHERE from_id = \(stakeholderId) OR to_id = \(stakeholderId) ORDER BY type COLLATE "C", created_at, id COLLATE "C"
            """)
    }

    public func insertRelationship(_ relationship: Relationship, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await self.insert(relationship, conn)
            try await self.insert(audit, conn)
        }
    }

    public func updateRelationship(_ r: Relationship, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("""
                WITH u AS (UPDATE relationships SET from_id = \(r.fromId), to_id = \(r.toId), type = \(r.type.rawValue), starts_on = \(r.startsOn?.description),
                    ends_on = \(r.endsOn?.description), notes = \(r.notes), updated_at = \(r.updatedAt.millisecondsSince1970) WHERE id = \(r.id) RETURNING 1)
                SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "relationship", id: r.id) }
            try await self.insert(audit, conn)
        }
    }

    public func deleteRelationship(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("WITH d AS (DELETE FROM relationships WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "relationship", id: id) }
            try await self.insert(audit, conn)
        }
    }

    // MARK: Groups

    func groups(_ query: PostgresQuery) async throws -> [StakeholderGroup] {
        var out: [StakeholderGroup] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, name, description, kind, q, created, updated) in rows.decode((String, String, String?, String, String?, Int64, Int64).self) {
            out.append(StakeholderGroup(id: id, name: name, description: description, kind: StakeholderGroup.Kind(rawValue: kind) ?? .static, query: q,
                                        createdAt: Date(millisecondsSince1970: created), updatedAt: Date(millisecondsSince1970: updated)))
        }
        return out
    }

    public func group(id: String) async throws -> StakeholderGroup? {
        try await groups("SELECT id, name, description, kind, query, created_at, updated_at FROM groups WHERE id = \(id)").first
    }

    public func groups() async throws -> [StakeholderGroup] {
        try await groups("SELECT id, name, description, kind, query, created_at, updated_at FROM groups ORDER BY lower(name) COLLATE \"C\", id COLLATE \"C\"")
    }

    public func groups(stakeholderId: String) async throws -> [StakeholderGroup] {
        try await groups("""
            SELECT g.id, g.name, g.description, g.kind, g.query, g.created_at, g.updated_at FROM groups g JOIN group_members m ON m.group_id = g.id
            WHERE m.stakeholder_id = \(stakeholderId) ORDER BY lower(g.name) COLLATE "C", g.id COLLATE "C"
            """)
    }

    public func insertGroup(_ g: StakeholderGroup, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await conn.query("""
                INSERT INTO groups (id, name, description, kind, query, created_at, updated_at)
                VALUES (\(g.id), \(g.name), \(g.description), \(g.kind.rawValue), \(g.query), \(g.createdAt.millisecondsSince1970), \(g.updatedAt.millisecondsSince1970))
                """, logger: self.logger)
            try await self.insert(audit, conn)
        }
    }

    public func updateGroup(_ g: StakeholderGroup, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("""
                WITH u AS (UPDATE groups SET name = \(g.name), description = \(g.description), kind = \(g.kind.rawValue), query = \(g.query),
                    updated_at = \(g.updatedAt.millisecondsSince1970) WHERE id = \(g.id) RETURNING 1) SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "group", id: g.id) }
            if g.kind == .savedSearch { try await conn.query("DELETE FROM group_members WHERE group_id = \(g.id)", logger: self.logger) }
            try await self.insert(audit, conn)
        }
    }

    public func deleteGroup(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("WITH d AS (DELETE FROM groups WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "group", id: id) }
            try await self.insert(audit, conn)
        }
    }

    public func staticMemberCount(groupId: String) async throws -> Int {
        try await scalarInt("SELECT count(*) FROM group_members WHERE group_id = \(groupId)")
    }

    public func addGroupMembers(groupId: String, stakeholderIds: [String], audit: AuditEntry) async throws -> Int {
        try await transaction { conn in
            let n = try await self.scalarInt("""
                WITH i AS (INSERT INTO group_members (group_id, stakeholder_id, added_at)
                    SELECT \(groupId), x, \(audit.at.millisecondsSince1970) FROM unnest(\(stakeholderIds)::text[]) AS x ON CONFLICT DO NOTHING RETURNING 1)
                SELECT count(*) FROM i
                """, on: conn)
            if n > 0 { try await self.insert(audit, conn) }
            return n
        }
    }

    public func removeGroupMembers(groupId: String, stakeholderIds: [String], audit: AuditEntry) async throws -> Int {
        try await transaction { conn in
            let n = try await self.scalarInt("""
                WITH d AS (DELETE FROM group_members WHERE group_id = \(groupId) AND stakeholder_id = ANY(\(stakeholderIds)) RETURNING 1) SELECT count(*) FROM d
                """, on: conn)
            if n > 0 { try await self.insert(audit, conn) }
            return n
        }
    }
}
