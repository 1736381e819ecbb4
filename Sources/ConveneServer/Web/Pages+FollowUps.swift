import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Follow-ups (F2): the list with its filters, the form, and the Done and Reopen buttons.
    var followUpRoutes: [WebRoute] {
        let engagement = services.engagement, store = services.store
        let lookup = StakeholderLookup(registry: services.registry)
        return [
            WebRoute(method: .get, path: "/follow-ups", role: .viewer) { request, context in
                let user = try context.requireUser()
                let filter = FollowUpFilter(request: request)
                var query = filter.query(userId: user.id)
                query.offset = try Cursor.decode(request.uri.queryParameters.get("cursor"))
                query.limit = FollowUpListView.pageSize
                let items = try await engagement.followUps(query)
                let total = try await store.countFollowUps(query)
                let names = try await stakeholderNames(items.flatMap(\.stakeholderIds))
                return FollowUpListView(filter: filter, items: items, total: total, offset: query.offset, names: names,
                                        users: try await store.users(), user: user, csrf: context.csrf,
                                        notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .post, path: "/follow-ups/:id/done", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                var patch = FollowUpPatch()
                patch.status = .done
                let f = try await engagement.updateFollowUp(id: request.pathID(context), patch, actor: context.actor)
                return WebSession.redirect(to: Self.withNotice(Layout.back(form, fallback: "/follow-ups/\(f.id)"), "done"))
            },
            WebRoute(method: .post, path: "/follow-ups/:id/reopen", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                var patch = FollowUpPatch()
                patch.status = .open
                let f = try await engagement.updateFollowUp(id: request.pathID(context), patch, actor: context.actor)
                return WebSession.redirect(to: Self.withNotice(Layout.back(form, fallback: "/follow-ups/\(f.id)"), "reopened"))
            },
            WebRoute(method: .get, path: "/follow-ups/new", role: .staff) { request, context in
                let user = try context.requireUser()
                let about = request.uri.queryParameters.get("stakeholderId").flatMap { Identifier.isPlausible($0) ? $0 : nil }
                let stakeholders = try await store.stakeholders(ids: about.map { [$0] } ?? [])
                return FollowUpFormView(mode: .create, values: FollowUpFormValues(ownerId: user.id, stakeholders: stakeholders),
                                        users: try await store.users(), user: user, csrf: context.csrf).render()
            },
            WebRoute(method: .post, path: "/follow-ups/new", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let user = try context.requireUser()
                var values = FollowUpFormValues(form: form)
                try await values.pick.resolve(lookup: lookup, store: store)
                let (patch, problems) = values.patch()
                do {
                    if !problems.isEmpty { throw ConveneError.invalid(problems) }
                    let f = try await engagement.createFollowUp(patch, actor: context.actor)
                    return WebSession.redirect(to: "/follow-ups/\(f.id)?notice=created")
                } catch ConveneError.invalid(let errors) {
                    return FollowUpFormView(mode: .create, values: values, users: try await store.users(), user: user, csrf: context.csrf,
                                            errors: errors, status: .unprocessableContent).render()
                }
            },
            WebRoute(method: .get, path: "/follow-ups/:id", role: .viewer) { request, context in
                let user = try context.requireUser()
                let f = try await engagement.followUp(id: request.pathID(context))
                let values = FollowUpFormValues(f, stakeholders: try await store.stakeholders(ids: f.stakeholderIds))
                return FollowUpFormView(mode: .edit(f), values: values, users: try await store.users(), user: user, csrf: context.csrf,
                                        notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .post, path: "/follow-ups/:id", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let user = try context.requireUser()
                let before = try await engagement.followUp(id: request.pathID(context))
                var values = FollowUpFormValues(form: form)
                try await values.pick.resolve(lookup: lookup, store: store)
                let (patch, problems) = values.patch()
                do {
                    if !problems.isEmpty { throw ConveneError.invalid(problems) }
                    let f = try await engagement.updateFollowUp(id: before.id, patch, actor: context.actor)
                    return WebSession.redirect(to: "/follow-ups/\(f.id)?notice=saved")
                } catch ConveneError.invalid(let errors) {
                    return FollowUpFormView(mode: .edit(before), values: values, users: try await store.users(), user: user, csrf: context.csrf,
                                            errors: errors, status: .unprocessableContent).render()
                }
            },
            WebRoute(method: .post, path: "/follow-ups/:id/delete", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                try await engagement.deleteFollowUp(id: request.pathID(context), actor: context.actor)
                return WebSession.redirect(to: "/follow-ups?notice=deleted")
            },
        ]
    }

    /// Display names of stakeholders by id.
    func stakeholderNames(_ ids: [String]) async throws -> [String: String] {
        var names: [String: String] = [:]
        for s in try await services.store.stakeholders(ids: Array(Set(ids.filter(Identifier.isPlausible)))) { names[s.id] = s.displayName }
        return names
    }

    /// `path` with `notice=key` added to its query, before any `#fragment`.
    static func withNotice(_ path: String, _ key: String) -> String {
        let parts = path.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0]), fragment = parts.count > 1 ? "#" + parts[1] : ""
        let kept = base.contains("?") ? base.split(separator: "?", maxSplits: 1).map(String.init) : [base]
        var query = kept.count > 1 ? kept[1].split(separator: "&").filter { !$0.hasPrefix("notice=") }.map(String.init) : []
        query.append("notice=\(key)")
        return kept[0] + "?" + query.joined(separator: "&") + fragment
    }
}

