import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// One event: when and where in its own time zone, the calendar links, and the invitees
/// with their answers and attendance; for staff the forms that change them.
struct EventPageView {
    var event: Event
    /// Invitees and the organizer, by id.
    var people: [String: Stakeholder]
    /// Static groups whose members can be invited at once (staff only).
    var groups: [StakeholderGroup]
    var user: User
    var csrf: String?
    var notice: String?
    var invite = StakeholderPick(name: "invitees", stakeholders: [])
    var inviteErrors: [FieldError] = []
    var inviteeErrors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    static let notices = [
        "created": "Event created.", "saved": "Changes saved.", "invited": "Invitations added.", "withdrawn": "Invitation withdrawn.",
        "invitees-saved": "Answers and attendance saved. Attendance is recorded as an interaction with each attendee.",
    ]

    var isStaff: Bool { user.role >= .staff }
    var zone: TimeZone { TimeZone(identifier: event.timeZone) ?? WebTime.defaultZone }

    func render() -> Response {
        let e = event
        let organizer: HTML? = e.organizerId.map { id in
            people[id].map { "<a href=\"/stakeholders/\($0.id)\">\($0.displayName)</a>" } ?? "<span class=\"muted\">No longer in the registry (\(id))</span>"
        }
        let online: HTML? = e.onlineURL.map { StakeholderValidation.isWebLink($0) ? "<a href=\"\($0)\" rel=\"noopener noreferrer nofollow\">\($0)</a>" : "\($0)" }
        let actions: HTML = isStaff ? "<a class=\"button\" href=\"/events/\(e.id)/edit\">Edit</a> " : .empty
        let body: HTML = """
            <p><a href="/events?month=\(MonthView.Month(containing: e.startsAt, zone: zone).text)">← Calendar</a></p>
            <h1\(e.isCancelled ? " class=\"cancelled\"" : "")>\(e.title)</h1>
            \(e.isCancelled ? "<p class=\"alert\">This event is cancelled.</p>" as HTML : .empty)
            \(Layout.notice(notice, Self.notices))
            <p>\(actions)<a class="button secondary" href="/api/v1/events/\(e.id)/calendar.ics">Add to calendar (.ics)</a></p>
            <dl class="details">
            \(StakeholderDetailView.row("Kind", StakeholderDetailView.text(e.kind.label)))
            \(StakeholderDetailView.row("When", WebTime.span(e.startsAt, e.endsAt, zone)))
            \(StakeholderDetailView.row("Time zone", StakeholderDetailView.text(e.timeZone)))
            \(StakeholderDetailView.row("Place", StakeholderDetailView.text(e.location)))
            \(StakeholderDetailView.row("Online", online))
            \(StakeholderDetailView.row("Organizer", organizer))
            \(StakeholderDetailView.row("Description", e.description.map(Layout.multiline)))
            \(StakeholderDetailView.row("Topics", StakeholderDetailView.tags(e.topics)))
            \(StakeholderDetailView.row("Internal notes", e.notes.map(Layout.multiline)))
            </dl>
            \(inviteeSection)
            \(isStaff ? inviteForm : .empty)
            <h2>Subscribe</h2>
            <p>Get every Convene event in your own calendar app. The address is made for you, shown once, and can be revoked.</p>
            <form method="post" action="/events/calendar-feed">\(Layout.csrfField(csrf))<button type="submit" class="secondary">Subscribe to all events</button></form>
            \(isStaff ? deleteForm : .empty)
            """
        return Layout.page(e.title, user: user, csrf: csrf, current: "/events", status: status, body)
    }

    var counts: String {
        let i = event.invitees
        let by = Dictionary(grouping: i, by: \.rsvp).mapValues(\.count)
        let came = i.filter { $0.attended == true }.count
        return "\(i.count) invited: \(by[.accepted] ?? 0) accepted, \(by[.tentative] ?? 0) tentative, \(by[.declined] ?? 0) declined, \(by[.invited] ?? 0) not answered; \(came) attended."
    }

