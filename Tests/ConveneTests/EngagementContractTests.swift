import ConveneAnalysis
import ConveneCore
import ConveneServer
import Foundation
import Testing

/// Interactions, follow-ups, events, health and coverage: the same behaviour on every engine,
/// through the Core service and the store protocols only.
@Suite("Engagement contract")
struct EngagementContractTests {
    static let day: TimeInterval = 86_400

    static func instant(_ text: String) -> Date { Timestamp.parse(text)! }

    /// One of each engagement record, for tests that need every table filled.
    static func addEngagement(_ store: any ConveneStore, owner: User, people: [String], organizer: String) async throws {
        let engagement = Engagement(store: store)
        var e = EventPatch()
        e.kind = .townHall
        e.title = "Budget town hall"
        e.startsAt = instant("2026-10-14T18:00:00-05:00")
        e.endsAt = instant("2026-10-14T19:30:00-05:00")
        e.timeZone = "America/Chicago"
        e.organizerId = .some(organizer)
        e.invitees = [Invitee(stakeholderId: people[0], rsvp: .accepted, attended: true), Invitee(stakeholderId: people[1])]
        _ = try await engagement.createEvent(e, actor: .user(owner))
        var i = InteractionPatch()
        i.kind = .call
        i.subject = "Bus route question"
        i.direction = .inbound
        i.occurredAt = instant("2026-10-20T15:00:00Z")
        i.stakeholderIds = [people[2]]
        let call = try await engagement.createInteraction(i, actor: .user(owner))
        var f = FollowUpPatch()
        f.title = "Send the new route map"
        f.ownerId = owner.id
        f.dueOn = CalendarDate("2026-10-27")
        f.stakeholderIds = [people[2]]
        f.interactionId = .some(call.id)
        _ = try await engagement.createFollowUp(f, actor: .user(owner))
        var t = CoverageTargetPatch()
        t.stakeholderType = .some("parent")
        t.heardPercent = 30
        _ = try await engagement.createCoverageTarget(t, actor: .user(owner), knownTypes: Set(StakeholderType.builtIn))
    }

    struct Fixture {
        let store: any ConveneStore
        let engagement: Engagement
        let registry: Registry
        let owner: User
        let actor: Actor
    }

    static func fixture(_ engine: Engine) async throws -> Fixture {
        let store = try await engine.makeStore()
        let owner = User(email: "lead@example.org", displayName: "Lead", role: .staff, passwordHash: "x")
        try await store.insertUser(owner, audit: AuditEntry(actor: .system, action: "create", entityType: "user", entityId: owner.id))
        return Fixture(store: store, engagement: Engagement(store: store), registry: Registry(store: store), owner: owner, actor: .user(owner))
    }

    static func interaction(_ kind: InteractionKind, _ at: Date, _ ids: [String], direction: InteractionDirection = .outbound, subject: String = "Check-in") -> InteractionPatch {
        var p = InteractionPatch()
        p.kind = kind
        p.occurredAt = at
        p.direction = direction
        p.subject = subject
        p.stakeholderIds = ids
        return p
    }

    @Test("interactions round-trip, list as a timeline, and change and go", arguments: Engine.available)
    func interactions(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let ana = try await f.registry.create(Make.person("Ana", "Ruiz"), actor: .system)
        let ben = try await f.registry.create(Make.person("Ben", "Okafor"), actor: .system)
        let now = Date()
        var p = Self.interaction(.meeting, now.addingTimeInterval(-10 * Self.day), [ana.id, ben.id], subject: "Start times")
        p.notes = .some("Both prefer 8:30.")
        p.topics = ["school start times", "school start times", " transport "]
        let first = try await f.engagement.createInteraction(p, actor: f.actor)
        #expect(first.topics == ["school start times", "transport"])
        #expect(first.userIds == [f.owner.id])
        let read = try #require(try await f.store.interaction(id: first.id))
        #expect(read == first)
        let second = try await f.engagement.createInteraction(Self.interaction(.email, now.addingTimeInterval(-2 * Self.day), [ana.id], direction: .inbound), actor: f.actor)
        let timeline = try await f.engagement.interactions(InteractionQuery(stakeholderId: ana.id))
        #expect(timeline.map(\.id) == [second.id, first.id])
        #expect(try await f.engagement.interactions(InteractionQuery(stakeholderId: ben.id)).map(\.id) == [first.id])
        #expect(try await f.store.countInteractions(InteractionQuery(from: now.addingTimeInterval(-5 * Self.day))) == 1)

        var change = InteractionPatch()
        change.stakeholderIds = [ben.id]
        let changed = try await f.engagement.updateInteraction(id: second.id, change, actor: f.actor)
        #expect(changed.stakeholderIds == [ben.id])
        #expect(try await f.engagement.interactions(InteractionQuery(stakeholderId: ana.id)).map(\.id) == [first.id])
        try await f.engagement.deleteInteraction(id: first.id, actor: f.actor)
        #expect(try await f.store.interaction(id: first.id) == nil)
        #expect(try await f.store.auditEntries(AuditQuery(entityType: "interaction")).map(\.action) == ["delete", "update", "create", "create"])
    }

