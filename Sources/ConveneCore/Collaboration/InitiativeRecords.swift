import Foundation

public enum ActivityKind: String, Sendable, Codable, CaseIterable { case consultation, forum, meeting, survey, workshop, other }

/// Whom an initiative means to engage, and what it promises them: a stakeholder type or a
/// group, an IAP2 level, and how many people it hopes to hear from.
public struct PlanLine: Sendable, Equatable, Codable {
    public var id: String?
    public var stakeholderType: String?
    public var groupId: String?
    public var level: IAP2Level
    /// How many of them the plan means to hear from.
    public var target: Int?
    public var note: String?
    /// For a group: how the public page names the audience ("families of Lincoln Elementary").
    /// Group names are the district's own and never shown; without this the page says "a group".
    public var publicLabel: String?
    public init(id: String? = nil, stakeholderType: String? = nil, groupId: String? = nil, level: IAP2Level, target: Int? = nil, note: String? = nil,
                publicLabel: String? = nil) {
        self.id = id; self.stakeholderType = stakeholderType; self.groupId = groupId; self.level = level; self.target = target; self.note = note
        self.publicLabel = publicLabel
    }
}

/// A consultation, forum, meeting or survey the plan calls for, and the record that carried
/// it out once there is one.
public struct PlannedActivity: Sendable, Equatable, Codable {
    public var id: String?
    public var kind: ActivityKind
    public var title: String
    public var plannedOn: CalendarDate?
    public var consultationId: String?
    public var eventId: String?
    public init(id: String? = nil, kind: ActivityKind, title: String, plannedOn: CalendarDate? = nil, consultationId: String? = nil, eventId: String? = nil) {
        self.id = id; self.kind = kind; self.title = title; self.plannedOn = plannedOn; self.consultationId = consultationId; self.eventId = eventId
    }
}

