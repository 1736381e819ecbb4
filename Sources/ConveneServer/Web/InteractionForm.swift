import ConveneCore
import Foundation

/// The "log an interaction" form and the interaction edit form, as typed. Field names follow
/// the API's (`kind`, `subject`, `occurredAt`), so the domain's errors land beside them; the
/// follow-up made in the same submit is `followUp.title`, `followUp.dueOn`, `followUp.ownerId`.
struct InteractionFormValues: Sendable {
    var kind = InteractionKind.meeting.rawValue
    var date = "", time = "", timeZone = ""
    var direction = InteractionDirection.outbound.rawValue
    var subject = "", notes = "", topics = ""
    var followUpTitle = "", followUpDueOn = "", followUpOwnerId = ""
    /// Staff who took part (edit form only); `hasUsers` says the form carried the list.
    var userIds: [String] = []
    var hasUsers = false

    /// A blank form: now, in the default zone, with me as the follow-up's owner.
    init(now: Date = Date(), ownerId: String) {
        let zone = WebTime.defaultZone
        date = WebTime.dateText(now, zone); time = WebTime.timeText(now, zone); timeZone = zone.identifier
        followUpOwnerId = ownerId
    }

    init(_ i: Interaction) {
        let zone = WebTime.defaultZone
        kind = i.kind.rawValue; direction = i.direction.rawValue; subject = i.subject; notes = i.notes ?? ""
        topics = ListText.join(i.topics)
        date = WebTime.dateText(i.occurredAt, zone); time = WebTime.timeText(i.occurredAt, zone); timeZone = zone.identifier
        userIds = i.userIds
        hasUsers = true
    }

    init(form: FormData) {
        kind = form.first("kind") ?? ""
        date = form.first("occurredAt.date") ?? ""; time = form.first("occurredAt.time") ?? ""; timeZone = form.first("occurredAt.timeZone") ?? ""
        direction = form.first("direction") ?? ""
        subject = form.first("subject") ?? ""
        notes = (form.first("notes") ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        topics = form.first("topics") ?? ""
        followUpTitle = form.first("followUp.title") ?? ""; followUpDueOn = form.first("followUp.dueOn") ?? ""
        followUpOwnerId = form.first("followUp.ownerId") ?? ""
        hasUsers = form.has("userIds")
        userIds = form.all("userIds").filter { !$0.isEmpty }
    }

    /// The same patch the API reads, and the errors the form itself can see.
    func patch() -> (InteractionPatch, [FieldError]) {
        var p = InteractionPatch()
        var errors: [FieldError] = []
        if let k = InteractionKind(rawValue: kind) { p.kind = k } else { errors.append(FieldError("kind", "choose what kind of contact it was")) }
        if let zone = TimeZone(identifier: timeZone.trimmedText), !timeZone.trimmedText.isEmpty {
            switch WebTime.instant(date: date, time: time, zone: zone) {
            case .success(let at): p.occurredAt = at
            case .failure(let problem): errors.append(FieldError("occurredAt", problem.message))
            }
        } else {
            errors.append(FieldError("occurredAt", "\"\(timeZone.prefix(60))\" is not a known time zone"))
        }
        if let d = InteractionDirection(rawValue: direction) { p.direction = d } else { errors.append(FieldError("direction", "say who reached out")) }
        p.subject = subject
        p.notes = .some(notes.trimmedText.isEmpty ? nil : notes)
        p.topics = ListText.split(topics)
        if hasUsers { p.userIds = userIds }
        return (p, errors)
    }

    var wantsFollowUp: Bool { !followUpTitle.trimmedText.isEmpty || !followUpDueOn.trimmedText.isEmpty }

    /// The follow-up to make with the interaction, checked before anything is saved so that a
    /// mistake in it leaves nothing half done.
    func followUpPatch(users: [User]) -> (FollowUpPatch, [FieldError]) {
        var p = FollowUpPatch()
        var errors: [FieldError] = []
        let title = followUpTitle.trimmedText
        if title.isEmpty { errors.append(FieldError("followUp.title", "say what is to be done, or clear the due date")) }
        if title.count > 300 { errors.append(FieldError("followUp.title", "must be at most 300 characters")) }
        p.title = title
        if followUpDueOn.trimmedText.isEmpty {
            errors.append(FieldError("followUp.dueOn", "enter the date it is due"))
        } else if let d = CalendarDate(followUpDueOn.trimmedText) {
            p.dueOn = d
        } else {
            errors.append(FieldError("followUp.dueOn", "\"\(followUpDueOn.prefix(40))\" is not a date; use YYYY-MM-DD"))
        }
        if users.contains(where: { $0.id == followUpOwnerId }) { p.ownerId = followUpOwnerId } else { errors.append(FieldError("followUp.ownerId", "choose who will do it")) }
        return (p, errors)
    }

    /// A follow-up error from the domain, named as this form names the field.
    static func followUpField(_ e: FieldError) -> FieldError {
        let known = ["title", "dueOn", "ownerId"]
        return FieldError("followUp." + (known.contains(e.field) ? e.field : "title"), e.message)
    }
}

/// The fields of the interaction forms.
enum InteractionFormView {
    static let labels = [
        "kind": "Kind", "occurredAt": "When", "direction": "Who reached out", "subject": "Subject", "notes": "Notes", "topics": "Topics",
        "stakeholderIds": "Stakeholders", "stakeholderIdsAdd": "Add a stakeholder", "userIds": "Staff who took part",
        "followUp.title": "Follow-up", "followUp.dueOn": "Follow-up due", "followUp.ownerId": "Follow-up owner", "eventId": "Event",
    ]