    @Test("bad input names the field and changes nothing", arguments: Engine.available)
    func badInput(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let ana = try await f.registry.create(Make.person("Ana", "Ruiz"), actor: .system)
        let auditBefore = try await f.store.changeVersion()
        func fields(_ work: () async throws -> Void) async -> [String] {
            do { try await work(); return [] } catch let ConveneError.invalid(errors) { return errors.map(\.field) } catch { return ["unexpected \(error)"] }
        }
        var e = EventPatch()
        e.title = "Forum"
        e.startsAt = Self.instant("2026-12-03T19:00:00-06:00")
        e.endsAt = Self.instant("2026-12-03T18:00:00-06:00")
        e.timeZone = "America/Chicago"
        #expect(await fields { _ = try await f.engagement.createEvent(e, actor: f.actor) } == ["endsAt"])
        e.endsAt = Self.instant("2026-12-03T20:00:00-06:00")
        e.timeZone = "Mars/Olympus_Mons"
        #expect(await fields { _ = try await f.engagement.createEvent(e, actor: f.actor) } == ["timeZone"])
        e.timeZone = "America/Chicago"
        e.invitees = [Invitee(stakeholderId: ana.id), Invitee(stakeholderId: "nobody-with-this-id")]
        #expect(await fields { _ = try await f.engagement.createEvent(e, actor: f.actor) } == ["invitees[1].stakeholderId"])
        #expect(await fields { _ = try await f.engagement.createInteraction(Self.interaction(.call, Date(), [ana.id, Identifier.make()]), actor: f.actor) } == ["stakeholderIds[1]"])
        var noOwner = FollowUpPatch()
        noOwner.title = "Call back"
        #expect(await fields { _ = try await f.engagement.createFollowUp(noOwner, actor: f.actor) } == ["ownerId", "dueOn"])
        noOwner.ownerId = Identifier.make()
        noOwner.dueOn = CalendarDate("2026-12-01")
        #expect(await fields { _ = try await f.engagement.createFollowUp(noOwner, actor: f.actor) } == ["ownerId"])
        #expect(try await f.store.events(EventQuery()).isEmpty)
        #expect(try await f.store.countInteractions(InteractionQuery()) == 0)
        #expect(try await f.store.countFollowUps(FollowUpQuery()) == 0)
        #expect(try await f.store.changeVersion() == auditBefore)
    }

