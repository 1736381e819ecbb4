import ConveneCore
import Foundation
import GRDB

extension SQLiteStore {
    public func stakeholder(id: String) async throws -> Stakeholder? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT data FROM stakeholders WHERE id = ?", arguments: [id]).map(StakeholderCoding.decode)
        }
    }

    public func stakeholders(ids: [String]) async throws -> [Stakeholder] {
        if ids.isEmpty { return [] }
        return try await pool.read { db in
            var out: [Stakeholder] = []
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                out += try String.fetchAll(db, sql: "SELECT data FROM stakeholders WHERE id IN (\(marks))", arguments: StatementArguments(chunk)).map(StakeholderCoding.decode)
            }
            return out
        }
    }

    public func countStakeholders() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM stakeholders") ?? 0 }
    }

    public func insertStakeholder(_ stakeholder: Stakeholder, audit: AuditEntry) async throws {
        try await pool.write { db in
            try Self.insert(stakeholder, db)
            try audit.insert(db)
        }
    }

    public func insertStakeholders(_ stakeholders: [Stakeholder], relationships: [Relationship], actor: Actor) async throws {
        try await pool.write { db in
            // Organizations first, so affiliations point at rows that exist.
            for s in stakeholders.filter({ $0.kind == .organization }) + stakeholders.filter({ $0.kind == .person }) {
                try Self.insert(s, db)
                try AuditEntry(at: s.createdAt, actor: actor, action: "create", entityType: "stakeholder", entityId: s.id, after: .from(s)).insert(db)
            }
            for r in relationships {
                try Self.insert(r, db)
                try AuditEntry(at: r.createdAt, actor: actor, action: "create", entityType: "relationship", entityId: r.id, after: .from(r)).insert(db)
            }
        }
    }

    public func updateStakeholder(_ stakeholder: Stakeholder, audit: AuditEntry) async throws {
        try await pool.write { db in
            guard let sid = try Int64.fetchOne(db, sql: "SELECT sid FROM stakeholders WHERE id = ?", arguments: [stakeholder.id]) else {
                throw ConveneError.notFound(entity: "stakeholder", id: stakeholder.id)
            }
            let oldName = try String.fetchOne(db, sql: "SELECT display_name FROM stakeholders WHERE sid = ?", arguments: [sid])
            try db.execute(sql: """
                UPDATE stakeholders SET kind = ?, display_name = ?, sort_name = ?, affiliation_id = ?, level = ?, consent_status = ?,
                    owner_id = ?, is_archived = ?, data = ?, created_at = ?, updated_at = ? WHERE sid = ?
                """, arguments: Self.columns(stakeholder) + [sid])
            try Self.writeIndexes(stakeholder, sid: sid, db, replacing: true)
            if oldName != stakeholder.displayName {
                // Members are found by their organization's name: reindex them under the new one.
                let members = try Int64.fetchAll(db, sql: "SELECT sid FROM stakeholders WHERE affiliation_id = ?", arguments: [stakeholder.id])
                for m in members {
                    if let data = try String.fetchOne(db, sql: "SELECT data FROM stakeholders WHERE sid = ?", arguments: [m]) {
                        try Self.writeSearchRow(try StakeholderCoding.decode(data), sid: m, db, replacing: true)
                    }
                }
            }
            try audit.insert(db)
        }
    }

    public func deleteStakeholder(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            guard let sid = try Int64.fetchOne(db, sql: "SELECT sid FROM stakeholders WHERE id = ?", arguments: [id]) else {
                throw ConveneError.notFound(entity: "stakeholder", id: id)
            }
            try Self.clearAffiliation(of: id, db)
            try db.execute(sql: "DELETE FROM stakeholder_fts WHERE rowid = ?", arguments: [sid])
            try db.execute(sql: "DELETE FROM stakeholders WHERE sid = ?", arguments: [sid])
            try audit.insert(db)
        }
    }

    public func mergeStakeholders(kept: Stakeholder, removedId: String, audit: [AuditEntry]) async throws {
        try await pool.write { db in
            guard let keptSid = try Int64.fetchOne(db, sql: "SELECT sid FROM stakeholders WHERE id = ?", arguments: [kept.id]),
                  let removedSid = try Int64.fetchOne(db, sql: "SELECT sid FROM stakeholders WHERE id = ?", arguments: [removedId]) else {
                throw ConveneError.notFound(entity: "stakeholder", id: removedId)
            }
            try db.execute(sql: "UPDATE relationships SET from_id = ? WHERE from_id = ?", arguments: [kept.id, removedId])
            try db.execute(sql: "UPDATE relationships SET to_id = ? WHERE to_id = ?", arguments: [kept.id, removedId])
            // Drop what the move made pointless: self-links and exact repeats.
            try db.execute(sql: "DELETE FROM relationships WHERE from_id = to_id")
            try db.execute(sql: """
                DELETE FROM relationships WHERE (from_id = ? OR to_id = ?) AND rowid NOT IN (
                    SELECT min(rowid) FROM relationships WHERE from_id = ? OR to_id = ? GROUP BY from_id, to_id, type)
                """, arguments: [kept.id, kept.id, kept.id, kept.id])
            try db.execute(sql: """
                INSERT OR IGNORE INTO group_members (group_id, stakeholder_id, added_at)
                SELECT group_id, ?, added_at FROM group_members WHERE stakeholder_id = ?
                """, arguments: [kept.id, removedId])
            try Self.moveEngagement(from: removedId, to: kept.id, db)
            try db.execute(sql: "UPDATE stakeholders SET affiliation_id = ? WHERE affiliation_id = ? AND sid <> ?", arguments: [kept.id, removedId, keptSid])
            try Self.clearAffiliation(of: removedId, db, replacingWith: kept.id)
            try db.execute(sql: "DELETE FROM stakeholder_fts WHERE rowid = ?", arguments: [removedSid])
            try db.execute(sql: "DELETE FROM stakeholders WHERE sid = ?", arguments: [removedSid])
            try db.execute(sql: """
                UPDATE stakeholders SET kind = ?, display_name = ?, sort_name = ?, affiliation_id = ?, level = ?, consent_status = ?,
                    owner_id = ?, is_archived = ?, data = ?, created_at = ?, updated_at = ? WHERE sid = ?
                """, arguments: Self.columns(kept) + [keptSid])
            try Self.writeIndexes(kept, sid: keptSid, db, replacing: true)
            for entry in audit { try entry.insert(db) }
        }
    }

    /// Keeps members' stored JSON in step when their organization goes away or is merged.
    static func clearAffiliation(of id: String, _ db: Database, replacingWith newId: String? = nil) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT sid, data FROM stakeholders WHERE affiliation_id = ?", arguments: [id])
        for row in rows {
            let sid: Int64 = row["sid"]
            var s = try StakeholderCoding.decode(row["data"])
            guard s.affiliationId == id else { continue }
            s.affiliationId = newId
            try db.execute(sql: "UPDATE stakeholders SET affiliation_id = ?, data = ? WHERE sid = ?", arguments: [newId, try StakeholderCoding.encode(s), sid])
            try writeSearchRow(s, sid: sid, db, replacing: true)
        }
    }

    static func columns(_ s: Stakeholder) throws -> StatementArguments {
        [s.kind.rawValue, s.displayName, s.sortName, s.affiliationId, s.level?.rawValue, s.consent.status.rawValue,
         s.ownerId, s.isArchived, try StakeholderCoding.encode(s), s.createdAt.millisecondsSince1970, s.updatedAt.millisecondsSince1970]
    }

    static func insert(_ s: Stakeholder, _ db: Database) throws {
        do {
            try db.execute(sql: """
                INSERT INTO stakeholders (id, kind, display_name, sort_name, affiliation_id, level, consent_status, owner_id, is_archived, data, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [s.id] + columns(s))
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw ConveneError.conflict("a stakeholder with id \(s.id) already exists")
        }
        try writeIndexes(s, sid: db.lastInsertedRowID, db, replacing: false)
    }

    static func writeIndexes(_ s: Stakeholder, sid: Int64, _ db: Database, replacing: Bool) throws {
        if replacing {
            try db.execute(sql: "DELETE FROM stakeholder_terms WHERE sid = ?", arguments: [sid])
            try db.execute(sql: "DELETE FROM stakeholder_contacts WHERE sid = ?", arguments: [sid])
        }
        for (field, value) in StakeholderCoding.terms(s) {
            try db.execute(sql: "INSERT INTO stakeholder_terms (sid, field, value) VALUES (?, ?, ?)", arguments: [sid, field, value])
        }
        for (kind, value) in StakeholderCoding.contacts(s) {
            try db.execute(sql: "INSERT INTO stakeholder_contacts (sid, kind, value) VALUES (?, ?, ?)", arguments: [sid, kind, value])
        }
        try writeSearchRow(s, sid: sid, db, replacing: replacing)
    }

    static func writeSearchRow(_ s: Stakeholder, sid: Int64, _ db: Database, replacing: Bool) throws {
        if replacing { try db.execute(sql: "DELETE FROM stakeholder_fts WHERE rowid = ?", arguments: [sid]) }
        let organization = try s.affiliationId.flatMap {
            try String.fetchOne(db, sql: "SELECT display_name FROM stakeholders WHERE id = ?", arguments: [$0])
        }
        let text = SearchDocument(s, organization: organization)
        try db.execute(sql: "INSERT INTO stakeholder_fts (rowid, name, organization, contacts, tags, topics, notes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [sid, text.name, text.organization, text.contacts, text.tags, text.topics, text.notes])
    }
}