    static func anchor(_ field: String) -> String {
        if field.hasPrefix("occurredAt") { return "f-occurredAt" }
        return "f-" + (field.split(separator: "[").first.map(String.init) ?? field)
    }

    static func label(_ field: String) -> String { labels[field] ?? labels[String(field.split(separator: "[").first ?? "")] ?? field }

    /// Kind, when, direction, subject, notes and topics.
    static func fields(_ v: InteractionFormValues, errors e: [FieldError]) -> HTML {
        let kinds = InteractionKind.allCases.map { ($0.rawValue, $0.label) }
        let directions = InteractionDirection.allCases.map { ($0.rawValue, $0.label) }
        let zones: [HTML] = WebTime.zoneOptions(including: v.timeZone).map { o in
            "<option value=\"\(o.value)\"\(o.value == v.timeZone ? " selected" : "")>\(o.label)</option>"
        }
        let zone: HTML = "<label for=\"f-occurredAt.timeZone\">Time zone</label> <select id=\"f-occurredAt.timeZone\" name=\"occurredAt.timeZone\">\(zones)</select>"
        return """
            \(Layout.select("kind", "Kind", options: kinds, selected: v.kind, errors: e))
            \(Layout.dateTime("occurredAt", legend: "When", date: v.date, time: v.time, errors: e, extra: zone))
            \(Layout.radios("direction", legend: "Who reached out", options: directions, selected: v.direction, errors: e))
            \(Layout.field("subject", "Subject", value: v.subject, errors: e, hint: "A few words on what it was about.", required: true))
            \(Layout.textarea("notes", "Notes (optional)", value: v.notes, errors: e))
            \(Layout.field("topics", "Topics (optional)", value: v.topics, errors: e, hint: "Separated by commas, such as: school funding, bus routes"))
            """
    }

    /// The optional follow-up made in the same submit.
    static func followUpFields(_ v: InteractionFormValues, errors e: [FieldError], users: [User], me: User) -> HTML {
        """
        <fieldset><legend>Follow-up (optional)</legend>
        <p class="hint">Fill in a title and a due date to add a follow-up for this contact.</p>
        \(Layout.field("followUp.title", "What is to be done", value: v.followUpTitle, errors: e))
        \(Layout.field("followUp.dueOn", "Due", value: v.followUpDueOn, errors: e, type: "date", hint: "YYYY-MM-DD"))
        \(Layout.select("followUp.ownerId", "Who will do it", options: Layout.userOptions(users, me: me, current: v.followUpOwnerId), selected: v.followUpOwnerId, errors: e))
        </fieldset>
        """
    }
}