    @Test("attendance becomes one interaction with the attendees, and follows the register", arguments: Engine.available)
    func attendance(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let org = try await f.registry.create(Make.organization("Riverside School Board", types: ["government-agency"]), actor: .system)
        let ana = try await f.registry.create(Make.person("Ana", "Ruiz"), actor: .system)
        let ben = try await f.registry.create(Make.person("Ben", "Okafor"), actor: .system)
        var e = EventPatch()
        e.kind = .boardMeeting
        e.title = "Regular board meeting"
        e.startsAt = Self.instant("2026-11-10T18:00:00-06:00")
        e.endsAt = Self.instant("2026-11-10T20:00:00-06:00")
        e.timeZone = "America/Chicago"
        e.organizerId = .some(org.id)
        e.invitees = [Invitee(stakeholderId: ana.id), Invitee(stakeholderId: ben.id, rsvp: .accepted)]
        let event = try await f.engagement.createEvent(e, actor: f.actor)
        #expect(try await f.store.event(id: event.id) == event)
        #expect(try await f.store.interactions(InteractionQuery(eventId: event.id)).isEmpty)

        _ = try await f.engagement.setInvitee(eventId: event.id, stakeholderId: ben.id, rsvp: nil, attended: .some(true), actor: f.actor)
        _ = try await f.engagement.setInvitee(eventId: event.id, stakeholderId: ana.id, rsvp: .declined, attended: .some(false), actor: f.actor)
        let attendance = try await f.store.interactions(InteractionQuery(eventId: event.id))
        #expect(attendance.count == 1)
        #expect(attendance.first?.stakeholderIds == [ben.id])
        #expect(attendance.first?.kind == .event)
        #expect(attendance.first?.occurredAt == event.startsAt)
        #expect(try await f.engagement.interactions(InteractionQuery(stakeholderId: ben.id)).map(\.eventId) == [event.id])
        let stored = try #require(try await f.store.event(id: event.id))
        #expect(stored.invitees == [Invitee(stakeholderId: ana.id, rsvp: .declined, attended: false), Invitee(stakeholderId: ben.id, rsvp: .accepted, attended: true)])

        // Unmarking removes the attendance interaction; events list by time and by stakeholder.
        _ = try await f.engagement.setInvitee(eventId: event.id, stakeholderId: ben.id, rsvp: nil, attended: .some(nil), actor: f.actor)
        #expect(try await f.store.interactions(InteractionQuery(eventId: event.id)).isEmpty)
        #expect(try await f.store.events(EventQuery(from: Self.instant("2026-11-10T00:00:00Z"), to: Self.instant("2026-11-11T12:00:00Z"))).map(\.id) == [event.id])
        #expect(try await f.store.events(EventQuery(from: Self.instant("2026-11-11T12:00:00Z"))).isEmpty)
        #expect(try await f.store.events(EventQuery(stakeholderId: org.id)).map(\.id) == [event.id])
        #expect(try await f.store.events(EventQuery(stakeholderId: ana.id)).map(\.id) == [event.id])
        _ = try await f.engagement.removeInvitee(eventId: event.id, stakeholderId: ana.id, actor: f.actor)
        #expect(try await f.store.events(EventQuery(stakeholderId: ana.id)).isEmpty)
    }

    @Test("follow-ups: mine, overdue, done", arguments: Engine.available)
    func followUps(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let ana = try await f.registry.create(Make.person("Ana", "Ruiz"), actor: .system)
        let today = CalendarDate(date: Date())
        var p = FollowUpPatch()
        p.title = "Send the survey results"
        p.ownerId = f.owner.id
        p.dueOn = today.adding(days: -3)
        p.stakeholderIds = [ana.id]
        let late = try await f.engagement.createFollowUp(p, actor: f.actor)
        p.title = "Invite to the forum"
        p.dueOn = today.adding(days: 4)
        let soon = try await f.engagement.createFollowUp(p, actor: f.actor)
        let overdue = try await f.engagement.followUps(FollowUpQuery(ownerId: f.owner.id, status: .open, dueBefore: today))
        #expect(overdue.map(\.id) == [late.id])
        #expect(overdue.first?.stakeholderIds == [ana.id])
        #expect(try await f.engagement.followUps(FollowUpQuery(stakeholderId: ana.id)).map(\.id) == [late.id, soon.id])
        var done = FollowUpPatch()
        done.status = .done
        let completed = try await f.engagement.updateFollowUp(id: late.id, done, actor: f.actor)
        #expect(completed.completedAt != nil)
        #expect(try await f.store.countFollowUps(FollowUpQuery(ownerId: f.owner.id, status: .open, dueBefore: today)) == 0)
        #expect(try await f.store.auditEntries(AuditQuery(entityType: "follow-up", entityId: late.id)).first?.action == "complete")
    }

