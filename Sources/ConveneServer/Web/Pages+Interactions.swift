import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Interactions (F2): logged from a stakeholder's page, read, changed and deleted on their own page.
    var interactionRoutes: [WebRoute] {
        let engagement = services.engagement, store = services.store, registry = services.registry
        let lookup = StakeholderLookup(registry: registry)
        return [
            WebRoute(method: .post, path: "/stakeholders/:id/interactions", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let s = try await registry.stakeholder(id: request.pathID(context))
                let values = InteractionFormValues(form: form)
                var (patch, errors) = values.patch()
                patch.stakeholderIds = [s.id]
                var followUp: FollowUpPatch?
                if values.wantsFollowUp {
                    let (p, problems) = values.followUpPatch(users: try await store.users())
                    followUp = p
                    errors += problems
                }
                if errors.isEmpty {
                    do {
                        let i = try await engagement.createInteraction(patch, actor: context.actor)
                        guard var f = followUp else { return WebSession.redirect(to: "/stakeholders/\(s.id)?notice=logged#timeline") }
                        f.stakeholderIds = [s.id]
                        f.interactionId = .some(i.id)
                        do {
                            _ = try await engagement.createFollowUp(f, actor: context.actor)
                            return WebSession.redirect(to: "/stakeholders/\(s.id)?notice=logged-follow-up#timeline")
                        } catch ConveneError.invalid(let problems) {
                            // Both or neither: take the interaction back so the person can fix and resubmit.
                            try await engagement.deleteInteraction(id: i.id, actor: context.actor)
                            errors = problems.map(InteractionFormValues.followUpField)
                        }
                    } catch ConveneError.invalid(let problems) {
                        errors = problems
                    }
                }
                var view = try await detailView(id: s.id, context: context)
                view.engagement?.form = values
                view.engagement?.formErrors = errors
                view.status = .unprocessableContent
                return view.render()
            },
            WebRoute(method: .get, path: "/interactions/:id", role: .viewer) { request, context in
                let i = try await engagement.interaction(id: request.pathID(context))
                var view = try await interactionView(i, values: InteractionFormValues(i), pick: nil, context: context)
                view.notice = request.uri.queryParameters.get("notice")
                return view.render()
            },
            WebRoute(method: .post, path: "/interactions/:id", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let before = try await engagement.interaction(id: request.pathID(context))
                let values = InteractionFormValues(form: form)
                var pick = StakeholderPick(name: "stakeholderIds", form: form)
                try await pick.resolve(lookup: lookup, store: store)
                var (patch, errors) = values.patch()
                patch.stakeholderIds = pick.ids
                errors += pick.errors
                do {
                    if !errors.isEmpty { throw ConveneError.invalid(errors) }
                    let i = try await engagement.updateInteraction(id: before.id, patch, actor: context.actor)
                    return WebSession.redirect(to: "/interactions/\(i.id)?notice=saved")
                } catch ConveneError.invalid(let problems) {
                    var view = try await interactionView(before, values: values, pick: pick, context: context)
                    view.errors = problems
                    view.status = .unprocessableContent
                    return view.render()
                }
            },
            WebRoute(method: .post, path: "/interactions/:id/delete", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                let i = try await engagement.interaction(id: request.pathID(context))
                try await engagement.deleteInteraction(id: i.id, actor: context.actor)
                guard let first = i.stakeholderIds.first, try await store.stakeholder(id: first) != nil else { return WebSession.redirect(to: "/") }
                return WebSession.redirect(to: "/stakeholders/\(first)?notice=interaction-deleted#timeline")
            },
        ]
    }

    func interactionView(_ i: Interaction, values: InteractionFormValues, pick: StakeholderPick?, context: ConveneContext) async throws -> InteractionView {
        let user = try context.requireUser()
        let people = try await services.store.stakeholders(ids: i.stakeholderIds)
        var event: Event?
        if let e = i.eventId { event = try await services.store.event(id: e) }
        var chosen = pick ?? StakeholderPick(name: "stakeholderIds", stakeholders: people)
        if pick == nil { chosen.ids = i.stakeholderIds }
        return InteractionView(interaction: i, stakeholders: people, event: event, users: try await services.store.users(),
                               values: values, pick: chosen, user: user, csrf: context.csrf)
    }
}

/// One interaction: what happened, with whom, and for staff the form to change or delete it.
struct InteractionView {
    var interaction: Interaction
    var stakeholders: [Stakeholder]
    var event: Event?
    var users: [User]
    var values: InteractionFormValues
    var pick: StakeholderPick
    var user: User
    var csrf: String?
    var notice: String?
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    static let notices = ["saved": "Changes saved."]

    func render() -> Response {
        let i = interaction
        let title = i.subject.isEmpty ? "\(i.kind.label) contact" : i.subject
        let who: [HTML] = stakeholders.map { "<a href=\"/stakeholders/\($0.id)\">\($0.displayName)</a>" }
        let staff = i.userIds.compactMap { id in users.first { $0.id == id }?.displayName }
        let attendance: HTML = event.map { e in
            "<p class=\"notice\">This contact records attendance at <a href=\"/events/\(e.id)\">\(e.title)</a>. Change who attended on the event's page; a change there rewrites it.</p>"
        } ?? .empty
        let body: HTML = """
            <h1>\(title)</h1>
            \(Layout.notice(notice, Self.notices))
            \(attendance)
            <dl class="details">
            \(StakeholderDetailView.row("Kind", StakeholderDetailView.text(i.kind.label)))
            \(StakeholderDetailView.row("When", WebTime.show(i.occurredAt, WebTime.defaultZone)))
            \(StakeholderDetailView.row("Who reached out", StakeholderDetailView.text(i.direction.label + (i.isHeard ? " · we heard them" : ""))))
            \(StakeholderDetailView.row("Stakeholders", who.isEmpty ? nil : HTML(raw: who.map(\.text).joined(separator: ", "))))
            \(StakeholderDetailView.row("Staff", StakeholderDetailView.text(staff.isEmpty ? nil : staff.joined(separator: ", "))))
            \(StakeholderDetailView.row("Topics", StakeholderDetailView.tags(i.topics)))
            \(StakeholderDetailView.row("Notes", i.notes.map(Layout.multiline)))
            \(StakeholderDetailView.row("Logged", Layout.when(i.createdAt)))
            </dl>
            \(user.role >= .staff ? forms : .empty)
            """
        return Layout.page(title, user: user, csrf: csrf, current: "/stakeholders", status: status, body)
    }

    var forms: HTML {
        let staffOptions = users.filter { !$0.isDisabled || values.userIds.contains($0.id) }.map { ($0.id, $0.displayName) }
        return """
            <h2 id="edit">Change this interaction</h2>
            \(Layout.errorSummary(errors, level: 3, anchor: InteractionFormView.anchor, label: InteractionFormView.label))
            <form method="post" action="/interactions/\(interaction.id)#edit" novalidate>
            \(Layout.csrfField(csrf))
            \(InteractionFormView.fields(values, errors: errors))
            \(pick.render(legend: "Stakeholders", addLabel: "Add a stakeholder (optional)", errors: errors))
            \(Layout.checkboxes("userIds", legend: "Staff who took part", options: staffOptions, checked: Set(values.userIds), errors: errors))
            <button type="submit">Save changes</button>
            </form>
            <h2>Delete this interaction</h2>
            <p>It leaves the timeline of everyone it names, and their relationship health is recomputed without it.</p>
            <form method="post" action="/interactions/\(interaction.id)/delete">\(Layout.csrfField(csrf))<button type="submit" class="danger">Delete interaction</button></form>
            """
    }
}
