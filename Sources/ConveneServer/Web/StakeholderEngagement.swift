import ConveneAnalysis
import ConveneCore
import Foundation

/// What a stakeholder's page shows of the relationship over time (F2): health, a page of
/// the timeline, follow-ups, upcoming events, contacts per month, and the log form.
struct StakeholderEngagement: Sendable {
    static let pageSize = 20

    var health: RelationshipHealth
    /// One page of the timeline, newest first.
    var timeline: [Interaction]
    var timelineTotal: Int
    var offset: Int
    /// Every follow-up concerning the stakeholder (open ones, and those of the timeline).
    var followUps: [FollowUp]
    var events: [Event]
    var months: [MonthCount]
    var monthsFrom: CalendarDate
    /// Names of the other stakeholders the timeline, follow-ups and events mention.
    var names: [String: String]
    var users: [User]
    var form: InteractionFormValues
    var formErrors: [FieldError] = []

    var userNames: [String: String] { Dictionary(users.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a }) }
}

extension WebController {
    func stakeholderEngagement(_ s: Stakeholder, user: User, offset: Int) async throws -> StakeholderEngagement {
        let engagement = services.engagement, store = services.store
        let now = Date()
        let monthsFrom = MonthSeries.start(endingWith: now, months: 12)
        async let health = engagement.health(of: s.id, now: now)
        async let timeline = engagement.interactions(InteractionQuery(stakeholderId: s.id, limit: StakeholderEngagement.pageSize, offset: offset))
        async let total = store.countInteractions(InteractionQuery(stakeholderId: s.id, limit: 0))
        async let followUps = engagement.followUps(FollowUpQuery(stakeholderId: s.id, limit: 500))
        async let events = engagement.events(EventQuery(from: now, stakeholderId: s.id, limit: 10))
        async let months = store.interactionMonths(stakeholderId: s.id, from: monthsFrom.startInstant)
        async let users = store.users()
        let (page, follow) = try await (timeline, followUps)
        let mentioned = Set(page.flatMap(\.stakeholderIds) + follow.flatMap(\.stakeholderIds)).subtracting([s.id])
        var names: [String: String] = [:]
        for other in try await store.stakeholders(ids: Array(mentioned)) { names[other.id] = other.displayName }
        return StakeholderEngagement(health: try await health, timeline: page, timelineTotal: try await total, offset: offset, followUps: follow,
                                     events: try await events, months: try await months, monthsFrom: monthsFrom, names: names,
                                     users: try await users, form: InteractionFormValues(ownerId: user.id))
    }
}

extension StakeholderDetailView {
    var healthSection: HTML {
        guard let h = engagement?.health else { return .empty }
        func one(_ x: Double) -> String { String(format: "%.1f", x) }
        return """
            <h2 id="health">Relationship health</h2>
            \(Layout.chart(Charts.meter(score: h.score, label: "Relationship health")))
            <p><strong>\(h.score) of 100, \(h.band)</strong>: \(h.explanation).</p>
            <details><summary>How this is computed</summary>
            <p>The score adds three parts from the contact history (interactions, including attendance at events):</p>
            <ul>
            <li><strong>Recency</strong>, up to 50: 50 × 0.5<sup>days since last contact ÷ 90</sup>. Contact today scores 50, three months ago 25, never 0. Now \(one(h.recency)).</li>
            <li><strong>Frequency</strong>, up to 30: 30 × (contacts in the last 365 days, at most 6) ÷ 6. Now \(one(h.frequency)).</li>
            <li><strong>Two-way contact</strong>, up to 20: 20 × the smaller of 1 and 3 × (contacts they started ÷ contacts in the last 365 days). Now \(one(h.twoWay)).</li>
            </ul>
            <p>The sum is rounded. 0–39 is weak, 40–69 fair, 70–100 strong. Below 50, the stakeholder shows on the <a href="/due-for-contact">due for contact</a> list.</p>
            </details>
            """
    }

    var followUpSection: HTML {
        guard let e = engagement else { return .empty }
        let open = e.followUps.filter { $0.status == .open }
        let list = FollowUpRows(userNames: e.userNames, names: e.names, csrf: csrf, canChange: isStaff, back: "/stakeholders/\(s.id)#follow-ups")
        return """
            <h2 id="follow-ups">Open follow-ups</h2>
            \(open.isEmpty ? "<p>None open.</p>" as HTML : list.list(open, hide: s.id))
            \(isStaff ? "<p><a href=\"/follow-ups/new?stakeholderId=\(s.id)\">Add a follow-up</a></p>" as HTML : .empty)
            """
    }

