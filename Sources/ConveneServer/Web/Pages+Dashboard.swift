import ConveneAnalysis
import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// The home page: what needs doing, what is coming, and whose voice is missing.
    var dashboardRoutes: [WebRoute] {
        let engagement = services.engagement, store = services.store, collaboration = services.collaboration
        return [
            WebRoute(method: .get, path: "/", role: .viewer) { request, context in
                let user = try context.requireUser()
                let d = try await engagement.dashboard(userId: user.id, timeZone: WebTime.defaultZone)
                let ids = (d.overdue + d.dueSoon).flatMap(\.stakeholderIds) + d.recent.flatMap(\.stakeholderIds)
                var view = DashboardView(dashboard: d, names: try await stakeholderNames(ids), users: try await store.users(), user: user,
                                         csrf: context.csrf, notice: request.uri.queryParameters.get("notice"))
                let soon = d.today.adding(days: 14)
                view.actions = try await collaboration.openActionItems(ownerId: user.id).filter { ($0.item.dueOn ?? soon) <= soon }.map { ($0.group.id, $0.group.name, $0.item) }
                view.agreements = try await collaboration.agreementReminders(today: d.today)
                view.bills = try await collaboration.records(Bill.self).filter { b in b.nextActionOn.map { $0 >= d.today && $0 <= soon } ?? false }
                    .sorted { ($0.nextActionOn?.description ?? "") < ($1.nextActionOn?.description ?? "") }
                return view.render()
            },
        ]
    }
}

/// The dashboard's sections, each a card that links to its full page.
struct DashboardView {
    var dashboard: Dashboard
    var names: [String: String]
    var users: [User]
    var user: User
    var csrf: String?
    var notice: String?
    /// My open working-group action items due within two weeks (or overdue).
    var actions: [(groupId: String, groupName: String, item: ActionItem)] = []
    var agreements: [AgreementReminder] = []
    /// Bills whose next action is within two weeks.
    var bills: [Bill] = []

    static let notices = ["done": "Follow-up marked done.", "reopened": "Follow-up reopened."]

