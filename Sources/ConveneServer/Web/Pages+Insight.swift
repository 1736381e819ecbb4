import ConveneAnalysis
import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// The due-for-contact list and the power/interest grid (F2).
    var insightRoutes: [WebRoute] {
        let engagement = services.engagement, store = services.store
        return [
            WebRoute(method: .get, path: "/due-for-contact", role: .viewer) { request, context in
                let user = try context.requireUser()
                let offset = try Cursor.decode(request.uri.queryParameters.get("cursor"))
                let page = try await engagement.dueForContact(limit: DueForContactView.pageSize, offset: offset)
                return DueForContactView(items: page.items, total: page.total, offset: offset, user: user, csrf: context.csrf).render()
            },
            WebRoute(method: .get, path: "/grid", role: .viewer) { _, context in
                let user = try context.requireUser()
                let profiles = try await store.stakeholderProfiles()
                return GridView(profiles: profiles, user: user, csrf: context.csrf).render()
            },
        ]
    }
}

/// Stakeholders whose relationship health is below 50, most urgent first.
struct DueForContactView {
    static let pageSize = 50
    var items: [DueContact]
    var total: Int
    var offset: Int
    var user: User
    var csrf: String?

    func render() -> Response {
        let rows: [HTML] = items.map { c in
            """
            <tr><td><a href="/stakeholders/\(c.stakeholderId)">\(c.displayName)</a></td><td>\(c.health.score) <span class="muted">\(c.health.band)</span></td>
            <td>\(c.health.explanation)</td><td>\(c.influence.map(String.init) ?? "—")</td><td>\(c.interest.map(String.init) ?? "—")</td></tr>
            """
        }
        let next = Cursor.next(offset: offset, count: items.count, total: total)
        let prev = offset > 0 ? Cursor.encode(max(0, offset - Self.pageSize)) : nil
        let body: HTML = """
            <h1>Due for contact</h1>
            <p>Stakeholders whose relationship health is below 50 of 100, most urgent first: the further below, and the more influence
            (counted twice) and interest they have, the sooner. Each stakeholder's page shows how their score is computed.</p>
            <h2>\(total == 0 ? "No one is due for contact" : "\(offset + 1)–\(offset + items.count) of \(total)")</h2>
            \(items.isEmpty ? .empty : """
            <table class="responsive"><thead><tr><th scope="col">Stakeholder</th><th scope="col">Health</th><th scope="col">Why</th><th scope="col">Influence</th><th scope="col">Interest</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """ as HTML)
            <nav class="pager" aria-label="Pages">\(prev.map { "<a href=\"/due-for-contact?cursor=\($0)\" rel=\"prev\">← Previous</a>" as HTML } ?? .empty)\(next.map { "<a href=\"/due-for-contact?cursor=\($0)\" rel=\"next\">Next →</a>" as HTML } ?? .empty)</nav>
            """
        return Layout.page("Due for contact", user: user, csrf: csrf, current: "/", body)
    }
}

/// Mendelow's grid of every active stakeholder with both influence and interest.
struct GridView {
    /// More dots than this make a picture too heavy for a phone; the rest are counted, not drawn.
    static let maxDrawn = 5000
    var profiles: [StakeholderProfile]
    var user: User
    var csrf: String?

    func render() -> Response {
        let rated = profiles.compactMap { p -> (StakeholderProfile, Int, Int)? in
            guard let influence = p.influence, let interest = p.interest else { return nil }
            return (p, influence, interest)
        }
        var counts = ["Manage closely": 0, "Keep satisfied": 0, "Keep informed": 0, "Monitor": 0, "On a dividing line (a score of 3)": 0]
        for (_, power, stake) in rated {
            let key = power == 3 || stake == 3 ? "On a dividing line (a score of 3)"
                : power > 3 ? (stake > 3 ? "Manage closely" : "Keep satisfied") : (stake > 3 ? "Keep informed" : "Monitor")
            counts[key, default: 0] += 1
        }
        let drawn = rated.sorted { ($0.1 + $0.2, $1.0.displayName) > ($1.1 + $1.2, $0.0.displayName) }.prefix(Self.maxDrawn)
        let points = drawn.map { p, power, stake in
            Charts.GridPoint(id: p.id, label: p.displayName, influence: power, interest: stake, target: p.engagementTarget?.rawValue, href: "/stakeholders/\(p.id)")
        }
        let order = ["Manage closely", "Keep satisfied", "Keep informed", "Monitor", "On a dividing line (a score of 3)"]
        let rows: [HTML] = order.map { "<tr><td>\($0)</td><td>\(counts[$0] ?? 0)</td></tr>" }
        let body: HTML = """
            <h1>Power/interest grid</h1>
            <p>Every active stakeholder with both an influence and an interest score (1–5). Influence goes up, interest across; each dot
            links to the stakeholder. \(profiles.count - rated.count) active stakeholders have no scores yet and are not shown.</p>
            \(rated.count > points.count ? "<p class=\"notice\">The \(points.count) with the highest scores are drawn; all \(rated.count) are counted below.</p>" as HTML : .empty)
            \(Layout.chart(Charts.powerInterestGrid(points, title: "Power/interest grid")))
            <h2>Stakeholders per quadrant</h2>
            <table><thead><tr><th scope="col">Quadrant</th><th scope="col">Stakeholders</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Layout.page("Power/interest grid", user: user, csrf: csrf, current: "/", body)
    }
}
