import Foundation

// MARK: Advocacy

public enum Stance: String, Sendable, Codable, CaseIterable { case support, oppose, watch }
public enum BillKind: String, Sendable, Codable, CaseIterable { case bill, regulation }
public enum BillStatus: String, Sendable, Codable, CaseIterable {
    case introduced, inCommittee = "in-committee", passedChamber = "passed-chamber", passed, enacted, vetoed, failed
    case proposedRule = "proposed-rule", finalRule = "final-rule", withdrawn
}
public enum AskOutcome: String, Sendable, Codable, CaseIterable { case pending, committed, partial, declined, noResponse = "no-response" }
public enum CampaignStatus: String, Sendable, Codable, CaseIterable { case planning, active, won, lost, ended }

/// A stance on a policy or bill, with the reasons and the date it was taken.
public struct PolicyPosition: WorkRecord {
    public static let kind = WorkKind.position
    public static let writable: Set<String> = ["title", "policy", "billId", "stance", "rationale", "adoptedOn", "issueIds"]
    public static let choices: [String: [String]] = ["stance": allValues(Stance.self)]
    public var id: String
    public var title: String
    /// The policy in words, when it is not a tracked bill.
    public var policy: String?
    public var billId: String?
    public var stance: Stance
    public var rationale: String?
    public var adoptedOn: CalendarDate?
    public var issueIds: [String]
    public var createdAt: Date
    public var updatedAt: Date

    public static func blank(id: String, at: Date) -> PolicyPosition {
        PolicyPosition(id: id, title: "", policy: nil, billId: nil, stance: .watch, rationale: nil, adoptedOn: nil, issueIds: [], createdAt: at, updatedAt: at)
    }
    public var label: String { title }
    public var searchText: String { [title, policy ?? "", rationale ?? ""].joined(separator: " ") }
    public var links: [(field: String, link: WorkLink)] { WorkCheck.ids(issueIds, .issue, "issueIds") + (billId.map { [("billId", WorkLink(.bill, $0))] } ?? []) }
    public mutating func tidy(now: Date) {
        title = Text.trimmed(title); policy = Text.tidy(policy); rationale = Text.tidy(rationale); billId = Text.tidy(billId); issueIds = Text.dedupe(issueIds)
        if adoptedOn == nil { adoptedOn = CalendarDate(date: now) }
    }
    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        WorkCheck.required(title, "title", max: 300, into: &e)
        WorkCheck.optional(policy, "policy", max: 2000, into: &e)
        WorkCheck.optional(rationale, "rationale", max: 20_000, into: &e)
        if policy == nil && billId == nil { e.append(FieldError("policy", "say which policy, or give the billId of a tracked bill or regulation")) }
        return e
    }
}

/// A bill or regulation followed by number and jurisdiction, with its status and next action.
public struct Bill: WorkRecord {
    public static let kind = WorkKind.bill
    public static let writable: Set<String> = ["number", "jurisdiction", "title", "kind", "status", "summary", "nextAction", "nextActionOn", "url", "issueIds"]
    public static let choices: [String: [String]] = ["kind": allValues(BillKind.self), "status": allValues(BillStatus.self)]
    public var id: String
    /// "HB 1234", "SB 5", "34 CFR Part 300".
    public var number: String
    /// "Washington", "US Congress", "State Board of Education".
    public var jurisdiction: String
    public var title: String
    public var kind: BillKind
    public var status: BillStatus
    public var summary: String?
    public var nextAction: String?
    public var nextActionOn: CalendarDate?
    public var url: String?
    public var issueIds: [String]
    public var createdAt: Date
    public var updatedAt: Date

    public static func blank(id: String, at: Date) -> Bill {
        Bill(id: id, number: "", jurisdiction: "", title: "", kind: .bill, status: .introduced, summary: nil, nextAction: nil, nextActionOn: nil, url: nil,
             issueIds: [], createdAt: at, updatedAt: at)
    }
    public var label: String { "\(number) (\(jurisdiction)): \(title)" }
    public var searchText: String { [number, jurisdiction, title, summary ?? "", nextAction ?? ""].joined(separator: " ") }
    public var links: [(field: String, link: WorkLink)] { WorkCheck.ids(issueIds, .issue, "issueIds") }
    public mutating func tidy(now: Date) {
        number = Text.trimmed(number); jurisdiction = Text.trimmed(jurisdiction); title = Text.trimmed(title); summary = Text.tidy(summary)
        nextAction = Text.tidy(nextAction); url = Text.tidy(url); issueIds = Text.dedupe(issueIds)
    }
    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        WorkCheck.required(number, "number", max: 100, into: &e)
        WorkCheck.required(jurisdiction, "jurisdiction", max: 200, into: &e)
        WorkCheck.required(title, "title", max: 500, into: &e)
        WorkCheck.optional(summary, "summary", max: 10_000, into: &e)
        WorkCheck.optional(nextAction, "nextAction", max: 500, into: &e)
        WorkCheck.url(url, "url", into: &e)
        return e
    }
}

/// One ask of a named policymaker in a campaign, and what came of it.
public struct CampaignAsk: Sendable, Equatable, Codable {
    public var id: String?
    public var stakeholderId: String
    public var ask: String
    public var askedOn: CalendarDate?
    public var outcome: AskOutcome?
    public var outcomeNote: String?
    public var outcomeOn: CalendarDate?
    public init(id: String? = nil, stakeholderId: String, ask: String, askedOn: CalendarDate? = nil, outcome: AskOutcome = .pending, outcomeNote: String? = nil, outcomeOn: CalendarDate? = nil) {
        self.id = id; self.stakeholderId = stakeholderId; self.ask = ask; self.askedOn = askedOn; self.outcome = outcome; self.outcomeNote = outcomeNote; self.outcomeOn = outcomeOn
    }
}

