import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension APIController {
    var accountEndpoints: [Endpoint] {
        let accounts = services.accounts, store = services.store
        return [
            Endpoint(method: .get, path: "/api/v1/me", role: .viewer, operationId: "getMe",
                     summary: "The signed-in user", tag: "users", responseSchema: "User") { _, context in
                try Reply.json(UserBody(try context.requireUser()))
            },
            Endpoint(method: .get, path: "/api/v1/users", role: .admin, operationId: "listUsers",
                     summary: "List users", tag: "users", responseSchema: "UserList") { _, _ in
                let list = try await store.users()
                return try Reply.json(ListBody(items: list.map(UserBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/users", role: .admin, operationId: "createUser",
                     summary: "Create a user", tag: "users", requestSchema: "UserInput", responseSchema: "User", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let email = input.string("email", max: 300), name = input.optionalString("displayName", max: 300)
                let role = input.enumeration("role", Role.self), password = input.string("password", max: 200)
                if email == nil { input.fail("email", "is required") }
                if role == nil, input.errors.allSatisfy({ $0.field != "role" }) { input.fail("role", "is required") }
                if password == nil { input.fail("password", "is required") }
                try input.finish()
                let u = try await accounts.createUser(email: email ?? "", displayName: name ?? nil, role: role ?? .viewer, password: password ?? "", actor: context.actor)
                return try Reply.created(UserBody(u), location: "/api/v1/users/\(u.id)")
            },
            Endpoint(method: .get, path: "/api/v1/users/{id}", role: .admin, operationId: "getUser",
                     summary: "Read a user", tag: "users", responseSchema: "User") { request, context in
                try Reply.json(UserBody(try await accounts.user(id: request.pathID(context))))
            },
            Endpoint(method: .patch, path: "/api/v1/users/{id}", role: .admin, operationId: "updateUser",
                     summary: "Change a user's name, role, disabled flag or password", tag: "users", requestSchema: "UserPatch", responseSchema: "User") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let name = input.string("displayName", max: 300), role = input.enumeration("role", Role.self)
                let disabled = input.bool("isDisabled"), password = input.string("password", max: 200)
                try input.finish()
                let id = request.pathID(context)
                if let password { try await accounts.setPassword(userId: id, password: password, actor: context.actor) }
                let u = try await accounts.updateUser(id: id, displayName: name, role: role, isDisabled: disabled, actor: context.actor)
                return try Reply.json(UserBody(u))
            },
            Endpoint(method: .get, path: "/api/v1/tokens", role: .viewer, operationId: "listTokens",
                     summary: "Your API tokens (all tokens, for admins with ?all=true)", tag: "tokens",
                     query: [.q("all", "Admins: list every user's tokens", ["type": "boolean"])], responseSchema: "TokenList") { request, context in
                let user = try context.requireUser()
                let all = request.uri.queryParameters.get("all") == "true" && user.role == .admin
                let list = try await store.tokens(userId: all ? nil : user.id)
                return try Reply.json(ListBody(items: list.map { TokenBody($0) }, nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/tokens", role: .viewer, operationId: "createToken",
                     summary: "Make an API token for yourself; its secret is in this answer only", tag: "tokens",
                     requestSchema: "TokenInput", responseSchema: "TokenCreated", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let name = input.string("name", max: 300)
                if name == nil { input.fail("name", "is required") }
                try input.finish()
                let user = try context.requireUser()
                let (secret, token) = try await accounts.createToken(for: user, name: name ?? "", actor: context.actor)
                return try Reply.created(TokenBody(token, secret: secret), location: "/api/v1/tokens/\(token.id)")
            },
            Endpoint(method: .delete, path: "/api/v1/tokens/{id}", role: .viewer, operationId: "revokeToken",
                     summary: "Revoke a token (your own; admins any)", tag: "tokens", status: 204) { request, context in
                _ = try await accounts.revokeToken(id: request.pathID(context), by: try context.requireUser())
                return Reply.noContent()
            },
            Endpoint(method: .get, path: "/api/v1/audit", role: .admin, operationId: "listAudit",
                     summary: "The audit log, newest first", tag: "audit",
                     query: [.q("entityType", "stakeholder, relationship, group, user or token"), .q("entityId", "One record's history"),
                             .q("actorId", "Changes by one user"), .q("limit", "Page size, 1 to 500", ["type": "integer"]), .q("cursor", "From the previous page's nextCursor")],
                     responseSchema: "AuditList") { request, _ in
                let params = request.uri.queryParameters
                var before: Int64?
                if let c = params.get("cursor"), !c.isEmpty {
                    guard let n = Int64(c), n > 0 else { throw ConveneError.invalid("cursor", "is not a cursor this server gave out") }
                    before = n
                }
                let limit = try request.limit()
                let entries = try await store.auditEntries(AuditQuery(entityType: params.get("entityType"), entityId: params.get("entityId"),
                                                                      actorId: params.get("actorId"), beforeSeq: before, limit: limit))
                let next = entries.count == limit ? entries.last.map { String($0.seq) } : nil
                return try Reply.json(ListBody(items: entries.map(AuditBody.init), nextCursor: next, total: nil, facets: nil))
            },
        ]
    }
}
