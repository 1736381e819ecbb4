import ConveneCore
import Foundation

/// How a field of a working group, partnership, position, bill, campaign, resource,
/// initiative or decision is typed into a web form.
enum WebFieldKind: Sendable {
    case text, longText, date, number, flag
    case choice([String])
    /// A list of short texts, one per line.
    case lines
    /// A stakeholder by name or id; or several, one per line.
    case stakeholder, stakeholders
    /// A user by email or id.
    case user
    /// One record (or several) chosen from a list of that kind.
    case pick(LinkKind, multiple: Bool)
}

struct WebField: Sendable {
    var name: String
    var label: String
    var kind: WebFieldKind
    var hint: String? = nil
}

/// A list inside a record (members, action items, asks…): shown as a table, added to one
/// entry at a time, removed by row, and with `quick` fields changeable on each row.
struct WebList: Sendable {
    var name: String
    var label: String
    var fields: [WebField]
    var quick: [String] = []
}

/// The web pages of one kind of record.
struct WorkSpec: Sendable {
    var kind: WorkKind
    var title: String
    var intro: String
    var fields: [WebField]
    var lists: [WebList] = []
    /// Fields shown as list columns.
    var columns: [String]

    var path: String { "/" + kind.collection }

    static func of(_ kind: WorkKind) -> WorkSpec { all.first { $0.kind == kind } ?? all[0] }

    static func choices<E: CaseIterable & RawRepresentable>(_ t: E.Type) -> WebFieldKind where E.RawValue == String { .choice(E.allCases.map(\.rawValue)) }

    static let issues = WebField(name: "issueIds", label: "Radar issues", kind: .pick(.issue, multiple: true))

