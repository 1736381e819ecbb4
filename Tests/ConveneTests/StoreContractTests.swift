import ConveneCore
import ConveneServer
import Foundation
import Testing

/// The storage contract: what every engine must do, checked through the Core services and
/// the store protocols only.
@Suite("Storage contract")
struct StoreContractTests {
    @Test("a stakeholder round-trips every field", arguments: Engine.available)
    func roundTrip(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let registry = Registry(store: store)
        let org = try await registry.create(Make.organization("Lincoln Elementary PTA"), actor: .system)
        var p = Make.person("Ana María", "Ruiz", types: ["parent", "community-member"], email: "Ana.Ruiz@Example.org", phone: "(555) 010-2233",
                            areas: ["Lincoln Elementary", "Eastside"], tags: ["Volunteer"], topics: ["school start times"], notes: "Prefers evening calls.",
                            affiliationId: org.id)
        p.title = .some("PTA treasurer")
        p.level = .some(.school)
        p.addresses = [PostalAddress(label: "home", street: "12 Oak St", locality: "Riverside", region: "CA", postalCode: "92501", country: "US")]
        p.links = [ContactPoint("https://example.org/ana", label: "blog")]
        p.language = .some("es-MX")
        p.consent = Consent(status: .granted, channels: [.email, .sms], since: CalendarDate("2026-08-15"), source: "enrollment form")
        p.influence = .some(2)
        p.interest = .some(5)
        p.engagementTarget = .some(.involve)
        let made = try await registry.create(p, actor: .system)
        let read = try #require(try await store.stakeholder(id: made.id))
        #expect(read == made)
        #expect(read.emails == [ContactPoint("ana.ruiz@example.org")])
        #expect(read.tags == ["volunteer"])
        #expect(read.displayName == "Ana María Ruiz")
        #expect(read.consent.since?.description == "2026-08-15")
    }

    @Test("search ranks name hits first and understands phrases, prefixes and filters", arguments: Engine.available)
    func search(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let registry = Registry(store: store)
        let union = try await registry.create(Make.organization("Riverside Teachers Association", types: ["union"]), actor: .system)
        let a = try await registry.create(Make.person("Maria", "Lopez", types: ["educator"], email: "mlopez@example.org", areas: ["Lincoln Elementary"], affiliationId: union.id), actor: .system)
        let b = try await registry.create(Make.person("Sam", "Okafor", types: ["parent"], areas: ["Lincoln Elementary"], tags: ["volunteer"], notes: "Talked with Maria Lopez about the bus routes."), actor: .system)
        _ = try await registry.create(Make.person("Kim", "Tran", types: ["parent"], areas: ["Jefferson Middle"], topics: ["chronic absenteeism"]), actor: .system)

        let byName = try await registry.search(StakeholderQuery(text: SearchText(parsing: "lopez")))
        #expect(byName.items.map(\.id) == [a.id, b.id])
        let phrase = try await registry.search(StakeholderQuery(text: SearchText(parsing: "\"bus routes\"")))
        #expect(phrase.items.map(\.id) == [b.id])
        let prefix = try await registry.search(StakeholderQuery(text: SearchText(parsing: "absent*")))
        #expect(prefix.items.map(\.displayName) == ["Kim Tran"])
        let byOrg = try await registry.search(StakeholderQuery(text: SearchText(parsing: "teachers association")))
        #expect(byOrg.items.map(\.id).contains(a.id))
        let filtered = try await registry.search(StakeholderQuery(text: SearchText(parsing: "type:parent area:\"Lincoln Elementary\"")))
        #expect(filtered.items.map(\.id) == [b.id])
        let byEmail = try await registry.search(StakeholderQuery(text: SearchText(parsing: "mlopez@example.org")))
        #expect(byEmail.items.first?.id == a.id)
        let hostile = try await registry.search(StakeholderQuery(text: SearchText(parsing: "\" OR 1=1; DROP TABLE stakeholders; -- NEAR( * ^")))
        #expect(hostile.total == 0)
        #expect(try await store.countStakeholders() == 4)
    }