    @Test("health follows the documented formula", arguments: Engine.available)
    func health(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let ana = try await f.registry.create(Make.person("Ana", "Ruiz"), actor: .system)
        let never = try await f.registry.create(Make.person("Nora", "Never"), actor: .system)
        let now = Date()
        // Two contacts this year, both ours, the last 90 days ago: 25 + 10 + 0 = 35.
        _ = try await f.engagement.createInteraction(Self.interaction(.email, now.addingTimeInterval(-200 * Self.day), [ana.id]), actor: f.actor)
        _ = try await f.engagement.createInteraction(Self.interaction(.letter, now.addingTimeInterval(-90 * Self.day), [ana.id]), actor: f.actor)
        _ = try await f.engagement.createInteraction(Self.interaction(.letter, now.addingTimeInterval(-500 * Self.day), [ana.id]), actor: f.actor)
        let h = try await f.engagement.health(of: ana.id, now: now)
        #expect(h.score == 35)
        #expect(h.explanation == "last contact 90 days ago; 2 contacts this year; all initiated by us")
        #expect(try await f.engagement.health(of: never.id, now: now).score == 0)
        // One inbound call today: recency 50, frequency 15, two-way 20 × min(1, 3 × 1/3) = 20.
        _ = try await f.engagement.createInteraction(Self.interaction(.call, now, [ana.id], direction: .inbound), actor: f.actor)
        let after = try await f.engagement.health(of: ana.id, now: now)
        #expect(after.score == 85)
        let due = try await f.engagement.dueForContact(now: now)
        #expect(due.items.map(\.stakeholderId) == [never.id])
    }

    @Test("coverage counts engaged and heard by type, area and target", arguments: Engine.available)
    func coverage(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        var people: [Stakeholder] = []
        for n in 0..<10 {
            var p = Make.person("Parent\(n)", "Family\(n)", types: ["parent"], areas: [n < 4 ? "Lincoln Elementary" : "Jefferson Middle"])
            p.language = .some(n < 4 ? "es-MX" : "en")
            people.append(try await f.registry.create(p, actor: .system))
        }
        let teacher = try await f.registry.create(Make.person("Tess", "Teacher", types: ["educator"], areas: ["Lincoln Elementary"]), actor: .system)
        let period = Period(from: CalendarDate("2026-08-01")!, to: CalendarDate("2026-12-31")!, label: "Fall")
        let inTerm = Self.instant("2026-09-15T15:00:00Z")
        // Six Jefferson parents: four heard (a meeting), two only written to. One Lincoln parent written to.
        _ = try await f.engagement.createInteraction(Self.interaction(.meeting, inTerm, people[4..<8].map(\.id)), actor: f.actor)
        _ = try await f.engagement.createInteraction(Self.interaction(.letter, inTerm, [people[8].id, people[9].id, people[0].id]), actor: f.actor)
        _ = try await f.engagement.createInteraction(Self.interaction(.email, inTerm, [teacher.id], direction: .inbound), actor: f.actor)
        // Outside the period: does not count.
        _ = try await f.engagement.createInteraction(Self.interaction(.meeting, Self.instant("2026-07-01T15:00:00Z"), [people[1].id]), actor: f.actor)
        var target = CoverageTargetPatch()
        target.stakeholderType = .some("parent")
        target.area = .some("Lincoln Elementary")
        target.language = .some("es")
        target.heardPercent = 25
        _ = try await f.engagement.createCoverageTarget(target, actor: f.actor, knownTypes: Set(StakeholderType.builtIn))
        let report = try await f.engagement.coverage(period, fresh: true)
        #expect(report.overall == Coverage.Row(dimension: "all", value: "Everyone", total: 11, engaged: 8, heard: 5))
        #expect(report.byType.first { $0.value == "parent" } == Coverage.Row(dimension: "type", value: "parent", total: 10, engaged: 7, heard: 4))
        #expect(report.byArea.first { $0.value == "Lincoln Elementary" } == Coverage.Row(dimension: "area", value: "Lincoln Elementary", total: 5, engaged: 2, heard: 1))
        let t = try #require(report.targets.first)
        #expect(t.row.total == 4 && t.row.heard == 0 && !t.met && t.shortfall == 1)
        #expect(report.gaps().first?.label == "Parents · Lincoln Elementary · language es")
    }