    static let all: [WorkSpec] = [
        WorkSpec(kind: .workingGroup, title: "Working groups", intro: "People working together over months: members with roles, meetings, action items and documents.",
                 fields: [WebField(name: "name", label: "Name", kind: .text), WebField(name: "purpose", label: "Purpose", kind: .longText),
                          WebField(name: "status", label: "Status", kind: choices(GroupStatus.self)), issues,
                          WebField(name: "meetingIds", label: "Meetings (events)", kind: .pick(.event, multiple: true))],
                 lists: [WebList(name: "members", label: "Members", fields: [WebField(name: "stakeholderId", label: "Stakeholder (name or id)", kind: .stakeholder),
                                                                            WebField(name: "userId", label: "Or a Convene user (email)", kind: .user),
                                                                            WebField(name: "role", label: "Role", kind: choices(MemberRole.self))], quick: ["role"]),
                         WebList(name: "actionItems", label: "Action items", fields: [WebField(name: "title", label: "Action", kind: .text),
                                                                                      WebField(name: "ownerId", label: "Owner (user email)", kind: .user),
                                                                                      WebField(name: "stakeholderId", label: "Or a member outside the district", kind: .stakeholder),
                                                                                      WebField(name: "dueOn", label: "Due", kind: .date),
                                                                                      WebField(name: "status", label: "Status", kind: choices(ActionStatus.self))], quick: ["status"]),
                         WebList(name: "documents", label: "Documents", fields: [WebField(name: "title", label: "Title", kind: .text), WebField(name: "url", label: "Address (https://…)", kind: .text)])],
                 columns: ["name", "status"]),
        WorkSpec(kind: .partnership, title: "Partnerships", intro: "Research–practice, community and business partnerships through their stages, with agreements that lapse and what they produce.",
                 fields: [WebField(name: "name", label: "Name", kind: .text), WebField(name: "kind", label: "Kind", kind: choices(PartnershipKind.self)),
                          WebField(name: "summary", label: "Summary", kind: .longText), WebField(name: "stage", label: "Stage", kind: choices(PartnershipStage.self)),
                          WebField(name: "stageSince", label: "In this stage since", kind: .date, hint: "Leave empty for today when the stage changes"),
                          WebField(name: "partnerIds", label: "Partners (names or ids, one per line)", kind: .stakeholders),
                          WebField(name: "ownerId", label: "Owner (user email)", kind: .user), issues,
                          WebField(name: "researchQuestions", label: "Research questions (one per line)", kind: .lines)],
                 lists: [WebList(name: "agreements", label: "Agreements", fields: [WebField(name: "kind", label: "Kind", kind: choices(AgreementKind.self)),
                                                                                   WebField(name: "title", label: "Title", kind: .text), WebField(name: "signedOn", label: "Signed", kind: .date),
                                                                                   WebField(name: "expiresOn", label: "Expires", kind: .date),
                                                                                   WebField(name: "remindDaysBefore", label: "Remind days before (default 60)", kind: .number),
                                                                                   WebField(name: "url", label: "Address", kind: .text)]),
                         WebList(name: "outputs", label: "Outputs", fields: [WebField(name: "kind", label: "Kind", kind: choices(OutputKind.self)), WebField(name: "title", label: "Title", kind: .text),
                                                                             WebField(name: "url", label: "Address", kind: .text), WebField(name: "publishedOn", label: "Published", kind: .date)])],
                 columns: ["name", "kind", "stage"]),
        WorkSpec(kind: .position, title: "Policy positions", intro: "The district's stance on a policy or bill, with its reasons and the date it was taken.",
                 fields: [WebField(name: "title", label: "Title", kind: .text), WebField(name: "stance", label: "Stance", kind: choices(Stance.self)),
                          WebField(name: "billId", label: "Bill or regulation", kind: .pick(.bill, multiple: false)),
                          WebField(name: "policy", label: "Policy (when it is not a tracked bill)", kind: .longText),
                          WebField(name: "rationale", label: "Rationale", kind: .longText), WebField(name: "adoptedOn", label: "Adopted", kind: .date), issues],
                 columns: ["title", "stance", "adoptedOn"]),
        WorkSpec(kind: .bill, title: "Bills and regulations", intro: "Bills and regulations followed by number and jurisdiction, with status and next action.",
                 fields: [WebField(name: "number", label: "Number", kind: .text, hint: "HB 1234, SB 5, 34 CFR Part 300"),
                          WebField(name: "jurisdiction", label: "Jurisdiction", kind: .text), WebField(name: "title", label: "Title", kind: .text),
                          WebField(name: "kind", label: "Kind", kind: choices(BillKind.self)), WebField(name: "status", label: "Status", kind: choices(BillStatus.self)),
                          WebField(name: "summary", label: "Summary", kind: .longText), WebField(name: "nextAction", label: "Next action", kind: .text),
                          WebField(name: "nextActionOn", label: "Next action on", kind: .date), WebField(name: "url", label: "Address", kind: .text), issues],
                 columns: ["number", "jurisdiction", "title", "status", "nextActionOn"]),
        WorkSpec(kind: .campaign, title: "Campaigns", intro: "Advocacy with coalition partners: asks of named policymakers and what came of each.",
                 fields: [WebField(name: "title", label: "Title", kind: .text), WebField(name: "goal", label: "Goal", kind: .longText),
                          WebField(name: "status", label: "Status", kind: choices(CampaignStatus.self)),
                          WebField(name: "billId", label: "Bill or regulation", kind: .pick(.bill, multiple: false)),
                          WebField(name: "positionId", label: "Position", kind: .pick(.position, multiple: false)),
                          WebField(name: "startsOn", label: "Starts", kind: .date), WebField(name: "endsOn", label: "Ends", kind: .date),
                          WebField(name: "coalitionIds", label: "Coalition partners (names or ids, one per line)", kind: .stakeholders), issues],
                 lists: [WebList(name: "asks", label: "Asks", fields: [WebField(name: "stakeholderId", label: "Policymaker (name or id)", kind: .stakeholder),
                                                                       WebField(name: "ask", label: "The ask", kind: .text), WebField(name: "askedOn", label: "Asked on", kind: .date),
                                                                       WebField(name: "outcome", label: "Outcome", kind: choices(AskOutcome.self)),
                                                                       WebField(name: "outcomeNote", label: "What came of it", kind: .text)], quick: ["outcome", "outcomeNote"])],
                 columns: ["title", "status", "endsOn"]),
        WorkSpec(kind: .resource, title: "Resource library", intro: "Guides, templates, toolkits, case studies and research, as titled links.",
                 fields: [WebField(name: "title", label: "Title", kind: .text), WebField(name: "url", label: "Address (https://…)", kind: .text),
                          WebField(name: "type", label: "Type", kind: choices(ResourceType.self)), WebField(name: "organization", label: "Source organization", kind: .text),
                          WebField(name: "publishedOn", label: "Published", kind: .date), issues, WebField(name: "notes", label: "Notes", kind: .longText)],
                 columns: ["title", "type", "organization"]),
        WorkSpec(kind: .initiative, title: "Initiatives", intro: "Work the community is asked about, with an engagement plan, its progress, decisions, and a public page.",
                 fields: [WebField(name: "title", label: "Title", kind: .text), WebField(name: "titleEs", label: "Title in Spanish", kind: .text),
                          WebField(name: "slug", label: "Public address /i/…", kind: .text, hint: "Lower-case letters, digits and hyphens; made from the title when empty"),
                          WebField(name: "summary", label: "Summary: what is being decided and what the community is asked", kind: .longText),
                          WebField(name: "summaryEs", label: "Summary in Spanish", kind: .longText),
                          WebField(name: "startsOn", label: "Starts", kind: .date), WebField(name: "endsOn", label: "Ends", kind: .date),
                          WebField(name: "ownerId", label: "Owner (user email)", kind: .user), issues,
                          WebField(name: "isPublished", label: "Published (the public page at /i/… is open)", kind: .flag)],
                 lists: [WebList(name: "plan", label: "Engagement plan", fields: [WebField(name: "stakeholderType", label: "Stakeholder type", kind: .choice([""] + StakeholderType.builtIn)),
                                                                                 WebField(name: "groupId", label: "Or a group", kind: .pick(.group, multiple: false)),
                                                                                 WebField(name: "level", label: "IAP2 level promised", kind: choices(IAP2Level.self)),
                                                                                 WebField(name: "target", label: "People to hear from", kind: .number),
                                                                                 WebField(name: "publicLabel", label: "How the public page names a group", kind: .text,
                                                                                          hint: "Group names stay inside Convene; without this the public page says “a group of stakeholders”"),
                                                                                 WebField(name: "note", label: "Note", kind: .text)], quick: ["target"]),
                         WebList(name: "activities", label: "Activities", fields: [WebField(name: "kind", label: "Kind", kind: choices(ActivityKind.self)),
                                                                                  WebField(name: "title", label: "Title", kind: .text), WebField(name: "plannedOn", label: "Planned for", kind: .date),
                                                                                  WebField(name: "consultationId", label: "Consultation", kind: .pick(.consultation, multiple: false)),
                                                                                  WebField(name: "eventId", label: "Or an event", kind: .pick(.event, multiple: false))],
                                 quick: ["consultationId", "eventId"])],
                 columns: ["title", "startsOn", "isPublished"]),
        WorkSpec(kind: .decision, title: "Decision log", intro: "Decisions with the options weighed, the rationale, who decided, the evidence, and what each promise came to.",
                 fields: [WebField(name: "initiativeId", label: "Initiative", kind: .pick(.initiative, multiple: false)), WebField(name: "title", label: "Decision", kind: .text),
                          WebField(name: "decidedOn", label: "Decided on", kind: .date), WebField(name: "decidedBy", label: "Decided by", kind: .text, hint: "Shown on the public page: Board of Education, Superintendent…"),
                          WebField(name: "optionsConsidered", label: "Options weighed (one per line)", kind: .lines),
                          WebField(name: "chosenOption", label: "Option chosen (as written above)", kind: .text),
                          WebField(name: "rationale", label: "Rationale", kind: .longText)],
                 lists: [WebList(name: "evidence", label: "Evidence", fields: [WebField(name: "kind", label: "Kind", kind: .choice(Decision.evidenceKinds.map(\.rawValue))),
                                                                              WebField(name: "id", label: "Id (or a stakeholder's name)", kind: .text),
                                                                              WebField(name: "note", label: "Note", kind: .text)])],
                 columns: ["title", "decidedOn", "decidedBy"]),
    ]
}