    var eventSection: HTML {
        guard let e = engagement else { return .empty }
        let items: [HTML] = e.events.map { ev in
            let zone = TimeZone(identifier: ev.timeZone) ?? WebTime.defaultZone
            let invite = ev.invitees.first { $0.stakeholderId == s.id }
            let role = ev.organizerId == s.id ? "organizer" : invite.map { "RSVP: \($0.rsvp.rawValue)" } ?? ""
            return "<li><a href=\"/events/\(ev.id)\">\(ev.title)</a>\(ev.isCancelled ? " <span class=\"tag\">cancelled</span>" as HTML : .empty) — \(WebTime.span(ev.startsAt, ev.endsAt, zone)) <span class=\"muted\">\(role)</span></li>"
        }
        return """
            <h2 id="events">Upcoming events</h2>
            \(items.isEmpty ? "<p>Not invited to any upcoming event.</p>" as HTML : "<ul>\(items)</ul>")
            """
    }

    var logSection: HTML {
        guard let e = engagement, isStaff else { return .empty }
        return """
            <h2 id="log">Log an interaction</h2>
            \(Layout.errorSummary(e.formErrors, level: 3, anchor: InteractionFormView.anchor, label: InteractionFormView.label))
            <form method="post" action="/stakeholders/\(s.id)/interactions#log" novalidate>
            \(Layout.csrfField(csrf))
            \(InteractionFormView.fields(e.form, errors: e.formErrors))
            \(InteractionFormView.followUpFields(e.form, errors: e.formErrors, users: e.users, me: user))
            <button type="submit">Log interaction</button>
            </form>
            """
    }

    var timelineSection: HTML {
        guard let e = engagement else { return .empty }
        let byInteraction = Dictionary(grouping: e.followUps.filter { $0.interactionId != nil }, by: { $0.interactionId ?? "" })
        let rows = TimelineRows(names: e.names, userNames: e.userNames, isStaff: isStaff)
        let items: [HTML] = e.timeline.map { rows.item($0, followUps: byInteraction[$0.id] ?? [], hide: s.id) }
        let next = Cursor.next(offset: e.offset, count: e.timeline.count, total: e.timelineTotal)
        let prev = e.offset > 0 ? Cursor.encode(max(0, e.offset - StakeholderEngagement.pageSize)) : nil
        let pager: HTML = prev == nil && next == nil ? .empty : """
            <nav class="pager" aria-label="Timeline pages">\(prev.map { "<a href=\"/stakeholders/\(s.id)?timeline=\($0)#timeline\" rel=\"prev\">← Newer</a>" as HTML } ?? .empty)\(next.map { "<a href=\"/stakeholders/\(s.id)?timeline=\($0)#timeline\" rel=\"next\">Older →</a>" as HTML } ?? .empty)</nav>
            """
        let bars = MonthSeries.bars(e.months, from: e.monthsFrom, months: 12)
        return """
            <h2 id="timeline">Timeline</h2>
            \(e.timeline.isEmpty ? (e.offset > 0 ? "<p>No older interactions.</p>" : "<p>No interactions recorded yet.</p>") as HTML
                : "<p class=\"muted\">\(e.offset + 1)–\(e.offset + e.timeline.count) of \(e.timelineTotal), newest first.</p><ol class=\"plain timeline\">\(items)</ol>")
            \(pager)
            \(Layout.chart(Charts.bars(bars, title: "Contacts per month, last 12 months", valueLabel: "Contacts", primaryName: "Not heard", secondaryName: "Heard")))
            """
    }

    var networkChart: HTML {
        guard !relationships.isEmpty else { return .empty }
        let center = Charts.NetworkNode(id: s.id, label: s.displayName, kind: s.kind.rawValue)
        let edges = relationships.map { r in
            let outgoing = r.fromId == s.id
            let otherId = outgoing ? r.toId : r.fromId
            let other = others[otherId]
            let node = Charts.NetworkNode(id: otherId, label: other?.displayName ?? "Unknown (\(otherId))", kind: other?.kind.rawValue ?? "person",
                                          href: other == nil ? nil : "/stakeholders/\(otherId)")
            return Charts.NetworkEdge(node: node, label: RelationshipPhrase.forward(r.type), outgoing: outgoing)
        }
        return Layout.chart(Charts.network(center: center, neighbors: edges, title: "Relationship network of \(s.displayName)"))
    }
}

/// Interactions as the timeline lists them.
struct TimelineRows {
    var names: [String: String]
    var userNames: [String: String]
    var isStaff: Bool

    func item(_ i: Interaction, followUps: [FollowUp], hide: String? = nil) -> HTML {
        let others: [HTML] = i.stakeholderIds.filter { $0 != hide }.map { id in
            "<a href=\"/stakeholders/\(id)\">\(names[id] ?? "Unknown stakeholder")</a>"
        }
        let staff = i.userIds.compactMap { userNames[$0] }
        let follow: [HTML] = followUps.map { f in
            "<li>Follow-up: <a href=\"/follow-ups/\(f.id)\">\(f.title)</a>, due \(f.dueOn.description) · \(f.status.rawValue)</li>"
        }
        let subject = i.subject.isEmpty ? "(no subject)" : i.subject
        return """
            <li><strong>\(i.kind.label)</strong> · \(WebTime.show(i.occurredAt, WebTime.defaultZone)) · \(i.direction.label)\(i.isHeard ? " · <span class=\"tag\">heard</span>" as HTML : .empty)<br>
            <a href="/interactions/\(i.id)">\(subject)</a>\(i.eventId.map { " · <a href=\"/events/\($0)\">the event</a>" as HTML } ?? .empty)
            \(i.notes.map { "<br><span class=\"muted\">\(Layout.multiline($0))</span>" as HTML } ?? .empty)
            \(i.topics.isEmpty ? .empty : "<br>" + (StakeholderDetailView.tags(i.topics) ?? .empty))
            \(others.isEmpty ? .empty : "<br>With: " + HTML(raw: others.map(\.text).joined(separator: ", ")))
            \(staff.isEmpty ? .empty : "<br><span class=\"muted\">Staff: \(staff.joined(separator: ", "))</span>" as HTML)
            \(follow.isEmpty ? .empty : "<ul>\(follow)</ul>" as HTML)
            </li>
            """
    }
}
