import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Invitations, answers and attendance, changed from the event's page.
    var inviteeRoutes: [WebRoute] {
        let engagement = services.engagement, store = services.store, registry = services.registry
        let lookup = StakeholderLookup(registry: registry)
        return [
            // The whole invitee table in one submit: each row's RSVP and attended box.
            WebRoute(method: .post, path: "/events/:id/invitees", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let e = try await engagement.event(id: request.pathID(context))
                var invitees = e.invitees
                for n in 0..<min(e.invitees.count + 50, 5000) {
                    guard let id = form.first("invitees[\(n)].stakeholderId") else { break }
                    guard let k = invitees.firstIndex(where: { $0.stakeholderId == id }) else { continue }
                    if let rsvp = form.first("invitees[\(n)].rsvp").flatMap(RSVP.init(rawValue:)) { invitees[k].rsvp = rsvp }
                    // An unticked box clears attendance only once it has been taken; before that it stays "not taken".
                    if form.first("invitees[\(n)].attended") == "yes" { invitees[k].attended = true } else if invitees[k].attended != nil { invitees[k].attended = false }
                }
                var patch = EventPatch()
                patch.invitees = invitees
                do {
                    _ = try await engagement.updateEvent(id: e.id, patch, actor: context.actor)
                    return WebSession.redirect(to: "/events/\(e.id)?notice=invitees-saved#invitees")
                } catch ConveneError.invalid(let problems) {
                    var view = try await eventPage(id: e.id, context: context)
                    view.inviteeErrors = problems
                    view.status = .unprocessableContent
                    return view.render()
                }
            },
            WebRoute(method: .post, path: "/events/:id/invite", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let e = try await engagement.event(id: request.pathID(context))
                var pick = StakeholderPick(name: "invitees", form: form)
                try await pick.resolve(lookup: lookup, store: store)
                var errors = pick.errors
                var ids = pick.ids
                let groupId = form.first("groupId") ?? ""
                if !groupId.isEmpty {
                    let g = try await registry.group(id: groupId)
                    var offset = 0
                    while offset < 5000 {
                        let page = try await registry.members(of: g.id, limit: 500, offset: offset)
                        ids += page.items.map(\.id)
                        offset += page.items.count
                        if page.items.isEmpty || offset >= page.total { break }
                    }
                }
                if errors.isEmpty && ids.isEmpty && pick.typed.trimmedText.isEmpty {
                    errors.append(FieldError("inviteesAdd", "enter a name or id, or choose a group"))
                }
                if errors.isEmpty {
                    let already = Set(e.invitees.map(\.stakeholderId))
                    var patch = EventPatch()
                    patch.invitees = e.invitees + ids.uniqued().filter { !already.contains($0) }.map { Invitee(stakeholderId: $0) }
                    do {
                        _ = try await engagement.updateEvent(id: e.id, patch, actor: context.actor)
                        return WebSession.redirect(to: "/events/\(e.id)?notice=invited#invitees")
                    } catch ConveneError.invalid(let problems) {
                        errors = problems.map { FieldError("inviteesAdd", $0.message) }
                    }
                }
                var view = try await eventPage(id: e.id, context: context)
                view.invite = pick
                view.inviteErrors = errors
                view.status = .unprocessableContent
                return view.render()
            },
            WebRoute(method: .post, path: "/events/:id/invitees/remove", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let e = try await engagement.removeInvitee(eventId: request.pathID(context), stakeholderId: form.first("stakeholderId") ?? "", actor: context.actor)
                return WebSession.redirect(to: "/events/\(e.id)?notice=withdrawn#invitees")
            },
        ]
    }
}
