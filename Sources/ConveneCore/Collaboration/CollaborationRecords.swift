import Foundation

func allValues<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> [String] where E.RawValue == String { E.allCases.map(\.rawValue) }

/// A link to a document kept elsewhere.
public struct DocumentLink: Sendable, Equatable, Codable {
    public var title: String
    public var url: String
    public init(title: String, url: String) { self.title = title; self.url = url }
}

// MARK: Working groups

public enum MemberRole: String, Sendable, Codable, CaseIterable { case chair, cochair = "co-chair", member, staffLead = "staff-lead", advisor, observer }
public enum ActionStatus: String, Sendable, Codable, CaseIterable { case open, done, cancelled }
public enum GroupStatus: String, Sendable, Codable, CaseIterable { case active, paused, closed }

/// A working group's member: a stakeholder or a user of Convene, with a role.
public struct GroupMember: Sendable, Equatable, Codable {
    public var stakeholderId: String?
    public var userId: String?
    /// `member` when not given.
    public var role: MemberRole?
    public init(stakeholderId: String? = nil, userId: String? = nil, role: MemberRole = .member) { self.stakeholderId = stakeholderId; self.userId = userId; self.role = role }
}

public struct ActionItem: Sendable, Equatable, Codable {
    public var id: String?
    public var title: String
    /// The user who owns it.
    public var ownerId: String?
    /// Or the member outside the district who does.
    public var stakeholderId: String?
    public var dueOn: CalendarDate?
    public var status: ActionStatus?
    public var doneOn: CalendarDate?
    public init(id: String? = nil, title: String, ownerId: String? = nil, stakeholderId: String? = nil, dueOn: CalendarDate? = nil, status: ActionStatus = .open) {
        self.id = id; self.title = title; self.ownerId = ownerId; self.stakeholderId = stakeholderId; self.dueOn = dueOn; self.status = status
    }
}

/// People working together on a question over months: members with roles, meetings (events),
/// action items with owners and due dates, documents as links (F3).
public struct WorkingGroup: WorkRecord {
    public static let kind = WorkKind.workingGroup
    public static let writable: Set<String> = ["name", "purpose", "status", "issueIds", "members", "meetingIds", "actionItems", "documents"]
    public static let choices: [String: [String]] = ["status": allValues(GroupStatus.self), "members.role": allValues(MemberRole.self),
                                                     "actionItems.status": allValues(ActionStatus.self)]
    public var id: String
    public var name: String
    public var purpose: String?
    public var status: GroupStatus
    public var issueIds: [String]
    public var members: [GroupMember]
    public var meetingIds: [String]
    public var actionItems: [ActionItem]
    public var documents: [DocumentLink]
    public var createdAt: Date
    public var updatedAt: Date

