import Foundation

/// Which interactions to list; newest first.
public struct InteractionQuery: Sendable, Equatable {
    public var stakeholderId: String?
    public var eventId: String?
    public var from: Date?
    /// Exclusive.
    public var to: Date?
    public var limit: Int
    public var offset: Int
    public init(stakeholderId: String? = nil, eventId: String? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 50, offset: Int = 0) {
        self.stakeholderId = stakeholderId; self.eventId = eventId; self.from = from; self.to = to; self.limit = limit; self.offset = offset
    }
}

/// Which follow-ups to list; soonest due first.
public struct FollowUpQuery: Sendable, Equatable {
    public var ownerId: String?
    public var stakeholderId: String?
    public var status: FollowUpStatus?
    /// Only those due strictly before this day.
    public var dueBefore: CalendarDate?
    public var limit: Int
    public var offset: Int
    public init(ownerId: String? = nil, stakeholderId: String? = nil, status: FollowUpStatus? = nil, dueBefore: CalendarDate? = nil,
                limit: Int = 50, offset: Int = 0) {
        self.ownerId = ownerId; self.stakeholderId = stakeholderId; self.status = status; self.dueBefore = dueBefore
        self.limit = limit; self.offset = offset
    }
}

/// Which events to list; by start time.
public struct EventQuery: Sendable, Equatable {
    /// Events that end after this instant.
    public var from: Date?
    /// Events that start before this instant.
    public var to: Date?
    public var stakeholderId: String?
    public var limit: Int
    public var offset: Int
    public init(from: Date? = nil, to: Date? = nil, stakeholderId: String? = nil, limit: Int = 100, offset: Int = 0) {
        self.from = from; self.to = to; self.stakeholderId = stakeholderId; self.limit = limit; self.offset = offset
    }
}

/// A stakeholder's contact history in numbers: what relationship health is computed from.
public struct ContactSummary: Sendable, Equatable {
    public var stakeholderId: String
    public var lastContactAt: Date?
    /// Contacts since the window's start.
    public var contacts: Int
    /// Of those, the ones they started.
    public var inbound: Int
    /// Of those, the ones where we heard them (see `Interaction.isHeard`).
    public var heard: Int
    public init(stakeholderId: String, lastContactAt: Date?, contacts: Int, inbound: Int, heard: Int) {
        self.stakeholderId = stakeholderId; self.lastContactAt = lastContactAt; self.contacts = contacts; self.inbound = inbound; self.heard = heard
    }
}

/// The few fields of a stakeholder that coverage and the due-for-contact list read, for the
/// whole district at once.
public struct StakeholderProfile: Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var types: [String]
    public var areas: [String]
    public var language: String?
    public var influence: Int?
    public var interest: Int?
    public var engagementTarget: EngagementLevel?
    public init(id: String, displayName: String, types: [String] = [], areas: [String] = [], language: String? = nil,
                influence: Int? = nil, interest: Int? = nil, engagementTarget: EngagementLevel? = nil) {
        self.id = id; self.displayName = displayName; self.types = types; self.areas = areas; self.language = language
        self.influence = influence; self.interest = interest; self.engagementTarget = engagementTarget
    }
}

/// Contacts in one calendar month (UTC).
public struct MonthCount: Sendable, Equatable {
    /// "2026-09".
    public var month: String
    public var contacts: Int
    public var heard: Int
    public init(month: String, contacts: Int, heard: Int) { self.month = month; self.contacts = contacts; self.heard = heard }
}

