import ConveneCore
import Foundation
import PostgresNIO

// Interactions, follow-ups, events and coverage targets on PostgreSQL: the same tables as
// SQLite's. The link tables say which stakeholders a record names; the JSON says the rest.

extension PostgresStore {
    func run(_ query: PostgresQuery, on conn: PostgresConnection? = nil) async throws -> PostgresRowSequence {
        if let conn { try await conn.query(query, logger: logger) } else { try await client.query(query, logger: logger) }
    }

    // MARK: Interactions

    /// Writes many interactions with two statements (rows as arrays), then their participants.
    func writeInteractions(_ list: [Interaction], _ conn: PostgresConnection) async throws {
        guard !list.isEmpty else { return }
        let data = try list.map { try EngagementCoding.encode($0) }
        try await conn.query("""
            INSERT INTO interactions (id, kind, direction, occurred_at, event_id, data, created_at, updated_at)
            SELECT id, k, d, t, NULLIF(e, ''), data, c, u FROM unnest(\(list.map(\.id))::text[], \(list.map(\.kind.rawValue))::text[],
                \(list.map(\.direction.rawValue))::text[], \(list.map(\.occurredAt.millisecondsSince1970))::bigint[], \(list.map { $0.eventId ?? "" })::text[],
                \(data)::text[], \(list.map(\.createdAt.millisecondsSince1970))::bigint[], \(list.map(\.updatedAt.millisecondsSince1970))::bigint[])
                AS x(id, k, d, t, e, data, c, u)
            """, logger: logger)
        try await writeParticipants(list, conn)
    }