/// Advocacy with coalition partners: asks of named policymakers and what came of each.
public struct Campaign: WorkRecord {
    public static let kind = WorkKind.campaign
    public static let writable: Set<String> = ["title", "goal", "status", "billId", "positionId", "startsOn", "endsOn", "coalitionIds", "asks", "issueIds"]
    public static let choices: [String: [String]] = ["status": allValues(CampaignStatus.self), "asks.outcome": allValues(AskOutcome.self)]
    public var id: String
    public var title: String
    public var goal: String?
    public var status: CampaignStatus
    public var billId: String?
    public var positionId: String?
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?
    /// Coalition partners (organizations in the registry).
    public var coalitionIds: [String]
    public var asks: [CampaignAsk]
    public var issueIds: [String]
    public var createdAt: Date
    public var updatedAt: Date

    public static func blank(id: String, at: Date) -> Campaign {
        Campaign(id: id, title: "", goal: nil, status: .planning, billId: nil, positionId: nil, startsOn: nil, endsOn: nil, coalitionIds: [], asks: [], issueIds: [],
                 createdAt: at, updatedAt: at)
    }
    public mutating func forget(stakeholderId: String) -> Bool {
        let before = self
        coalitionIds.removeAll { $0 == stakeholderId }
        asks.removeAll { $0.stakeholderId == stakeholderId }
        return self != before
    }
    public var label: String { title }
    public var searchText: String { ([title, goal ?? ""] + asks.map(\.ask)).joined(separator: " ") }
    public var links: [(field: String, link: WorkLink)] {
        WorkCheck.ids(coalitionIds, .stakeholder, "coalitionIds") + WorkCheck.ids(issueIds, .issue, "issueIds")
            + asks.enumerated().map { ("asks[\($0.offset)].stakeholderId", WorkLink(.stakeholder, $0.element.stakeholderId)) }
            + (billId.map { [("billId", WorkLink(.bill, $0))] } ?? []) + (positionId.map { [("positionId", WorkLink(.position, $0))] } ?? [])
    }
    public mutating func tidy(now: Date) {
        title = Text.trimmed(title); goal = Text.tidy(goal); billId = Text.tidy(billId); positionId = Text.tidy(positionId)
        coalitionIds = Text.dedupe(coalitionIds); issueIds = Text.dedupe(issueIds)
        for i in asks.indices {
            asks[i].ask = Text.trimmed(asks[i].ask); asks[i].outcomeNote = Text.tidy(asks[i].outcomeNote)
            if asks[i].id == nil { asks[i].id = Identifier.make() }
            if asks[i].outcome == nil { asks[i].outcome = .pending }
        }
    }
    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        WorkCheck.required(title, "title", max: 300, into: &e)
        WorkCheck.optional(goal, "goal", max: 5000, into: &e)
        WorkCheck.order(startsOn, endsOn, "endsOn", after: "startsOn", into: &e)
        if asks.count > 1000 { e.append(FieldError("asks", "must have at most 1000 entries")) }
        for (n, a) in asks.enumerated() {
            if a.stakeholderId.isEmpty { e.append(FieldError("asks[\(n)].stakeholderId", "is required: the policymaker asked")) }
            WorkCheck.required(a.ask, "asks[\(n)].ask", max: 2000, into: &e)
            WorkCheck.optional(a.outcomeNote, "asks[\(n)].outcomeNote", max: 2000, into: &e)
            WorkCheck.order(a.askedOn, a.outcomeOn, "asks[\(n)].outcomeOn", after: "askedOn", into: &e)
        }
        return e
    }
}

// MARK: Resource library

public enum ResourceType: String, Sendable, Codable, CaseIterable { case guide, template, toolkit, caseStudy = "case-study", research, other }

/// A guide, template, toolkit, case study or piece of research, kept as a titled link.
public struct Resource: WorkRecord {
    public static let kind = WorkKind.resource
    public static let writable: Set<String> = ["title", "url", "type", "organization", "issueIds", "notes", "publishedOn"]
    public static let choices: [String: [String]] = ["type": allValues(ResourceType.self)]
    public var id: String
    public var title: String
    public var url: String
    public var type: ResourceType
    /// The organization that published it.
    public var organization: String?
    public var issueIds: [String]
    public var notes: String?
    public var publishedOn: CalendarDate?
    public var createdAt: Date
    public var updatedAt: Date

    public static func blank(id: String, at: Date) -> Resource {
        Resource(id: id, title: "", url: "", type: .guide, organization: nil, issueIds: [], notes: nil, publishedOn: nil, createdAt: at, updatedAt: at)
    }
    public var label: String { title }
    public var searchText: String { [title, organization ?? "", notes ?? "", type.rawValue].joined(separator: " ") }
    public var links: [(field: String, link: WorkLink)] { WorkCheck.ids(issueIds, .issue, "issueIds") }
    public mutating func tidy(now: Date) {
        title = Text.trimmed(title); url = Text.trimmed(url); organization = Text.tidy(organization); notes = Text.tidy(notes); issueIds = Text.dedupe(issueIds)
    }
    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        WorkCheck.required(title, "title", max: 300, into: &e)
        if url.isEmpty { e.append(FieldError("url", "is required")) } else { WorkCheck.url(url, "url", into: &e) }
        WorkCheck.optional(organization, "organization", max: 300, into: &e)
        WorkCheck.optional(notes, "notes", max: 10_000, into: &e)
        return e
    }
}
