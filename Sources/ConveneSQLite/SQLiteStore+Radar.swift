import ConveneCore
import Foundation
import GRDB

// The issue radar on SQLite: issues (their stakeholders in a link table), sources with their
// polling state, items as JSON with their issue matches in a link table, and each user's
// read and star flags.

extension SQLiteStore {
    // MARK: Issues

    static func writeIssue(_ issue: RadarIssue, _ db: Database, isNew: Bool) throws {
        var stored = issue
        stored.stakeholderIds = []
        let args: StatementArguments = [issue.name, try EngagementCoding.encode(stored), issue.createdAt.millisecondsSince1970,
                                        issue.updatedAt.millisecondsSince1970, issue.id]
        if isNew {
            try db.execute(sql: "INSERT INTO radar_issues (name, data, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?)", arguments: args)
        } else {
            try db.execute(sql: "UPDATE radar_issues SET name = ?, data = ?, created_at = ?, updated_at = ? WHERE id = ?", arguments: args)
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "issue", id: issue.id) }
            try db.execute(sql: "DELETE FROM radar_issue_stakeholders WHERE issue_id = ?", arguments: [issue.id])
        }
        for (n, sid) in issue.stakeholderIds.enumerated() {
            try db.execute(sql: "INSERT OR IGNORE INTO radar_issue_stakeholders (issue_id, stakeholder_id, position) VALUES (?, ?, ?)", arguments: [issue.id, sid, n])
        }
    }

    static func issues(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> [RadarIssue] {
        var list = try String.fetchAll(db, sql: sql, arguments: arguments).map { try EngagementCoding.decode(RadarIssue.self, $0) }
        var people: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT issue_id, stakeholder_id FROM radar_issue_stakeholders ORDER BY issue_id, position") {
            people[row[0], default: []].append(row[1])
        }
        for n in list.indices { list[n].stakeholderIds = people[list[n].id] ?? [] }
        return list
    }

    public func radarIssue(id: String) async throws -> RadarIssue? {
        try await pool.read { db in try Self.issues("SELECT data FROM radar_issues WHERE id = ?", [id], db).first }
    }

    public func radarIssues() async throws -> [RadarIssue] {
        try await pool.read { db in try Self.issues("SELECT data FROM radar_issues ORDER BY name COLLATE NOCASE, id", [], db) }
    }

    public func insertRadarIssue(_ issue: RadarIssue, audit: AuditEntry) async throws {
        try await pool.write { db in try Self.writeIssue(issue, db, isNew: true); try audit.insert(db) }
    }

    public func updateRadarIssue(_ issue: RadarIssue, audit: AuditEntry) async throws {
        try await pool.write { db in try Self.writeIssue(issue, db, isNew: false); try audit.insert(db) }
    }

    public func deleteRadarIssue(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM radar_issues WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "issue", id: id) }
            try audit.insert(db)
        }
    }

    public func replaceIssueMatches(issueId: String, _ matches: [String: ItemMatch]) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM radar_item_issues WHERE issue_id = ?", arguments: [issueId])
            let insert = try db.cachedStatement(sql: "INSERT INTO radar_item_issues (item_id, issue_id, at, score, reasons) SELECT id, ?, at, ?, ? FROM radar_items WHERE id = ?")
            for (itemId, m) in matches.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [issueId, RadarCoding.milli(m.score), try RadarCoding.reasons(m.reasons), itemId])
            }
        }
    }

    public func matchInputs(afterId: String?, limit: Int) async throws -> [MatchInput] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT data FROM radar_items WHERE id > ? ORDER BY id LIMIT ?", arguments: [afterId ?? "", limit]).map { data in
                let item = try EngagementCoding.decode(RadarItem.self, data)
                return MatchInput(itemId: item.id, title: item.title, text: item.text, categories: item.categories)
            }
        }
    }

    // MARK: Sources

    static func writeSource(_ s: FeedSource, _ db: Database, isNew: Bool) throws {
        let args: StatementArguments = [s.url, s.fetch.nextPollAt.millisecondsSince1970, s.isPaused, try EngagementCoding.encode(s),
                                        s.createdAt.millisecondsSince1970, s.updatedAt.millisecondsSince1970, s.id]
        if isNew {
            try db.execute(sql: "INSERT INTO radar_sources (url, next_poll_at, is_paused, data, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: args)
        } else {
            try db.execute(sql: "UPDATE radar_sources SET url = ?, next_poll_at = ?, is_paused = ?, data = ?, created_at = ?, updated_at = ? WHERE id = ?", arguments: args)
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "source", id: s.id) }
        }
    }

    static func sources(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> [FeedSource] {
        try String.fetchAll(db, sql: sql, arguments: arguments).map { try EngagementCoding.decode(FeedSource.self, $0) }
    }

    public func feedSource(id: String) async throws -> FeedSource? {
        try await pool.read { db in try Self.sources("SELECT data FROM radar_sources WHERE id = ?", [id], db).first }
    }

    public func feedSource(url: String) async throws -> FeedSource? {
        try await pool.read { db in try Self.sources("SELECT data FROM radar_sources WHERE url = ?", [url], db).first }
    }

    public func feedSources() async throws -> [FeedSource] {
        try await pool.read { db in try Self.sources("SELECT data FROM radar_sources ORDER BY created_at, id", [], db) }
    }

    public func insertFeedSources(_ sources: [FeedSource], audit: [AuditEntry]) async throws {
        try await pool.write { db in
            for s in sources {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM radar_sources WHERE url = ?", arguments: [s.url]) == true {
                    throw ConveneError.conflict("a source with the address \(s.url) exists already")
                }
                try Self.writeSource(s, db, isNew: true)
            }
            for a in audit { try a.insert(db) }
        }
    }

    public func updateFeedSource(_ source: FeedSource, audit: AuditEntry) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM radar_sources WHERE url = ? AND id <> ?", arguments: [source.url, source.id]) == true {
                throw ConveneError.conflict("a source with the address \(source.url) exists already")
            }
            try Self.writeSource(source, db, isNew: false)
            try audit.insert(db)
        }
    }

    public func deleteFeedSource(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM radar_sources WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "source", id: id) }
            try audit.insert(db)
        }
    }

    public func claimDueSources(now: Date, lease: TimeInterval, limit: Int) async throws -> [FeedSource] {
        try await pool.write { db in
            let due = try Self.sources("SELECT data FROM radar_sources WHERE is_paused = 0 AND next_poll_at <= ? ORDER BY next_poll_at, id LIMIT ?",
                                       [now.millisecondsSince1970, limit], db)
            let until = now.addingTimeInterval(lease).millisecondsSince1970
            for s in due { try db.execute(sql: "UPDATE radar_sources SET next_poll_at = ? WHERE id = ?", arguments: [until, s.id]) }
            return due
        }
    }

    static func recordFetch(_ sourceId: String, _ kind: SourceKind?, _ state: FetchState, _ db: Database) throws {
        guard let data = try String.fetchOne(db, sql: "SELECT data FROM radar_sources WHERE id = ?", arguments: [sourceId]) else { return }
        var s = try EngagementCoding.decode(FeedSource.self, data)
        s.fetch = state
        if let kind { s.kind = kind }
        try db.execute(sql: "UPDATE radar_sources SET next_poll_at = ?, data = ? WHERE id = ?",
                       arguments: [state.nextPollAt.millisecondsSince1970, try EngagementCoding.encode(s), sourceId])
    }

    public func recordFetch(sourceId: String, kind: SourceKind?, state: FetchState) async throws {
        try await pool.write { db in try Self.recordFetch(sourceId, kind, state, db) }
    }
}
