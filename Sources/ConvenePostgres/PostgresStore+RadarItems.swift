import ConveneCore
import Foundation
import PostgresNIO

// Radar items on PostgreSQL: ingest with de-duplication, lists with each user's flags, and
// the instants trends count.

extension PostgresStore {
    func insertMatches(_ item: RadarItem, _ conn: PostgresConnection) async throws {
        guard !item.matches.isEmpty else { return }
        let issues = item.matches.map(\.issueId), scores = item.matches.map { Int64(RadarCoding.milli($0.score)) }
        let reasons = try item.matches.map { try RadarCoding.reasons($0.reasons) }
        try await conn.query("""
            INSERT INTO radar_item_issues (item_id, issue_id, at, score, reasons)
            SELECT \(item.id), x.i, \(item.at.millisecondsSince1970), x.s, x.r FROM unnest(\(issues)::text[], \(scores)::int[], \(reasons)::text[]) AS x(i, s, r)
            WHERE EXISTS (SELECT 1 FROM radar_issues WHERE id = x.i)
            ON CONFLICT (item_id, issue_id) DO UPDATE SET at = excluded.at, score = excluded.score, reasons = excluded.reasons
            """, logger: logger)
    }

    public func ingestItems(sourceId: String, _ items: [RadarItem], kind: SourceKind?, state: FetchState,
                            describe: @Sendable (IngestCounts) -> String?) async throws -> IngestCounts {
        try await transaction { conn in
            var counts = IngestCounts()
            for var item in items {
                item.sourceId = sourceId
                var existing: (String, String, String)?
                for try await row in try await self.run("SELECT id, content_hash, data FROM radar_items WHERE source_id = \(sourceId) AND guid = \(item.guid)", on: conn)
                    .decode((String, String, String).self) { existing = row }
                if let (existingId, hash, old) = existing {
                    guard hash != item.contentHash else { counts.duplicates += 1; continue }
                    item.id = existingId
                    item.fetchedAt = try EngagementCoding.decode(RadarItem.self, old).fetchedAt
                    try await conn.query("""
                        UPDATE radar_items SET link = \(item.link), content_hash = \(item.contentHash), at = \(item.at.millisecondsSince1970),
                            data = \(try RadarCoding.data(item)) WHERE id = \(existingId)
                        """, logger: self.logger)
                    try await conn.query("DELETE FROM radar_item_issues WHERE item_id = \(existingId)", logger: self.logger)
                    try await self.insertMatches(item, conn)
                    counts.updated += 1
                    continue
                }
                let seen = try await self.scalarInt("""
                    SELECT count(*) FROM (SELECT 1 FROM radar_items WHERE content_hash = \(item.contentHash) OR link = \(item.link) LIMIT 1) AS x
                    """, on: conn)
                if seen > 0 { counts.duplicates += 1; continue }
                try await conn.query("""
                    INSERT INTO radar_items (id, source_id, guid, link, content_hash, at, data, fetched_at)
                    VALUES (\(item.id), \(sourceId), \(item.guid), \(item.link), \(item.contentHash), \(item.at.millisecondsSince1970),
                            \(try RadarCoding.data(item)), \(item.fetchedAt.millisecondsSince1970))
                    """, logger: self.logger)
                try await self.insertMatches(item, conn)
                counts.added += 1
            }
            var state = state
            if let words = describe(counts) { state.lastResult = words }
            try await self.recordFetch(sourceId, kind, state, conn)
            return counts
        }
    }

    func itemFilter(_ q: ItemQuery, _ b: inout SQLBuilder) {
        b.add(" WHERE true")
        if let issue = q.issueId { b.add(" AND i.id IN (SELECT item_id FROM radar_item_issues WHERE issue_id = "); b.bind(issue); b.add(")") }
        if let source = q.sourceId { b.add(" AND i.source_id = "); b.bind(source) }
        if let f = q.from { b.add(" AND i.at >= "); b.bind(f.millisecondsSince1970) }
        if let t = q.to { b.add(" AND i.at < "); b.bind(t.millisecondsSince1970) }
        if q.unreadOnly { b.add(" AND NOT COALESCE(st.is_read, false)") }
        if q.starredOnly { b.add(" AND COALESCE(st.is_starred, false)") }
    }

