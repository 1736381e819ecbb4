import ConveneCore
import HTTPTypes
import Hummingbird
import NIOCore

extension APIController {
    var relationshipEndpoints: [Endpoint] {
        let registry = services.registry
        return [
            Endpoint(method: .post, path: "/api/v1/relationships", role: .staff, operationId: "createRelationship",
                     summary: "Relate two stakeholders", tag: "relationships", requestSchema: "RelationshipInput",
                     responseSchema: "Relationship", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.relationshipPatch()
                try input.finish()
                let r = try await registry.createRelationship(patch, actor: context.actor)
                return try Reply.created(RelationshipBody(r), location: "/api/v1/relationships/\(r.id)")
            },
            Endpoint(method: .get, path: "/api/v1/relationships/{id}", role: .viewer, operationId: "getRelationship",
                     summary: "Read a relationship", tag: "relationships", responseSchema: "Relationship") { request, context in
                try Reply.json(RelationshipBody(try await registry.relationship(id: request.pathID(context))))
            },
            Endpoint(method: .patch, path: "/api/v1/relationships/{id}", role: .staff, operationId: "updateRelationship",
                     summary: "Change a relationship's given fields", tag: "relationships", requestSchema: "RelationshipInput",
                     responseSchema: "Relationship") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.relationshipPatch()
                try input.finish()
                return try Reply.json(RelationshipBody(try await registry.updateRelationship(id: request.pathID(context), patch, actor: context.actor)))
            },
            Endpoint(method: .delete, path: "/api/v1/relationships/{id}", role: .staff, operationId: "deleteRelationship",
                     summary: "Remove a relationship", tag: "relationships", status: 204) { request, context in
                try await registry.deleteRelationship(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
        ]
    }

    var groupEndpoints: [Endpoint] {
        let registry = services.registry
        return [
            Endpoint(method: .get, path: "/api/v1/groups", role: .viewer, operationId: "listGroups",
                     summary: "List groups", tag: "groups", responseSchema: "GroupList") { _, _ in
                let list = try await registry.store.groups()
                return try Reply.json(ListBody(items: list.map(GroupBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/groups", role: .staff, operationId: "createGroup",
                     summary: "Create a static group or a saved search", tag: "groups", requestSchema: "GroupInput",
                     responseSchema: "Group", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.groupPatch()
                try input.finish()
                let g = try await registry.createGroup(patch, actor: context.actor)
                return try Reply.created(GroupBody(g), location: "/api/v1/groups/\(g.id)")
            },
            Endpoint(method: .get, path: "/api/v1/groups/{id}", role: .viewer, operationId: "getGroup",
                     summary: "Read a group", tag: "groups", responseSchema: "Group") { request, context in
                try Reply.json(GroupBody(try await registry.group(id: request.pathID(context))))
            },
            Endpoint(method: .patch, path: "/api/v1/groups/{id}", role: .staff, operationId: "updateGroup",
                     summary: "Change a group's given fields", tag: "groups", requestSchema: "GroupInput", responseSchema: "Group") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.groupPatch()
                try input.finish()
                return try Reply.json(GroupBody(try await registry.updateGroup(id: request.pathID(context), patch, actor: context.actor)))
            },
            Endpoint(method: .delete, path: "/api/v1/groups/{id}", role: .staff, operationId: "deleteGroup",
                     summary: "Delete a group (its members stay in the registry)", tag: "groups", status: 204) { request, context in
                try await registry.deleteGroup(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
            Endpoint(method: .get, path: "/api/v1/groups/{id}/members", role: .viewer, operationId: "listGroupMembers",
                     summary: "A group's members: its list, or what its saved search finds now", tag: "groups",
                     query: [.q("limit", "Page size, 1 to 500", ["type": "integer"]), .q("cursor", "From the previous page's nextCursor")],
                     responseSchema: "StakeholderList") { request, context in
                let limit = try request.limit(), offset = try Cursor.decode(request.uri.queryParameters.get("cursor"))
                let page = try await registry.members(of: request.pathID(context), limit: limit, offset: offset)
                return try Reply.json(ListBody(items: page.items.map(StakeholderBody.init), nextCursor: Cursor.next(offset: offset, count: page.items.count, total: page.total), total: page.total, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/groups/{id}/members", role: .staff, operationId: "addGroupMembers",
                     summary: "Add stakeholders to a static group", tag: "groups", requestSchema: "MembersInput", responseSchema: "MembersChanged") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let ids = input.strings("stakeholderIds", maxItems: 1000)
                if ids == nil, input.errors.isEmpty { input.fail("stakeholderIds", "is required") }
                try input.finish()
                let n = try await registry.addMembers(groupId: request.pathID(context), stakeholderIds: ids ?? [], actor: context.actor)
                return try Reply.json(["changed": n])
            },
            Endpoint(method: .post, path: "/api/v1/groups/{id}/members/remove", role: .staff, operationId: "removeGroupMembers",
                     summary: "Remove stakeholders from a static group", tag: "groups", requestSchema: "MembersInput", responseSchema: "MembersChanged") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let ids = input.strings("stakeholderIds", maxItems: 1000)
                if ids == nil, input.errors.isEmpty { input.fail("stakeholderIds", "is required") }
                try input.finish()
                let n = try await registry.removeMembers(groupId: request.pathID(context), stakeholderIds: ids ?? [], actor: context.actor)
                return try Reply.json(["changed": n])
            },
        ]
    }
}
