import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// The buttons and small forms on a stakeholder's page.
    var stakeholderActionRoutes: [WebRoute] {
        let registry = services.registry
        let lookup = StakeholderLookup(registry: registry)
        return [
            WebRoute(method: .post, path: "/stakeholders/:id/archive", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                let s = try await registry.setArchived(id: request.pathID(context), true, actor: context.actor)
                return WebSession.redirect(to: "/stakeholders/\(s.id)?notice=archived")
            },
            WebRoute(method: .post, path: "/stakeholders/:id/restore", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                let s = try await registry.setArchived(id: request.pathID(context), false, actor: context.actor)
                return WebSession.redirect(to: "/stakeholders/\(s.id)?notice=restored")
            },
            WebRoute(method: .post, path: "/stakeholders/:id/erase", role: .admin) { request, context in
                let form = try await WebController.form(request, context)
                let id = request.pathID(context)
                guard form.first("confirm") == "yes" else {
                    var view = try await detailView(id: id, context: context)
                    view.eraseError = "Tick the box to confirm that you mean to erase this stakeholder for good."
                    view.status = .unprocessableContent
                    return view.render()
                }
                try await registry.delete(id: id, actor: context.actor)
                return WebSession.redirect(to: "/stakeholders")
            },
            WebRoute(method: .post, path: "/stakeholders/:id/relationships", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let s = try await registry.stakeholder(id: request.pathID(context))
                var state = RelationshipFormState(type: form.first("type") ?? "", other: form.first("other") ?? "",
                                                  startsOn: form.first("startsOn") ?? "", endsOn: form.first("endsOn") ?? "",
                                                  notes: form.first("notes") ?? "")
                var patch = RelationshipPatch()
                patch.notes = .some(state.notes.trimmedText.isEmpty ? nil : state.notes)
                let typeText = state.type.hasSuffix(":reverse") ? String(state.type.dropLast(8)) : state.type
                let reverse = state.type.hasSuffix(":reverse")
                if let t = RelationshipType(rawValue: typeText) { patch.type = t } else { state.errors.append(FieldError("type", "choose how they are related")) }
                for (field, text) in [("startsOn", state.startsOn), ("endsOn", state.endsOn)] where !text.trimmedText.isEmpty {
                    if let d = CalendarDate(text.trimmedText) {
                        if field == "startsOn" { patch.startsOn = .some(d) } else { patch.endsOn = .some(d) }
                    } else {
                        state.errors.append(FieldError(field, "\"\(text.prefix(40))\" is not a date; use YYYY-MM-DD"))
                    }
                }
                var otherId: String?
                if let choice = form.first("otherChoice"), Identifier.isPlausible(choice) {
                    otherId = choice
                    state.other = choice
                } else if state.other.trimmedText.isEmpty {
                    state.errors.append(FieldError("other", "enter the other stakeholder's name or id"))
                } else {
                    switch try await lookup.find(state.other, excluding: s.id) {
                    case .found(let o): otherId = o.id
                    case .none: state.errors.append(FieldError("other", "no stakeholder matches \"\(state.other.prefix(60))\""))
                    case .several(let list):
                        state.errors.append(FieldError("other", "\"\(state.other.prefix(60))\" matches \(list.count) stakeholders; choose one below"))
                        state.choices = list
                    }
                }
                if let otherId, state.errors.isEmpty {
                    (patch.fromId, patch.toId) = reverse ? (otherId, s.id) : (s.id, otherId)
                    do {
                        _ = try await registry.createRelationship(patch, actor: context.actor)
                        return WebSession.redirect(to: "/stakeholders/\(s.id)?notice=related#relationships")
                    } catch ConveneError.invalid(let errors) {
                        state.errors = errors.map { FieldError(["fromId": "other", "toId": "other"][$0.field] ?? $0.field, $0.message) }
                    }
                }
                var view = try await detailView(id: s.id, context: context)
                view.relationshipForm = state
                view.status = .unprocessableContent
                return view.render()
            },
            WebRoute(method: .post, path: "/relationships/:rid/delete", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                try await registry.deleteRelationship(id: request.pathID(context, "rid"), actor: context.actor)
                guard let back = form.first("stakeholderId"), Identifier.isPlausible(back) else { return WebSession.redirect(to: "/stakeholders") }
                return WebSession.redirect(to: "/stakeholders/\(back)?notice=unrelated#relationships")
            },
            WebRoute(method: .post, path: "/stakeholders/:id/groups", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let s = try await registry.stakeholder(id: request.pathID(context))
                _ = try await registry.addMembers(groupId: form.first("groupId") ?? "", stakeholderIds: [s.id], actor: context.actor)
                return WebSession.redirect(to: "/stakeholders/\(s.id)?notice=grouped#groups")
            },
        ]
    }
}
