import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// The issue radar (F5): items with filters, read and star.
    var radarRoutes: [WebRoute] {
        let radar = services.radar
        return [
            WebRoute(method: .get, path: "/radar", role: .viewer) { request, context in
                let user = try context.requireUser()
                let filter = try ItemFilter(request: request)
                var query = filter.query(userId: user.id)
                query.offset = try Cursor.decode(request.uri.queryParameters.get("cursor"))
                query.limit = RadarItemsView.pageSize
                let items = try await radar.items(query)
                let total = try await radar.store.countRadarItems(query)
                return RadarItemsView(filter: filter, items: items, total: total, offset: query.offset, issues: try await radar.issues(),
                                      sources: try await radar.sources(), user: user, csrf: context.csrf).render()
            },
            WebRoute(method: .post, path: "/radar/items/:id/state", role: .viewer) { request, context in
                let form = try await WebController.form(request, context)
                let user = try context.requireUser()
                let id = request.pathID(context)
                func flag(_ name: String) -> Bool? { form.first(name).map { $0 == "true" } }
                try await radar.mark(itemId: id, userId: user.id, isRead: flag("isRead"), isStarred: flag("isStarred"))
                return WebSession.redirect(to: Layout.back(form, fallback: "/radar") + "#item-\(id)")
            },
            WebRoute(method: .get, path: "/radar/items/:id/open", role: .viewer) { request, context in
                // Following an item's link marks it read first.
                let user = try context.requireUser()
                let listing = try await radar.item(id: request.pathID(context), userId: user.id)
                try await radar.mark(itemId: listing.item.id, userId: user.id, isRead: true, isStarred: nil)
                guard let link = listing.item.link, link.hasPrefix("http://") || link.hasPrefix("https://") else {
                    return WebSession.redirect(to: "/radar#item-\(listing.item.id)")
                }
                return Response(status: .seeOther, headers: [.location: link])
            },
        ]
    }
}

/// The radar list's filters, read from the query string.
struct ItemFilter: Sendable {
    var issueId = "", sourceId = "", from = "", to = ""
    var unread = false, starred = false

    init() {}

    init(request: Request) throws {
        let q = request.uri.queryParameters
        issueId = q.get("issue") ?? ""; sourceId = q.get("source") ?? ""
        from = q.get("from") ?? ""; to = q.get("to") ?? ""
        unread = q.get("unread") == "on" || q.get("unread") == "true"
        starred = q.get("starred") == "on" || q.get("starred") == "true"
    }

    func query(userId: String) -> ItemQuery {
        ItemQuery(issueId: issueId.isEmpty ? nil : issueId, sourceId: sourceId.isEmpty ? nil : sourceId,
                  from: CalendarDate(from).map(Self.midnight), to: CalendarDate(to).map { Self.midnight($0.adding(days: 1)) },
                  userId: userId, unreadOnly: unread, starredOnly: starred)
    }

    /// The start of a day in the district's zone.
    static func midnight(_ day: CalendarDate) -> Date {
        var c = DateComponents()
        c.year = day.year; c.month = day.month; c.day = day.day
        return WebTime.calendar(WebTime.defaultZone).date(from: c) ?? day.startInstant
    }

    var queryString: String {
        var parts: [String] = []
        for (k, v) in [("issue", issueId), ("source", sourceId), ("from", from), ("to", to)] where !v.isEmpty { parts.append("\(k)=\(Layout.queryValue(v))") }
        if unread { parts.append("unread=on") }
        if starred { parts.append("starred=on") }
        return parts.joined(separator: "&")
    }
}

/// Items, newest first, each with its source, date, the issues it matched and why, and the
/// read and star buttons.
struct RadarItemsView {
    static let pageSize = 50
    var filter: ItemFilter
    var items: [ItemListing]
    var total: Int
    var offset: Int
    var issues: [RadarIssue]
    var sources: [FeedSource]
    var user: User
    var csrf: String?

