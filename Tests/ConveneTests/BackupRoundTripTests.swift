import ConveneCore
import ConveneServer
import Foundation
import Testing

@Suite("Backup and restore")
struct BackupRoundTripTests {
    /// A store with something in every table.
    static func populated() async throws -> any ConveneStore {
        let store = try await Engine.sqlite.makeStore()
        let accounts = Accounts(store: store, hashing: BcryptHashing(cost: 4))
        let admin = try await accounts.createUser(email: "lead@example.org", displayName: "Lead", role: .admin, password: "long enough pw", actor: .system)
        _ = try await accounts.createToken(for: admin, name: "ci", actor: .user(admin))
        _ = try await accounts.startSession(for: admin)
        _ = try? await accounts.signIn(email: "lead@example.org", password: "wrong password", clientAddress: "10.1.1.1")
        let district = DemoDistrict.generate(seed: 5, count: 300, ownerIds: [admin.id])
        try await store.insertStakeholders(district.stakeholders, relationships: district.relationships, actor: .system)
        let registry = Registry(store: store)
        var g = GroupPatch()
        g.name = "Key communicators"
        let group = try await registry.createGroup(g, actor: .user(admin))
        _ = try await registry.addMembers(groupId: group.id, stakeholderIds: Array(district.stakeholders.prefix(5).map(\.id)), actor: .user(admin))
        let pair = try #require(district.nearDuplicates.first)
        try await registry.dismissDuplicate(pair.originalId, pair.duplicateId, actor: .user(admin))
        _ = try await store.enqueueJob(Job(kind: "session-cleanup", key: "session-cleanup:test", runAfter: Date().wholeMilliseconds))
        try await EngagementContractTests.addEngagement(store, owner: admin, people: district.stakeholders.filter { $0.kind == .person }.prefix(3).map(\.id),
                                                        organizer: try #require(district.stakeholders.first { $0.kind == .organization }).id)
        let radar = Radar(store: store)
        _ = try await radar.createIssue(RadarIssuePatch(name: "Attendance", keywords: ["attendance"], stakeholderIds: [district.stakeholders[0].id]), actor: .user(admin))
        let feed = try await radar.createSource(FeedSourcePatch(url: "https://news.example.org/feed.xml"), actor: .user(admin))
        _ = try await radar.ingest(RadarContractTests.rss([("a1", "Attendance up", "Attendance rose.", "Mon, 16 Nov 2026 09:00:00 GMT")]), contentType: nil,
                                   source: feed, state: feed.fetch)
        let item = try #require(try await radar.items(ItemQuery()).first)
        try await radar.mark(itemId: item.item.id, userId: admin.id, isRead: true, isStarred: nil)
        let consultations = Consultations(store: store, hashing: BcryptHashing(cost: 4))
        let c = try await consultations.create(ConsultationPatch(title: "Start times", question: "When should school start?"), actor: .user(admin))
        let statement = try await consultations.addStatement(consultationId: c.id, text: "Later for teenagers", actor: .user(admin))
        let (participant, _) = try await consultations.join(slug: c.slug, stakeholderType: "parent", area: nil)
        try await consultations.vote(participant, in: c, statementId: statement.id, vote: 1)
        _ = try await consultations.createInvites(consultationId: c.id, count: 2, actor: .user(admin))
        let initiative = try await Collaboration(store: store).create(Initiative.self, fields: [
            "title": "Start times", "summary": "When should school start?", "isPublished": true,
            "activities": [["kind": "consultation", "title": "Consultation", "consultationId": .string(c.id)]],
        ], actor: .user(admin))
        _ = try await Collaboration(store: store).create(Decision.self, fields: [
            "initiativeId": .string(initiative.id), "title": "Start later", "decidedOn": "2027-02-01", "rationale": "Sleep.",
        ], actor: .user(admin))
        return store
    }

    @Test("SQLite → each engine → SQLite carries every row, and search works after", arguments: Engine.available)
    func roundTrip(through engine: Engine) async throws {
        let source = try await Self.populated()
        let first = try await source.exportTables()
        #expect(first.allSatisfy { !$0.rows.isEmpty }, "every table has rows: \(first.filter { $0.rows.isEmpty }.map(\.name))")
        let middle = try await engine.makeStore()
        try await middle.importTables(first)
        let second = try await middle.exportTables()
        let last = try await Engine.sqlite.makeStore()
        try await last.importTables(second)
        let third = try await last.exportTables()
        for (a, c) in zip(first, third) { #expect(a == c, "table \(a.name) changed in the round trip") }
        #expect(first == second)
        #expect(try await middle.tableCounts() == source.tableCounts())

        for store in [middle, last] {
            let name = try #require(try await source.searchStakeholders(StakeholderQuery(limit: 1)).items.first)
            let found = try await Registry(store: store).search(StakeholderQuery(text: SearchText(parsing: "\"\(name.displayName)\""), archived: .include))
            #expect(found.items.map(\.id).contains(name.id))
            #expect(try await store.facets(StakeholderQuery(), fields: [.type], limit: 30) == source.facets(StakeholderQuery(), fields: [.type], limit: 30))
            // New records continue after the restored ones.
            let made = try await Registry(store: store).create(Make.person("New", "Person"), actor: .system)
            #expect(try await store.stakeholder(id: made.id)?.displayName == "New Person")
        }
    }

    @Test("a restore into a database that has data is refused and changes nothing")
    func refusesNonEmpty() async throws {
        let source = try await Self.populated()
        let tables = try await source.exportTables()
        let target = try await Engine.sqlite.makeStore()
        _ = try await Registry(store: target).create(Make.person("Already", "Here"), actor: .system)
        await #expect(throws: ConveneError.conflict("the target database is not empty; restore into a new one")) { try await target.importTables(tables) }
        #expect(try await target.countStakeholders() == 1)
    }

    @Test("a damaged backup is rejected whole, naming the problem")
    func damaged() async throws {
        let source = try await Self.populated()
        var tables = try await source.exportTables()
        let users = try #require(tables.firstIndex { $0.name == "users" })
        tables[users].rows[0][6] = "yesterday"
        let target = try await Engine.sqlite.makeStore()
        await #expect(throws: ConveneError.invalid("users[0].created_at", "expected integer, found string")) { try await target.importTables(tables) }
        #expect(try await target.tableCounts().values.reduce(0, +) == 0)
        let doc = BackupDocument(engine: "sqlite", migrations: ["9999-future"], tables: [])
        #expect(throws: ConveneError.self) { try doc.validate(knownMigrations: ["0001-foundation", "0002-jobs"]) }
    }
}
