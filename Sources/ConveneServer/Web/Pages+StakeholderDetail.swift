import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// A stakeholder's page, its forms, and the changes made from it.
    var stakeholderDetailRoutes: [WebRoute] {
        stakeholderFormRoutes + stakeholderPageRoutes + stakeholderActionRoutes
    }

    var stakeholderPageRoutes: [WebRoute] {
        [
            WebRoute(method: .get, path: "/stakeholders/:id", role: .viewer) { request, context in
                let offset = try Cursor.decode(request.uri.queryParameters.get("timeline"))
                var view = try await detailView(id: request.pathID(context), context: context, timelineOffset: offset)
                view.notice = request.uri.queryParameters.get("notice")
                return view.render()
            },
        ]
    }

    /// Everything the stakeholder page shows, read from the store.
    func detailView(id: String, context: ConveneContext, timelineOffset: Int = 0) async throws -> StakeholderDetailView {
        let user = try context.requireUser()
        let registry = services.registry, store = services.store
        let s = try await registry.stakeholder(id: id)
        let relationships = try await store.relationships(stakeholderId: s.id)
        let otherIds = relationships.map { $0.fromId == s.id ? $0.toId : $0.fromId }
        let related = try await store.stakeholders(ids: Array(Set(otherIds + [s.affiliationId].compactMap { $0 })))
        let byId = Dictionary(related.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var owner: User?
        if let ownerId = s.ownerId, Identifier.isPlausible(ownerId) { owner = try await store.user(id: ownerId) }
        let groups = try await store.groups(stakeholderId: s.id)
        var addable: [StakeholderGroup] = []
        if user.role >= .staff {
            let member = Set(groups.map(\.id))
            addable = try await store.groups().filter { $0.kind == .static && !member.contains($0.id) }
        }
        let history = try await store.auditEntries(AuditQuery(entityType: "stakeholder", entityId: s.id, limit: 50))
        let engagement = try await stakeholderEngagement(s, user: user, offset: timelineOffset)
        var view = StakeholderDetailView(stakeholder: s, affiliation: s.affiliationId.flatMap { byId[$0] }, owner: owner,
                                         relationships: relationships, others: byId, groups: groups, addableGroups: addable,
                                         history: history, user: user, csrf: context.csrf, engagement: engagement)
        let work = try await store.workReferrers(to: WorkLink(.stakeholder, s.id))
        let book = try await NameBook.load(work, services: services)
        view.work = work.compactMap { link in
            guard let kind = WorkKind(rawValue: link.kind), let entry = book.entries[link] else { return nil }
            return (kind, link.id, entry.label)
        }
        return view
    }
}
