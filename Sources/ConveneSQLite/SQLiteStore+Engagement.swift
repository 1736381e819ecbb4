import ConveneCore
import Foundation
import GRDB

// Interactions, follow-ups, events and coverage targets on SQLite. Each record is kept as JSON
// in `data`; the stakeholders it names live in a link table, which is what counts when read
// back (so erasing or merging a stakeholder needs no rewrite of the JSON).

extension SQLiteStore {
    // MARK: Interactions

    static func writeInteraction(_ i: Interaction, _ db: Database, isNew: Bool) throws {
        let args: StatementArguments = [i.kind.rawValue, i.direction.rawValue, i.occurredAt.millisecondsSince1970, i.eventId,
                                        try EngagementCoding.encode(i), i.createdAt.millisecondsSince1970, i.updatedAt.millisecondsSince1970]
        if isNew {
            try db.execute(sql: "INSERT INTO interactions (kind, direction, occurred_at, event_id, data, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: args + [i.id])
        } else {
            try db.execute(sql: "UPDATE interactions SET kind = ?, direction = ?, occurred_at = ?, event_id = ?, data = ?, created_at = ?, updated_at = ? WHERE id = ?",
                           arguments: args + [i.id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "interaction", id: i.id) }
            try db.execute(sql: "DELETE FROM interaction_participants WHERE interaction_id = ?", arguments: [i.id])
        }
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO interaction_participants (interaction_id, stakeholder_id, position, occurred_at, inbound, heard) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (n, sid) in i.stakeholderIds.enumerated() {
            try statement.execute(arguments: [i.id, sid, n, i.occurredAt.millisecondsSince1970, i.direction == .inbound, i.isHeard])
        }
    }

    static func interactions(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> [Interaction] {
        var list = try String.fetchAll(db, sql: sql, arguments: arguments).map { try EngagementCoding.decode(Interaction.self, $0) }
        guard !list.isEmpty else { return [] }
        var people: [String: [String]] = [:]
        let marks = Array(repeating: "?", count: list.count).joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: "SELECT interaction_id, stakeholder_id FROM interaction_participants WHERE interaction_id IN (\(marks)) ORDER BY interaction_id, position",
                                    arguments: StatementArguments(list.map(\.id))) {
            people[row[0], default: []].append(row[1])
        }
        for n in list.indices { list[n].stakeholderIds = people[list[n].id] ?? [] }
        return list
    }

    static func interactionFilter(_ q: InteractionQuery) -> (String, StatementArguments) {
        var clauses: [String] = []
        var args: StatementArguments = []
        if let s = q.stakeholderId {
            clauses.append("i.id IN (SELECT interaction_id FROM interaction_participants WHERE stakeholder_id = ?)")
            _ = args.append(contentsOf: [s])
        }
        if let e = q.eventId { clauses.append("i.event_id = ?"); _ = args.append(contentsOf: [e]) }
        if let f = q.from { clauses.append("i.occurred_at >= ?"); _ = args.append(contentsOf: [f.millisecondsSince1970]) }
        if let t = q.to { clauses.append("i.occurred_at < ?"); _ = args.append(contentsOf: [t.millisecondsSince1970]) }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), args)
    }

    public func interaction(id: String) async throws -> Interaction? {
        try await pool.read { db in try Self.interactions("SELECT data FROM interactions WHERE id = ?", [id], db).first }
    }

    public func interactions(_ q: InteractionQuery) async throws -> [Interaction] {
        try await pool.read { db in
            if let s = q.stakeholderId, q.eventId == nil {
                // The participant index gives one stakeholder's timeline in order without a sort.
                var clauses = ["p.stakeholder_id = ?"]
                var args: StatementArguments = [s]
                if let f = q.from { clauses.append("p.occurred_at >= ?"); _ = args.append(contentsOf: [f.millisecondsSince1970]) }
                if let t = q.to { clauses.append("p.occurred_at < ?"); _ = args.append(contentsOf: [t.millisecondsSince1970]) }
                return try Self.interactions("""
                    SELECT i.data FROM interaction_participants p JOIN interactions i ON i.id = p.interaction_id
                    WHERE \(clauses.joined(separator: " AND ")) ORDER BY p.occurred_at DESC, p.interaction_id DESC LIMIT ? OFFSET ?
                    """, args + [q.limit, q.offset], db)
            }
            let (filter, args) = Self.interactionFilter(q)
            return try Self.interactions("SELECT i.data FROM interactions i \(filter) ORDER BY i.occurred_at DESC, i.id DESC LIMIT ? OFFSET ?",
                                         args + [q.limit, q.offset], db)
        }
    }

    public func countInteractions(_ q: InteractionQuery) async throws -> Int {
        try await pool.read { db in
            let (filter, args) = Self.interactionFilter(q)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM interactions i \(filter)", arguments: args) ?? 0
        }
    }

    public func insertInteractions(_ list: [Interaction], audit: [AuditEntry]) async throws {
        try await pool.write { db in
            for i in list { try Self.writeInteraction(i, db, isNew: true) }
            for entry in audit { try entry.insert(db) }
        }
    }

    public func updateInteraction(_ interaction: Interaction, audit: AuditEntry) async throws {
        try await pool.write { db in
            try Self.writeInteraction(interaction, db, isNew: false)
            try audit.insert(db)
        }
    }

    public func deleteInteraction(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM interactions WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "interaction", id: id) }
            try audit.insert(db)
        }
    }

    public func contactSummaries(stakeholderIds: [String]?, since: Date) async throws -> [ContactSummary] {
        try await pool.read { db in
            var sql = """
                SELECT stakeholder_id, max(occurred_at), sum(occurred_at >= ?1), sum(occurred_at >= ?1 AND inbound), sum(occurred_at >= ?1 AND heard)
                FROM interaction_participants
                """
            var args: StatementArguments = [since.millisecondsSince1970]
            if let ids = stakeholderIds {
                if ids.isEmpty { return [] }
                sql += " WHERE stakeholder_id IN (\(Array(repeating: "?", count: ids.count).joined(separator: ", ")))"
                _ = args.append(contentsOf: StatementArguments(ids))
            }
            sql += " GROUP BY stakeholder_id"
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                ContactSummary(stakeholderId: row[0], lastContactAt: (row[1] as Int64?).map(Date.init(millisecondsSince1970:)),
                               contacts: row[2], inbound: row[3], heard: row[4])
            }
        }
    }

    public func engagedStakeholders(from: Date, to: Date) async throws -> [String: Bool] {
        try await pool.read { db in
            var out: [String: Bool] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT stakeholder_id, max(heard) FROM interaction_participants WHERE occurred_at >= ? AND occurred_at < ? GROUP BY stakeholder_id
                """, arguments: [from.millisecondsSince1970, to.millisecondsSince1970])
            while let row = try rows.next() { out[row[0]] = (row[1] as Int64) != 0 }
            return out
        }
    }

    public func interactionMonths(stakeholderId: String?, from: Date) async throws -> [MonthCount] {
        try await pool.read { db in
            let month = "strftime('%Y-%m', occurred_at / 1000, 'unixepoch')"
            let rows: [Row]
            if let s = stakeholderId {
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(month) AS m, count(*), sum(heard) FROM interaction_participants WHERE stakeholder_id = ? AND occurred_at >= ? GROUP BY m ORDER BY m
                    """, arguments: [s, from.millisecondsSince1970])
            } else {
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(month) AS m, count(*), sum(direction = 'inbound' OR kind IN ('meeting', 'call', 'visit', 'event', 'forum'))
                    FROM interactions WHERE occurred_at >= ? GROUP BY m ORDER BY m
                    """, arguments: [from.millisecondsSince1970])
            }
            return rows.map { MonthCount(month: $0[0], contacts: $0[1], heard: $0[2]) }
        }
    }

    public func stakeholderProfiles() async throws -> [StakeholderProfile] {
        try await pool.read { db in
            var out: [StakeholderProfile] = []
            var current: StakeholderProfile?
            var currentSid: Int64 = -1
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.sid, s.id, s.display_name, t.field, t.value FROM stakeholders s
                LEFT JOIN stakeholder_terms t ON t.sid = s.sid AND t.field IN ('type', 'area', 'language', 'influence', 'interest', 'target')
                WHERE s.is_archived = 0 ORDER BY s.sid
                """)
            while let row = try rows.next() {
                let sid: Int64 = row[0]
                if sid != currentSid {
                    if let c = current { out.append(c) }
                    current = StakeholderProfile(id: row[1], displayName: row[2])
                    currentSid = sid
                }
                guard let field: String = row[3], let value: String = row[4] else { continue }
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
    }

    // MARK: Follow-ups

    static func writeFollowUp(_ f: FollowUp, _ db: Database, isNew: Bool) throws {
        let args: StatementArguments = [f.ownerId, f.dueOn.description, f.status.rawValue, f.interactionId, try EngagementCoding.encode(f),
                                        f.createdAt.millisecondsSince1970, f.updatedAt.millisecondsSince1970, f.id]
        if isNew {
            try db.execute(sql: "INSERT INTO follow_ups (owner_id, due_on, status, interaction_id, data, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", arguments: args)
        } else {
            try db.execute(sql: "UPDATE follow_ups SET owner_id = ?, due_on = ?, status = ?, interaction_id = ?, data = ?, created_at = ?, updated_at = ? WHERE id = ?", arguments: args)
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "follow-up", id: f.id) }
            try db.execute(sql: "DELETE FROM follow_up_stakeholders WHERE follow_up_id = ?", arguments: [f.id])
        }
        for (n, sid) in f.stakeholderIds.enumerated() {
            try db.execute(sql: "INSERT OR IGNORE INTO follow_up_stakeholders (follow_up_id, stakeholder_id, position) VALUES (?, ?, ?)", arguments: [f.id, sid, n])
        }
    }

    static func followUps(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> [FollowUp] {
        var list = try String.fetchAll(db, sql: sql, arguments: arguments).map { try EngagementCoding.decode(FollowUp.self, $0) }
        guard !list.isEmpty else { return [] }
        var people: [String: [String]] = [:]
        let marks = Array(repeating: "?", count: list.count).joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: "SELECT follow_up_id, stakeholder_id FROM follow_up_stakeholders WHERE follow_up_id IN (\(marks)) ORDER BY follow_up_id, position",
                                    arguments: StatementArguments(list.map(\.id))) {
            people[row[0], default: []].append(row[1])
        }
        for n in list.indices { list[n].stakeholderIds = people[list[n].id] ?? [] }
        return list
    }

    static func followUpFilter(_ q: FollowUpQuery) -> (String, StatementArguments) {
        var clauses: [String] = []
        var args: StatementArguments = []
        if let o = q.ownerId { clauses.append("owner_id = ?"); _ = args.append(contentsOf: [o]) }
        if let s = q.status { clauses.append("status = ?"); _ = args.append(contentsOf: [s.rawValue]) }
        if let d = q.dueBefore { clauses.append("due_on < ?"); _ = args.append(contentsOf: [d.description]) }
        if let s = q.stakeholderId {
            clauses.append("id IN (SELECT follow_up_id FROM follow_up_stakeholders WHERE stakeholder_id = ?)")
            _ = args.append(contentsOf: [s])
        }
        return (clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), args)
    }

    public func followUp(id: String) async throws -> FollowUp? {
        try await pool.read { db in try Self.followUps("SELECT data FROM follow_ups WHERE id = ?", [id], db).first }
    }

    public func followUps(_ q: FollowUpQuery) async throws -> [FollowUp] {
        try await pool.read { db in
            let (filter, args) = Self.followUpFilter(q)
            return try Self.followUps("SELECT data FROM follow_ups \(filter) ORDER BY due_on, id LIMIT ? OFFSET ?", args + [q.limit, q.offset], db)
        }
    }

    public func countFollowUps(_ q: FollowUpQuery) async throws -> Int {
        try await pool.read { db in
            let (filter, args) = Self.followUpFilter(q)
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM follow_ups \(filter)", arguments: args) ?? 0
        }
    }

    public func insertFollowUp(_ followUp: FollowUp, audit: AuditEntry) async throws {
        try await pool.write { db in
            try Self.writeFollowUp(followUp, db, isNew: true)
            try audit.insert(db)
        }
    }

    public func updateFollowUp(_ followUp: FollowUp, audit: AuditEntry) async throws {
        try await pool.write { db in
            try Self.writeFollowUp(followUp, db, isNew: false)
            try audit.insert(db)
        }
    }

    public func deleteFollowUp(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM follow_ups WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "follow-up", id: id) }
            try audit.insert(db)
        }
    }

    // MARK: Events

    static func writeEvent(_ e: Event, _ db: Database, isNew: Bool) throws {
        let args: StatementArguments = [e.kind.rawValue, e.startsAt.millisecondsSince1970, e.endsAt.millisecondsSince1970, e.organizerId,
                                        try EngagementCoding.encode(e), e.createdAt.millisecondsSince1970, e.updatedAt.millisecondsSince1970, e.id]
        if isNew {
            try db.execute(sql: "INSERT INTO events (kind, starts_at, ends_at, organizer_id, data, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", arguments: args)
        } else {
            try db.execute(sql: "UPDATE events SET kind = ?, starts_at = ?, ends_at = ?, organizer_id = ?, data = ?, created_at = ?, updated_at = ? WHERE id = ?", arguments: args)
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "event", id: e.id) }
            try db.execute(sql: "DELETE FROM event_invitees WHERE event_id = ?", arguments: [e.id])
        }
        for (n, invitee) in e.invitees.enumerated() {
            try db.execute(sql: "INSERT OR IGNORE INTO event_invitees (event_id, stakeholder_id, position, rsvp, attended) VALUES (?, ?, ?, ?, ?)",
                           arguments: [e.id, invitee.stakeholderId, n, invitee.rsvp.rawValue, invitee.attended])
        }
    }

    static func events(_ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> [Event] {
        var list = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            var e = try EngagementCoding.decode(Event.self, row["data"])
            e.organizerId = row["organizer_id"]
            return e
        }
        guard !list.isEmpty else { return [] }
        var people: [String: [Invitee]] = [:]
        let marks = Array(repeating: "?", count: list.count).joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: "SELECT event_id, stakeholder_id, rsvp, attended FROM event_invitees WHERE event_id IN (\(marks)) ORDER BY event_id, position",
                                    arguments: StatementArguments(list.map(\.id))) {
            people[row[0], default: []].append(Invitee(stakeholderId: row[1], rsvp: RSVP(rawValue: row[2]) ?? .invited, attended: row[3]))
        }
        for n in list.indices { list[n].invitees = people[list[n].id] ?? [] }
        return list
    }

    public func event(id: String) async throws -> Event? {
        try await pool.read { db in try Self.events("SELECT data, organizer_id FROM events WHERE id = ?", [id], db).first }
    }

    public func events(_ q: EventQuery) async throws -> [Event] {
        try await pool.read { db in
            var clauses: [String] = []
            var args: StatementArguments = []
            if let f = q.from { clauses.append("ends_at > ?"); _ = args.append(contentsOf: [f.millisecondsSince1970]) }
            if let t = q.to { clauses.append("starts_at < ?"); _ = args.append(contentsOf: [t.millisecondsSince1970]) }
            if let s = q.stakeholderId {
                clauses.append("(organizer_id = ? OR id IN (SELECT event_id FROM event_invitees WHERE stakeholder_id = ?))")
                _ = args.append(contentsOf: [s, s])
            }
            let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            return try Self.events("SELECT data, organizer_id FROM events \(filter) ORDER BY starts_at, id LIMIT ? OFFSET ?", args + [q.limit, q.offset], db)
        }
    }

    public func insertEvent(_ event: Event, audit: AuditEntry) async throws {
        try await pool.write { db in
            try Self.writeEvent(event, db, isNew: true)
            try audit.insert(db)
        }
    }

    public func updateEvent(_ event: Event, attendance: Interaction?, audit: [AuditEntry]) async throws {
        try await pool.write { db in
            try Self.writeEvent(event, db, isNew: false)
            try db.execute(sql: "DELETE FROM interactions WHERE event_id = ? AND kind = 'event' AND id <> ?", arguments: [event.id, attendance?.id ?? ""])
            if let a = attendance {
                let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM interactions WHERE id = ?)", arguments: [a.id]) ?? false
                try Self.writeInteraction(a, db, isNew: !exists)
            }
            for entry in audit { try entry.insert(db) }
        }
    }

    public func deleteEvent(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM events WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "event", id: id) }
            try audit.insert(db)
        }
    }

    // MARK: Coverage targets

    public func coverageTargets() async throws -> [CoverageTarget] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT data FROM coverage_targets ORDER BY created_at, id").map { try EngagementCoding.decode(CoverageTarget.self, $0) }
        }
    }

    public func insertCoverageTarget(_ t: CoverageTarget, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO coverage_targets (id, data, created_at, updated_at) VALUES (?, ?, ?, ?)",
                           arguments: [t.id, try EngagementCoding.encode(t), t.createdAt.millisecondsSince1970, t.updatedAt.millisecondsSince1970])
            try audit.insert(db)
        }
    }

    public func updateCoverageTarget(_ t: CoverageTarget, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE coverage_targets SET data = ?, updated_at = ? WHERE id = ?",
                           arguments: [try EngagementCoding.encode(t), t.updatedAt.millisecondsSince1970, t.id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "coverage target", id: t.id) }
            try audit.insert(db)
        }
    }

    public func deleteCoverageTarget(id: String, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM coverage_targets WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "coverage target", id: id) }
            try audit.insert(db)
        }
    }

    /// Moves a merged-away stakeholder's contacts, follow-ups, invitations and organized events
    /// to the one kept, dropping what would repeat.
    static func moveEngagement(from removedId: String, to keptId: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE OR IGNORE interaction_participants SET stakeholder_id = ? WHERE stakeholder_id = ?", arguments: [keptId, removedId])
        try db.execute(sql: "UPDATE OR IGNORE follow_up_stakeholders SET stakeholder_id = ? WHERE stakeholder_id = ?", arguments: [keptId, removedId])
        try db.execute(sql: "UPDATE OR IGNORE event_invitees SET stakeholder_id = ? WHERE stakeholder_id = ?", arguments: [keptId, removedId])
        try db.execute(sql: "UPDATE OR IGNORE radar_issue_stakeholders SET stakeholder_id = ? WHERE stakeholder_id = ?", arguments: [keptId, removedId])
        try db.execute(sql: "UPDATE events SET organizer_id = ? WHERE organizer_id = ?", arguments: [keptId, removedId])
    }
}

