import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// Follow-ups as every page lists them: title, due date, owner, stakeholders, and for staff
/// a Done or Reopen button that comes back to `back`.
struct FollowUpRows {
    var userNames: [String: String]
    /// Stakeholder names by id.
    var names: [String: String]
    var csrf: String?
    var canChange: Bool
    var back: String
    var today = CalendarDate(date: Date())

    func list(_ items: [FollowUp], hide: String? = nil) -> HTML {
        "<ul class=\"plain\">\(items.map { item($0, hide: hide) })</ul>"
    }

    func item(_ f: FollowUp, hide: String? = nil) -> HTML {
        let who: [HTML] = f.stakeholderIds.filter { $0 != hide }.map { "<a href=\"/stakeholders/\($0)\">\(names[$0] ?? "Unknown stakeholder")</a>" }
        let due: HTML = f.isOverdue(today: today)
            ? "<span class=\"overdue\">due \(f.dueOn.description), overdue</span>"
            : "due \(f.dueOn.description)"
        let status: HTML = f.status == .open ? .empty : " · <span class=\"tag\">\(f.status.rawValue)</span>"
        return """
            <li><a href="/follow-ups/\(f.id)">\(f.title)</a> — \(due) · \(userNames[f.ownerId] ?? "unknown user")\(status)\(who.isEmpty ? .empty : " · with " + HTML(raw: who.map(\.text).joined(separator: ", ")))
            \(canChange ? button(f) : .empty)</li>
            """
    }

    func button(_ f: FollowUp) -> HTML {
        let (action, label) = f.status == .open ? ("done", "Done") : ("reopen", "Reopen")
        return """
            <form method="post" action="/follow-ups/\(f.id)/\(action)" class="inline">\(Layout.csrfField(csrf))\(Layout.backField(back))<button type="submit" class="secondary">\(label)<span class="skip"> \(f.title)</span></button></form>
            """
    }
}

/// The follow-up form as typed.
struct FollowUpFormValues: Sendable {
    var title = "", ownerId = "", dueOn = "", status = FollowUpStatus.open.rawValue, notes = ""
    var pick: StakeholderPick

    init(ownerId: String, stakeholders: [Stakeholder]) {
        self.ownerId = ownerId
        pick = StakeholderPick(name: "stakeholderIds", stakeholders: stakeholders)
    }

    init(_ f: FollowUp, stakeholders: [Stakeholder]) {
        title = f.title; ownerId = f.ownerId; dueOn = f.dueOn.description; status = f.status.rawValue; notes = f.notes ?? ""
        pick = StakeholderPick(name: "stakeholderIds", stakeholders: stakeholders)
        // Keep ids whose stakeholder is gone, so saving does not silently drop them.
        pick.ids = f.stakeholderIds
    }

    init(form: FormData) {
        title = form.first("title") ?? ""; ownerId = form.first("ownerId") ?? ""; dueOn = form.first("dueOn") ?? ""
        status = form.first("status") ?? ""; notes = (form.first("notes") ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        pick = StakeholderPick(name: "stakeholderIds", form: form)
    }

    /// The same patch the API reads, and the errors the form itself can see.
    func patch() -> (FollowUpPatch, [FieldError]) {
        var p = FollowUpPatch()
        var errors = pick.errors
        p.title = title
        p.ownerId = ownerId
        if let d = CalendarDate(dueOn.trimmedText) { p.dueOn = d } else {
            errors.append(FieldError("dueOn", dueOn.trimmedText.isEmpty ? "enter the date it is due" : "\"\(dueOn.prefix(40))\" is not a date; use YYYY-MM-DD"))
        }
        if let s = FollowUpStatus(rawValue: status) { p.status = s } else { errors.append(FieldError("status", "choose open, done or cancelled")) }
        p.stakeholderIds = pick.ids
        p.notes = .some(notes.trimmedText.isEmpty ? nil : notes)
        return (p, errors)
    }
}

/// A follow-up's page: its form for staff, its details for viewers.
struct FollowUpFormView {
    enum Mode { case create, edit(FollowUp) }