    @Test("facets count the filtered set", arguments: Engine.available)
    func facets(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let registry = Registry(store: store)
        for (i, area) in ["Lincoln", "Lincoln", "Jefferson"].enumerated() {
            _ = try await registry.create(Make.person("P\(i)", "Parent", types: ["parent"], areas: [area]), actor: .system)
        }
        _ = try await registry.create(Make.person("E", "Educator", types: ["educator"], areas: ["Lincoln"]), actor: .system)
        let all = try await registry.facets(StakeholderQuery(), fields: [.type, .area])
        #expect(all[.type] == [FacetCount(value: "parent", count: 3), FacetCount(value: "educator", count: 1)])
        #expect(all[.area] == [FacetCount(value: "Lincoln", count: 3), FacetCount(value: "Jefferson", count: 1)])
        let parents = try await registry.facets(StakeholderQuery(types: ["parent"]), fields: [.area])
        #expect(parents[.area] == [FacetCount(value: "Lincoln", count: 2), FacetCount(value: "Jefferson", count: 1)])
        // Counts are remembered, but never past a change.
        _ = try await registry.create(Make.person("Q", "Parent", types: ["parent"], areas: ["Jefferson"]), actor: .system)
        let after = try await registry.facets(StakeholderQuery(types: ["parent"]), fields: [.area])
        #expect(after[.area] == [FacetCount(value: "Jefferson", count: 2), FacetCount(value: "Lincoln", count: 2)])
    }

    @Test("archive hides, restore brings back, and both are audited", arguments: Engine.available)
    func archive(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let registry = Registry(store: store)
        let s = try await registry.create(Make.person("Lee", "Chen"), actor: .system)
        _ = try await registry.setArchived(id: s.id, true, actor: Actor(userId: nil, label: "tester"))
        #expect(try await registry.search(StakeholderQuery()).total == 0)
        #expect(try await registry.search(StakeholderQuery(archived: .only)).total == 1)
        _ = try await registry.setArchived(id: s.id, false, actor: .system)
        #expect(try await registry.search(StakeholderQuery()).total == 1)
        let history = try await store.auditEntries(AuditQuery(entityType: "stakeholder", entityId: s.id))
        #expect(history.map(\.action) == ["restore", "archive", "create"])
        #expect(history[1].actorLabel == "tester")
        #expect(history[1].before?["isArchived"] == .bool(false))
        #expect(history[1].after?["isArchived"] == .bool(true))
    }

    @Test("relationships and groups; merge moves them and keeps the audit trail", arguments: Engine.available)
    func merge(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let registry = Registry(store: store)
        let pta = try await registry.create(Make.organization("Lincoln PTA"), actor: .system)
        let keep = try await registry.create(Make.person("Jon", "Smith", email: "jsmith@example.org", tags: ["pta"], affiliationId: pta.id), actor: .system)
        let dup = try await registry.create(Make.person("John", "Smith", email: "JSmith@example.org", phone: "555-010-9999", tags: ["volunteer"], affiliationId: pta.id), actor: .system)
        let child = try await registry.create(Make.person("Ava", "Smith", types: ["student"]), actor: .system)
        var rel = RelationshipPatch()
        rel.fromId = dup.id; rel.toId = child.id; rel.type = .parentOf
        _ = try await registry.createRelationship(rel, actor: .system)
        var g = GroupPatch()
        g.name = "Volunteers"
        let group = try await registry.createGroup(g, actor: .system)
        _ = try await registry.addMembers(groupId: group.id, stakeholderIds: [dup.id], actor: .system)

        let pairs = try await registry.duplicatePairs()
        let pair = try #require(pairs.first)
        #expect(Set([pair.firstId, pair.secondId]) == Set([keep.id, dup.id]))
        #expect(pair.reasons.contains("same email"))

        let merged = try await registry.merge(keepId: keep.id, removeId: dup.id, actor: .system)
        #expect(merged.tags == ["pta", "volunteer"])
        #expect(merged.phones.map(\.value) == ["555-010-9999"])
        #expect(try await store.stakeholder(id: dup.id) == nil)
        let rels = try await registry.relationships(of: keep.id)
        #expect(rels.map(\.toId) == [child.id])
        #expect(try await registry.members(of: group.id).items.map(\.id) == [keep.id])
        let trail = try await store.auditEntries(AuditQuery(entityType: "stakeholder", entityId: dup.id))
        #expect(trail.map(\.action) == ["merged-into", "create"])
        #expect(trail[0].before?["displayName"] == .string("John Smith"))
        #expect(try await registry.duplicatePairs().isEmpty)
    }

