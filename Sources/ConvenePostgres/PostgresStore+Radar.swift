import ConveneCore
import Foundation
import PostgresNIO

// The issue radar on PostgreSQL: the same tables and behaviour as SQLite's.

extension PostgresStore {
    // MARK: Issues

    func writeIssue(_ issue: RadarIssue, _ conn: PostgresConnection, isNew: Bool) async throws {
        var stored = issue
        stored.stakeholderIds = []
        let data = try EngagementCoding.encode(stored)
        let created = issue.createdAt.millisecondsSince1970, updated = issue.updatedAt.millisecondsSince1970
        if isNew {
            try await conn.query("INSERT INTO radar_issues (id, name, data, created_at, updated_at) VALUES (\(issue.id), \(issue.name), \(data), \(created), \(updated))", logger: logger)
        } else {
            let n = try await scalarInt("""
                WITH u AS (UPDATE radar_issues SET name = \(issue.name), data = \(data), created_at = \(created), updated_at = \(updated) WHERE id = \(issue.id) RETURNING 1)
                SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "issue", id: issue.id) }
            try await conn.query("DELETE FROM radar_issue_stakeholders WHERE issue_id = \(issue.id)", logger: logger)
        }
        guard !issue.stakeholderIds.isEmpty else { return }
        try await conn.query("""
            INSERT INTO radar_issue_stakeholders (issue_id, stakeholder_id, position)
            SELECT \(issue.id), s, p - 1 FROM unnest(\(issue.stakeholderIds)::text[]) WITH ORDINALITY AS x(s, p) ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    func issues(_ query: PostgresQuery) async throws -> [RadarIssue] {
        var list: [RadarIssue] = []
        for try await data in try await run(query).decode(String.self) { list.append(try EngagementCoding.decode(RadarIssue.self, data)) }
        guard !list.isEmpty else { return [] }
        var people: [String: [String]] = [:]
        for try await (i, s) in try await run("SELECT issue_id, stakeholder_id FROM radar_issue_stakeholders ORDER BY issue_id, position").decode((String, String).self) {
            people[i, default: []].append(s)
        }
        for n in list.indices { list[n].stakeholderIds = people[list[n].id] ?? [] }
        return list
    }

    public func radarIssue(id: String) async throws -> RadarIssue? {
        try await issues("SELECT data FROM radar_issues WHERE id = \(id)").first
    }

    public func radarIssues() async throws -> [RadarIssue] {
        try await issues("SELECT data FROM radar_issues ORDER BY lower(name) COLLATE \"C\", id COLLATE \"C\"")
    }

    public func insertRadarIssue(_ issue: RadarIssue, audit: AuditEntry) async throws {
        try await transaction { conn in try await self.writeIssue(issue, conn, isNew: true); try await self.insert(audit, conn) }
    }

    public func updateRadarIssue(_ issue: RadarIssue, audit: AuditEntry) async throws {
        try await transaction { conn in try await self.writeIssue(issue, conn, isNew: false); try await self.insert(audit, conn) }
    }

    public func deleteRadarIssue(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("WITH d AS (DELETE FROM radar_issues WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "issue", id: id) }
            try await self.insert(audit, conn)
        }
    }

    public func replaceIssueMatches(issueId: String, _ matches: [String: ItemMatch]) async throws {
        let sorted = matches.sorted { $0.key < $1.key }
        let ids = sorted.map(\.key), scores = sorted.map { Int64(RadarCoding.milli($0.value.score)) }
        let reasons = try sorted.map { try RadarCoding.reasons($0.value.reasons) }
        try await transaction { conn in
            try await conn.query("DELETE FROM radar_item_issues WHERE issue_id = \(issueId)", logger: self.logger)
            guard !ids.isEmpty else { return }
            try await conn.query("""
                INSERT INTO radar_item_issues (item_id, issue_id, at, score, reasons)
                SELECT i.id, \(issueId), i.at, x.s, x.r FROM unnest(\(ids)::text[], \(scores)::int[], \(reasons)::text[]) AS x(id, s, r)
                JOIN radar_items i ON i.id = x.id
                """, logger: self.logger)
        }
    }

    public func matchInputs(afterId: String?, limit: Int) async throws -> [MatchInput] {
        var out: [MatchInput] = []
        for try await data in try await run("SELECT data FROM radar_items WHERE id > \(afterId ?? "") ORDER BY id COLLATE \"C\" LIMIT \(Int64(limit))").decode(String.self) {
            let item = try EngagementCoding.decode(RadarItem.self, data)
            out.append(MatchInput(itemId: item.id, title: item.title, text: item.text, categories: item.categories))
        }
        return out
    }

    // MARK: Sources

    func writeSource(_ s: FeedSource, _ conn: PostgresConnection, isNew: Bool) async throws {
        let data = try EngagementCoding.encode(s)
        let next = s.fetch.nextPollAt.millisecondsSince1970, created = s.createdAt.millisecondsSince1970, updated = s.updatedAt.millisecondsSince1970
        let clash = try await scalarInt("SELECT count(*) FROM radar_sources WHERE url = \(s.url) AND id <> \(s.id)", on: conn)
        if clash > 0 { throw ConveneError.conflict("a source with the address \(s.url) exists already") }
        if isNew {
            try await conn.query("""
                INSERT INTO radar_sources (id, url, next_poll_at, is_paused, data, created_at, updated_at)
                VALUES (\(s.id), \(s.url), \(next), \(s.isPaused), \(data), \(created), \(updated))
                """, logger: logger)
        } else {
            let n = try await scalarInt("""
                WITH u AS (UPDATE radar_sources SET url = \(s.url), next_poll_at = \(next), is_paused = \(s.isPaused), data = \(data),
                           created_at = \(created), updated_at = \(updated) WHERE id = \(s.id) RETURNING 1)
                SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "source", id: s.id) }
        }
    }

    func sources(_ query: PostgresQuery, on conn: PostgresConnection? = nil) async throws -> [FeedSource] {
        var list: [FeedSource] = []
        for try await data in try await run(query, on: conn).decode(String.self) { list.append(try EngagementCoding.decode(FeedSource.self, data)) }
        return list
    }

    public func feedSource(id: String) async throws -> FeedSource? { try await sources("SELECT data FROM radar_sources WHERE id = \(id)").first }

    public func feedSource(url: String) async throws -> FeedSource? { try await sources("SELECT data FROM radar_sources WHERE url = \(url)").first }

    public func feedSources() async throws -> [FeedSource] { try await sources("SELECT data FROM radar_sources ORDER BY created_at, id COLLATE \"C\"") }

    public func insertFeedSources(_ list: [FeedSource], audit: [AuditEntry]) async throws {
        try await transaction { conn in
            for s in list { try await self.writeSource(s, conn, isNew: true) }
            for a in audit { try await self.insert(a, conn) }
        }
    }

    public func updateFeedSource(_ source: FeedSource, audit: AuditEntry) async throws {
        try await transaction { conn in try await self.writeSource(source, conn, isNew: false); try await self.insert(audit, conn) }
    }

    public func deleteFeedSource(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("WITH d AS (DELETE FROM radar_sources WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "source", id: id) }
            try await self.insert(audit, conn)
        }
    }

    public func claimDueSources(now: Date, lease: TimeInterval, limit: Int) async throws -> [FeedSource] {
        let until = now.addingTimeInterval(lease).millisecondsSince1970
        // SKIP LOCKED: two servers claiming at once each take different sources.
        return try await transaction { conn in
            try await self.sources("""
                WITH due AS (SELECT id FROM radar_sources WHERE NOT is_paused AND next_poll_at <= \(now.millisecondsSince1970)
                             ORDER BY next_poll_at, id COLLATE "C" LIMIT \(Int64(limit)) FOR UPDATE SKIP LOCKED)
                UPDATE radar_sources s SET next_poll_at = \(until) FROM due WHERE s.id = due.id RETURNING s.data
                """, on: conn).sorted { ($0.fetch.nextPollAt, $0.id) < ($1.fetch.nextPollAt, $1.id) }
        }
    }

    func recordFetch(_ sourceId: String, _ kind: SourceKind?, _ state: FetchState, _ conn: PostgresConnection) async throws {
        guard var s = try await sources("SELECT data FROM radar_sources WHERE id = \(sourceId) FOR UPDATE", on: conn).first else { return }
        s.fetch = state
        if let kind { s.kind = kind }
        try await conn.query("UPDATE radar_sources SET next_poll_at = \(state.nextPollAt.millisecondsSince1970), data = \(try EngagementCoding.encode(s)) WHERE id = \(sourceId)",
                             logger: logger)
    }

    public func recordFetch(sourceId: String, kind: SourceKind?, state: FetchState) async throws {
        try await transaction { conn in try await self.recordFetch(sourceId, kind, state, conn) }
    }
}