    var inviteeSection: HTML {
        let e = event
        guard !e.invitees.isEmpty else { return "<h2 id=\"invitees\">Invitees</h2><p>No one invited yet.</p>" }
        let rsvps = RSVP.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }
        let rows: [HTML] = e.invitees.enumerated().map { n, inv in
            let name: HTML = people[inv.stakeholderId].map { "<a href=\"/stakeholders/\($0.id)\">\($0.displayName)</a>" } ?? "<span class=\"muted\">Unknown (\(inv.stakeholderId))</span>"
            let attended = inv.attended.map { $0 ? "Yes" : "No" } ?? "Not taken"
            guard isStaff else { return "<tr><td>\(name)</td><td>\(inv.rsvp.rawValue.capitalized)</td><td>\(attended)</td></tr>" }
            let options: [HTML] = rsvps.map { "<option value=\"\($0.0)\"\($0.0 == inv.rsvp.rawValue ? " selected" : "")>\($0.1)</option>" }
            let own = Layout.errors(for: "invitees[\(n)]", in: inviteeErrors)
            return """
                <tr\(own.isEmpty ? "" : " class=\"has-error\"")><td>\(name)<input type="hidden" name="invitees[\(n)].stakeholderId" value="\(inv.stakeholderId)">\(Layout.fieldErrors("invitees[\(n)]", own))</td>
                <td><label for="f-rsvp-\(n)" class="skip">RSVP of \(people[inv.stakeholderId]?.displayName ?? inv.stakeholderId)</label><select id="f-rsvp-\(n)" name="invitees[\(n)].rsvp">\(options)</select></td>
                <td><label for="f-attended-\(n)"><input type="checkbox" id="f-attended-\(n)" name="invitees[\(n)].attended" value="yes"\(inv.attended == true ? " checked" : "")> Attended</label> <span class="muted">(\(attended))</span></td></tr>
                """
        }
        let table: HTML = """
            <table class="responsive"><thead><tr><th scope="col">Invitee</th><th scope="col">RSVP</th><th scope="col">Attended</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        guard isStaff else { return "<h2 id=\"invitees\">Invitees</h2><p>\(counts)</p>\(table)" }
        let withdraw = e.invitees.map { ($0.stakeholderId, people[$0.stakeholderId]?.displayName ?? $0.stakeholderId) }
        return """
            <h2 id="invitees">Invitees</h2>
            <p>\(counts)</p>
            \(inviteeErrors.isEmpty ? .empty : Layout.alert("Nothing was saved: " + inviteeErrors.map(\.message).joined(separator: "; ")))
            <p class="hint">Ticking “Attended” and saving records the attendance as one interaction (kind Event) with every attendee: it shows on their
            timelines and counts toward their relationship health and coverage. Unticking someone takes them out of it.</p>
            <form method="post" action="/events/\(e.id)/invitees#invitees">
            \(Layout.csrfField(csrf))
            \(table)
            <button type="submit">Save answers and attendance</button>
            </form>
            <form method="post" action="/events/\(e.id)/invitees/remove#invitees">
            \(Layout.csrfField(csrf))
            \(Layout.select("stakeholderId", "Withdraw an invitation", options: withdraw, selected: "", errors: []))
            <button type="submit" class="secondary">Withdraw invitation</button>
            </form>
            """
    }

    var inviteForm: HTML {
        let groupOptions = [("", "No group")] + groups.map { ($0.id, $0.name) }
        return """
            <h2 id="invite">Invite stakeholders</h2>
            \(Layout.errorSummary(inviteErrors, level: 3, anchor: { _ in "f-inviteesAdd" }, label: { _ in "Invite" }))
            <form method="post" action="/events/\(event.id)/invite#invite" novalidate>
            \(Layout.csrfField(csrf))
            \(Layout.field("inviteesAdd", "Name or id", value: invite.typed, errors: inviteErrors, hint: "One stakeholder's name, or several ids separated by commas. If several match a name, you can choose."))
            \(StakeholderLookup.choices("inviteesChoice", invite.choices))
            \(groups.isEmpty ? .empty : Layout.select("groupId", "Or everyone in a group", options: groupOptions, selected: "", errors: inviteErrors))
            <button type="submit">Invite</button>
            </form>
            """
    }

    var deleteForm: HTML {
        """
        <h2>Delete this event</h2>
        <p>To keep it in calendars as cancelled, edit it and tick “Cancelled” instead. Attendance already recorded stays on the attendees' timelines.</p>
        <form method="post" action="/events/\(event.id)/delete">\(Layout.csrfField(csrf))<button type="submit" class="danger">Delete event</button></form>
        """
    }
}