    @Test("merging and erasing stakeholders carry their history", arguments: Engine.available)
    func mergeAndErase(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let ana = try await f.registry.create(Make.person("Ana", "Ruiz", email: "ana@example.org"), actor: .system)
        let copy = try await f.registry.create(Make.person("Ana", "Ruiz", email: "ana@example.org"), actor: .system)
        let ben = try await f.registry.create(Make.person("Ben", "Okafor"), actor: .system)
        let both = try await f.engagement.createInteraction(Self.interaction(.meeting, Date(), [ana.id, copy.id]), actor: f.actor)
        let onlyCopy = try await f.engagement.createInteraction(Self.interaction(.call, Date(), [copy.id, ben.id]), actor: f.actor)
        _ = try await f.registry.merge(keepId: ana.id, removeId: copy.id, actor: f.actor)
        #expect(try await f.store.interaction(id: both.id)?.stakeholderIds == [ana.id])
        #expect(try await f.store.interaction(id: onlyCopy.id)?.stakeholderIds == [ana.id, ben.id])
        try await f.registry.delete(id: ben.id, actor: f.actor)
        #expect(try await f.store.interaction(id: onlyCopy.id)?.stakeholderIds == [ana.id])
        #expect(try await f.engagement.interactions(InteractionQuery(stakeholderId: ana.id)).count == 2)
    }
}

extension EngagementContractTests {
    @Test("the database's coverage and health inputs agree with the pure definitions on a demo district", arguments: Engine.available)
    func sqlMatchesDefinition(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let district = DemoDistrict.generate(seed: 3, count: 600)
        try await f.store.insertStakeholders(district.stakeholders, relationships: [], actor: .system)
        let now = DemoDistrict.referenceNow
        let demo = DemoEngagement.generate(district: district, userIds: [f.owner.id], seed: 3, now: now)
        try await demo.store(into: f.store)
        var criteria = demo.targets.map { CoverageCriteria(type: $0.stakeholderType, area: $0.area, language: $0.language) }
        criteria.append(CoverageCriteria(type: nil, area: nil, language: "ES"))
        criteria.append(CoverageCriteria(type: nil, area: nil, language: nil))
        let period = Period.schoolYear(containing: CalendarDate(date: now))
        let counts = try await f.store.coverageCounts(from: period.startInstant, to: period.endInstant, targets: criteria)

        let engaged = try await f.store.engagedStakeholders(from: period.startInstant, to: period.endInstant)
        let subjects = try await f.store.stakeholderProfiles().map { p in
            Coverage.Subject(types: p.types, areas: p.areas, language: p.language, engaged: engaged[p.id] != nil, heard: engaged[p.id] == true)
        }
        let expected = Coverage.compute(subjects, targets: criteria.map { Coverage.Criteria(type: $0.type, area: $0.area, language: $0.language) })
        func same(_ a: CoverageCount, _ b: Coverage.Row) -> Bool { a.total == b.total && a.engaged == b.engaged && a.heard == b.heard }
        #expect(same(counts.overall, expected.overall))
        #expect(counts.byType.map(\.value) == expected.byType.map(\.value))
        #expect(zip(counts.byType, expected.byType).allSatisfy { same($0, $1) })
        #expect(counts.byArea.map(\.value) == expected.byArea.map(\.value))
        #expect(zip(counts.byArea, expected.byArea).allSatisfy { same($0, $1) })
        #expect(counts.targets.count == criteria.count)
        #expect(zip(counts.targets, expected.targets).allSatisfy { same($0, $1) }, "\(counts.targets) vs \(expected.targets)")
        #expect(expected.overall.heard > 0 && expected.targets.contains { $0.total > 0 && $0.heard < $0.total })

        let since = now.addingTimeInterval(-365 * Self.day)
        let inputs = try await f.store.healthInputs(since: since)
        let summaries = Dictionary(uniqueKeysWithValues: try await f.store.contactSummaries(stakeholderIds: nil, since: since).map { ($0.stakeholderId, $0) })
        let profiles = Dictionary(uniqueKeysWithValues: try await f.store.stakeholderProfiles().map { ($0.id, $0) })
        #expect(inputs.count == profiles.count)
        for i in inputs {
            let s = summaries[i.id]
            #expect(i.lastContactAt == s?.lastContactAt && i.contacts == (s?.contacts ?? 0) && i.inbound == (s?.inbound ?? 0))
            #expect(i.influence == profiles[i.id]?.influence && i.interest == profiles[i.id]?.interest)
        }
    }
}
