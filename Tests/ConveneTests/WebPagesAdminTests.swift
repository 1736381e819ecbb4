import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web pages: groups, duplicates, tokens, users, audit")
struct WebPagesAdminTests {
    @Test("merging from the duplicates page moves a relationship to the kept record")
    func mergeMovesRelationship() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        func make(_ name: String, email: String?) async throws -> Stakeholder {
            var p = StakeholderPatch()
            p.displayName = name
            p.emails = email.map { [ContactPoint($0)] } ?? []
            return try await app.registry.create(p, actor: .system)
        }
        let keep = try await make("Ana Ruiz", email: "ana@example.org")
        let remove = try await make("Ana M. Ruiz", email: "ana@example.org")
        let child = try await make("Leo Ruiz", email: nil)
        var rel = RelationshipPatch()
        (rel.fromId, rel.toId, rel.type) = (remove.id, child.id, .parentOf)
        _ = try await app.registry.createRelationship(rel, actor: .system)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let page = try await client.get("/duplicates", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("Ana M. Ruiz"))
            #expect(page.text.contains("same email"))
            #expect(page.text.contains("Keep left, merge right into it"))
            let r = try await client.postForm("/duplicates/merge", [("_csrf", csrf), ("keepId", keep.id), ("removeId", remove.id)], cookie: cookie)
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/stakeholders/\(keep.id)?notice=merged")
            let kept = try await client.get("/stakeholders/\(keep.id)?notice=merged", cookie: cookie)
            #expect(kept.text.contains("Merged."))
            #expect(kept.text.contains("<td>parent of</td><td><a href=\"/stakeholders/\(child.id)\">Leo Ruiz</a></td>"))
            let childPage = try await client.get("/stakeholders/\(child.id)", cookie: cookie)
            #expect(childPage.text.contains("<td>child of</td><td><a href=\"/stakeholders/\(keep.id)\">Ana Ruiz</a></td>"))
            #expect(try await client.get("/stakeholders/\(remove.id)", cookie: cookie).status == .notFound)
            let after = try await client.get("/duplicates", cookie: cookie)
            #expect(after.text.contains("No possible duplicates found."))
        }
    }

    @Test("a new token's secret is shown once, with a warning, and never on the list")
    func tokenShownOnce() async throws {
        let app = try TestApp.make()
        let viewer = try await app.user(.viewer)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: viewer.user.email)
            let r = try await client.postForm("/account/tokens", [("_csrf", csrf), ("name", "board report script")], cookie: cookie)
            #expect(r.status == .ok)
            #expect(r.headers[.cacheControl] == "no-store")
            #expect(r.text.contains("it will not be shown again"))
            let secret = try #require(WebForm.hiddenValue(r.text.replacingOccurrences(of: "id=\"new-token\" type=\"text\" readonly", with: "name=\"secret\""), "secret"))
            #expect(secret.hasPrefix("cvn_"))
            #expect(try await client.send(.get, "/api/v1/me", token: secret).status == .ok)
            let list = try await client.get("/account/tokens", cookie: cookie)
            #expect(list.text.contains("board report script"))
            #expect(!list.text.contains(secret))
            #expect(list.text.contains(String(secret.prefix(10))))
        }
    }

    @Test("groups: create a static group, add a stakeholder from its page, list and remove the member")
    func groups() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let ana = try await app.registry.create({ var p = StakeholderPatch(); p.displayName = "Ana Ruiz"; return p }(), actor: .system)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let bad = try await client.postForm("/groups", [("_csrf", csrf), ("name", ""), ("kind", "saved-search"), ("query", "")], cookie: cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"name-error\""))
            let made = try await client.postForm("/groups", [("_csrf", csrf), ("name", "Budget committee"), ("description", ""), ("kind", "static"), ("query", "")], cookie: cookie)
            #expect(made.status == .seeOther)
            let groupId = String(try #require(made.headers[.location]).dropFirst("/groups/".count).prefix { $0 != "?" })
            let added = try await client.postForm("/stakeholders/\(ana.id)/groups", [("_csrf", csrf), ("groupId", groupId)], cookie: cookie)
            #expect(added.status == .seeOther)
            let list = try await client.get("/groups", cookie: cookie)
            #expect(list.text.contains("Budget committee"))
            #expect(list.text.contains("1 member"))
            let page = try await client.get("/groups/\(groupId)", cookie: cookie)
            #expect(page.text.contains("<a href=\"/stakeholders/\(ana.id)\">Ana Ruiz</a>"))
            let removed = try await client.postForm("/groups/\(groupId)/members/remove", [("_csrf", csrf), ("stakeholderId", ana.id)], cookie: cookie)
            #expect(removed.status == .seeOther)
            #expect(try await app.store.staticMemberCount(groupId: groupId) == 0)
        }
    }

    @Test("admin: demoting the last admin is refused on the page; the audit log lists changes")
    func adminPages() async throws {
        let app = try TestApp.make()
        let admin = try await app.user(.admin)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: admin.user.email)
            let r = try await client.postForm("/admin/users/\(admin.user.id)", [("_csrf", csrf), ("action", "role"), ("role", "staff")], cookie: cookie)
            #expect(r.status == .conflict)
            #expect(r.text.contains("last active admin"))
            let made = try await client.postForm("/admin/users", [("_csrf", csrf), ("email", "new@example.org"), ("displayName", "New Person"), ("role", "staff"), ("password", "long enough password")], cookie: cookie)
            #expect(made.status == .seeOther)
            let users = try await client.get("/admin/users", cookie: cookie)
            #expect(users.text.contains("New Person"))
            let audit = try await client.get("/audit?entityType=user", cookie: cookie)
            #expect(audit.status == .ok)
            #expect(audit.text.contains("&quot;email&quot; : &quot;new@example.org&quot;"))
        }
    }
}
