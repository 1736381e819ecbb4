import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension APIController {
    var stakeholderEndpoints: [Endpoint] {
        let registry = services.registry
        let listQuery: [Endpoint.QueryParameter] = [
            .q("q", "Full-text search: words, \"phrases\", prefix*, and filters such as type:parent"),
            .q("type", "Stakeholder types, any of (repeat or comma-separate)"), .q("level", "Jurisdiction levels, any of"),
            .q("area", "Schools or areas, any of"), .q("tag", "Tags, any of"), .q("topic", "Topics, any of"),
            .q("consent", "Consent statuses, any of"), .q("owner", "Owner user ids, any of"), .q("kind", "person or organization"),
            .q("affiliation", "Affiliated organization id"), .q("group", "Static group id"),
            .q("archived", "exclude (default), only or include"),
            .q("facets", "Facet fields to count (type, level, area, tag, topic, consent, owner, kind), or `true` for all"),
            .q("limit", "Page size, 1 to 500", ["type": "integer", "minimum": 1, "maximum": 500]), .q("cursor", "From the previous page's nextCursor"),
        ]
        return [
            Endpoint(method: .get, path: "/api/v1/stakeholders", role: .viewer, operationId: "listStakeholders",
                     summary: "Search and list stakeholders, with facet counts", tag: "stakeholders", query: listQuery,
                     responseSchema: "StakeholderList") { request, _ in
                let query = try StakeholderQuery(request: request)
                let page = try await registry.search(query)
                var facets: [String: [FacetCount]]?
                let asked = request.queryList("facets")
                if !asked.isEmpty {
                    let fields = asked == ["true"] ? FacetField.allCases : try asked.map { name in
                        guard let f = FacetField(rawValue: name) else { throw ConveneError.invalid("facets", "unknown facet \"\(name.prefix(40))\"") }
                        return f
                    }
                    facets = Dictionary(uniqueKeysWithValues: try await registry.facets(query, fields: fields).map { ($0.key.rawValue, $0.value) })
                }
                return try Reply.json(ListBody(items: page.items.map(StakeholderBody.init), nextCursor: Cursor.next(offset: query.offset, count: page.items.count, total: page.total),
                                               total: page.total, facets: facets))
            },
            Endpoint(method: .post, path: "/api/v1/stakeholders", role: .staff, operationId: "createStakeholder",
                     summary: "Create a stakeholder", tag: "stakeholders", requestSchema: "StakeholderInput", responseSchema: "Stakeholder", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.stakeholderPatch()
                try input.finish()
                let s = try await registry.create(patch, actor: context.actor)
                return try Reply.json(StakeholderBody(s), status: .created, headers: [.location: "/api/v1/stakeholders/\(s.id)", .eTag: "\"\(Registry.version(of: s.updatedAt))\""])
            },
            Endpoint(method: .get, path: "/api/v1/stakeholders/{id}", role: .viewer, operationId: "getStakeholder",
                     summary: "Read a stakeholder", tag: "stakeholders", responseSchema: "Stakeholder") { request, context in
                let s = try await registry.stakeholder(id: request.pathID(context))
                return try Reply.json(StakeholderBody(s), headers: [.eTag: "\"\(Registry.version(of: s.updatedAt))\""])
            },
            Endpoint(method: .patch, path: "/api/v1/stakeholders/{id}", role: .staff, operationId: "updateStakeholder",
                     summary: "Change a stakeholder's given fields (If-Match supported)", tag: "stakeholders",
                     requestSchema: "StakeholderInput", responseSchema: "Stakeholder") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.stakeholderPatch()
                try input.finish()
                let version = request.headers[.ifMatch].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/")) }
                let s = try await registry.update(id: request.pathID(context), patch, actor: context.actor, ifVersion: version)
                return try Reply.json(StakeholderBody(s), headers: [.eTag: "\"\(Registry.version(of: s.updatedAt))\""])
            },
            Endpoint(method: .delete, path: "/api/v1/stakeholders/{id}", role: .admin, operationId: "eraseStakeholder",
                     summary: "Erase a stakeholder for good, with their relationships and memberships (archive instead to keep them)",
                     tag: "stakeholders", status: 204) { request, context in
                try await registry.delete(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
            Endpoint(method: .post, path: "/api/v1/stakeholders/{id}/archive", role: .staff, operationId: "archiveStakeholder",
                     summary: "Archive a stakeholder (hidden from lists, kept whole)", tag: "stakeholders", responseSchema: "Stakeholder") { request, context in
                try Reply.json(StakeholderBody(try await registry.setArchived(id: request.pathID(context), true, actor: context.actor)))
            },
            Endpoint(method: .post, path: "/api/v1/stakeholders/{id}/restore", role: .staff, operationId: "restoreStakeholder",
                     summary: "Bring an archived stakeholder back", tag: "stakeholders", responseSchema: "Stakeholder") { request, context in
                try Reply.json(StakeholderBody(try await registry.setArchived(id: request.pathID(context), false, actor: context.actor)))
            },
            Endpoint(method: .get, path: "/api/v1/stakeholders/{id}/relationships", role: .viewer, operationId: "listStakeholderRelationships",
                     summary: "A stakeholder's relationships, both directions", tag: "relationships", responseSchema: "RelationshipList") { request, context in
                let list = try await registry.relationships(of: request.pathID(context))
                return try Reply.json(ListBody(items: list.map(RelationshipBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .get, path: "/api/v1/stakeholders/{id}/groups", role: .viewer, operationId: "listStakeholderGroups",
                     summary: "The static groups a stakeholder belongs to", tag: "groups", responseSchema: "GroupList") { request, context in
                let s = try await registry.stakeholder(id: request.pathID(context))
                let list = try await registry.store.groups(stakeholderId: s.id)
                return try Reply.json(ListBody(items: list.map(GroupBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .get, path: "/api/v1/duplicates", role: .viewer, operationId: "listDuplicates",
                     summary: "Pairs of stakeholders that may be the same, with the reasons", tag: "duplicates",
                     query: [.q("limit", "At most this many pairs", ["type": "integer", "minimum": 1, "maximum": 500])],
                     responseSchema: "DuplicateList") { request, _ in
                let pairs = try await registry.duplicatePairs(limit: try request.limit(default: 100))
                let records = Dictionary(uniqueKeysWithValues: try await registry.store.stakeholders(ids: pairs.flatMap { [$0.firstId, $0.secondId] }).map { ($0.id, $0) })
                let items = pairs.compactMap { p -> DuplicateBody? in
                    guard let a = records[p.firstId], let b = records[p.secondId] else { return nil }
                    return DuplicateBody(first: StakeholderBody(a), second: StakeholderBody(b), reasons: p.reasons, score: (p.score * 1000).rounded() / 1000)
                }
                return try Reply.json(ListBody(items: items, nextCursor: nil, total: items.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/duplicates/merge", role: .staff, operationId: "mergeStakeholders",
                     summary: "Merge one stakeholder into another (relationships and memberships move)", tag: "duplicates",
                     requestSchema: "MergeInput", responseSchema: "Stakeholder") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let keep = input.string("keepId", max: 100), remove = input.string("removeId", max: 100)
                if keep == nil { input.fail("keepId", "is required") }
                if remove == nil { input.fail("removeId", "is required") }
                try input.finish()
                return try Reply.json(StakeholderBody(try await registry.merge(keepId: keep ?? "", removeId: remove ?? "", actor: context.actor)))
            },
            Endpoint(method: .post, path: "/api/v1/duplicates/dismiss", role: .staff, operationId: "dismissDuplicate",
                     summary: "Mark a pair as not duplicates, so it is not suggested again", tag: "duplicates",
                     requestSchema: "DismissInput", status: 204) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let a = input.string("firstId", max: 100), b = input.string("secondId", max: 100)
                if a == nil { input.fail("firstId", "is required") }
                if b == nil { input.fail("secondId", "is required") }
                try input.finish()
                try await registry.dismissDuplicate(a ?? "", b ?? "", actor: context.actor)
                return Reply.noContent()
            },
        ]
    }
}