public protocol InteractionStore: Sendable {
    func interaction(id: String) async throws -> Interaction?
    func interactions(_ query: InteractionQuery) async throws -> [Interaction]
    func countInteractions(_ query: InteractionQuery) async throws -> Int
    /// Inserts many in one transaction (attendance, seeding, benchmarks), with their audit entries.
    func insertInteractions(_ interactions: [Interaction], audit: [AuditEntry]) async throws
    func updateInteraction(_ interaction: Interaction, audit: AuditEntry) async throws
    func deleteInteraction(id: String, audit: AuditEntry) async throws
    /// One summary per stakeholder with any contact (only `stakeholderIds` when given),
    /// counting contacts at or after `since`; `lastContactAt` looks at all time.
    func contactSummaries(stakeholderIds: [String]?, since: Date) async throws -> [ContactSummary]
    /// Everyone contacted in `[from, to)`, and whether we heard them at least once.
    func engagedStakeholders(from: Date, to: Date) async throws -> [String: Bool]
    /// Contacts per UTC month from `from` on, of one stakeholder or of everyone.
    func interactionMonths(stakeholderId: String?, from: Date) async throws -> [MonthCount]
    /// Every stakeholder that is not archived, with the fields coverage reads.
    func stakeholderProfiles() async throws -> [StakeholderProfile]
    /// Coverage counted in the database (what `Coverage.compute` defines, without moving every
    /// profile out): everyone, by type, by area, and one row per criteria set, for contacts in
    /// `[from, to)`. Rows are sorted by value.
    func coverageCounts(from: Date, to: Date, targets: [CoverageCriteria]) async throws -> CoverageCounts
    /// For every stakeholder that is not archived: name, influence, interest and contact
    /// counts since `since` (last contact over all time) — what everyone's health needs.
    func healthInputs(since: Date) async throws -> [HealthInput]
}

/// A coverage target's criteria, as the store filters on them.
public struct CoverageCriteria: Sendable, Equatable {
    public var type: String?
    public var area: String?
    public var language: String?
    public init(type: String?, area: String?, language: String?) { self.type = type; self.area = area; self.language = language }
}

/// Counts of stakeholders, those engaged and those heard, per part of the community.
public struct CoverageCount: Sendable, Equatable {
    public var value: String
    public var total: Int
    public var engaged: Int
    public var heard: Int
    public init(value: String, total: Int, engaged: Int, heard: Int) { self.value = value; self.total = total; self.engaged = engaged; self.heard = heard }
}

public struct CoverageCounts: Sendable, Equatable {
    public var overall: CoverageCount
    public var byType: [CoverageCount]
    public var byArea: [CoverageCount]
    public var targets: [CoverageCount]
    public init(overall: CoverageCount, byType: [CoverageCount], byArea: [CoverageCount], targets: [CoverageCount]) {
        self.overall = overall; self.byType = byType; self.byArea = byArea; self.targets = targets
    }
}

public struct HealthInput: Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var influence: Int?
    public var interest: Int?
    public var lastContactAt: Date?
    public var contacts: Int
    public var inbound: Int
    public init(id: String, displayName: String, influence: Int?, interest: Int?, lastContactAt: Date?, contacts: Int, inbound: Int) {
        self.id = id; self.displayName = displayName; self.influence = influence; self.interest = interest
        self.lastContactAt = lastContactAt; self.contacts = contacts; self.inbound = inbound
    }
}

public protocol FollowUpStore: Sendable {
    func followUp(id: String) async throws -> FollowUp?
    func followUps(_ query: FollowUpQuery) async throws -> [FollowUp]
    func countFollowUps(_ query: FollowUpQuery) async throws -> Int
    func insertFollowUp(_ followUp: FollowUp, audit: AuditEntry) async throws
    func updateFollowUp(_ followUp: FollowUp, audit: AuditEntry) async throws
    func deleteFollowUp(id: String, audit: AuditEntry) async throws
}

public protocol EventStore: Sendable {
    func event(id: String) async throws -> Event?
    func events(_ query: EventQuery) async throws -> [Event]
    func insertEvent(_ event: Event, audit: AuditEntry) async throws
    /// Writes the event and makes `attendance` the event's only attendance interaction
    /// (nil: none), all in one transaction.
    func updateEvent(_ event: Event, attendance: Interaction?, audit: [AuditEntry]) async throws
    func deleteEvent(id: String, audit: AuditEntry) async throws
}

public protocol CoverageTargetStore: Sendable {
    func coverageTargets() async throws -> [CoverageTarget]
    func insertCoverageTarget(_ target: CoverageTarget, audit: AuditEntry) async throws
    func updateCoverageTarget(_ target: CoverageTarget, audit: AuditEntry) async throws
    func deleteCoverageTarget(id: String, audit: AuditEntry) async throws
}

