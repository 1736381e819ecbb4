import ConveneCore
import Foundation
import PostgresNIO

extension PostgresStore {
    /// The tsquery text for parsed search terms: words quoted, prefixes `:*`, phrases `<->`,
    /// all required. Words hold only letters and digits, so nothing typed can break out.
    static func tsquery(_ text: SearchText) -> String? {
        let parts: [String] = text.terms.compactMap { term in
            switch term {
            case .word(let w): return searchable(w).split(separator: " ").map { "'\($0)'" }.joined(separator: " <-> ").nilIfEmpty
            case .prefix(let p): return searchable(p).nilIfEmpty.map { "'\($0)':*" }
            case .phrase(let words): return "(" + words.map(searchable).filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: " <-> ") + ")"
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " & ")
    }

    /// Adds the WHERE clause (over `s`) for a query's filters to `b`.
    static func addFilters(_ q: StakeholderQuery, to b: inout SQLBuilder) {
        b.add("WHERE true")
        switch q.archived {
        case .exclude: b.add(" AND s.is_archived = false")
        case .only: b.add(" AND s.is_archived = true")
        case .include: break
        }
        if let kind = q.kind { b.add(" AND s.kind = "); b.bind(kind.rawValue) }
        for (column, values) in [("s.level", q.levels.map(\.rawValue)), ("s.consent_status", q.consent.map(\.rawValue)), ("s.owner_id", q.ownerIds)] where !values.isEmpty {
            b.add(" AND \(column) IN "); b.bindList(values)
        }
        if let a = q.affiliationId { b.add(" AND s.affiliation_id = "); b.bind(a) }
        for (field, values) in [("type", q.types), ("area", q.areas), ("tag", q.tags), ("topic", q.topics)] where !values.isEmpty {
            b.add(" AND s.sid IN (SELECT sid FROM stakeholder_terms WHERE field = "); b.bind(field)
            b.add(" AND value_key IN "); b.bindList(values.map { $0.lowercased() }); b.add(")")
        }
        if let g = q.groupId { b.add(" AND s.id IN (SELECT stakeholder_id FROM group_members WHERE group_id = "); b.bind(g); b.add(")") }
        if let t = tsquery(q.text) { b.add(" AND s.search @@ to_tsquery('english', "); b.bind(t); b.add(")") }
    }

    public func searchStakeholders(_ q: StakeholderQuery) async throws -> StakeholderPage {
        var count = SQLBuilder("SELECT count(*) FROM stakeholders s ")
        Self.addFilters(q, to: &count)
        let total = try await scalarInt(count.query)
        var page = SQLBuilder("SELECT s.data FROM stakeholders s ")
        Self.addFilters(q, to: &page)
        page.add(" ORDER BY ")
        if let t = Self.tsquery(q.text) { page.add("ts_rank(s.search, to_tsquery('english', "); page.bind(t); page.add(")) DESC, ") }
        page.add("s.sort_name, s.id LIMIT "); page.bind(q.limit); page.add(" OFFSET "); page.bind(q.offset)
        return StakeholderPage(items: try await records(page.query), total: total)
    }

    public func facets(_ q: StakeholderQuery, fields: [FacetField], limit: Int) async throws -> [FacetField: [FacetCount]] {
        var out: [FacetField: [FacetCount]] = [:]
        for field in fields {
            var b = SQLBuilder()
            switch field {
            case .type, .area, .tag, .topic:
                b.add("SELECT min(t.value), count(*) AS n FROM stakeholder_terms t WHERE t.field = "); b.bind(field.rawValue)
                b.add(" AND t.sid IN (SELECT s.sid FROM stakeholders s ")
                Self.addFilters(q, to: &b)
                b.add(") GROUP BY t.value_key ORDER BY n DESC, t.value_key COLLATE \"C\" LIMIT "); b.bind(limit)
            case .level, .consent, .owner, .kind:
                let column = ["level": "s.level", "consent": "s.consent_status", "owner": "s.owner_id", "kind": "s.kind"][field.rawValue] ?? "s.kind"
                b.add("SELECT \(column), count(*) AS n FROM stakeholders s ")
                Self.addFilters(q, to: &b)
                b.add(" AND \(column) IS NOT NULL GROUP BY \(column) ORDER BY n DESC, \(column) COLLATE \"C\" LIMIT "); b.bind(limit)
            }
            var counts: [FacetCount] = []
            for try await (value, n) in try await client.query(b.query, logger: logger).decode((String, Int64).self) { counts.append(FacetCount(value: value, count: Int(n))) }
            out[field] = counts
        }
        return out
    }

    public func sharedContactGroups() async throws -> [SharedContact] {
        var out: [SharedContact] = []
        let rows = try await client.query("""
            SELECT c.kind, c.value, array_agg(DISTINCT s.id ORDER BY s.id) FROM stakeholder_contacts c JOIN stakeholders s ON s.sid = c.sid
            WHERE s.is_archived = false GROUP BY c.kind, c.value HAVING count(DISTINCT c.sid) > 1
            """, logger: logger)
        for try await (kind, value, ids) in rows.decode((String, String, [String]).self) { out.append(SharedContact(kind: kind, value: value, stakeholderIds: ids)) }
        return out
    }

    public func affiliatedNames() async throws -> [AffiliatedName] {
        var out: [AffiliatedName] = []
        let rows = try await client.query("SELECT id, display_name, affiliation_id FROM stakeholders WHERE is_archived = false AND affiliation_id IS NOT NULL AND kind = 'person'", logger: logger)
        for try await (id, name, aff) in rows.decode((String, String, String).self) { out.append(AffiliatedName(id: id, name: name, affiliationId: aff)) }
        return out
    }

    public func dismissedDuplicatePairs() async throws -> Set<String> {
        var out = Set<String>()
        for try await key in try await client.query("SELECT pair_key FROM duplicate_dismissals", logger: logger).decode(String.self) { out.insert(key) }
        return out
    }

    public func dismissDuplicatePair(_ a: String, _ b: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await conn.query("""
                INSERT INTO duplicate_dismissals (pair_key, first_id, second_id, at) VALUES (\(DuplicatePair.key(a, b)), \(min(a, b)), \(max(a, b)), \(audit.at.millisecondsSince1970))
                ON CONFLICT DO NOTHING
                """, logger: self.logger)
            try await self.insert(audit, conn)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