/// A piece of work the district asks its community about ("new school start times"), with
/// its engagement plan; published, it has a public "you said, we did" page at `/i/{slug}` (F6).
public struct Initiative: WorkRecord {
    public static let kind = WorkKind.initiative
    public static let writable: Set<String> = ["title", "titleEs", "slug", "summary", "summaryEs", "startsOn", "endsOn", "ownerId", "issueIds", "plan", "activities", "isPublished"]
    public static let choices: [String: [String]] = ["plan.level": allValues(IAP2Level.self), "activities.kind": allValues(ActivityKind.self)]
    public var id: String
    public var title: String
    /// The title in Spanish for the public page.
    public var titleEs: String?
    /// The public address: `/i/{slug}`.
    public var slug: String
    /// What is being decided and what the community was asked.
    public var summary: String?
    public var summaryEs: String?
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?
    public var ownerId: String?
    public var issueIds: [String]
    public var plan: [PlanLine]
    public var activities: [PlannedActivity]
    public var isPublished: Bool
    /// When it was first published; kept by Convene.
    public var publishedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public static func blank(id: String, at: Date) -> Initiative {
        Initiative(id: id, title: "", titleEs: nil, slug: "", summary: nil, summaryEs: nil, startsOn: nil, endsOn: nil, ownerId: nil, issueIds: [], plan: [],
                   activities: [], isPublished: false, publishedAt: nil, createdAt: at, updatedAt: at)
    }
    public var publicSlug: String? { slug }
    public var label: String { title }
    public var searchText: String { ([title, titleEs ?? "", slug, summary ?? "", summaryEs ?? ""] + activities.map(\.title)).joined(separator: " ") }
    public var consultationIds: [String] { Text.dedupe(activities.compactMap(\.consultationId)) }
    public var eventIds: [String] { Text.dedupe(activities.compactMap(\.eventId)) }
    public var links: [(field: String, link: WorkLink)] {
        WorkCheck.ids(issueIds, .issue, "issueIds") + (ownerId.map { [("ownerId", WorkLink(.user, $0))] } ?? [])
            + plan.enumerated().compactMap { n, p in p.groupId.map { ("plan[\(n)].groupId", WorkLink(.group, $0)) } }
            + activities.enumerated().flatMap { n, a in
                (a.consultationId.map { [("activities[\(n)].consultationId", WorkLink(.consultation, $0))] } ?? [])
                    + (a.eventId.map { [("activities[\(n)].eventId", WorkLink(.event, $0))] } ?? [])
            }
    }
    public mutating func tidy(now: Date) {
        title = Text.trimmed(title); titleEs = Text.tidy(titleEs); slug = Text.trimmed(slug).lowercased()
        if slug.isEmpty { slug = Consultations.slug(from: title) }
        summary = Text.tidy(summary); summaryEs = Text.tidy(summaryEs); ownerId = Text.tidy(ownerId); issueIds = Text.dedupe(issueIds)
        for i in plan.indices {
            if plan[i].id == nil { plan[i].id = Identifier.make() }
            plan[i].stakeholderType = Text.tidy(plan[i].stakeholderType)?.lowercased(); plan[i].groupId = Text.tidy(plan[i].groupId); plan[i].note = Text.tidy(plan[i].note)
            plan[i].publicLabel = Text.tidy(plan[i].publicLabel)
        }
        for i in activities.indices {
            if activities[i].id == nil { activities[i].id = Identifier.make() }
            activities[i].title = Text.trimmed(activities[i].title)
            activities[i].consultationId = Text.tidy(activities[i].consultationId); activities[i].eventId = Text.tidy(activities[i].eventId)
        }
        if isPublished && publishedAt == nil { publishedAt = now }
    }
    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        WorkCheck.required(title, "title", max: 200, into: &e)
        WorkCheck.optional(titleEs, "titleEs", max: 200, into: &e)
        WorkCheck.slugProblems(slug, into: &e)
        WorkCheck.optional(summary, "summary", max: 10_000, into: &e)
        WorkCheck.optional(summaryEs, "summaryEs", max: 10_000, into: &e)
        WorkCheck.order(startsOn, endsOn, "endsOn", after: "startsOn", into: &e)
        if isPublished && summary == nil {
            e.append(FieldError("isPublished", "the public page would have nothing to say: write a summary of what the community is asked first"))
        }
        if plan.count > 100 { e.append(FieldError("plan", "must have at most 100 entries")) }
        for (n, p) in plan.enumerated() {
            if (p.stakeholderType == nil) == (p.groupId == nil) { e.append(FieldError("plan[\(n)]", "must name either a stakeholderType or a groupId")) }
            if let t = p.stakeholderType, !StakeholderType.builtIn.contains(t) {
                e.append(FieldError("plan[\(n)].stakeholderType", "must be one of: " + StakeholderType.builtIn.joined(separator: ", ")))
            }
            WorkCheck.optional(p.publicLabel, "plan[\(n)].publicLabel", max: 200, into: &e)
            if let t = p.target, !(0...10_000_000).contains(t) { e.append(FieldError("plan[\(n)].target", "must be 0 or more")) }
            WorkCheck.optional(p.note, "plan[\(n)].note", max: 2000, into: &e)
        }
        if activities.count > 200 { e.append(FieldError("activities", "must have at most 200 entries")) }
        for (n, a) in activities.enumerated() {
            WorkCheck.required(a.title, "activities[\(n)].title", max: 300, into: &e)
            if a.consultationId != nil && a.kind != .consultation { e.append(FieldError("activities[\(n)].consultationId", "belongs to an activity of kind consultation")) }
            if a.consultationId != nil && a.eventId != nil { e.append(FieldError("activities[\(n)]", "is carried out by a consultation or an event, not both")) }
        }
        return e
    }
}

/// A piece of evidence behind a decision: a consultation's results, feedback, a research item
/// or resource, the stakeholders or groups consulted.
public struct Evidence: Sendable, Equatable, Codable {
    public var kind: LinkKind
    public var id: String
    public var note: String?
    public init(kind: LinkKind, id: String, note: String? = nil) { self.kind = kind; self.id = id; self.note = note }
}

/// What a decision did about one promise of the plan.
public struct PromiseOutcome: Sendable, Equatable, Codable {
    public var planId: String
    public var outcome: String
}