/// Turns a web form into the JSON fields the domain takes, resolving names to ids.
struct WorkFormReader {
    let services: Services

    /// The fields present on the form (an absent field is left as it is).
    func values(_ form: FormData, fields: [WebField], prefix: String = "") async throws -> (json: [String: JSONValue], errors: [FieldError]) {
        var json: [String: JSONValue] = [:], errors: [FieldError] = []
        let lookup = StakeholderLookup(registry: services.registry)
        for f in fields {
            let key = prefix + f.name
            guard form.has(key) else { continue }
            let text = (form.first(key) ?? "").trimmedText
            switch f.kind {
            case .text, .longText, .date, .choice:
                json[f.name] = text.isEmpty ? .null : .string(text)
            case .number:
                if text.isEmpty { json[f.name] = .null } else if let n = Int(text) { json[f.name] = .number(Double(n)) } else { errors.append(FieldError(f.name, "must be a whole number")) }
            case .flag:
                json[f.name] = .bool(form.all(key).contains("true"))
            case .lines:
                json[f.name] = .array(text.split(whereSeparator: \.isNewline).map { String($0).trimmedText }.filter { !$0.isEmpty }.map(JSONValue.string))
            case .stakeholder:
                if text.isEmpty { json[f.name] = .null; continue }
                switch try await lookup.find(text) {
                case .found(let s): json[f.name] = .string(s.id)
                case .none: errors.append(FieldError(f.name, "no stakeholder matches \"\(text.prefix(60))\""))
                case .several(let list): errors.append(FieldError(f.name, "\"\(text.prefix(60))\" matches \(list.count) stakeholders; type more of the name, or the id"))
                }
            case .stakeholders:
                var ids: [JSONValue] = []
                for line in text.split(whereSeparator: \.isNewline).map({ String($0).trimmedText }).filter({ !$0.isEmpty }) {
                    switch try await lookup.find(line) {
                    case .found(let s): ids.append(.string(s.id))
                    case .none: errors.append(FieldError(f.name, "no stakeholder matches \"\(line.prefix(60))\""))
                    case .several(let list): errors.append(FieldError(f.name, "\"\(line.prefix(60))\" matches \(list.count) stakeholders; type more of the name, or the id"))
                    }
                }
                json[f.name] = .array(ids)
            case .user:
                if text.isEmpty { json[f.name] = .null; continue }
                if let u = try await text.contains("@") ? services.store.user(email: text.lowercased()) : (Identifier.isPlausible(text) ? services.store.user(id: text) : nil) {
                    json[f.name] = .string(u.id)
                } else {
                    errors.append(FieldError(f.name, "no user has the email or id \"\(text.prefix(60))\""))
                }
            case .pick(_, let multiple):
                if multiple {
                    json[f.name] = .array(form.all(key).map(\.trimmedText).filter { !$0.isEmpty }.map(JSONValue.string))
                } else {
                    json[f.name] = text.isEmpty ? .null : .string(text)
                }
            }
        }
        return (json, errors)
    }

    /// The choices of a pick field: (id, label).
    func options(_ kind: LinkKind) async throws -> [(value: String, label: String)] {
        let c = services.collaboration
        switch kind {
        case .issue: return try await services.store.radarIssues().map { ($0.id, $0.name) }
        case .group: return try await services.store.groups().map { ($0.id, $0.name) }
        case .consultation: return try await services.store.consultations().map { ($0.id, $0.title) }
        case .event:
            let now = Date()
            return try await services.store.events(EventQuery(from: now.addingTimeInterval(-400 * 86_400), to: now.addingTimeInterval(400 * 86_400), limit: 500))
                .map { ($0.id, "\(CalendarDate(date: $0.startsAt, timeZone: TimeZone(identifier: $0.timeZone))) — \($0.title)") }
        case .bill: return try await c.records(Bill.self).map { ($0.id, $0.label) }
        case .position: return try await c.records(PolicyPosition.self).map { ($0.id, $0.label) }
        case .initiative: return try await c.records(Initiative.self).map { ($0.id, $0.label) }
        default: return []
        }
    }
}
