import ConveneCore
import Foundation
import GRDB

extension SQLiteStore {
    public func importIndex() async throws -> ImportIndex {
        try await pool.read { db in
            var contacts: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.kind, c.value, s.id FROM stakeholder_contacts c JOIN stakeholders s ON s.sid = c.sid ORDER BY s.sid
                """)
            while let row = try rows.next() {
                let key = (row[0] as String) + ":" + (row[1] as String)
                if contacts[key] == nil { contacts[key] = row[2] }
            }
            var organizations: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, display_name FROM stakeholders WHERE kind = 'organization' AND is_archived = 0 ORDER BY sid") {
                let key = NameSimilarity.fold(row[1])
                if organizations[key] == nil { organizations[key] = row[0] }
            }
            let ids = Set(try String.fetchAll(db, sql: "SELECT id FROM stakeholders"))
            var people: [String: [(id: String, name: String)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, display_name, affiliation_id FROM stakeholders WHERE is_archived = 0 AND affiliation_id IS NOT NULL AND kind = 'person'") {
                people[row[2], default: []].append((row[0], NameSimilarity.fold(row[1])))
            }
            return ImportIndex(contacts: contacts, organizations: organizations, people: people, ids: ids)
        }
    }

    public func importStakeholders(actor: Actor, now: Date, _ next: @escaping @Sendable () throws -> ImportBatch?) async throws {
        try await pool.write { db in
            while let batch = try next() {
                for s in batch.creates {
                    try Self.insert(s, db)
                    try StakeholderImport.createAudit(s, actor: actor).insert(db)
                }
                for incoming in batch.updates {
                    guard let row = try Row.fetchOne(db, sql: "SELECT sid, data FROM stakeholders WHERE id = ?", arguments: [incoming.id]) else {
                        throw ConveneError.notFound(entity: "stakeholder", id: incoming.id)
                    }
                    let sid: Int64 = row["sid"]
                    let before = try StakeholderCoding.decode(row["data"])
                    let after = StakeholderImport.merge(before, with: incoming, now: now)
                    try db.execute(sql: """
                        UPDATE stakeholders SET kind = ?, display_name = ?, sort_name = ?, affiliation_id = ?, level = ?, consent_status = ?,
                            owner_id = ?, is_archived = ?, data = ?, created_at = ?, updated_at = ? WHERE sid = ?
                        """, arguments: Self.columns(after) + [sid])
                    try Self.writeIndexes(after, sid: sid, db, replacing: true)
                    try StakeholderImport.updateAudit(before: before, after: after, actor: actor).insert(db)
                }
            }
        }
    }
}

extension SQLiteStore {
    public func putUpload(id: String, userId: String, filename: String, content: [UInt8], at: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO uploads (id, user_id, filename, content, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, userId, filename, Data(content), at.millisecondsSince1970])
        }
    }

    public func upload(id: String, userId: String) async throws -> (filename: String, content: [UInt8])? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT filename, content FROM uploads WHERE id = ? AND user_id = ?", arguments: [id, userId]).map { row in
                (row["filename"], [UInt8](row["content"] as Data))
            }
        }
    }

    public func deleteUpload(id: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM uploads WHERE id = ?", arguments: [id]) }
    }

    public func deleteUploads(before: Date) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM uploads WHERE created_at < ?", arguments: [before.millisecondsSince1970]) }
    }
}