/// The follow-up list's filters, read from the query string.
struct FollowUpFilter: Sendable {
    var mine = true
    /// nil: any status.
    var status: FollowUpStatus? = .open
    var overdue = false

    init() {}

    init(request: Request) {
        let q = request.uri.queryParameters
        mine = q.get("owner") != "all"
        switch q.get("status") {
        case "any": status = nil
        case let s?: status = FollowUpStatus(rawValue: s) ?? .open
        case nil: status = .open
        }
        overdue = q.get("overdue") == "1"
    }

    func query(userId: String, today: CalendarDate = CalendarDate(date: Date())) -> FollowUpQuery {
        var q = FollowUpQuery(ownerId: mine ? userId : nil, status: status)
        if overdue { q.status = .open; q.dueBefore = today }
        return q
    }

    /// This filter as a query string (no personal data: only fixed words).
    var queryString: String {
        var parts = ["owner=\(mine ? "me" : "all")", "status=\(status?.rawValue ?? "any")"]
        if overdue { parts.append("overdue=1") }
        return parts.joined(separator: "&")
    }
}

/// The follow-ups page.
struct FollowUpListView {
    static let pageSize = 50
    var filter: FollowUpFilter
    var items: [FollowUp]
    var total: Int
    var offset: Int
    var names: [String: String]
    var users: [User]
    var user: User
    var csrf: String?
    var notice: String?

    static let notices = ["deleted": "Follow-up deleted.", "done": "Marked done.", "reopened": "Reopened."]

    func render() -> Response {
        let rows = FollowUpRows(userNames: Dictionary(users.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a }), names: names,
                                csrf: csrf, canChange: user.role >= .staff, back: "/follow-ups?\(filter.queryString)")
        let statuses: [(value: String, label: String)] = [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled"), ("any", "Any status")]
        let next = Cursor.next(offset: offset, count: items.count, total: total)
        let prev = offset > 0 ? Cursor.encode(max(0, offset - Self.pageSize)) : nil
        let heading = filter.mine ? "My follow-ups" : "All follow-ups"
        let body: HTML = """
            <h1>\(heading)</h1>
            \(Layout.notice(notice, Self.notices))
            <form method="get" action="/follow-ups" class="filters">
            \(Layout.radios("owner", legend: "Whose", options: [("me", "Mine"), ("all", "Everyone's")], selected: filter.mine ? "me" : "all", errors: []))
            \(Layout.select("status", "Status", options: statuses, selected: filter.status?.rawValue ?? "any", errors: []))
            <div class="field checks"><label for="f-overdue"><input type="checkbox" id="f-overdue" name="overdue" value="1"\(filter.overdue ? " checked" : "")> Overdue only</label></div>
            <button type="submit" class="secondary">Show</button>
            </form>
            \(user.role >= .staff ? "<p><a class=\"button\" href=\"/follow-ups/new\">New follow-up</a></p>" as HTML : .empty)
            <h2>\(total == 0 ? "None match" : "\(offset + 1)–\(offset + items.count) of \(total)")</h2>
            \(items.isEmpty ? .empty : rows.list(items))
            <nav class="pager" aria-label="Pages">\(prev.map { "<a href=\"/follow-ups?\(filter.queryString)&cursor=\($0)\" rel=\"prev\">← Previous</a>" as HTML } ?? .empty)\(next.map { "<a href=\"/follow-ups?\(filter.queryString)&cursor=\($0)\" rel=\"next\">Next →</a>" as HTML } ?? .empty)</nav>
            """
        return Layout.page(heading, user: user, csrf: csrf, current: "/follow-ups", body)
    }
}
