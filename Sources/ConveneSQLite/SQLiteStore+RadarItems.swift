import ConveneCore
import Foundation
import GRDB

// Radar items on SQLite: ingest with de-duplication, lists with each user's flags, and the
// instants trends count.

extension SQLiteStore {
    static func insertMatches(_ item: RadarItem, _ db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO radar_item_issues (item_id, issue_id, at, score, reasons) VALUES (?, ?, ?, ?, ?)")
        for m in item.matches {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM radar_issues WHERE id = ?", arguments: [m.issueId]) == true else { continue }
            try insert.execute(arguments: [item.id, m.issueId, item.at.millisecondsSince1970, RadarCoding.milli(m.score), try RadarCoding.reasons(m.reasons)])
        }
    }

    public func ingestItems(sourceId: String, _ items: [RadarItem], kind: SourceKind?, state: FetchState,
                            describe: @Sendable (IngestCounts) -> String?) async throws -> IngestCounts {
        try await pool.write { db in
            var counts = IngestCounts()
            for var item in items {
                item.sourceId = sourceId
                if let row = try Row.fetchOne(db, sql: "SELECT id, content_hash FROM radar_items WHERE source_id = ? AND guid = ?", arguments: [sourceId, item.guid]) {
                    let existingId: String = row[0], hash: String = row[1]
                    guard hash != item.contentHash else { counts.duplicates += 1; continue }
                    item.id = existingId
                    if let old = try String.fetchOne(db, sql: "SELECT data FROM radar_items WHERE id = ?", arguments: [existingId]) {
                        item.fetchedAt = try EngagementCoding.decode(RadarItem.self, old).fetchedAt
                    }
                    try db.execute(sql: "UPDATE radar_items SET link = ?, content_hash = ?, at = ?, data = ? WHERE id = ?",
                                   arguments: [item.link, item.contentHash, item.at.millisecondsSince1970, try RadarCoding.data(item), existingId])
                    try db.execute(sql: "DELETE FROM radar_item_issues WHERE item_id = ?", arguments: [existingId])
                    try Self.insertMatches(item, db)
                    counts.updated += 1
                    continue
                }
                let seen = try Bool.fetchOne(db, sql: "SELECT 1 FROM radar_items WHERE content_hash = ? OR (? IS NOT NULL AND link = ?) LIMIT 1",
                                             arguments: [item.contentHash, item.link, item.link]) == true
                if seen { counts.duplicates += 1; continue }
                try db.execute(sql: "INSERT INTO radar_items (id, source_id, guid, link, content_hash, at, data, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [item.id, sourceId, item.guid, item.link, item.contentHash, item.at.millisecondsSince1970,
                                           try RadarCoding.data(item), item.fetchedAt.millisecondsSince1970])
                try Self.insertMatches(item, db)
                counts.added += 1
            }
            var state = state
            if let words = describe(counts) { state.lastResult = words }
            try Self.recordFetch(sourceId, kind, state, db)
            return counts
        }
    }

    static func itemFilter(_ q: ItemQuery) -> (String, StatementArguments) {
        var clauses: [String] = []
        var args: StatementArguments = []
        if let issue = q.issueId { clauses.append("i.id IN (SELECT item_id FROM radar_item_issues WHERE issue_id = ?)"); _ = args.append(contentsOf: [issue]) }
        if let source = q.sourceId { clauses.append("i.source_id = ?"); _ = args.append(contentsOf: [source]) }
        if let f = q.from { clauses.append("i.at >= ?"); _ = args.append(contentsOf: [f.millisecondsSince1970]) }
        if let t = q.to { clauses.append("i.at < ?"); _ = args.append(contentsOf: [t.millisecondsSince1970]) }
        if q.unreadOnly { clauses.append("COALESCE(st.is_read, 0) = 0") }
        if q.starredOnly { clauses.append("COALESCE(st.is_starred, 0) = 1") }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), args)
    }

    static func listings(_ rows: [Row], _ db: Database) throws -> [ItemListing] {
        var out = try rows.map { row in
            ItemListing(item: try EngagementCoding.decode(RadarItem.self, row[0] as String), isRead: (row[1] as Int?) == 1, isStarred: (row[2] as Int?) == 1)
        }
        guard !out.isEmpty else { return [] }
        var matches: [String: [ItemMatch]] = [:]
        let marks = Array(repeating: "?", count: out.count).joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: "SELECT item_id, issue_id, score, reasons FROM radar_item_issues WHERE item_id IN (\(marks)) ORDER BY item_id, score DESC, issue_id",
                                    arguments: StatementArguments(out.map(\.item.id))) {
            matches[row[0], default: []].append(ItemMatch(issueId: row[1], score: RadarCoding.score(milli: row[2]), reasons: RadarCoding.reasons(row[3] as String)))
        }
        for n in out.indices { out[n].item.matches = matches[out[n].item.id] ?? [] }
        return out
    }

    public func radarItem(id: String, userId: String?) async throws -> ItemListing? {
        try await pool.read { db in
            try Self.listings(Row.fetchAll(db, sql: """
                SELECT i.data, st.is_read, st.is_starred FROM radar_items i LEFT JOIN radar_item_states st ON st.item_id = i.id AND st.user_id = ? WHERE i.id = ?
                """, arguments: [userId ?? "", id]), db).first
        }
    }

    public func radarItems(_ q: ItemQuery) async throws -> [ItemListing] {
        try await pool.read { db in
            let (filter, args) = Self.itemFilter(q)
            let sql = """
                SELECT i.data, st.is_read, st.is_starred FROM radar_items i LEFT JOIN radar_item_states st ON st.item_id = i.id AND st.user_id = ?
                \(filter) ORDER BY i.at DESC, i.id DESC LIMIT ? OFFSET ?
                """
            return try Self.listings(Row.fetchAll(db, sql: sql, arguments: [q.userId ?? ""] + args + [q.limit, q.offset]), db)
        }
    }

    public func countRadarItems(_ q: ItemQuery) async throws -> Int {
        try await pool.read { db in
            let (filter, args) = Self.itemFilter(q)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM radar_items i LEFT JOIN radar_item_states st ON st.item_id = i.id AND st.user_id = ? \(filter)",
                                    arguments: [q.userId ?? ""] + args) ?? 0
        }
    }

    public func setItemState(itemId: String, userId: String, isRead: Bool?, isStarred: Bool?) async throws {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM radar_items WHERE id = ?", arguments: [itemId]) == true else {
                throw ConveneError.notFound(entity: "item", id: itemId)
            }
            let row = try Row.fetchOne(db, sql: "SELECT is_read, is_starred FROM radar_item_states WHERE user_id = ? AND item_id = ?", arguments: [userId, itemId])
            let read = isRead ?? ((row?[0] as Int?) == 1), starred = isStarred ?? ((row?[1] as Int?) == 1)
            try db.execute(sql: "INSERT OR REPLACE INTO radar_item_states (user_id, item_id, is_read, is_starred) VALUES (?, ?, ?, ?)",
                           arguments: [userId, itemId, read, starred])
        }
    }

    public func issueItemTimes(from: Date) async throws -> [(issueId: String, at: Date)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT issue_id, at FROM radar_item_issues WHERE at >= ? ORDER BY issue_id, at", arguments: [from.millisecondsSince1970]).map { row in
                (issueId: row[0] as String, at: Date(millisecondsSince1970: row[1] as Int64))
            }
        }
    }

    public func itemCountsBySource() async throws -> [String: Int] {
        try await pool.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT source_id, count(*) FROM radar_items GROUP BY source_id") { out[row[0]] = row[1] }
            return out
        }
    }
}