extension SQLiteStore {
    public func coverageCounts(from: Date, to: Date, targets: [CoverageCriteria]) async throws -> CoverageCounts {
        let (sql, extra) = CoverageSQL.query(targets: targets, heardSum: "max(heard)", engagedValue: "(e.id IS NOT NULL)", archivedFalse: "0",
                                             lowerLike: "lower(t.value) LIKE ?$K || '-%'")
        return try await pool.read { db in
            let args = StatementArguments([from.millisecondsSince1970, to.millisecondsSince1970]) + StatementArguments(extra)
            let rows = try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                (field: row[0] as String, value: row[1] as String, total: row[2] as Int, engaged: row[3] as Int, heard: row[4] as Int)
            }
            return CoverageSQL.counts(rows, targets: targets.count)
        }
    }

    public func healthInputs(since: Date) async throws -> [HealthInput] {
        try await pool.read { db in
            var out: [HealthInput] = []
            let rows = try Row.fetchCursor(db, sql: """
                WITH c AS MATERIALIZED (SELECT stakeholder_id AS id, max(occurred_at) AS last, sum(occurred_at >= ?1) AS n,
                                               sum(occurred_at >= ?1 AND inbound) AS inb
                                        FROM interaction_participants GROUP BY stakeholder_id)
                SELECT s.id, s.display_name,
                    (SELECT value FROM stakeholder_terms t WHERE t.sid = s.sid AND t.field = 'influence'),
                    (SELECT value FROM stakeholder_terms t WHERE t.sid = s.sid AND t.field = 'interest'),
                    c.last, COALESCE(c.n, 0), COALESCE(c.inb, 0)
                FROM stakeholders s LEFT JOIN c ON c.id = s.id WHERE s.is_archived = 0
                """, arguments: [since.millisecondsSince1970])
            while let row = try rows.next() {
                out.append(HealthInput(id: row[0], displayName: row[1], influence: (row[2] as String?).flatMap { Int($0) },
                                       interest: (row[3] as String?).flatMap { Int($0) }, lastContactAt: (row[4] as Int64?).map(Date.init(millisecondsSince1970:)),
                                       contacts: row[5], inbound: row[6]))
            }
            return out
        }
    }
}

extension SQLiteStore {
    public func importEvents(creates: [Event], updates: [Event], audit: [AuditEntry]) async throws {
        try await pool.write { db in
            for e in creates { try Self.writeEvent(e, db, isNew: true) }
            for e in updates { try Self.writeEvent(e, db, isNew: false) }
            for entry in audit { try entry.insert(db) }
        }
    }
}