/// A decision of an initiative: the options weighed, the rationale, who decided, the evidence,
/// and what it did about each IAP2 promise made (F6).
public struct Decision: WorkRecord {
    public static let kind = WorkKind.decision
    public static let writable: Set<String> = ["initiativeId", "title", "decidedOn", "decidedBy", "rationale", "optionsConsidered", "chosenOption", "evidence", "promiseOutcomes"]
    public static let choices: [String: [String]] = ["evidence.kind": Decision.evidenceKinds.map(\.rawValue)]
    /// What evidence may be.
    public static let evidenceKinds: [LinkKind] = [.consultation, .statement, .interaction, .item, .resource, .stakeholder, .group, .event, .partnership, .workingGroup]
    public var id: String
    public var initiativeId: String
    public var title: String
    public var decidedOn: CalendarDate?
    /// "Board of Education", "Superintendent".
    public var decidedBy: String?
    public var rationale: String
    public var optionsConsidered: [String]
    public var chosenOption: String?
    public var evidence: [Evidence]
    public var promiseOutcomes: [PromiseOutcome]
    public var createdAt: Date
    public var updatedAt: Date

    public static func blank(id: String, at: Date) -> Decision {
        Decision(id: id, initiativeId: "", title: "", decidedOn: nil, decidedBy: nil, rationale: "", optionsConsidered: [], chosenOption: nil, evidence: [],
                 promiseOutcomes: [], createdAt: at, updatedAt: at)
    }
    public mutating func forget(stakeholderId: String) -> Bool {
        let count = evidence.count
        evidence.removeAll { $0.kind == .stakeholder && $0.id == stakeholderId }
        return evidence.count != count
    }
    public var label: String { title }
    public var searchText: String { ([title, decidedBy ?? "", rationale, chosenOption ?? ""] + optionsConsidered).joined(separator: " ") }
    public var links: [(field: String, link: WorkLink)] {
        [("initiativeId", WorkLink(.initiative, initiativeId))] + evidence.enumerated().map { ("evidence[\($0.offset)].id", WorkLink($0.element.kind, $0.element.id)) }
    }
    public mutating func tidy(now: Date) {
        initiativeId = Text.trimmed(initiativeId); title = Text.trimmed(title); decidedBy = Text.tidy(decidedBy); rationale = Text.trimmed(rationale)
        optionsConsidered = WorkCheck.tidyList(optionsConsidered); chosenOption = Text.tidy(chosenOption)
        for i in evidence.indices { evidence[i].note = Text.tidy(evidence[i].note) }
        var seen = Set<WorkLink>()
        evidence = evidence.filter { seen.insert(WorkLink($0.kind, $0.id)).inserted }
        for i in promiseOutcomes.indices { promiseOutcomes[i].outcome = Text.trimmed(promiseOutcomes[i].outcome) }
    }
    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        if initiativeId.isEmpty { e.append(FieldError("initiativeId", "is required: the initiative this decision belongs to")) }
        WorkCheck.required(title, "title", max: 300, into: &e)
        if decidedOn == nil { e.append(FieldError("decidedOn", "is required: the date of the decision, such as 2027-02-10")) }
        WorkCheck.required(rationale, "rationale", max: 20_000, into: &e)
        WorkCheck.optional(decidedBy, "decidedBy", max: 200, into: &e)
        WorkCheck.list(optionsConsidered, "optionsConsidered", maxItems: 50, maxLength: 1000, into: &e)
        if let c = chosenOption, !optionsConsidered.isEmpty, !optionsConsidered.contains(c) {
            e.append(FieldError("chosenOption", "must be one of optionsConsidered"))
        }
        if evidence.count > 500 { e.append(FieldError("evidence", "must have at most 500 entries")) }
        for (n, ev) in evidence.enumerated() {
            if ev.id.isEmpty { e.append(FieldError("evidence[\(n)].id", "is required")) }
            if !Self.evidenceKinds.contains(ev.kind) { e.append(FieldError("evidence[\(n)].kind", "must be one of: " + Self.evidenceKinds.map(\.rawValue).joined(separator: ", "))) }
            WorkCheck.optional(ev.note, "evidence[\(n)].note", max: 2000, into: &e)
        }
        for (n, p) in promiseOutcomes.enumerated() { WorkCheck.required(p.outcome, "promiseOutcomes[\(n)].outcome", max: 5000, into: &e) }
        return e
    }
}