    @Test("duplicate detection: similar name with the same affiliation; dismissed pairs stay dismissed", arguments: Engine.available)
    func similarNames(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let registry = Registry(store: store)
        let school = try await registry.create(Make.organization("Jefferson Middle School"), actor: .system)
        let other = try await registry.create(Make.organization("Roosevelt High School"), actor: .system)
        let a = try await registry.create(Make.person("José", "Hernández", types: ["educator"], affiliationId: school.id), actor: .system)
        let b = try await registry.create(Make.person("Jose", "Hernandez", types: ["educator"], affiliationId: school.id), actor: .system)
        _ = try await registry.create(Make.person("Jose", "Hernandez", types: ["educator"], affiliationId: other.id), actor: .system)
        _ = try await registry.create(Make.person("Rosa", "Hernandez", types: ["educator"], affiliationId: school.id), actor: .system)
        let pairs = try await registry.duplicatePairs()
        #expect(pairs.count == 1)
        #expect(Set([pairs[0].firstId, pairs[0].secondId]) == Set([a.id, b.id]))
        try await registry.dismissDuplicate(a.id, b.id, actor: .system)
        #expect(try await registry.duplicatePairs().isEmpty)
    }

    @Test("a failed write changes nothing", arguments: Engine.available)
    func invalidWritesChangeNothing(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let registry = Registry(store: store)
        var bad = Make.person("X", "Y", types: ["wizard"], email: "not-an-email")
        bad.influence = .some(9)
        bad.affiliationId = .some("nosuchid")
        await #expect(throws: ConveneError.self) { try await registry.create(bad, actor: .system) }
        #expect(try await store.countStakeholders() == 0)
        #expect(try await store.auditEntries(AuditQuery()).isEmpty)
    }

    @Test("writes to records that are gone say so, as domain errors", arguments: Engine.available)
    func missingRecords(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let audit = AuditEntry(actor: .system, action: "delete", entityType: "stakeholder", entityId: "gone")
        await #expect(throws: ConveneError.notFound(entity: "stakeholder", id: "gone")) { try await store.deleteStakeholder(id: "gone", audit: audit) }
        await #expect(throws: ConveneError.notFound(entity: "relationship", id: "gone")) { try await store.deleteRelationship(id: "gone", audit: audit) }
        await #expect(throws: ConveneError.notFound(entity: "group", id: "gone")) { try await store.deleteGroup(id: "gone", audit: audit) }
        await #expect(throws: ConveneError.notFound(entity: "stakeholder", id: "gone")) { try await store.updateStakeholder(Stakeholder(id: "gone", displayName: "X"), audit: audit) }
        #expect(try await store.auditEntries(AuditQuery()).isEmpty, "a failed write leaves no audit entry")
    }

    @Test("users, sessions, tokens and sign-in limits", arguments: Engine.available)
    func accounts(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let accounts = Accounts(store: store, hashing: BcryptHashing(cost: 4))
        let u = try await accounts.createUser(email: "Lead@Example.org", displayName: "Lead", role: .admin, password: "long enough pw", actor: .system)
        #expect(u.email == "lead@example.org")
        #expect(u.passwordHash != "long enough pw")
        await #expect(throws: ConveneError.conflict("a user with email lead@example.org already exists")) {
            _ = try await accounts.createUser(email: "lead@example.org", displayName: nil, role: .staff, password: "long enough pw", actor: .system)
        }
        let signedIn = try await accounts.signIn(email: "LEAD@example.org", password: "long enough pw", clientAddress: "10.0.0.1")
        let (cookie, session) = try await accounts.startSession(for: signedIn)
        #expect(try await store.session(tokenHash: cookie) == nil, "the cookie itself is never stored")
        #expect(try await accounts.resolveSession(cookie: cookie)?.0 == session)
        let (secret, token) = try await accounts.createToken(for: u, name: "ci", actor: .system)
        #expect(token.tokenHash != secret)
        #expect(try await accounts.resolveToken(secret: secret)?.1.id == u.id)
        _ = try await accounts.revokeToken(id: token.id, by: u)
        #expect(try await accounts.resolveToken(secret: secret) == nil)
        for _ in 0..<5 {
            await #expect(throws: ConveneError.unauthenticated("wrong email or password")) {
                _ = try await accounts.signIn(email: "lead@example.org", password: "wrong password", clientAddress: "10.0.0.2")
            }
        }
        await #expect(throws: ConveneError.self) {
            _ = try await accounts.signIn(email: "lead@example.org", password: "long enough pw", clientAddress: "10.0.0.3")
        }
        await #expect(throws: ConveneError.conflict("lead@example.org is the last active admin; make another admin first")) {
            _ = try await accounts.updateUser(id: u.id, displayName: nil, role: .staff, isDisabled: nil, actor: .system)
        }
    }
}

