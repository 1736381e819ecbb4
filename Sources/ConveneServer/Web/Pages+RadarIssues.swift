import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Issues the district follows: the list with trends, the form, and an issue's page.
    var radarIssueRoutes: [WebRoute] {
        let radar = services.radar, store = services.store
        let lookup = StakeholderLookup(registry: services.registry)
        return [
            WebRoute(method: .get, path: "/radar/issues", role: .viewer) { request, context in
                let user = try context.requireUser()
                let trends = try await radar.trends(zone: WebTime.defaultZone)
                return IssueListView(trends: trends, users: try await store.users(), user: user, csrf: context.csrf,
                                     notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .get, path: "/radar/issues/new", role: .staff) { _, context in
                let user = try context.requireUser()
                return IssueFormView(mode: .create, values: IssueFormValues(ownerId: user.id), users: try await store.users(), user: user, csrf: context.csrf).render()
            },
            WebRoute(method: .post, path: "/radar/issues/new", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let user = try context.requireUser()
                var values = IssueFormValues(form: form)
                try await values.pick.resolve(lookup: lookup, store: store)
                do {
                    if !values.pick.errors.isEmpty { throw ConveneError.invalid(values.pick.errors) }
                    let issue = try await radar.createIssue(values.patch(), actor: context.actor)
                    return WebSession.redirect(to: "/radar/issues/\(issue.id)?notice=created")
                } catch ConveneError.invalid(let errors) {
                    return IssueFormView(mode: .create, values: values, users: try await store.users(), user: user, csrf: context.csrf,
                                         errors: errors, status: .unprocessableContent).render()
                }
            },
            WebRoute(method: .get, path: "/radar/issues/:id", role: .viewer) { request, context in
                let user = try context.requireUser()
                let issue = try await radar.issue(id: request.pathID(context))
                let trend = try await radar.trends(zone: WebTime.defaultZone).first { $0.issue.id == issue.id }
                let items = try await radar.items(ItemQuery(issueId: issue.id, userId: user.id, limit: 20))
                let values = IssueFormValues(issue, stakeholders: try await store.stakeholders(ids: issue.stakeholderIds))
                var view = IssuePageView(issue: issue, trend: trend, items: items, values: values, sources: try await radar.sources(),
                                         users: try await store.users(), user: user, csrf: context.csrf,
                                         notice: request.uri.queryParameters.get("notice"))
                let work = try await store.workReferrers(to: WorkLink(.issue, issue.id))
                let book = try await NameBook.load(work, services: services)
                view.work = work.compactMap { link in
                    guard let kind = WorkKind(rawValue: link.kind), let entry = book.entries[link] else { return nil }
                    return (kind, link.id, entry.label)
                }
                return view.render()
            },
            WebRoute(method: .post, path: "/radar/issues/:id", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let user = try context.requireUser()
                let before = try await radar.issue(id: request.pathID(context))
                var values = IssueFormValues(form: form)
                try await values.pick.resolve(lookup: lookup, store: store)
                do {
                    if !values.pick.errors.isEmpty { throw ConveneError.invalid(values.pick.errors) }
                    let issue = try await radar.updateIssue(id: before.id, values.patch(), actor: context.actor)
                    return WebSession.redirect(to: "/radar/issues/\(issue.id)?notice=saved")
                } catch ConveneError.invalid(let errors) {
                    return IssueFormView(mode: .edit(before), values: values, users: try await store.users(), user: user, csrf: context.csrf,
                                         errors: errors, status: .unprocessableContent).render()
                }
            },
            WebRoute(method: .post, path: "/radar/issues/:id/delete", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                try await radar.deleteIssue(id: request.pathID(context), actor: context.actor)
                return WebSession.redirect(to: "/radar/issues?notice=deleted")
            },
        ]
    }
}

/// The issue form as typed: keywords and exclusions one per line.
struct IssueFormValues: Sendable {
    var name = "", summary = "", keywords = "", exclusions = "", status = IssueStatus.emerging.rawValue, priority = IssuePriority.medium.rawValue
    var ownerId = ""
    var pick: StakeholderPick