    public static func blank(id: String, at: Date) -> WorkingGroup {
        WorkingGroup(id: id, name: "", purpose: nil, status: .active, issueIds: [], members: [], meetingIds: [], actionItems: [], documents: [], createdAt: at, updatedAt: at)
    }
    public mutating func forget(stakeholderId: String) -> Bool {
        let before = self
        members.removeAll { $0.stakeholderId == stakeholderId }
        for i in actionItems.indices where actionItems[i].stakeholderId == stakeholderId { actionItems[i].stakeholderId = nil }
        return self != before
    }
    public var label: String { name }
    public var searchText: String { ([name, purpose ?? ""] + actionItems.map(\.title) + documents.map(\.title)).joined(separator: " ") }
    public var links: [(field: String, link: WorkLink)] {
        WorkCheck.ids(issueIds, .issue, "issueIds") + WorkCheck.ids(meetingIds, .event, "meetingIds")
            + members.enumerated().flatMap { n, m in
                (m.stakeholderId.map { [("members[\(n)].stakeholderId", WorkLink(.stakeholder, $0))] } ?? [])
                    + (m.userId.map { [("members[\(n)].userId", WorkLink(.user, $0))] } ?? [])
            }
            + actionItems.enumerated().flatMap { n, a in
                (a.ownerId.map { [("actionItems[\(n)].ownerId", WorkLink(.user, $0))] } ?? [])
                    + (a.stakeholderId.map { [("actionItems[\(n)].stakeholderId", WorkLink(.stakeholder, $0))] } ?? [])
            }
    }
    public mutating func tidy(now: Date) {
        name = Text.trimmed(name); purpose = Text.tidy(purpose); issueIds = Text.dedupe(issueIds); meetingIds = Text.dedupe(meetingIds)
        for i in members.indices {
            members[i].stakeholderId = Text.tidy(members[i].stakeholderId); members[i].userId = Text.tidy(members[i].userId)
            if members[i].role == nil { members[i].role = .member }
        }
        for i in actionItems.indices {
            actionItems[i].title = Text.trimmed(actionItems[i].title)
            if actionItems[i].id == nil { actionItems[i].id = Identifier.make() }
            if actionItems[i].status == nil { actionItems[i].status = .open }
            if actionItems[i].status == .done && actionItems[i].doneOn == nil { actionItems[i].doneOn = CalendarDate(date: now) }
        }
        for i in documents.indices { documents[i].title = Text.trimmed(documents[i].title); documents[i].url = Text.trimmed(documents[i].url) }
    }
    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        WorkCheck.required(name, "name", max: 200, into: &e)
        WorkCheck.optional(purpose, "purpose", max: 5000, into: &e)
        if members.count > 500 { e.append(FieldError("members", "must have at most 500 entries")) }
        for (n, m) in members.enumerated() where (m.stakeholderId == nil) == (m.userId == nil) {
            e.append(FieldError("members[\(n)]", "must name either a stakeholderId or a userId"))
        }
        var seen = Set<String>()
        for (n, m) in members.enumerated() {
            let key = (m.stakeholderId ?? "") + "|" + (m.userId ?? "")
            if !seen.insert(key).inserted { e.append(FieldError("members[\(n)]", "is a member already")) }
        }
        if actionItems.count > 1000 { e.append(FieldError("actionItems", "must have at most 1000 entries")) }
        for (n, a) in actionItems.enumerated() { WorkCheck.required(a.title, "actionItems[\(n)].title", max: 500, into: &e) }
        for (n, d) in documents.enumerated() {
            WorkCheck.required(d.title, "documents[\(n)].title", max: 300, into: &e)
            WorkCheck.url(d.url, "documents[\(n)].url", into: &e)
        }
        return e
    }
}

// MARK: Partnerships

public enum PartnershipKind: String, Sendable, Codable, CaseIterable { case researchPractice = "research-practice", community, business, higherEducation = "higher-education", government, other }
public enum PartnershipStage: String, Sendable, Codable, CaseIterable { case exploring, agreement, active, sustaining, closed }
public enum AgreementKind: String, Sendable, Codable, CaseIterable { case dataSharing = "data-sharing", mou, contract, other }
public enum OutputKind: String, Sendable, Codable, CaseIterable { case study, report, brief, dataset, presentation, other }

public struct StageChange: Sendable, Equatable, Codable {
    public var stage: PartnershipStage
    public var since: CalendarDate
    public init(stage: PartnershipStage, since: CalendarDate) { self.stage = stage; self.since = since }
}

/// A data-sharing agreement, MOU or contract, with the date it lapses and how long before
/// that someone is reminded.
public struct Agreement: Sendable, Equatable, Codable {
    public var id: String?
    public var kind: AgreementKind
    public var title: String
    public var signedOn: CalendarDate?
    public var expiresOn: CalendarDate?
    /// Days before `expiresOn` when the reminder starts; 60 when not given.
    public var remindDaysBefore: Int?
    public var url: String?
    /// The expiry date the owner was last reminded of (a follow-up was made); kept by Convene,
    /// and a changed `expiresOn` (a renewal) brings a new reminder in its time.
    public var remindedFor: CalendarDate?
    public init(id: String? = nil, kind: AgreementKind, title: String, signedOn: CalendarDate? = nil, expiresOn: CalendarDate? = nil, remindDaysBefore: Int? = nil, url: String? = nil) {
        self.id = id; self.kind = kind; self.title = title; self.signedOn = signedOn; self.expiresOn = expiresOn; self.remindDaysBefore = remindDaysBefore; self.url = url
    }
}

public struct PartnershipOutput: Sendable, Equatable, Codable {
    public var kind: OutputKind
    public var title: String
    public var url: String?
    public var publishedOn: CalendarDate?
}