/// How both engines keep the JSON part of engagement records: the fields without their own
/// columns or link tables. One format, so a backup from one engine restores on the other.
public enum EngagementCoding {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .millisecondsSince1970
        e.outputFormatting = .sortedKeys
        return e
    }()
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .millisecondsSince1970
        return d
    }()

    public static func encode(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try decoder.decode(type, from: Data(text.utf8)) }
}

/// The one SQL text both engines use for coverage: the contacts of the period reduced to one
/// row per stakeholder, joined to everyone not archived, then counted overall, by type and
/// area, and per target. `?` placeholders; `bools` is how the engine writes true/false sums.
public enum CoverageSQL {
    public static func query(targets: [CoverageCriteria], heardSum: String, engagedValue: String, archivedFalse: String,
                             lowerLike: String) -> (sql: String, arguments: [String]) {
        var sql = """
            WITH e AS MATERIALIZED (SELECT stakeholder_id AS id, \(heardSum) AS h FROM interaction_participants
                                    WHERE occurred_at >= ?1 AND occurred_at < ?2 GROUP BY stakeholder_id),
                 p AS MATERIALIZED (SELECT s.sid, \(engagedValue) AS engaged, COALESCE(e.h, 0) AS heard
                                    FROM stakeholders s LEFT JOIN e ON e.id = s.id WHERE s.is_archived = \(archivedFalse))
            SELECT 'all' AS field, '' AS value, count(*) AS total, COALESCE(sum(engaged), 0), COALESCE(sum(heard), 0) FROM p
            UNION ALL
            SELECT t.field, t.value, count(*), COALESCE(sum(p.engaged), 0), COALESCE(sum(p.heard), 0)
            FROM p JOIN stakeholder_terms t ON t.sid = p.sid AND t.field IN ('type', 'area') GROUP BY t.field, t.value
            """
        var arguments: [String] = []
        for (n, c) in targets.enumerated() {
            var clauses: [String] = []
            func exists(_ field: String, _ condition: String) -> String {
                "EXISTS (SELECT 1 FROM stakeholder_terms t WHERE t.sid = p.sid AND t.field = '\(field)' AND \(condition))"
            }
            if let type = c.type { arguments.append(type); clauses.append(exists("type", "t.value = ?\(arguments.count + 2)")) }
            if let area = c.area { arguments.append(area); clauses.append(exists("area", "t.value = ?\(arguments.count + 2)")) }
            if let language = c.language {
                arguments.append(language.lowercased())
                let k = arguments.count + 2
                clauses.append(exists("language", "(lower(t.value) = ?\(k) OR \(lowerLike.replacingOccurrences(of: "$K", with: String(k))))"))
            }
            sql += "\nUNION ALL\nSELECT 'target', '\(n)', count(*), COALESCE(sum(engaged), 0), COALESCE(sum(heard), 0) FROM p"
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        }
        return (sql, arguments)
    }

    /// Sorts the rows the query returned into overall, by type, by area and per target.
    public static func counts(_ rows: [(field: String, value: String, total: Int, engaged: Int, heard: Int)], targets: Int) -> CoverageCounts {
        var overall = CoverageCount(value: "Everyone", total: 0, engaged: 0, heard: 0)
        var types: [CoverageCount] = [], areas: [CoverageCount] = []
        var targetRows = Array(repeating: CoverageCount(value: "", total: 0, engaged: 0, heard: 0), count: targets)
        for r in rows {
            let c = CoverageCount(value: r.value, total: r.total, engaged: r.engaged, heard: r.heard)
            switch r.field {
            case "all": overall = CoverageCount(value: "Everyone", total: r.total, engaged: r.engaged, heard: r.heard)
            case "type": types.append(c)
            case "area": areas.append(c)
            case "target": if let n = Int(r.value), n < targets { targetRows[n] = c }
            default: break
            }
        }
        return CoverageCounts(overall: overall, byType: types.sorted { $0.value < $1.value }, byArea: areas.sorted { $0.value < $1.value }, targets: targetRows)
    }
}

/// Events brought in from a calendar file, written in one transaction.
public protocol EventImportStore: Sendable {
    func importEvents(creates: [Event], updates: [Event], audit: [AuditEntry]) async throws
}