    init(ownerId: String) {
        self.ownerId = ownerId
        pick = StakeholderPick(name: "stakeholderIds", stakeholders: [])
    }

    init(_ i: RadarIssue, stakeholders: [Stakeholder]) {
        name = i.name; summary = i.summary ?? ""; keywords = i.keywords.joined(separator: "\n"); exclusions = i.exclusions.joined(separator: "\n")
        status = i.status.rawValue; priority = i.priority.rawValue; ownerId = i.ownerId ?? ""
        pick = StakeholderPick(name: "stakeholderIds", stakeholders: stakeholders)
        pick.ids = i.stakeholderIds
    }

    init(form: FormData) {
        name = form.first("name") ?? ""; summary = form.first("summary") ?? ""; keywords = form.first("keywords") ?? ""
        exclusions = form.first("exclusions") ?? ""; status = form.first("status") ?? ""; priority = form.first("priority") ?? ""
        ownerId = form.first("ownerId") ?? ""
        pick = StakeholderPick(name: "stakeholderIds", form: form)
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func patch() throws -> RadarIssuePatch {
        var p = RadarIssuePatch()
        var errors: [FieldError] = []
        p.name = name
        p.summary = .some(summary.trimmedText.isEmpty ? nil : summary)
        p.keywords = Self.lines(keywords)
        p.exclusions = Self.lines(exclusions)
        if let s = IssueStatus(rawValue: status) { p.status = s } else { errors.append(FieldError("status", "choose a status")) }
        if let s = IssuePriority(rawValue: priority) { p.priority = s } else { errors.append(FieldError("priority", "choose a priority")) }
        p.ownerId = .some(ownerId.isEmpty ? nil : ownerId)
        p.stakeholderIds = pick.ids
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return p
    }
}

/// The form to follow an issue or change one.
struct IssueFormView {
    enum Mode { case create, edit(RadarIssue) }
    var mode: Mode
    var values: IssueFormValues
    var users: [User]
    var user: User
    var csrf: String?
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    var body: HTML {
        let action: String, button: String
        switch mode {
        case .create: (action, button) = ("/radar/issues/new", "Follow this issue")
        case .edit(let i): (action, button) = ("/radar/issues/\(i.id)", "Save")
        }
        let owners = [("", "Nobody")] + users.filter { !$0.isDisabled }.map { ($0.id, $0.displayName) }
        return """
            \(Layout.errorSummary(errors, anchor: { "f-" + ($0.split(separator: "[").first.map(String.init) ?? $0) }, label: { $0 }))
            <form method="post" action="\(action)">
            \(Layout.csrfField(csrf))
            \(Layout.field("name", "Name", value: values.name, errors: errors, required: true))
            \(Layout.textarea("summary", "What it is about", value: values.summary, errors: errors, hint: "A sentence or two; it also helps find items that never use the keywords."))
            \(Layout.textarea("keywords", "Keywords and phrases", value: values.keywords, errors: errors, hint: "One per line, such as chronic absenteeism. Empty: the name."))
            \(Layout.textarea("exclusions", "Exclusions", value: values.exclusions, errors: errors, hint: "Words or phrases that rule an item out, one per line."))
            \(Layout.select("status", "Status", options: IssueStatus.allCases.map { ($0.rawValue, $0.label) }, selected: values.status, errors: errors))
            \(Layout.select("priority", "Priority", options: IssuePriority.allCases.map { ($0.rawValue, $0.label) }, selected: values.priority, errors: errors))
            \(Layout.select("ownerId", "Owner", options: owners, selected: values.ownerId, errors: errors))
            \(values.pick.render(legend: "Stakeholders who care about it", addLabel: "Add a stakeholder by name", errors: errors))
            <button type="submit">\(button)</button>
            </form>
            """
    }

    func render() -> Response {
        let title: String
        switch mode {
        case .create: title = "Follow an issue"
        case .edit(let i): title = "Edit \(i.name)"
        }
        return Layout.page(title, user: user, csrf: csrf, current: "/radar", status: status, "<h1>\(title)</h1>\(body)")
    }
}