    func writeParticipants(_ list: [Interaction], _ conn: PostgresConnection) async throws {
        var ids: [String] = [], people: [String] = [], positions: [Int64] = [], times: [Int64] = [], inbound: [Bool] = [], heard: [Bool] = []
        for i in list {
            for (n, s) in i.stakeholderIds.enumerated() {
                ids.append(i.id); people.append(s); positions.append(Int64(n)); times.append(i.occurredAt.millisecondsSince1970)
                inbound.append(i.direction == .inbound); heard.append(i.isHeard)
            }
        }
        guard !ids.isEmpty else { return }
        try await conn.query("""
            INSERT INTO interaction_participants (interaction_id, stakeholder_id, position, occurred_at, inbound, heard)
            SELECT * FROM unnest(\(ids)::text[], \(people)::text[], \(positions)::int[], \(times)::bigint[], \(inbound)::boolean[], \(heard)::boolean[])
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    func interactions(_ query: PostgresQuery, on conn: PostgresConnection? = nil) async throws -> [Interaction] {
        var list: [Interaction] = []
        for try await data in try await run(query, on: conn).decode(String.self) { list.append(try EngagementCoding.decode(Interaction.self, data)) }
        guard !list.isEmpty else { return [] }
        var people: [String: [String]] = [:]
        let rows = try await run("""
            SELECT interaction_id, stakeholder_id FROM interaction_participants WHERE interaction_id = ANY(\(list.map(\.id))::text[])
            ORDER BY interaction_id, position
            """, on: conn)
        for try await (i, s) in rows.decode((String, String).self) { people[i, default: []].append(s) }
        for n in list.indices { list[n].stakeholderIds = people[list[n].id] ?? [] }
        return list
    }

    func interactionFilter(_ q: InteractionQuery, _ b: inout SQLBuilder) {
        b.add(" WHERE true")
        if let s = q.stakeholderId { b.add(" AND i.id IN (SELECT interaction_id FROM interaction_participants WHERE stakeholder_id = "); b.bind(s); b.add(")") }
        if let e = q.eventId { b.add(" AND i.event_id = "); b.bind(e) }
        if let f = q.from { b.add(" AND i.occurred_at >= "); b.bind(f.millisecondsSince1970) }
        if let t = q.to { b.add(" AND i.occurred_at < "); b.bind(t.millisecondsSince1970) }
    }

    public func interaction(id: String) async throws -> Interaction? {
        try await interactions("SELECT data FROM interactions WHERE id = \(id)").first
    }

    public func interactions(_ q: InteractionQuery) async throws -> [Interaction] {
        if let s = q.stakeholderId, q.eventId == nil {
            var b = SQLBuilder("SELECT i.data FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id WHERE p.stakeholder_id = ")
            b.bind(s)
            if let f = q.from { b.add(" AND p.occurred_at >= "); b.bind(f.millisecondsSince1970) }
            if let t = q.to { b.add(" AND p.occurred_at < "); b.bind(t.millisecondsSince1970) }
            b.add(" ORDER BY p.occurred_at DESC, p.interaction_id COLLATE \"C\" DESC LIMIT "); b.bind(q.limit); b.add(" OFFSET "); b.bind(q.offset)
            return try await interactions(b.query)
        }
        var b = SQLBuilder("SELECT i.data FROM interactions i")
        interactionFilter(q, &b)
        b.add(" ORDER BY i.occurred_at DESC, i.id COLLATE \"C\" DESC LIMIT "); b.bind(q.limit); b.add(" OFFSET "); b.bind(q.offset)
        return try await interactions(b.query)
    }

    public func countInteractions(_ q: InteractionQuery) async throws -> Int {
        var b = SQLBuilder("SELECT count(*) FROM interactions i")
        interactionFilter(q, &b)
        return try await scalarInt(b.query)
    }

    public func insertInteractions(_ list: [Interaction], audit: [AuditEntry]) async throws {
        try await transaction { conn in
            var start = 0
            while start < list.count {
                let end = min(start + 2000, list.count)
                try await self.writeInteractions(Array(list[start..<end]), conn)
                start = end
            }
            for entry in audit { try await self.insert(entry, conn) }
        }
    }

    public func updateInteraction(_ i: Interaction, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("""
                WITH u AS (UPDATE interactions SET kind = \(i.kind.rawValue), direction = \(i.direction.rawValue), occurred_at = \(i.occurredAt.millisecondsSince1970),
                    event_id = \(i.eventId), data = \(try EngagementCoding.encode(i)), updated_at = \(i.updatedAt.millisecondsSince1970) WHERE id = \(i.id) RETURNING 1)
                SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "interaction", id: i.id) }
            try await conn.query("DELETE FROM interaction_participants WHERE interaction_id = \(i.id)", logger: self.logger)
            try await self.writeParticipants([i], conn)
            try await self.insert(audit, conn)
        }
    }

    public func deleteInteraction(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("WITH d AS (DELETE FROM interactions WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "interaction", id: id) }
            try await self.insert(audit, conn)
        }
    }

    public func contactSummaries(stakeholderIds: [String]?, since: Date) async throws -> [ContactSummary] {
        let t = since.millisecondsSince1970
        var b = SQLBuilder("SELECT stakeholder_id, max(occurred_at), count(*) FILTER (WHERE occurred_at >= ")
        b.bind(t); b.add("), count(*) FILTER (WHERE occurred_at >= "); b.bind(t); b.add(" AND inbound), count(*) FILTER (WHERE occurred_at >= ")
        b.bind(t); b.add(" AND heard) FROM interaction_participants")
        if let ids = stakeholderIds {
            if ids.isEmpty { return [] }
            b.add(" WHERE stakeholder_id IN "); b.bindList(ids)
        }
        b.add(" GROUP BY stakeholder_id")
        var out: [ContactSummary] = []
        for try await (id, last, contacts, inbound, heard) in try await run(b.query).decode((String, Int64?, Int64, Int64, Int64).self) {
            out.append(ContactSummary(stakeholderId: id, lastContactAt: last.map(Date.init(millisecondsSince1970:)), contacts: Int(contacts), inbound: Int(inbound), heard: Int(heard)))
        }
        return out
    }

    public func engagedStakeholders(from: Date, to: Date) async throws -> [String: Bool] {
        var out: [String: Bool] = [:]
        let rows = try await run("""
            SELECT stakeholder_id, bool_or(heard) FROM interaction_participants
            WHERE occurred_at >= \(from.millisecondsSince1970) AND occurred_at < \(to.millisecondsSince1970) GROUP BY stakeholder_id
            """)
        for try await (id, heard) in rows.decode((String, Bool).self) { out[id] = heard }
        return out
    }

    public func interactionMonths(stakeholderId: String?, from: Date) async throws -> [MonthCount] {
        let month = "to_char(to_timestamp(occurred_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')"
        let query: PostgresQuery
        if let s = stakeholderId {
            query = PostgresQuery(unsafeSQL: """
                SELECT \(month) AS m, count(*), count(*) FILTER (WHERE heard) FROM interaction_participants
                WHERE stakeholder_id = $1 AND occurred_at >= $2 GROUP BY m ORDER BY m
                """, binds: { var b = PostgresBindings(); b.append(s); b.append(from.millisecondsSince1970); return b }())
        } else {
            query = PostgresQuery(unsafeSQL: """
                SELECT \(month) AS m, count(*), count(*) FILTER (WHERE direction = 'inbound' OR kind IN ('meeting', 'call', 'visit', 'event', 'forum'))
                FROM interactions WHERE occurred_at >= $1 GROUP BY m ORDER BY m
                """, binds: { var b = PostgresBindings(); b.append(from.millisecondsSince1970); return b }())
        }
        var out: [MonthCount] = []
        for try await (m, c, h) in try await run(query).decode((String, Int64, Int64).self) { out.append(MonthCount(month: m, contacts: Int(c), heard: Int(h))) }
        return out
    }

    public func stakeholderProfiles() async throws -> [StakeholderProfile] {
        var out: [StakeholderProfile] = []
        var current: StakeholderProfile?
        var currentSid: Int64 = -1
        let rows = try await run("""
            SELECT s.sid, s.id, s.display_name, t.field, t.value FROM stakeholders s
            LEFT JOIN stakeholder_terms t ON t.sid = s.sid AND t.field IN ('type', 'area', 'language', 'influence', 'interest', 'target')
            WHERE NOT s.is_archived ORDER BY s.sid
            """)
        for try await (sid, id, name, field, value) in rows.decode((Int64, String, String, String?, String?).self) {
            if sid != currentSid {
                if let c = current { out.append(c) }
                current = StakeholderProfile(id: id, displayName: name)
                currentSid = sid
            }
            guard let field, let value else { continue }
            switch field {
            case "type": current?.types.append(value)
            case "area": current?.areas.append(value)
            case "language": current?.language = value
            case "influence": current?.influence = Int(value)
            case "interest": current?.interest = Int(value)
            case "target": current?.engagementTarget = EngagementLevel(rawValue: value)
            default: break
            }
        }
        if let c = current { out.append(c) }
        return out
    }

    // MARK: Follow-ups

    func writeFollowUp(_ f: FollowUp, _ conn: PostgresConnection, isNew: Bool) async throws {
        let data = try EngagementCoding.encode(f)
        if isNew {
            try await conn.query("""
                INSERT INTO follow_ups (id, owner_id, due_on, status, interaction_id, data, created_at, updated_at)
                VALUES (\(f.id), \(f.ownerId), \(f.dueOn.description), \(f.status.rawValue), \(f.interactionId), \(data), \(f.createdAt.millisecondsSince1970), \(f.updatedAt.millisecondsSince1970))
                """, logger: logger)
        } else {
            let n = try await scalarInt("""
                WITH u AS (UPDATE follow_ups SET owner_id = \(f.ownerId), due_on = \(f.dueOn.description), status = \(f.status.rawValue), interaction_id = \(f.interactionId),
                    data = \(data), updated_at = \(f.updatedAt.millisecondsSince1970) WHERE id = \(f.id) RETURNING 1)
                SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "follow-up", id: f.id) }
            try await conn.query("DELETE FROM follow_up_stakeholders WHERE follow_up_id = \(f.id)", logger: logger)
        }
        if !f.stakeholderIds.isEmpty {
            try await conn.query("""
                INSERT INTO follow_up_stakeholders (follow_up_id, stakeholder_id, position)
                SELECT \(f.id), s, n - 1 FROM unnest(\(f.stakeholderIds)::text[]) WITH ORDINALITY AS t(s, n) ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    func followUps(_ query: PostgresQuery) async throws -> [FollowUp] {
        var list: [FollowUp] = []
        for try await data in try await run(query).decode(String.self) { list.append(try EngagementCoding.decode(FollowUp.self, data)) }
        guard !list.isEmpty else { return [] }
        var people: [String: [String]] = [:]
        let rows = try await run("""
            SELECT follow_up_id, stakeholder_id FROM follow_up_stakeholders WHERE follow_up_id = ANY(\(list.map(\.id))::text[]) ORDER BY follow_up_id, position
            """)
        for try await (f, s) in rows.decode((String, String).self) { people[f, default: []].append(s) }
        for n in list.indices { list[n].stakeholderIds = people[list[n].id] ?? [] }
        return list
    }

    func followUpFilter(_ q: FollowUpQuery, _ b: inout SQLBuilder) {
        b.add(" WHERE true")
        if let o = q.ownerId { b.add(" AND owner_id = "); b.bind(o) }
        if let s = q.status { b.add(" AND status = "); b.bind(s.rawValue) }
        if let d = q.dueBefore { b.add(" AND due_on < "); b.bind(d.description) }
        if let s = q.stakeholderId { b.add(" AND id IN (SELECT follow_up_id FROM follow_up_stakeholders WHERE stakeholder_id = "); b.bind(s); b.add(")") }
    }

    public func followUp(id: String) async throws -> FollowUp? {
        try await followUps("SELECT data FROM follow_ups WHERE id = \(id)").first
    }

    public func followUps(_ q: FollowUpQuery) async throws -> [FollowUp] {
        var b = SQLBuilder("SELECT data FROM follow_ups")
        followUpFilter(q, &b)
        b.add(" ORDER BY due_on COLLATE \"C\", id COLLATE \"C\" LIMIT "); b.bind(q.limit); b.add(" OFFSET "); b.bind(q.offset)
        return try await followUps(b.query)
    }

    public func countFollowUps(_ q: FollowUpQuery) async throws -> Int {
        var b = SQLBuilder("SELECT count(*) FROM follow_ups")
        followUpFilter(q, &b)
        return try await scalarInt(b.query)
    }

    public func insertFollowUp(_ followUp: FollowUp, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await self.writeFollowUp(followUp, conn, isNew: true)
            try await self.insert(audit, conn)
        }
    }

    public func updateFollowUp(_ followUp: FollowUp, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await self.writeFollowUp(followUp, conn, isNew: false)
            try await self.insert(audit, conn)
        }
    }

    public func deleteFollowUp(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("WITH d AS (DELETE FROM follow_ups WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "follow-up", id: id) }
            try await self.insert(audit, conn)
        }
    }

    // MARK: Events

    func writeEvent(_ e: Event, _ conn: PostgresConnection, isNew: Bool) async throws {
        let data = try EngagementCoding.encode(e)
        if isNew {
            try await conn.query("""
                INSERT INTO events (id, kind, starts_at, ends_at, organizer_id, data, created_at, updated_at)
                VALUES (\(e.id), \(e.kind.rawValue), \(e.startsAt.millisecondsSince1970), \(e.endsAt.millisecondsSince1970), \(e.organizerId), \(data),
                        \(e.createdAt.millisecondsSince1970), \(e.updatedAt.millisecondsSince1970))
                """, logger: logger)
        } else {
            let n = try await scalarInt("""
                WITH u AS (UPDATE events SET kind = \(e.kind.rawValue), starts_at = \(e.startsAt.millisecondsSince1970), ends_at = \(e.endsAt.millisecondsSince1970),
                    organizer_id = \(e.organizerId), data = \(data), updated_at = \(e.updatedAt.millisecondsSince1970) WHERE id = \(e.id) RETURNING 1)
                SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "event", id: e.id) }
            try await conn.query("DELETE FROM event_invitees WHERE event_id = \(e.id)", logger: logger)
        }
        if !e.invitees.isEmpty {
            let attended: [String] = e.invitees.map { $0.attended.map { $0 ? "t" : "f" } ?? "" }
            try await conn.query("""
                INSERT INTO event_invitees (event_id, stakeholder_id, position, rsvp, attended)
                SELECT \(e.id), s, n - 1, r, NULLIF(a, '')::boolean FROM unnest(\(e.invitees.map(\.stakeholderId))::text[], \(e.invitees.map(\.rsvp.rawValue))::text[], \(attended)::text[])
                    WITH ORDINALITY AS t(s, r, a, n)
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    func events(_ query: PostgresQuery) async throws -> [Event] {
        var list: [Event] = []
        for try await (data, organizer) in try await run(query).decode((String, String?).self) {
            var e = try EngagementCoding.decode(Event.self, data)
            e.organizerId = organizer
            list.append(e)
        }
        guard !list.isEmpty else { return [] }
        var people: [String: [Invitee]] = [:]
        let rows = try await run("""
            SELECT event_id, stakeholder_id, rsvp, attended FROM event_invitees WHERE event_id = ANY(\(list.map(\.id))::text[]) ORDER BY event_id, position
            """)
        for try await (e, s, r, a) in rows.decode((String, String, String, Bool?).self) {
            people[e, default: []].append(Invitee(stakeholderId: s, rsvp: RSVP(rawValue: r) ?? .invited, attended: a))
        }
        for n in list.indices { list[n].invitees = people[list[n].id] ?? [] }
        return list
    }

    public func event(id: String) async throws -> Event? {
        try await events("SELECT data, organizer_id FROM events WHERE id = \(id)").first
    }

    public func events(_ q: EventQuery) async throws -> [Event] {
        var b = SQLBuilder("SELECT data, organizer_id FROM events WHERE true")
        if let f = q.from { b.add(" AND ends_at > "); b.bind(f.millisecondsSince1970) }
        if let t = q.to { b.add(" AND starts_at < "); b.bind(t.millisecondsSince1970) }
        if let s = q.stakeholderId {
            b.add(" AND (organizer_id = "); b.bind(s); b.add(" OR id IN (SELECT event_id FROM event_invitees WHERE stakeholder_id = "); b.bind(s); b.add("))")
        }
        b.add(" ORDER BY starts_at, id COLLATE \"C\" LIMIT "); b.bind(q.limit); b.add(" OFFSET "); b.bind(q.offset)
        return try await events(b.query)
    }

    public func insertEvent(_ event: Event, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await self.writeEvent(event, conn, isNew: true)
            try await self.insert(audit, conn)
        }
    }

    public func updateEvent(_ event: Event, attendance: Interaction?, audit: [AuditEntry]) async throws {
        try await transaction { conn in
            try await self.writeEvent(event, conn, isNew: false)
            try await conn.query("DELETE FROM interactions WHERE event_id = \(event.id) AND kind = 'event' AND id <> \(attendance?.id ?? "")", logger: self.logger)
            if let a = attendance {
                try await conn.query("DELETE FROM interactions WHERE id = \(a.id)", logger: self.logger)
                try await self.writeInteractions([a], conn)
            }
            for entry in audit { try await self.insert(entry, conn) }
        }
    }

    public func deleteEvent(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("WITH d AS (DELETE FROM events WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "event", id: id) }
            try await self.insert(audit, conn)
        }
    }

    // MARK: Coverage targets

    public func coverageTargets() async throws -> [CoverageTarget] {
        var out: [CoverageTarget] = []
        for try await data in try await run("SELECT data FROM coverage_targets ORDER BY created_at, id COLLATE \"C\"").decode(String.self) {
            out.append(try EngagementCoding.decode(CoverageTarget.self, data))
        }
        return out
    }

    public func insertCoverageTarget(_ t: CoverageTarget, audit: AuditEntry) async throws {
        try await transaction { conn in
            try await conn.query("""
                INSERT INTO coverage_targets (id, data, created_at, updated_at)
                VALUES (\(t.id), \(try EngagementCoding.encode(t)), \(t.createdAt.millisecondsSince1970), \(t.updatedAt.millisecondsSince1970))
                """, logger: self.logger)
            try await self.insert(audit, conn)
        }
    }

    public func updateCoverageTarget(_ t: CoverageTarget, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("""
                WITH u AS (UPDATE coverage_targets SET data = \(try EngagementCoding.encode(t)), updated_at = \(t.updatedAt.millisecondsSince1970) WHERE id = \(t.id) RETURNING 1)
                SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "coverage target", id: t.id) }
            try await self.insert(audit, conn)
        }
    }

    public func deleteCoverageTarget(id: String, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("WITH d AS (DELETE FROM coverage_targets WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d", on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "coverage target", id: id) }
            try await self.insert(audit, conn)
        }
    }

    /// Moves a merged-away stakeholder's contacts, follow-ups, invitations and organized events
    /// to the one kept, dropping what would repeat.
    func moveEngagement(from removedId: String, to keptId: String, _ conn: PostgresConnection) async throws {
        for (table, key) in [("interaction_participants", "interaction_id"), ("follow_up_stakeholders", "follow_up_id"), ("event_invitees", "event_id"),
                             ("radar_issue_stakeholders", "issue_id")] {
            try await conn.query(PostgresQuery(unsafeSQL: """
                UPDATE \(table) t SET stakeholder_id = $1 WHERE stakeholder_id = $2
                  AND NOT EXISTS (SELECT 1 FROM \(table) o WHERE o.\(key) = t.\(key) AND o.stakeholder_id = $1)
                """, binds: { var b = PostgresBindings(); b.append(keptId); b.append(removedId); return b }()), logger: logger)
        }
        try await conn.query("UPDATE events SET organizer_id = \(keptId) WHERE organizer_id = \(removedId)", logger: logger)
    }
}

extension PostgresStore {
    public func coverageCounts(from: Date, to: Date, targets: [CoverageCriteria]) async throws -> CoverageCounts {
        let (sql, extra) = CoverageSQL.query(targets: targets, heardSum: "max(heard::int)", engagedValue: "(e.id IS NOT NULL)::int", archivedFalse: "false",
                                             lowerLike: "lower(t.value) LIKE ?$K || '-%'")
        // PostgreSQL numbers its placeholders $1…, SQLite ?1…: the same text with the other sign.
        let text = sql.replacingOccurrences(of: "?", with: "$")
        var binds = PostgresBindings()
        binds.append(from.millisecondsSince1970)
        binds.append(to.millisecondsSince1970)
        for a in extra { binds.append(a) }
        var rows: [(field: String, value: String, total: Int, engaged: Int, heard: Int)] = []
        for try await (f, v, t, e, h) in try await run(PostgresQuery(unsafeSQL: text, binds: binds)).decode((String, String, Int64, Int64, Int64).self) {
            rows.append((f, v, Int(t), Int(e), Int(h)))
        }
        return CoverageSQL.counts(rows, targets: targets.count)
    }

    public func healthInputs(since: Date) async throws -> [HealthInput] {
        var out: [HealthInput] = []
        let rows = try await run("""
            WITH c AS MATERIALIZED (SELECT stakeholder_id AS id, max(occurred_at) AS last, count(*) FILTER (WHERE occurred_at >= \(since.millisecondsSince1970)) AS n,
                                           count(*) FILTER (WHERE occurred_at >= \(since.millisecondsSince1970) AND inbound) AS inb
                                    FROM interaction_participants GROUP BY stakeholder_id)
            SELECT s.id, s.display_name,
                (SELECT value FROM stakeholder_terms t WHERE t.sid = s.sid AND t.field = 'influence' LIMIT 1),
                (SELECT value FROM stakeholder_terms t WHERE t.sid = s.sid AND t.field = 'interest' LIMIT 1),
                c.last, COALESCE(c.n, 0), COALESCE(c.inb, 0)
            FROM stakeholders s LEFT JOIN c ON c.id = s.id WHERE NOT s.is_archived
            """)
        for try await (id, name, influence, interest, last, n, inb) in rows.decode((String, String, String?, String?, Int64?, Int64, Int64).self) {
            out.append(HealthInput(id: id, displayName: name, influence: influence.flatMap { Int($0) }, interest: interest.flatMap { Int($0) },
                                   lastContactAt: last.map(Date.init(millisecondsSince1970:)), contacts: Int(n), inbound: Int(inb)))
        }
        return out
    }
}

extension PostgresStore {
    public func importEvents(creates: [Event], updates: [Event], audit: [AuditEntry]) async throws {
        try await transaction { conn in
            for e in creates { try await self.writeEvent(e, conn, isNew: true) }
            for e in updates { try await self.writeEvent(e, conn, isNew: false) }
            for entry in audit { try await self.insert(entry, conn) }
        }
    }
}
