import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web pages: stakeholders")
struct WebPagesTests {
    /// The id in a redirect to `/stakeholders/{id}…`.
    static func stakeholderId(_ r: TestResponse) throws -> String {
        let location = try #require(r.headers[.location])
        #expect(location.hasPrefix("/stakeholders/"))
        return String(location.dropFirst("/stakeholders/".count).prefix { $0 != "?" && $0 != "#" && $0 != "/" })
    }

    @Test("a stakeholder created through the form shows on its page")
    func createThroughForm() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let empty = try await client.get("/stakeholders/new", cookie: cookie)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("<label for=\"f-displayName\">"))
            let r = try await client.postForm("/stakeholders/new", [
                ("_csrf", csrf), ("kind", "person"), ("displayName", ""), ("givenName", "Ana"), ("familyName", "Ruiz"),
                ("types", ""), ("types", "parent"), ("areas", "Lincoln Elementary, \"North, East campus\""),
                ("emails[0].value", "ana@example.org"), ("emails[0].label", "home"), ("emails[1].value", ""), ("emails[1].label", ""),
                ("phones[0].value", "+1 555 010 2000"), ("phones[0].label", ""),
                ("consent.status", "granted"), ("consent.channels", ""), ("consent.channels", "email"), ("consent.since", "2026-08-01"),
                ("consent.source", "fall forum"), ("influence", "4"), ("interest", ""), ("engagementTarget", "involve"),
                ("notes", "Line one\r\nLine two"), ("ownerId", staff.user.id),
            ], cookie: cookie)
            #expect(r.status == .seeOther)
            let id = try Self.stakeholderId(r)
            let page = try await client.get("/stakeholders/\(id)?notice=created", cookie: cookie)
            #expect(page.status == .ok)
            for text in ["Ana Ruiz", "Stakeholder created.", "href=\"mailto:ana@example.org\"", "href=\"tel:+15550102000\"", "Parent",
                         "North, East campus", "4 of 5", "Involve", "fall forum", "2026-08-01", "Line one<br>Line two", staff.user.displayName] {
                #expect(page.text.contains(text), "missing \(text)")
            }
            let stored = try await app.registry.stakeholder(id: id)
            #expect(stored.areas == ["Lincoln Elementary", "North, East campus"])
            #expect(stored.emails == [ContactPoint("ana@example.org", label: "home")])
            #expect(stored.notes == "Line one\nLine two")
        }
    }

    @Test("an invalid email and influence 9 come back as 422 with each error at its field and the typed values kept")
    func invalidForm() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let r = try await client.postForm("/stakeholders/new", [
                ("_csrf", csrf), ("kind", "person"), ("displayName", "Bo Chen"), ("emails[0].value", "not-an-email"),
                ("emails[0].label", "work"), ("influence", "9"), ("consent.status", "unknown"), ("consent.since", "01/02/2026"),
            ], cookie: cookie)
            #expect(r.status == .unprocessableContent)
            let html = r.text
            #expect(html.contains("role=\"alert\""))
            #expect(html.contains("href=\"#f-emails[0].value\""))
            #expect(html.contains("href=\"#f-influence\""))
            #expect(html.contains("<p class=\"error\" id=\"emails[0].value-error\">&quot;not-an-email&quot; is not an email address</p>"))
            #expect(html.contains("<p class=\"error\" id=\"influence-error\">must be a whole number from 1 to 5</p>"))
            #expect(html.contains("id=\"consent.since-error\""))
            #expect(html.contains("value=\"not-an-email\" aria-describedby=\"emails[0].value-error\" aria-invalid=\"true\""))
            #expect(html.contains("<option value=\"9\" selected>"))
            #expect(html.contains("value=\"Bo Chen\""))
            #expect(html.contains("value=\"01/02/2026\""))
            #expect(try await app.store.countStakeholders() == 0)
        }
    }

    @Test("saving the edit form keeps every contact point, address and field it does not change")
    func editKeepsData() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        var patch = StakeholderPatch()
        patch.displayName = "Ana Ruiz"
        patch.emails = [ContactPoint("ana@example.org", label: "home"), ContactPoint("ana.ruiz@district.example.org", label: "work")]
        patch.phones = [ContactPoint("555-010-2000")]
        patch.addresses = [PostalAddress(street: "1 Main St", locality: "Springfield", postalCode: "12345")]
        patch.links = [ContactPoint("https://example.org/ana")]
        patch.consent = Consent(status: .granted, channels: [.email, .sms], since: CalendarDate("2025-01-02"), source: "form")
        patch.areas = ["Lincoln, East campus"]
        patch.influence = 3
        let org = try await app.registry.create({ var p = StakeholderPatch(); p.kind = .organization; p.displayName = "Lincoln PTA"; return p }(), actor: .system)
        patch.affiliationId = org.id
        let before = try await app.registry.create(patch, actor: .system)
        try await app.test { client in
            let (cookie, _) = try await client.signIn(email: staff.user.email)
            let page = try await client.get("/stakeholders/\(before.id)/edit", cookie: cookie)
            #expect(page.status == .ok)
            var form = try #require(BrowserForm(page.text, action: "/stakeholders/\(before.id)/edit"))
            #expect(form.first("emails[1].value") == "ana.ruiz@district.example.org")
            #expect(form.first("affiliation") == "Lincoln PTA")
            form.set("title", "PTA treasurer")
            let r = try await client.postForm("/stakeholders/\(before.id)/edit", form.fields, cookie: cookie)
            #expect(r.status == .seeOther)
            let after = try await app.registry.stakeholder(id: before.id)
            var expected = before
            expected.title = "PTA treasurer"
            expected.updatedAt = after.updatedAt
            #expect(after == expected)
        }
    }

    @Test("an affiliation typed by name: several matches offer a choice, and the choice is saved")
    func affiliationByName() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        func org(_ name: String) async throws -> Stakeholder {
            try await app.registry.create({ var p = StakeholderPatch(); p.kind = .organization; p.displayName = name; return p }(), actor: .system)
        }
        let pta = try await org("Lincoln PTA"), _ = try await org("Lincoln Elementary")
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let fields = [("_csrf", csrf), ("kind", "person"), ("displayName", "Ana Ruiz"), ("affiliation", "lincoln")]
            let ambiguous = try await client.postForm("/stakeholders/new", fields, cookie: cookie)
            #expect(ambiguous.status == .unprocessableContent)
            #expect(ambiguous.text.contains("matches 2 organizations"))
            #expect(ambiguous.text.contains("name=\"affiliationChoice\" value=\"\(pta.id)\""))
            let chosen = try await client.postForm("/stakeholders/new", fields + [("affiliationChoice", pta.id)], cookie: cookie)
            #expect(chosen.status == .seeOther)
            #expect(try await app.registry.stakeholder(id: try Self.stakeholderId(chosen)).affiliationId == pta.id)
            let exact = try await client.postForm("/stakeholders/new", [("_csrf", csrf), ("displayName", "Bo Chen"), ("affiliation", "lincoln pta")], cookie: cookie)
            #expect(try await app.registry.stakeholder(id: try Self.stakeholderId(exact)).affiliationId == pta.id)
        }
    }

    @Test("a stale version gives a conflict message and overwrites nothing")
    func staleVersion() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let s = try await app.registry.create({ var p = StakeholderPatch(); p.displayName = "Ana Ruiz"; return p }(), actor: .system)
        try await app.test { client in
            let (cookie, _) = try await client.signIn(email: staff.user.email)
            let page = try await client.get("/stakeholders/\(s.id)/edit", cookie: cookie)
            var form = try #require(BrowserForm(page.text, action: "/stakeholders/\(s.id)/edit"))
            _ = try await app.registry.update(id: s.id, { var p = StakeholderPatch(); p.title = "Principal"; return p }(), actor: .system,
                                              now: Date().addingTimeInterval(1))
            form.set("title", "Parent")
            let r = try await client.postForm("/stakeholders/\(s.id)/edit", form.fields, cookie: cookie)
            #expect(r.status == .conflict)
            #expect(r.text.contains("Your changes were not saved"))
            #expect(r.text.contains("value=\"Parent\""))
            #expect(try await app.registry.stakeholder(id: s.id).title == "Principal")
        }
    }

    @Test("HTML in a name is shown as text on the detail and list pages")
    func escaping() async throws {
        let app = try TestApp.make()
        let viewer = try await app.user(.viewer)
        let s = try await app.registry.create({ var p = StakeholderPatch(); p.displayName = "<script>alert(1)</script> Evil & Co"; return p }(), actor: .system)
        try await app.test { client in
            let (cookie, _) = try await client.signIn(email: viewer.user.email)
            for path in ["/stakeholders/\(s.id)", "/stakeholders"] {
                let page = try await client.get(path, cookie: cookie)
                #expect(page.status == .ok)
                #expect(!page.text.contains("<script>alert(1)"))
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; Evil &amp; Co"))
            }
        }
    }

    @Test("a viewer cannot create and sees no Edit button")
    func viewerCannotChange() async throws {
        let app = try TestApp.make()
        let viewer = try await app.user(.viewer)
        let s = try await app.registry.create({ var p = StakeholderPatch(); p.displayName = "Ana Ruiz"; return p }(), actor: .system)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: viewer.user.email)
            let r = try await client.postForm("/stakeholders/new", [("_csrf", csrf), ("displayName", "Bo Chen")], cookie: cookie)
            #expect(r.status == .forbidden)
            let page = try await client.get("/stakeholders/\(s.id)", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("Ana Ruiz"))
            #expect(!page.text.contains("/stakeholders/\(s.id)/edit"))
            #expect(!page.text.contains(">Edit<"))
            #expect(!page.text.contains("Archive</button>"))
            #expect(!page.text.contains("Add a relationship"))
            #expect(try await app.store.countStakeholders() == 1)
        }
    }

    @Test("a form without the CSRF field is refused and changes nothing")
    func csrfRequired() async throws {
        let app = try TestApp.make()
        let admin = try await app.user(.admin)
        let s = try await app.registry.create({ var p = StakeholderPatch(); p.displayName = "Ana Ruiz"; return p }(), actor: .system)
        try await app.test { client in
            let (cookie, _) = try await client.signIn(email: admin.user.email)
            let created = try await client.postForm("/stakeholders/new", [("displayName", "Bo Chen")], cookie: cookie)
            #expect(created.status == .forbidden)
            let forged = try await client.postForm("/stakeholders/\(s.id)/archive", [("_csrf", "not-the-token")], cookie: cookie)
            #expect(forged.status == .forbidden)
            let erased = try await client.postForm("/stakeholders/\(s.id)/erase", [("confirm", "yes")], cookie: cookie)
            #expect(erased.status == .forbidden)
            #expect(try await app.store.countStakeholders() == 1)
            #expect(try await app.registry.stakeholder(id: s.id).isArchived == false)
        }
    }

    @Test("archive and restore need staff; erasing needs an admin and the confirmation box")
    func archiveRestoreErase() async throws {
        let app = try TestApp.make()
        let admin = try await app.user(.admin)
        let s = try await app.registry.create({ var p = StakeholderPatch(); p.displayName = "Ana Ruiz"; return p }(), actor: .system)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: admin.user.email)
            let archived = try await client.postForm("/stakeholders/\(s.id)/archive", [("_csrf", csrf)], cookie: cookie)
            #expect(archived.headers[.location] == "/stakeholders/\(s.id)?notice=archived")
            let page = try await client.get("/stakeholders/\(s.id)?notice=archived", cookie: cookie)
            #expect(page.text.contains("Restore from archive"))
            #expect(page.text.contains("<span class=\"tag\">archived</span>"))
            _ = try await client.postForm("/stakeholders/\(s.id)/restore", [("_csrf", csrf)], cookie: cookie)
            #expect(try await app.registry.stakeholder(id: s.id).isArchived == false)
            let unconfirmed = try await client.postForm("/stakeholders/\(s.id)/erase", [("_csrf", csrf)], cookie: cookie)
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(unconfirmed.text.contains("id=\"confirm-error\""))
            #expect(try await app.store.countStakeholders() == 1)
            let erased = try await client.postForm("/stakeholders/\(s.id)/erase", [("_csrf", csrf), ("confirm", "yes")], cookie: cookie)
            #expect(erased.status == .seeOther)
            #expect(try await client.get("/stakeholders/\(s.id)", cookie: cookie).status == .notFound)
        }
    }

    @Test("a relationship by name: several matches offer a choice, the choice is saved, and it can be removed")
    func relationshipByName() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        func make(_ name: String) async throws -> Stakeholder {
            try await app.registry.create({ var p = StakeholderPatch(); p.displayName = name; return p }(), actor: .system)
        }
        let ana = try await make("Ana Ruiz"), leo = try await make("Leo Ruiz"), _ = try await make("Leo Ruiz Sr")
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let fields = [("_csrf", csrf), ("type", "parent-of"), ("other", "leo"), ("startsOn", ""), ("endsOn", ""), ("notes", "")]
            let ambiguous = try await client.postForm("/stakeholders/\(ana.id)/relationships", fields, cookie: cookie)
            #expect(ambiguous.status == .unprocessableContent)
            #expect(ambiguous.text.contains("matches 2 stakeholders"))
            #expect(ambiguous.text.contains("name=\"otherChoice\" value=\"\(leo.id)\""))
            let chosen = try await client.postForm("/stakeholders/\(ana.id)/relationships", fields + [("otherChoice", leo.id)], cookie: cookie)
            #expect(chosen.status == .seeOther)
            let rels = try await app.registry.relationships(of: ana.id)
            #expect(rels.count == 1 && rels[0].toId == leo.id && rels[0].type == .parentOf)
            let removed = try await client.postForm("/relationships/\(rels[0].id)/delete", [("_csrf", csrf), ("stakeholderId", ana.id)], cookie: cookie)
            #expect(removed.headers[.location] == "/stakeholders/\(ana.id)?notice=unrelated#relationships")
            #expect(try await app.registry.relationships(of: ana.id).isEmpty)
        }
    }
}