    var rows: FollowUpRows {
        FollowUpRows(userNames: Dictionary(users.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a }), names: names, csrf: csrf,
                     canChange: user.role >= .staff, back: "/", today: dashboard.today)
    }

    func render() -> Response {
        let d = dashboard
        let body: HTML = """
            <h1>Dashboard</h1>
            \(Layout.notice(notice, Self.notices))
            <div class="cards">
            <section aria-labelledby="overdue"><h2 id="overdue">My overdue follow-ups</h2>
            <p class="big\(d.overdueTotal > 0 ? " overdue" : "")">\(d.overdueTotal)</p>
            \(d.overdue.isEmpty ? "<p>Nothing overdue.</p>" as HTML : rows.list(d.overdue))
            \(d.overdueTotal > d.overdue.count ? "<p><a href=\"/follow-ups?owner=me&amp;status=open&amp;overdue=1\">All \(d.overdueTotal) overdue</a></p>" as HTML : .empty)
            </section>
            <section aria-labelledby="due-soon"><h2 id="due-soon">My follow-ups due this week</h2>
            \(d.dueSoon.isEmpty ? "<p>Nothing due in the next seven days.</p>" as HTML : rows.list(d.dueSoon))
            <p><a href="/follow-ups">All my follow-ups</a></p>
            </section>
            <section aria-labelledby="upcoming"><h2 id="upcoming">Upcoming events</h2>
            \(events)
            <p><a href="/events">Calendar</a></p>
            </section>
            <section aria-labelledby="gaps"><h2 id="gaps">Coverage gaps, \(d.coverage.period.label.lowercased())</h2>
            \(gaps)
            <p><a href="/coverage">Coverage</a></p>
            </section>
            <section aria-labelledby="due-contact"><h2 id="due-contact">Due for contact</h2>
            \(dueForContact)
            <p><a href="/due-for-contact">Everyone due for contact</a> · <a href="/grid">Power/interest grid</a></p>
            </section>
            <section aria-labelledby="recent"><h2 id="recent">Recent activity</h2>
            \(recent)
            </section>
            <section aria-labelledby="collab"><h2 id="collab">Action items, agreements and bills</h2>
            \(collaboration)
            <p><a href="/initiatives">Initiatives</a> · <a href="/working-groups">Working groups</a> · <a href="/partnerships">Partnerships</a> · <a href="/bills">Bills</a></p>
            </section>
            </div>
            """
        return Layout.page("Dashboard", user: user, csrf: csrf, current: "/", body)
    }

    var collaboration: HTML {
        let today = dashboard.today
        var items: [HTML] = actions.map { a in
            let due = a.item.dueOn.map { $0 < today ? "<span class=\"overdue\">overdue since \($0.description)</span>" as HTML : "due \($0.description)" } ?? ""
            return "<li><a href=\"/working-groups/\(a.groupId)#actionItems\">\(a.item.title)</a><br><span class=\"muted\">\(a.groupName) · \(due)</span></li>"
        }
        items += agreements.map { r in
            let when: HTML = r.daysLeft < 0 ? "<span class=\"overdue\">lapsed \(r.expiresOn.description)</span>" : "lapses \(r.expiresOn.description), in \(r.daysLeft) days"
            return "<li><a href=\"/partnerships/\(r.partnershipId)#agreements\">\(r.agreement.title)</a><br><span class=\"muted\">\(r.partnershipName) · \(when)</span></li>"
        }
        items += bills.map { b in
            "<li><a href=\"/bills/\(b.id)\">\(b.number)</a>: \(b.nextAction ?? "next action")<br><span class=\"muted\">\(b.jurisdiction) · \(b.nextActionOn?.description ?? "")</span></li>"
        }
        return items.isEmpty ? "<p>No action item, agreement or bill needs attention in the next two weeks.</p>" : "<ul class=\"plain\">\(items)</ul>"
    }

    var events: HTML {
        let items: [HTML] = dashboard.upcomingEvents.map { e in
            let zone = TimeZone(identifier: e.timeZone) ?? WebTime.defaultZone
            return "<li\(e.isCancelled ? " class=\"cancelled\"" : "")><a href=\"/events/\(e.id)\">\(e.title)</a><br><span class=\"muted\">\(WebTime.span(e.startsAt, e.endsAt, zone))</span></li>"
        }
        return items.isEmpty ? "<p>None in the next 30 days.</p>" : "<ul class=\"plain\">\(items)</ul>"
    }

    /// "Parents · Lincoln Elementary · language es — 4% heard of target 25% (needs 12 more)".
    var gaps: HTML {
        let items: [HTML] = dashboard.coverage.gaps().map { g in
            let line: String
            if let target = g.targetPercent {
                let more = WebNumber.shortfall(total: g.row.total, heard: g.row.heard, target: target)
                line = "\(g.label) — \(WebNumber.percent(g.row.heardPercent)) heard of target \(target)% (needs \(more) more)"
            } else {
                line = "\(g.label) — \(WebNumber.percent(g.row.heardPercent)) heard (\(g.row.heard) of \(g.row.total))"
            }
            let anchor = g.targetPercent != nil ? "targets" : g.row.dimension == "type" ? "by-type" : "by-area"
            return "<li><a href=\"/coverage#\(anchor)\">\(line)</a></li>"
        }
        return items.isEmpty ? "<p>No gaps: every target is met.</p>" : "<ul class=\"plain\">\(items)</ul>"
    }

    var dueForContact: HTML {
        let items: [HTML] = dashboard.dueForContact.map { c in
            "<li><a href=\"/stakeholders/\(c.stakeholderId)\">\(c.displayName)</a> — \(c.health.score) <span class=\"muted\">(\(c.health.band)): \(c.health.explanation)</span></li>"
        }
        return items.isEmpty ? "<p>No one is due for contact.</p>" : "<ul class=\"plain\">\(items)</ul>"
    }

    var recent: HTML {
        let items: [HTML] = dashboard.recent.map { i in
            let who: [HTML] = i.stakeholderIds.prefix(5).map { "<a href=\"/stakeholders/\($0)\">\(names[$0] ?? "Unknown stakeholder")</a>" }
            let more = i.stakeholderIds.count > 5 ? " and \(i.stakeholderIds.count - 5) more" : ""
            return """
                <li>\(HTML(raw: who.map(\.text).joined(separator: ", ")))\(more) · <a href="/interactions/\(i.id)">\(i.subject.isEmpty ? i.kind.label : i.subject)</a>
                <br><span class="muted">\(i.kind.label) · \(WebTime.show(i.occurredAt, WebTime.defaultZone))</span></li>
                """
        }
        return items.isEmpty ? "<p>No interactions logged yet.</p>" : "<ul class=\"plain\">\(items)</ul>"
    }
}
