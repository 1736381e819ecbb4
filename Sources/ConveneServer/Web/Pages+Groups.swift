import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Groups: named lists, static or saved searches (F1).
    var groupRoutes: [WebRoute] {
        let registry = services.registry
        return [
            WebRoute(method: .get, path: "/groups", role: .viewer) { request, context in
                var view = try await groupList(context: context)
                view.notice = request.uri.queryParameters.get("notice")
                return view.render()
            },
            WebRoute(method: .post, path: "/groups", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let values = GroupFormValues(form: form)
                let (patch, problems) = values.patch()
                do {
                    if !problems.isEmpty { throw ConveneError.invalid(problems) }
                    let g = try await registry.createGroup(patch, actor: context.actor)
                    return WebSession.redirect(to: "/groups/\(g.id)?notice=created")
                } catch ConveneError.invalid(let errors) {
                    var view = try await groupList(context: context)
                    view.form = values
                    view.errors = errors
                    view.status = .unprocessableContent
                    return view.render()
                }
            },
            WebRoute(method: .get, path: "/groups/:id", role: .viewer) { request, context in
                let offset = try Cursor.decode(request.uri.queryParameters.get("cursor"))
                var view = try await groupDetail(id: request.pathID(context), offset: offset, context: context)
                view.notice = request.uri.queryParameters.get("notice")
                return view.render()
            },
            WebRoute(method: .post, path: "/groups/:id/edit", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let id = request.pathID(context)
                let values = GroupFormValues(form: form)
                let (patch, problems) = values.patch()
                do {
                    if !problems.isEmpty { throw ConveneError.invalid(problems) }
                    let g = try await registry.updateGroup(id: id, patch, actor: context.actor)
                    return WebSession.redirect(to: "/groups/\(g.id)?notice=saved")
                } catch ConveneError.invalid(let errors) {
                    var view = try await groupDetail(id: id, offset: 0, context: context)
                    view.form = values
                    view.errors = errors
                    view.status = .unprocessableContent
                    return view.render()
                }
            },
            WebRoute(method: .post, path: "/groups/:id/delete", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                try await registry.deleteGroup(id: request.pathID(context), actor: context.actor)
                return WebSession.redirect(to: "/groups?notice=deleted")
            },
            WebRoute(method: .post, path: "/groups/:id/members/remove", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let g = try await registry.group(id: request.pathID(context))
                let member = form.first("stakeholderId") ?? ""
                _ = try await registry.removeMembers(groupId: g.id, stakeholderIds: [member], actor: context.actor)
                return WebSession.redirect(to: "/groups/\(g.id)?notice=removed")
            },
        ]
    }

    func groupList(context: ConveneContext) async throws -> GroupListView {
        let user = try context.requireUser()
        let groups = try await services.store.groups()
        var counts: [String: Int] = [:]
        for g in groups where g.kind == .static { counts[g.id] = try await services.store.staticMemberCount(groupId: g.id) }
        return GroupListView(groups: groups, counts: counts, user: user, csrf: context.csrf)
    }

    func groupDetail(id: String, offset: Int, context: ConveneContext) async throws -> GroupDetailView {
        let user = try context.requireUser()
        let g = try await services.registry.group(id: id)
        var view = GroupDetailView(group: g, offset: offset, user: user, csrf: context.csrf, form: GroupFormValues(g))
        do {
            view.page = try await services.registry.members(of: g.id, limit: GroupDetailView.pageSize, offset: offset)
        } catch ConveneError.invalid(let errors) {
            view.queryProblem = errors.map(\.message).joined(separator: "; ")
        }
        return view
    }
}

/// The group form as typed.
struct GroupFormValues: Sendable {
    var name = "", description = "", kind = StakeholderGroup.Kind.static.rawValue, query = ""

    init() {}

    init(_ g: StakeholderGroup) {
        name = g.name; description = g.description ?? ""; kind = g.kind.rawValue; query = g.query ?? ""
    }

    init(form: FormData) {
        name = form.first("name") ?? ""
        description = (form.first("description") ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        kind = form.first("kind") ?? ""
        query = form.first("query") ?? ""
    }

    /// The same `GroupPatch` the API reads, and the errors the form itself can see.
    func patch() -> (GroupPatch, [FieldError]) {
        var p = GroupPatch()
        var errors: [FieldError] = []
        p.name = name
        p.description = .some(description.trimmedText.isEmpty ? nil : description)
        if let k = StakeholderGroup.Kind(rawValue: kind) { p.kind = k } else { errors.append(FieldError("kind", "choose a static list or a saved search")) }
        p.query = .some(query.trimmedText.isEmpty ? nil : query)
        return (p, errors)
    }
}