    func listings(_ query: PostgresQuery) async throws -> [ItemListing] {
        var out: [ItemListing] = []
        for try await (data, read, starred) in try await run(query).decode((String, Bool?, Bool?).self) {
            out.append(ItemListing(item: try EngagementCoding.decode(RadarItem.self, data), isRead: read == true, isStarred: starred == true))
        }
        guard !out.isEmpty else { return [] }
        var matches: [String: [ItemMatch]] = [:]
        for try await (item, issue, score, reasons) in try await run("""
            SELECT item_id, issue_id, score, reasons FROM radar_item_issues WHERE item_id = ANY(\(out.map(\.item.id))::text[])
            ORDER BY item_id, score DESC, issue_id COLLATE "C"
            """).decode((String, String, Int, String).self) {
            matches[item, default: []].append(ItemMatch(issueId: issue, score: RadarCoding.score(milli: score), reasons: RadarCoding.reasons(reasons)))
        }
        for n in out.indices { out[n].item.matches = matches[out[n].item.id] ?? [] }
        return out
    }

    public func radarItem(id: String, userId: String?) async throws -> ItemListing? {
        try await listings("""
            SELECT i.data, st.is_read, st.is_starred FROM radar_items i LEFT JOIN radar_item_states st ON st.item_id = i.id AND st.user_id = \(userId ?? "")
            WHERE i.id = \(id)
            """).first
    }

    public func radarItems(_ q: ItemQuery) async throws -> [ItemListing] {
        var b = SQLBuilder("SELECT i.data, st.is_read, st.is_starred FROM radar_items i LEFT JOIN radar_item_states st ON st.item_id = i.id AND st.user_id = ")
        b.bind(q.userId ?? "")
        itemFilter(q, &b)
        b.add(" ORDER BY i.at DESC, i.id COLLATE \"C\" DESC LIMIT "); b.bind(q.limit); b.add(" OFFSET "); b.bind(q.offset)
        return try await listings(b.query)
    }

    public func countRadarItems(_ q: ItemQuery) async throws -> Int {
        var b = SQLBuilder("SELECT count(*) FROM radar_items i LEFT JOIN radar_item_states st ON st.item_id = i.id AND st.user_id = ")
        b.bind(q.userId ?? "")
        itemFilter(q, &b)
        return try await scalarInt(b.query)
    }

    public func setItemState(itemId: String, userId: String, isRead: Bool?, isStarred: Bool?) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("SELECT count(*) FROM radar_items WHERE id = \(itemId)", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "item", id: itemId) }
            var current: (Bool, Bool) = (false, false)
            for try await row in try await self.run("SELECT is_read, is_starred FROM radar_item_states WHERE user_id = \(userId) AND item_id = \(itemId) FOR UPDATE", on: conn)
                .decode((Bool, Bool).self) { current = row }
            let read = isRead ?? current.0, starred = isStarred ?? current.1
            try await conn.query("""
                INSERT INTO radar_item_states (user_id, item_id, is_read, is_starred) VALUES (\(userId), \(itemId), \(read), \(starred))
                ON CONFLICT (user_id, item_id) DO UPDATE SET is_read = excluded.is_read, is_starred = excluded.is_starred
                """, logger: self.logger)
        }
    }

    public func issueItemTimes(from: Date) async throws -> [(issueId: String, at: Date)] {
        var out: [(issueId: String, at: Date)] = []
        for try await (issue, at) in try await run("SELECT issue_id, at FROM radar_item_issues WHERE at >= \(from.millisecondsSince1970) ORDER BY issue_id COLLATE \"C\", at")
            .decode((String, Int64).self) {
            out.append((issue, Date(millisecondsSince1970: at)))
        }
        return out
    }

    public func itemCountsBySource() async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for try await (source, n) in try await run("SELECT source_id, count(*) FROM radar_items GROUP BY source_id").decode((String, Int64).self) { out[source] = Int(n) }
        return out
    }
}
