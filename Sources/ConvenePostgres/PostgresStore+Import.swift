import ConveneCore
import Foundation
import PostgresNIO

extension PostgresStore {
    public func importIndex() async throws -> ImportIndex {
        var contacts: [String: String] = [:]
        for try await (kind, value, id) in try await run("""
            SELECT c.kind, c.value, s.id FROM stakeholder_contacts c JOIN stakeholders s ON s.sid = c.sid ORDER BY s.sid
            """).decode((String, String, String).self) {
            let key = kind + ":" + value
            if contacts[key] == nil { contacts[key] = id }
        }
        var organizations: [String: String] = [:]
        for try await (id, name) in try await run("SELECT id, display_name FROM stakeholders WHERE kind = 'organization' AND NOT is_archived ORDER BY sid")
            .decode((String, String).self) {
            let key = NameSimilarity.fold(name)
            if organizations[key] == nil { organizations[key] = id }
        }
        var ids = Set<String>()
        for try await id in try await run("SELECT id FROM stakeholders").decode(String.self) { ids.insert(id) }
        var people: [String: [(id: String, name: String)]] = [:]
        for try await (id, name, org) in try await run("""
            SELECT id, display_name, affiliation_id FROM stakeholders WHERE NOT is_archived AND affiliation_id IS NOT NULL AND kind = 'person'
            """).decode((String, String, String).self) {
            people[org, default: []].append((id, NameSimilarity.fold(name)))
        }
        return ImportIndex(contacts: contacts, organizations: organizations, people: people, ids: ids)
    }

    public func importStakeholders(actor: Actor, now: Date, _ next: @escaping @Sendable () throws -> ImportBatch?) async throws {
        try await transaction { conn in
            while let batch = try next() {
                // Organizations first within a batch: people in it may name them.
                for s in batch.creates.filter({ $0.kind == .organization }) + batch.creates.filter({ $0.kind == .person }) {
                    try await self.insert(s, conn)
                    try await self.insert(StakeholderImport.createAudit(s, actor: actor), conn)
                }
                for incoming in batch.updates {
                    guard let before = try await self.records("SELECT data FROM stakeholders WHERE id = \(incoming.id)", on: conn).first else {
                        throw ConveneError.notFound(entity: "stakeholder", id: incoming.id)
                    }
                    let after = StakeholderImport.merge(before, with: incoming, now: now)
                    try await self.write(after, conn, isNew: false)
                    try await self.insert(StakeholderImport.updateAudit(before: before, after: after, actor: actor), conn)
                }
            }
        }
    }
}

extension PostgresStore {
    public func putUpload(id: String, userId: String, filename: String, content: [UInt8], at: Date) async throws {
        try await client.query("""
            INSERT INTO uploads (id, user_id, filename, content, created_at) VALUES (\(id), \(userId), \(filename), \(ByteBuffer(bytes: content)), \(at.millisecondsSince1970))
            """, logger: logger)
    }

    public func upload(id: String, userId: String) async throws -> (filename: String, content: [UInt8])? {
        for try await (name, content) in try await run("SELECT filename, content FROM uploads WHERE id = \(id) AND user_id = \(userId)").decode((String, ByteBuffer).self) {
            return (name, Array(content.readableBytesView))
        }
        return nil
    }

    public func deleteUpload(id: String) async throws {
        try await client.query("DELETE FROM uploads WHERE id = \(id)", logger: logger)
    }

    public func deleteUploads(before: Date) async throws {
        try await client.query("DELETE FROM uploads WHERE created_at < \(before.millisecondsSince1970)", logger: logger)
    }
}
