import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// New and edit forms for a stakeholder.
    var stakeholderFormRoutes: [WebRoute] {
        let registry = services.registry
        let lookup = StakeholderLookup(registry: registry)
        return [
            WebRoute(method: .get, path: "/stakeholders/new", role: .staff) { _, context in
                try await formView(.create, StakeholderFormValues(), context: context).render()
            },
            WebRoute(method: .post, path: "/stakeholders/new", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                var values = StakeholderFormValues(form: form)
                var draft = values.draft()
                try await values.resolveAffiliation(into: &draft, lookup: lookup, selfId: nil)
                values.keepAffiliationChoice()
                if !draft.errors.isEmpty {
                    return try await invalidForm(.create, values, draft, base: Stakeholder(), context: context)
                }
                do {
                    let s = try await registry.create(draft.patch, actor: context.actor)
                    return WebSession.redirect(to: "/stakeholders/\(s.id)?notice=created")
                } catch ConveneError.invalid(let errors) {
                    var view = try await formView(.create, values, context: context)
                    view.errors = draft.formErrors(errors)
                    view.status = .unprocessableContent
                    return view.render()
                }
            },
            WebRoute(method: .get, path: "/stakeholders/:id/edit", role: .staff) { request, context in
                let s = try await registry.stakeholder(id: request.pathID(context))
                var orgName: String?
                if let org = s.affiliationId { orgName = try await registry.store.stakeholder(id: org)?.displayName }
                let values = StakeholderFormValues(s, affiliationName: orgName)
                return try await formView(.edit(id: s.id, name: s.displayName), values, context: context, extraTypes: s.types).render()
            },
            WebRoute(method: .post, path: "/stakeholders/:id/edit", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let before = try await registry.stakeholder(id: request.pathID(context))
                let mode = StakeholderFormView.Mode.edit(id: before.id, name: before.displayName)
                var values = StakeholderFormValues(form: form)
                var draft = values.draft()
                try await values.resolveAffiliation(into: &draft, lookup: lookup, selfId: before.id)
                values.keepAffiliationChoice()
                if !draft.errors.isEmpty {
                    return try await invalidForm(mode, values, draft, base: before, context: context)
                }
                do {
                    let version = values.version.trimmedText
                    _ = try await registry.update(id: before.id, draft.patch, actor: context.actor, ifVersion: version.isEmpty ? nil : version)
                    return WebSession.redirect(to: "/stakeholders/\(before.id)?notice=saved")
                } catch ConveneError.invalid(let errors) {
                    var view = try await formView(mode, values, context: context, extraTypes: before.types)
                    view.errors = draft.formErrors(errors)
                    view.status = .unprocessableContent
                    return view.render()
                } catch ConveneError.conflict {
                    var view = try await formView(mode, values, context: context, extraTypes: before.types)
                    view.message = """
                        <h2>Your changes were not saved</h2>
                        <p>Someone else changed this stakeholder after you opened this form. Saving now would overwrite their changes.
                        Open <a href="/stakeholders/\(before.id)" target="_blank" rel="noopener">the current version</a> (in a new tab),
                        then edit it again and make your changes there. What you typed is still below.</p>
                        """
                    view.status = .conflict
                    return view.render()
                }
            },
        ]
    }

    /// The form, with the users to pick an owner from and the types to offer.
    func formView(_ mode: StakeholderFormView.Mode, _ values: StakeholderFormValues, context: ConveneContext,
                  extraTypes: [String] = []) async throws -> StakeholderFormView {
        let user = try context.requireUser()
        let users = try await services.store.users().sorted { $0.displayName.localizedCaseInsensitiveCompare($1.displayName) == .orderedAscending }
        let builtIn = StakeholderType.builtIn
        let known = services.registry.knownTypes.subtracting(builtIn).sorted()
        var types = builtIn + known
        for t in extraTypes + values.types where !types.contains(t) { types.append(t) }
        return StakeholderFormView(mode: mode, values: values, users: users, types: types, user: user, csrf: context.csrf)
    }

    /// The form again (422) with the errors the form found, plus the domain's rules on the
    /// fields that did read, so the person sees every problem at once.
    func invalidForm(_ mode: StakeholderFormView.Mode, _ values: StakeholderFormValues, _ draft: StakeholderFormDraft,
                     base: Stakeholder, context: ConveneContext) async throws -> Response {
        var patch = draft.patch
        patch.affiliationId = nil
        patch.ownerId = nil
        let (_, rules) = StakeholderValidation.normalized(patch.applied(to: base), knownTypes: services.registry.knownTypes)
        let seen = Set(draft.errors.map(\.field))
        let more = draft.formErrors(rules).filter { !seen.contains($0.field) }
        var view = try await formView(mode, values, context: context, extraTypes: base.types)
        view.errors = draft.errors + more
        view.affiliationChoices = draft.affiliationChoices
        view.status = .unprocessableContent
        return view.render()
    }
}