/// A research–practice, community or business partnership, through its stages (F3).
public struct Partnership: WorkRecord {
    public static let kind = WorkKind.partnership
    public static let writable: Set<String> = ["name", "kind", "summary", "stage", "stageSince", "partnerIds", "ownerId", "issueIds", "researchQuestions", "agreements", "outputs"]
    public static let choices: [String: [String]] = ["kind": allValues(PartnershipKind.self), "stage": allValues(PartnershipStage.self),
                                                     "agreements.kind": allValues(AgreementKind.self), "outputs.kind": allValues(OutputKind.self)]
    public var id: String
    public var name: String
    public var kind: PartnershipKind
    public var summary: String?
    public var stage: PartnershipStage
    /// When the current stage began (today when the stage changes without one).
    public var stageSince: CalendarDate?
    /// Every stage it has been in, oldest first; kept by Convene.
    public var stageHistory: [StageChange]
    public var partnerIds: [String]
    public var ownerId: String?
    public var issueIds: [String]
    public var researchQuestions: [String]
    public var agreements: [Agreement]
    public var outputs: [PartnershipOutput]
    public var createdAt: Date
    public var updatedAt: Date

    public static func blank(id: String, at: Date) -> Partnership {
        Partnership(id: id, name: "", kind: .researchPractice, summary: nil, stage: .exploring, stageSince: nil, stageHistory: [], partnerIds: [], ownerId: nil,
                    issueIds: [], researchQuestions: [], agreements: [], outputs: [], createdAt: at, updatedAt: at)
    }
    public mutating func forget(stakeholderId: String) -> Bool {
        let count = partnerIds.count
        partnerIds.removeAll { $0 == stakeholderId }
        return partnerIds.count != count
    }
    public var label: String { name }
    public var searchText: String { ([name, summary ?? ""] + researchQuestions + agreements.map(\.title) + outputs.map(\.title)).joined(separator: " ") }
    public var links: [(field: String, link: WorkLink)] {
        WorkCheck.ids(partnerIds, .stakeholder, "partnerIds") + WorkCheck.ids(issueIds, .issue, "issueIds") + (ownerId.map { [("ownerId", WorkLink(.user, $0))] } ?? [])
    }
    public mutating func tidy(now: Date) {
        name = Text.trimmed(name); summary = Text.tidy(summary); partnerIds = Text.dedupe(partnerIds); issueIds = Text.dedupe(issueIds)
        ownerId = Text.tidy(ownerId); researchQuestions = WorkCheck.tidyList(researchQuestions)
        for i in agreements.indices {
            agreements[i].title = Text.trimmed(agreements[i].title); agreements[i].url = Text.tidy(agreements[i].url)
            if agreements[i].id == nil { agreements[i].id = Identifier.make() }
        }
        for i in outputs.indices { outputs[i].title = Text.trimmed(outputs[i].title); outputs[i].url = Text.tidy(outputs[i].url) }
        if stageHistory.last?.stage != stage {
            // A stageSince left over from the stage before does not date the new one.
            let given = stageSince.flatMap { $0 == stageHistory.last?.since ? nil : $0 }
            stageHistory.append(StageChange(stage: stage, since: given ?? CalendarDate(date: now)))
        }
        else if let s = stageSince, let last = stageHistory.indices.last { stageHistory[last].since = s }
        stageSince = stageHistory.last?.since
    }
    public func problems() -> [FieldError] {
        var e: [FieldError] = []
        WorkCheck.required(name, "name", max: 200, into: &e)
        WorkCheck.optional(summary, "summary", max: 5000, into: &e)
        WorkCheck.list(researchQuestions, "researchQuestions", maxItems: 50, maxLength: 1000, into: &e)
        for (n, a) in agreements.enumerated() {
            WorkCheck.required(a.title, "agreements[\(n)].title", max: 300, into: &e)
            WorkCheck.order(a.signedOn, a.expiresOn, "agreements[\(n)].expiresOn", after: "signedOn", into: &e)
            if let r = a.remindDaysBefore, !(0...365).contains(r) { e.append(FieldError("agreements[\(n)].remindDaysBefore", "must be 0 to 365 days")) }
            WorkCheck.url(a.url, "agreements[\(n)].url", into: &e)
        }
        for (n, o) in outputs.enumerated() {
            WorkCheck.required(o.title, "outputs[\(n)].title", max: 300, into: &e)
            WorkCheck.url(o.url, "outputs[\(n)].url", into: &e)
        }
        for (a, b) in zip(stageHistory, stageHistory.dropFirst()) where b.since < a.since {
            e.append(FieldError("stageSince", "(\(b.since)) is before the \(a.stage.rawValue) stage began (\(a.since))"))
        }
        return e
    }
}
