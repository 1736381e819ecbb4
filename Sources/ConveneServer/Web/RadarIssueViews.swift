import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// Every issue followed, rising ones first, with this week's count against its usual one.
struct IssueListView {
    var trends: [IssueTrend]
    var users: [User]
    var user: User
    var csrf: String?
    var notice: String?

    func render() -> Response {
        let owners = Dictionary(users.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let rows: [HTML] = trends.map { t in
            """
            <tr><td><a href="/radar/issues/\(t.issue.id)">\(t.issue.name)</a>\(t.isRising ? HTML(raw: " <span class=\"tag rising\">rising</span>") : .empty)</td>
            <td>\(t.issue.status.label)</td><td>\(t.issue.priority.label)</td><td>\(t.issue.ownerId.flatMap { owners[$0] } ?? "—")</td>
            <td>\(t.thisWeek)</td><td>\(t.explanation)</td><td>\(HTML(raw: t.sparklineSVG))</td></tr>
            """
        }
        let table: HTML = trends.isEmpty
            ? "<p>No issues yet. Follow the topics that matter to the district, such as chronic absenteeism or the school funding formula.</p>"
            : """
              <table class="responsive"><thead><tr><th>Issue</th><th>Status</th><th>Priority</th><th>Owner</th><th>This week</th><th>Trend</th><th><span class="skip">Chart</span></th></tr></thead>
              <tbody>\(rows)</tbody></table>
              """
        return Layout.page("Issues", user: user, csrf: csrf, current: "/radar", """
            <h1>Issues</h1>
            \(Layout.notice(notice, ["deleted": "The issue is no longer followed."]))
            <p><a href="/radar">Items</a> · <a href="/radar/sources">Sources</a> · <a href="/radar/briefing">Briefing</a>\(user.role >= .staff ? HTML(raw: " · <a href=\"/radar/issues/new\">Follow an issue</a>") : .empty)</p>
            \(table)
            <p class="hint">\(IssueTrend.method)</p>
            """)
    }
}

/// One issue: what it is, its trend chart, its stakeholders, its latest items, and for staff
/// the form to change it.
struct IssuePageView {
    var issue: RadarIssue
    var trend: IssueTrend?
    var items: [ItemListing]
    var values: IssueFormValues
    var sources: [FeedSource]
    var users: [User]
    var user: User
    var csrf: String?
    var notice: String?
    /// Bills, positions, campaigns, resources, partnerships, working groups and initiatives on this issue.
    var work: [(kind: WorkKind, id: String, label: String)] = []

    func render() -> Response {
        let back = "/radar/issues/\(issue.id)"
        let related: [HTML] = work.sorted { ($0.kind.rawValue, $0.label) < ($1.kind.rawValue, $1.label) }.map { w in
            "<li>\(w.kind.label.prefix(1).uppercased() + w.kind.label.dropFirst()): <a href=\"/\(w.kind.collection)/\(w.id)\">\(w.label)</a></li>"
        }
        let rows = RadarItemRows(issueNames: [issue.id: issue.name], sourceNames: Dictionary(sources.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a }),
                                 csrf: csrf, back: back)
        let people: [HTML] = values.pick.ids.map { "<li><a href=\"/stakeholders/\($0)\">\(values.pick.names[$0] ?? "Unknown stakeholder")</a></li>" }
        let edit: HTML = user.role >= .staff
            ? """
              <h2>Change</h2>
              \(IssueFormView(mode: .edit(issue), values: values, users: users, user: user, csrf: csrf).body)
              <form method="post" action="/radar/issues/\(issue.id)/delete">\(Layout.csrfField(csrf))<button type="submit" class="danger">Stop following</button></form>
              """
            : .empty
        return Layout.page(issue.name, user: user, csrf: csrf, current: "/radar", """
            <h1>\(issue.name)</h1>
            \(Layout.notice(notice, ["created": "The issue is followed; items already read were matched to it.", "saved": "Saved; items were matched again."]))
            <p>\(issue.status.label) · \(issue.priority.label) priority · keywords: \(issue.keywords.joined(separator: ", "))\(issue.exclusions.isEmpty ? "" : " · excluding: " + issue.exclusions.joined(separator: ", "))</p>
            \(issue.summary.map { "<p>\($0)</p>" as HTML } ?? .empty)
            <h2>Trend</h2>
            \(trend.map { t in "<p>\(t.explanation)</p><figure>\(HTML(raw: t.chartSVG))</figure>" as HTML } ?? "<p>No items yet.</p>")
            <h2>Stakeholders who care about it</h2>
            \(people.isEmpty ? "<p>None listed.</p>" : "<ul>\(people)</ul>" as HTML)
            \(related.isEmpty ? HTML.empty : "<h2>Bills, positions, resources and work on this issue</h2><ul>\(related)</ul>")
            <h2>Latest items</h2>
            \(items.isEmpty ? "<p>No items matched yet.</p>" : rows.list(items))
            <p><a href="/radar?issue=\(issue.id)">Every item of this issue</a></p>
            \(edit)
            """)
    }
}