    var mode: Mode
    var values: FollowUpFormValues
    var users: [User]
    var user: User
    var csrf: String?
    var notice: String?
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    static let labels = ["title": "Title", "ownerId": "Owner", "dueOn": "Due", "status": "Status", "notes": "Notes",
                         "stakeholderIds": "Stakeholders", "stakeholderIdsAdd": "Add a stakeholder", "interactionId": "Interaction"]
    static let notices = ["created": "Follow-up created.", "saved": "Changes saved.", "done": "Marked done.", "reopened": "Reopened."]

    func render() -> Response {
        let title: String, action: String, button: String
        var extra: HTML = .empty
        switch mode {
        case .create: (title, action, button) = ("New follow-up", "/follow-ups/new", "Create follow-up")
        case .edit(let f):
            (title, action, button) = (f.title, "/follow-ups/\(f.id)", "Save changes")
            extra = """
                \(f.interactionId.map { "<p>Made from <a href=\"/interactions/\($0)\">an interaction</a>.</p>" as HTML } ?? .empty)
                \(f.completedAt.map { "<p class=\"muted\">Closed \(Layout.when($0)).</p>" as HTML } ?? .empty)
                """
        }
        let statuses = FollowUpStatus.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }
        let form: HTML = user.role >= .staff ? """
            \(Layout.errorSummary(errors, level: 2, anchor: { "f-" + ($0.split(separator: "[").first.map(String.init) ?? $0) }, label: { Self.labels[String($0.split(separator: "[").first ?? "")] ?? $0 }))
            <form method="post" action="\(action)" novalidate>
            \(Layout.csrfField(csrf))
            \(Layout.field("title", "What is to be done", value: values.title, errors: errors, required: true))
            \(Layout.select("ownerId", "Owner", options: Layout.userOptions(users, me: user, current: values.ownerId), selected: values.ownerId, errors: errors))
            \(Layout.field("dueOn", "Due", value: values.dueOn, errors: errors, type: "date", hint: "YYYY-MM-DD", required: true))
            \(Layout.select("status", "Status", options: statuses, selected: values.status, errors: errors))
            \(values.pick.render(legend: "Stakeholders it concerns", addLabel: "Add a stakeholder (optional)", errors: errors))
            \(Layout.textarea("notes", "Notes (optional)", value: values.notes, errors: errors))
            <button type="submit">\(button)</button>
            </form>
            """ : readOnly
        var delete: HTML = .empty
        if case .edit(let f) = mode, user.role >= .staff {
            delete = """
                <h2>Delete this follow-up</h2>
                <form method="post" action="/follow-ups/\(f.id)/delete">\(Layout.csrfField(csrf))<button type="submit" class="danger">Delete follow-up</button></form>
                """
        }
        let body: HTML = """
            <p><a href="/follow-ups">← Follow-ups</a></p>
            <h1>\(title)</h1>
            \(Layout.notice(notice, Self.notices))
            \(extra)
            \(form)
            \(delete)
            """
        return Layout.page(title, user: user, csrf: csrf, current: "/follow-ups", status: status, body)
    }

    var readOnly: HTML {
        let owner = users.first { $0.id == values.ownerId }?.displayName ?? "unknown user"
        let who: [HTML] = values.pick.ids.map { "<a href=\"/stakeholders/\($0)\">\(values.pick.names[$0] ?? "Unknown stakeholder")</a>" }
        return """
            <dl class="details">
            \(StakeholderDetailView.row("Owner", StakeholderDetailView.text(owner)))
            \(StakeholderDetailView.row("Due", StakeholderDetailView.text(values.dueOn)))
            \(StakeholderDetailView.row("Status", StakeholderDetailView.text(values.status.capitalized)))
            \(StakeholderDetailView.row("Stakeholders", who.isEmpty ? nil : HTML(raw: who.map(\.text).joined(separator: ", "))))
            \(StakeholderDetailView.row("Notes", values.notes.isEmpty ? nil : Layout.multiline(values.notes)))
            </dl>
            """
    }
}