    func render() -> Response {
        let back = "/radar" + (filter.queryString.isEmpty ? "" : "?" + filter.queryString)
        let rows = RadarItemRows(issueNames: Dictionary(issues.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
                                 sourceNames: Dictionary(sources.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a }), csrf: csrf, back: back)
        let more: HTML = offset + items.count < total
            ? "<p><a href=\"/radar?\(HTML(raw: HTML.escape(filter.queryString.isEmpty ? "" : filter.queryString + "&")))cursor=\(Cursor.encode(offset + items.count))\">Older items</a></p>"
            : .empty
        let empty: HTML = sources.isEmpty
            ? "<p>No sources yet. <a href=\"/radar/sources\">Add the feeds</a> of the organizations, associations and journals you follow.</p>"
            : "<p>No items match these filters.</p>"
        return Layout.page("Issue radar", user: user, csrf: csrf, current: "/radar", """
            <h1>Issue radar</h1>
            <p><a href="/radar/issues">Issues</a> · <a href="/radar/sources">Sources</a> · <a href="/radar/briefing">This week's briefing</a></p>
            <div class="layout">
            <form method="get" action="/radar" aria-label="Filter items">
            \(Layout.select("issue", "Issue", options: [("", "Any issue")] + issues.map { ($0.id, $0.name) }, selected: filter.issueId, errors: []))
            \(Layout.select("source", "Source", options: [("", "Any source")] + sources.map { ($0.id, $0.title) }, selected: filter.sourceId, errors: []))
            \(Layout.field("from", "From", value: filter.from, errors: [], type: "date"))
            \(Layout.field("to", "To", value: filter.to, errors: [], type: "date"))
            <div class="field"><label><input type="checkbox" name="unread"\(filter.unread ? " checked" : "")> Unread only</label>
            <label><input type="checkbox" name="starred"\(filter.starred ? " checked" : "")> Starred only</label></div>
            <button type="submit">Filter</button>
            </form>
            <section aria-label="Items">
            <p>\(total) item\(total == 1 ? "" : "s")</p>
            \(items.isEmpty ? empty : rows.list(items.map { $0 }))
            \(more)
            </section>
            </div>
            """)
    }
}

/// Items as every radar page lists them.
struct RadarItemRows {
    var issueNames: [String: String]
    var sourceNames: [String: String]
    var csrf: String?
    var back: String

    func list(_ items: [ItemListing]) -> HTML { "<ul class=\"plain items\">\(items.map(item))</ul>" }

    func item(_ l: ItemListing) -> HTML {
        let i = l.item
        let title: HTML = i.link != nil ? "<a href=\"/radar/items/\(i.id)/open\" rel=\"noopener\">\(i.title)</a>" : "\(i.title)"
        let matches: [HTML] = i.matches.map { m in
            "<li><a href=\"/radar/issues/\(m.issueId)\">\(issueNames[m.issueId] ?? "Issue")</a>: \(m.reasons.joined(separator: "; "))</li>"
        }
        let summary: HTML = i.summaryHTML.map { "<div class=\"summary\">\(HTML(raw: $0))</div>" } ?? .empty
        return """
            <li id="item-\(i.id)" class="\(l.isRead ? "read" : "unread")">
            <h3>\(l.isStarred ? "★ " : "")\(title)</h3>
            <p class="hint">\(sourceNames[i.sourceId] ?? "Source") · \(Layout.when(i.at))\(i.authors.isEmpty ? "" : " · " + i.authors.joined(separator: ", "))\(l.isRead ? "" : " · unread")</p>
            \(summary)
            \(matches.isEmpty ? HTML.empty : "<details><summary>Why it matched</summary><ul>\(matches)</ul></details>")
            \(button(i.id, "isRead", !l.isRead, l.isRead ? "Mark unread" : "Mark read", i.title))
            \(button(i.id, "isStarred", !l.isStarred, l.isStarred ? "Unstar" : "Star", i.title))
            </li>
            """
    }

    func button(_ id: String, _ field: String, _ value: Bool, _ label: String, _ title: String) -> HTML {
        """
        <form method="post" action="/radar/items/\(id)/state" class="inline">\(Layout.csrfField(csrf))\(Layout.backField(back))<input type="hidden" name="\(field)" value="\(value ? "true" : "false")"><button type="submit" class="secondary">\(label)<span class="skip"> \(title)</span></button></form>
        """
    }
}
