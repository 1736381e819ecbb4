import ConveneCore
import Foundation
import GRDB

extension SQLiteStore {
    /// The FTS5 match expression for parsed search terms: each term quoted (so nothing the
    /// user types is read as FTS5 syntax), prefixes starred, all required.
    static func matchExpression(_ text: SearchText) -> String? {
        let parts = text.terms.map { term -> String in
            switch term {
            case .word(let w): "\"\(w)\""
            case .prefix(let p): "\"\(p)\"*"
            case .phrase(let words): "\"\(words.joined(separator: " "))\""
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The FROM and WHERE of a query, driven by its most selective part so SQLite never walks
    /// the whole table to find a few rows: the full-text match first, else the rarest term
    /// filter (tag, topic, area, type), else a group's members, else the table itself.
    static func source(_ q: StakeholderQuery) -> (from: String, whereSQL: String, args: StatementArguments) {
        var from = "stakeholders s"
        var fromArgs = StatementArguments()
        var clauses: [String] = []
        var args = StatementArguments()
        func marks(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }
        var terms = [("tag", q.tags), ("topic", q.topics), ("area", q.areas), ("type", q.types)].filter { !$0.1.isEmpty }
        var groupDriven = false
        if let match = matchExpression(q.text) {
            // CROSS JOIN fixes the order: SQLite would otherwise walk every stakeholder and
            // probe the index for each (13 s instead of 8 ms at 100,000 records).
            from = "stakeholder_fts f CROSS JOIN stakeholders s ON s.sid = f.rowid"
            clauses.append("stakeholder_fts MATCH ?")
            args += [match]
        } else if let (field, values) = terms.first {
            terms.removeFirst()
            from = "(SELECT DISTINCT sid FROM stakeholder_terms WHERE field = ? AND value IN (\(marks(values.count)))) d CROSS JOIN stakeholders s ON s.sid = d.sid"
            fromArgs += [field]
            fromArgs += StatementArguments(values)
        } else if let g = q.groupId {
            from = "group_members g CROSS JOIN stakeholders s ON s.id = g.stakeholder_id"
            clauses.append("g.group_id = ?")
            args += [g]
            groupDriven = true
        }
        switch q.archived {
        case .exclude: clauses.append("s.is_archived = 0")
        case .only: clauses.append("s.is_archived = 1")
        case .include: break
        }
        if let kind = q.kind { clauses.append("s.kind = ?"); args += [kind.rawValue] }
        for (column, values) in [("s.level", q.levels.map(\.rawValue)), ("s.consent_status", q.consent.map(\.rawValue)), ("s.owner_id", q.ownerIds)] where !values.isEmpty {
            clauses.append("\(column) IN (\(marks(values.count)))")
            args += StatementArguments(values)
        }
        if let a = q.affiliationId { clauses.append("s.affiliation_id = ?"); args += [a] }
        for (field, values) in terms {
            // EXISTS seeks the (sid, field, value) index per row instead of building a list of
            // every parent in the district for each query.
            clauses.append("EXISTS (SELECT 1 FROM stakeholder_terms t2 WHERE t2.sid = s.sid AND t2.field = ? AND t2.value IN (\(marks(values.count))))")
            args += [field]
            args += StatementArguments(values)
        }
        if let g = q.groupId, !groupDriven {
            clauses.append("s.id IN (SELECT stakeholder_id FROM group_members WHERE group_id = ?)")
            args += [g]
        }
        return (from, clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), fromArgs + args)
    }

    public func searchStakeholders(_ q: StakeholderQuery) async throws -> StakeholderPage {
        try await pool.read { db in
            let (from, filter, args) = Self.source(q)
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(from) WHERE \(filter)", arguments: args) ?? 0
            // Ranked by bm25 with column weights when there is text; by name otherwise.
            let order = Self.matchExpression(q.text) == nil ? "s.sort_name, s.id"
                : "bm25(stakeholder_fts, \(SearchDocument.weights.map { String($0) }.joined(separator: ", "))), s.sort_name, s.id"
            let rows = try String.fetchAll(db, sql: "SELECT s.data FROM \(from) WHERE \(filter) ORDER BY \(order) LIMIT ? OFFSET ?",
                                           arguments: args + [q.limit, q.offset])
            return StakeholderPage(items: try rows.map(StakeholderCoding.decode), total: total)
        }
    }

    public func facets(_ q: StakeholderQuery, fields: [FacetField], limit: Int) async throws -> [FacetField: [FacetCount]] {
        try await pool.read { db in
            let (from, filter, args) = Self.source(q)
            var out: [FacetField: [FacetCount]] = [:]
            for field in fields {
                let sql: String
                var arguments = StatementArguments()
                switch field {
                case .type, .area, .tag, .topic:
                    sql = """
                        SELECT t.value AS value, count(*) AS n FROM (SELECT s.sid AS sid FROM \(from) WHERE \(filter)) m
                        JOIN stakeholder_terms t ON t.sid = m.sid AND t.field = ?
                        GROUP BY t.value ORDER BY n DESC, t.value LIMIT ?
                        """
                    arguments = args + [field.rawValue]
                case .level, .consent, .owner, .kind:
                    let column = ["level": "s.level", "consent": "s.consent_status", "owner": "s.owner_id", "kind": "s.kind"][field.rawValue] ?? "s.kind"
                    sql = "SELECT \(column) AS value, count(*) AS n FROM \(from) WHERE \(filter) AND \(column) IS NOT NULL GROUP BY \(column) ORDER BY n DESC, value LIMIT ?"
                    arguments = args
                }
                arguments += [limit]
                out[field] = try Row.fetchAll(db, sql: sql, arguments: arguments).map { FacetCount(value: $0["value"], count: $0["n"]) }
            }
            return out
        }
    }

    public func sharedContactGroups() async throws -> [SharedContact] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.kind AS kind, c.value AS value, group_concat(s.id, ' ') AS ids
                FROM stakeholder_contacts c JOIN stakeholders s ON s.sid = c.sid
                WHERE s.is_archived = 0
                GROUP BY c.kind, c.value HAVING count(DISTINCT c.sid) > 1
                """).map { row in
                let ids: String = row["ids"]
                return SharedContact(kind: row["kind"], value: row["value"], stakeholderIds: Array(Set(ids.split(separator: " ").map(String.init))).sorted())
            }
        }
    }

    public func affiliatedNames() async throws -> [AffiliatedName] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, display_name, affiliation_id FROM stakeholders WHERE is_archived = 0 AND affiliation_id IS NOT NULL AND kind = 'person'")
                .map { AffiliatedName(id: $0["id"], name: $0["display_name"], affiliationId: $0["affiliation_id"]) }
        }
    }

    public func dismissedDuplicatePairs() async throws -> Set<String> {
        try await pool.read { db in Set(try String.fetchAll(db, sql: "SELECT pair_key FROM duplicate_dismissals")) }
    }

    public func dismissDuplicatePair(_ a: String, _ b: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO duplicate_dismissals (pair_key, first_id, second_id, at) VALUES (?, ?, ?, ?)",
                           arguments: [DuplicatePair.key(a, b), min(a, b), max(a, b), audit.at.millisecondsSince1970])
            try audit.insert(db)
        }
    }
}
