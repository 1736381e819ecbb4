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

    /// The WHERE clause (over `s`, the stakeholders table) and its arguments for a query's filters.
    static func filterClause(_ q: StakeholderQuery) -> (String, StatementArguments) {
        var clauses: [String] = []
        var args = StatementArguments()
        func inList(_ column: String, _ values: [String]) {
            guard !values.isEmpty else { return }
            clauses.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))")
            args += StatementArguments(values)
        }
        switch q.archived {
        case .exclude: clauses.append("s.is_archived = 0")
        case .only: clauses.append("s.is_archived = 1")
        case .include: break
        }
        if let kind = q.kind { clauses.append("s.kind = ?"); args += [kind.rawValue] }
        inList("s.level", q.levels.map(\.rawValue))
        inList("s.consent_status", q.consent.map(\.rawValue))
        inList("s.owner_id", q.ownerIds)
        if let a = q.affiliationId { clauses.append("s.affiliation_id = ?"); args += [a] }
        for (field, values) in [("type", q.types), ("area", q.areas), ("tag", q.tags), ("topic", q.topics)] where !values.isEmpty {
            clauses.append("s.sid IN (SELECT sid FROM stakeholder_terms WHERE field = ? AND value IN (\(Array(repeating: "?", count: values.count).joined(separator: ","))))")
            args += [field]
            args += StatementArguments(values)
        }
        if let g = q.groupId {
            clauses.append("s.id IN (SELECT stakeholder_id FROM group_members WHERE group_id = ?)")
            args += [g]
        }
        if let match = matchExpression(q.text) {
            clauses.append("s.sid IN (SELECT rowid FROM stakeholder_fts WHERE stakeholder_fts MATCH ?)")
            args += [match]
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), args)
    }

    public func searchStakeholders(_ q: StakeholderQuery) async throws -> StakeholderPage {
        try await pool.read { db in
            let (filter, args) = Self.filterClause(q)
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM stakeholders s WHERE \(filter)", arguments: args) ?? 0
            let rows: [String]
            if let match = Self.matchExpression(q.text) {
                // Rank inside FTS5 (bm25 with column weights), then apply the other filters.
                let weights = SearchDocument.weights.map { String($0) }.joined(separator: ", ")
                var qNoText = q
                qNoText.text.terms = []
                let (otherFilter, otherArgs) = Self.filterClause(qNoText)
                rows = try String.fetchAll(db, sql: """
                    SELECT s.data FROM stakeholder_fts f JOIN stakeholders s ON s.sid = f.rowid
                    WHERE stakeholder_fts MATCH ? AND \(otherFilter)
                    ORDER BY bm25(stakeholder_fts, \(weights)), s.sort_name, s.id LIMIT ? OFFSET ?
                    """, arguments: [match] + otherArgs + [q.limit, q.offset])
            } else {
                rows = try String.fetchAll(db, sql: "SELECT s.data FROM stakeholders s WHERE \(filter) ORDER BY s.sort_name, s.id LIMIT ? OFFSET ?",
                                           arguments: args + [q.limit, q.offset])
            }
            return StakeholderPage(items: try rows.map(StakeholderCoding.decode), total: total)
        }
    }

    public func facets(_ q: StakeholderQuery, fields: [FacetField], limit: Int) async throws -> [FacetField: [FacetCount]] {
        try await pool.read { db in
            let (filter, args) = Self.filterClause(q)
            var out: [FacetField: [FacetCount]] = [:]
            for field in fields {
                let sql: String
                var arguments = args
                switch field {
                case .type, .area, .tag, .topic:
                    sql = """
                        SELECT t.value AS value, count(*) AS n FROM stakeholder_terms t
                        WHERE t.field = ? AND t.sid IN (SELECT s.sid FROM stakeholders s WHERE \(filter))
                        GROUP BY t.value ORDER BY n DESC, t.value LIMIT ?
                        """
                    arguments = [field.rawValue] + args
                case .level, .consent, .owner, .kind:
                    let column = ["level": "s.level", "consent": "s.consent_status", "owner": "s.owner_id", "kind": "s.kind"][field.rawValue] ?? "s.kind"
                    sql = "SELECT \(column) AS value, count(*) AS n FROM stakeholders s WHERE \(filter) AND \(column) IS NOT NULL GROUP BY \(column) ORDER BY n DESC, value LIMIT ?"
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
