import ConveneCore
import Foundation
import Testing

/// Working groups, partnerships, advocacy, resources, initiatives and decisions: the same
/// behaviour on every engine, through the Core service and the store protocol.
@Suite("Collaboration contract")
struct CollaborationContractTests {
    struct Fixture {
        let store: any ConveneStore
        let c: Collaboration
        let owner: User
        let parent: Stakeholder
        let official: Stakeholder
        var actor: Actor { .user(owner) }
    }

    static func fixture(_ engine: Engine) async throws -> Fixture {
        let store = try await engine.makeStore()
        let owner = User(email: "lead@example.org", displayName: "Lead", role: .staff, passwordHash: "x")
        try await store.insertUser(owner, audit: AuditEntry(actor: .system, action: "create", entityType: "user", entityId: owner.id))
        let parent = Stakeholder(kind: .person, displayName: "Rosa Diaz", types: ["parent"])
        let official = Stakeholder(kind: .person, displayName: "Sen. Alan Brooks", types: ["elected-official"])
        for s in [parent, official] {
            try await store.insertStakeholder(s, audit: AuditEntry(actor: .system, action: "create", entityType: "stakeholder", entityId: s.id))
        }
        return Fixture(store: store, c: Collaboration(store: store), owner: owner, parent: parent, official: official)
    }

    static func auditCount(_ store: any ConveneStore) async throws -> Int {
        try await store.auditEntries(AuditQuery(limit: 500)).count
    }

    @Test("every kind is created, read, searched, changed and removed, with an audit entry for each change", arguments: Engine.available)
    func lifecycle(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let before = try await Self.auditCount(f.store)
        let group = try await f.c.create(WorkingGroup.self, fields: [
            "name": "Start times working group", "members": [["stakeholderId": .string(f.parent.id), "role": "chair"], ["userId": .string(f.owner.id)]],
            "actionItems": [["title": "Cost the bus options", "ownerId": .string(f.owner.id), "dueOn": "2027-01-15"]],
            "documents": [["title": "Options", "url": "https://example.org/options"]],
        ], actor: f.actor)
        #expect(group.members.count == 2 && group.members[1].role == .member)
        #expect(group.actionItems[0].id != nil && group.actionItems[0].status == .open)
        #expect(try await f.c.record(WorkingGroup.self, id: group.id) == group)

        let resource = try await f.c.create(Resource.self, fields: ["title": "Adolescent sleep research review", "url": "https://example.org/sleep", "type": "research",
                                                                    "organization": "Regional Research Alliance"], actor: f.actor)
        _ = try await f.c.create(Resource.self, fields: ["title": "Engagement plan template", "url": "https://example.org/t", "type": "template"], actor: f.actor)
        #expect(try await f.c.records(Resource.self, query: "SLEEP research").map(\.id) == [resource.id])
        #expect(try await f.c.records(Resource.self, query: "alliance").map(\.id) == [resource.id])
        #expect(try await f.c.records(Resource.self).count == 2)

        let bill = try await f.c.create(Bill.self, fields: ["number": "HB 1147", "jurisdiction": "State", "title": "Transportation funding", "status": "in-committee"], actor: f.actor)
        let position = try await f.c.create(PolicyPosition.self, fields: ["title": "Support HB 1147", "billId": .string(bill.id), "stance": "support",
                                                                          "rationale": "Buses are the obstacle."], actor: f.actor)
        let campaign = try await f.c.create(Campaign.self, fields: [
            "title": "Fund the buses", "billId": .string(bill.id), "positionId": .string(position.id),
            "asks": [["stakeholderId": .string(f.official.id), "ask": "Co-sponsor HB 1147", "askedOn": "2026-11-01"]],
        ], actor: f.actor)
        #expect(campaign.asks[0].outcome == .pending)
        // What came of the ask.
        let asked = try await f.c.update(Campaign.self, id: campaign.id, fields: [
            "asks": [["id": .string(campaign.asks[0].id ?? ""), "stakeholderId": .string(f.official.id), "ask": "Co-sponsor HB 1147", "askedOn": "2026-11-01",
                      "outcome": "committed", "outcomeNote": "Will co-sponsor", "outcomeOn": "2026-11-10"]],
        ], actor: f.actor)
        #expect(asked.asks[0].outcome == .committed && asked.asks[0].outcomeNote == "Will co-sponsor")
        #expect(try await f.c.records(Campaign.self, linkedTo: WorkLink(.stakeholder, f.official.id)).map(\.id) == [campaign.id])
        #expect(try await f.c.records(PolicyPosition.self, linkedTo: WorkLink(.bill, bill.id)).map(\.id) == [position.id])

        // The bill cannot go while a position and a campaign point at it.
        await #expect(throws: ConveneError.self) { try await f.c.delete(Bill.self, id: bill.id, actor: f.actor) }
        do { try await f.c.delete(Bill.self, id: bill.id, actor: f.actor) } catch ConveneError.conflict(let message) {
            #expect(message.contains("1 campaign") && message.contains("1 policy position"))
        }
        // The store refuses too, inside its transaction, whoever asks.
        await #expect(throws: ConveneError.self) {
            try await f.store.deleteWorkRecord(kind: .bill, id: bill.id, audit: AuditEntry(actor: f.actor, action: "delete", entityType: "bill", entityId: bill.id))
        }
        try await f.c.delete(Campaign.self, id: campaign.id, actor: f.actor)
        try await f.c.delete(PolicyPosition.self, id: position.id, actor: f.actor)
        try await f.c.delete(Bill.self, id: bill.id, actor: f.actor)
        await #expect(throws: ConveneError.notFound(entity: "bill", id: bill.id)) { try await f.c.record(Bill.self, id: bill.id) }
        // group, 2 resources, bill, position, campaign, update, 3 deletes.
        #expect(try await Self.auditCount(f.store) == before + 10)
        let entries = try await f.store.auditEntries(AuditQuery(limit: 20))
        #expect(entries.contains { $0.entityType == "campaign" && $0.action == "update" && $0.before != nil && $0.after != nil })
    }

    @Test("a partnership keeps its stages with their dates, and its agreements remind before they lapse", arguments: Engine.available)
    func partnerships(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let p = try await f.c.create(Partnership.self, fields: [
            "name": "Sleep study", "kind": "research-practice", "stageSince": "2026-01-10", "partnerIds": [.string(f.parent.id)],
            "researchQuestions": ["Do later starts cut absences?", "  ", "Do later starts cut absences?"],
            "agreements": [["kind": "data-sharing", "title": "Data-sharing agreement", "signedOn": "2026-02-01", "expiresOn": "2027-01-20"],
                           ["kind": "mou", "title": "MOU", "signedOn": "2026-02-01", "expiresOn": "2028-02-01", "remindDaysBefore": 30]],
        ], actor: f.actor, now: Timestamp.parse("2026-03-01T12:00:00Z")!)
        #expect(p.stage == .exploring && p.stageHistory == [StageChange(stage: .exploring, since: CalendarDate("2026-01-10")!)])
        #expect(p.researchQuestions == ["Do later starts cut absences?"])
        let moved = try await f.c.update(Partnership.self, id: p.id, fields: ["stage": "agreement"], actor: f.actor, now: Timestamp.parse("2026-04-02T12:00:00Z")!)
        #expect(moved.stageHistory.map(\.stage) == [.exploring, .agreement])
        #expect(moved.stageHistory.last?.since == CalendarDate("2026-04-02"))
        let active = try await f.c.update(Partnership.self, id: p.id, fields: ["stage": "active", "stageSince": "2026-05-01"], actor: f.actor)
        #expect(active.stageHistory.map(\.since.description) == ["2026-01-10", "2026-04-02", "2026-05-01"])
        // A stage cannot begin before the one it follows.
        await #expect(throws: ConveneError.invalid([FieldError("stageSince", "(2026-03-01) is before the active stage began (2026-05-01)")])) {
            try await f.c.update(Partnership.self, id: p.id, fields: ["stage": "sustaining", "stageSince": "2026-03-01"], actor: f.actor)
        }
        let due = try await f.c.agreementReminders(today: CalendarDate("2026-12-01")!)
        #expect(due.map(\.agreement.title) == ["Data-sharing agreement"])
        #expect(due.first?.daysLeft == 50)
        #expect(try await f.c.agreementReminders(today: CalendarDate("2026-10-01")!).isEmpty)
        #expect(try await f.c.agreementReminders(today: CalendarDate("2028-01-05")!).map(\.agreement.title) == ["MOU"])

        // The owner is reminded once per expiry date, by a follow-up naming the partners.
        _ = try await f.c.update(Partnership.self, id: p.id, fields: ["ownerId": .string(f.owner.id)], actor: f.actor)
        #expect(try await f.c.sendAgreementReminders(today: CalendarDate("2026-12-01")!) == 1)
        #expect(try await f.c.sendAgreementReminders(today: CalendarDate("2026-12-02")!) == 0)
        var tasks = try await f.store.followUps(FollowUpQuery(ownerId: f.owner.id))
        #expect(tasks.count == 1 && tasks[0].title.contains("\"Data-sharing agreement\" (Sleep study): it lapses 2027-01-20"))
        #expect(tasks[0].dueOn == CalendarDate("2027-01-06") && tasks[0].stakeholderIds == [f.parent.id])
        let renewed = try await f.c.record(Partnership.self, id: p.id)
        #expect(renewed.agreements[0].remindedFor == CalendarDate("2027-01-20"))
        var agreements = JSONValue.from(renewed)["agreements"] ?? .null
        if case .array(var list) = agreements, case .object(var first) = list[0] { first["expiresOn"] = "2027-01-25"; list[0] = .object(first); agreements = .array(list) }
        _ = try await f.c.update(Partnership.self, id: p.id, fields: ["agreements": agreements], actor: f.actor)
        #expect(try await f.c.sendAgreementReminders(today: CalendarDate("2026-12-03")!) == 1)
        tasks = try await f.store.followUps(FollowUpQuery(ownerId: f.owner.id))
        #expect(tasks.count == 2)
    }

    @Test("bad input names its field and changes nothing", arguments: Engine.available)
    func badInput(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let initiative = try await f.c.create(Initiative.self, fields: ["title": "New school start times", "startsOn": "2026-09-01", "endsOn": "2027-03-01"], actor: f.actor)
        #expect(initiative.slug == "new-school-start-times" && !initiative.isPublished)
        let before = try await Self.auditCount(f.store)
        func invalid(_ body: () async throws -> Void) async -> [FieldError] {
            do { try await body() } catch ConveneError.invalid(let errors) { return errors } catch { return [FieldError("?", "\(error)")] }
            return []
        }
        // Dates out of order.
        var errors = await invalid { _ = try await f.c.create(Initiative.self, fields: ["title": "X", "startsOn": "2027-01-01", "endsOn": "2026-01-01"], actor: f.actor) }
        #expect(errors == [FieldError("endsOn", "(2026-01-01) is before startsOn (2027-01-01)")])
        errors = await invalid { _ = try await f.c.create(Partnership.self, fields: ["name": "P", "agreements": [["kind": "mou", "title": "MOU", "signedOn": "2026-05-01", "expiresOn": "2026-04-01"]]], actor: f.actor) }
        #expect(errors.map(\.field) == ["agreements[0].expiresOn"])
        errors = await invalid { _ = try await f.c.create(Decision.self, fields: ["initiativeId": .string(initiative.id), "title": "Too early", "decidedOn": "2026-08-01", "rationale": "r"], actor: f.actor) }
        #expect(errors == [FieldError("decidedOn", "(2026-08-01) is before the initiative began (2026-09-01)")])
        // Links to records that do not exist.
        errors = await invalid {
            _ = try await f.c.create(Decision.self, fields: ["initiativeId": "nosuchinitiative", "title": "T", "decidedOn": "2026-10-01", "rationale": "r",
                                                             "evidence": [["kind": "consultation", "id": "nosuchconsultation"], ["kind": "stakeholder", "id": .string(f.parent.id)]]], actor: f.actor)
        }
        #expect(errors.map(\.field).sorted() == ["evidence[0].id", "initiativeId"])
        #expect(errors.contains(FieldError("evidence[0].id", "no consultation has id \"nosuchconsultation\"")))
        errors = await invalid { _ = try await f.c.create(Campaign.self, fields: ["title": "C", "asks": [["stakeholderId": "ghost", "ask": "Vote yes"]]], actor: f.actor) }
        #expect(errors == [FieldError("asks[0].stakeholderId", "no stakeholder has id \"ghost\"")])
        // Wrong fields, wrong values, wrong types.
        errors = await invalid { _ = try await f.c.create(Resource.self, fields: ["title": "R", "url": "ftp://x", "type": "book", "colour": "red"], actor: f.actor) }
        #expect(errors.map(\.field) == ["colour"])
        errors = await invalid { _ = try await f.c.create(Resource.self, fields: ["title": "R", "url": "ftp://x", "type": "book"], actor: f.actor) }
        #expect(errors == [FieldError("type", "must be one of: guide, template, toolkit, case-study, research, other")])
        errors = await invalid { _ = try await f.c.create(Resource.self, fields: ["title": "R", "url": "ftp://x"], actor: f.actor) }
        #expect(errors == [FieldError("url", "must be a web address starting with http:// or https://")])
        errors = await invalid { _ = try await f.c.create(WorkingGroup.self, fields: ["name": "G", "actionItems": [["title": "A", "dueOn": "next week", "colour": "red"]]], actor: f.actor) }
        #expect(errors == [FieldError("actionItems[0].dueOn", "must be a date such as 2027-01-15")])
        errors = await invalid { _ = try await f.c.create(WorkingGroup.self, fields: ["name": "G", "actionItems": [["title": "A", "colour": "red"]]], actor: f.actor) }
        #expect(errors == [FieldError("actionItems[0].colour", "is not a field here")])
        errors = await invalid { _ = try await f.c.create(WorkingGroup.self, fields: ["name": 7], actor: f.actor) }
        #expect(errors == [FieldError("name", "must be text")])
        errors = await invalid { _ = try await f.c.update(Initiative.self, id: initiative.id, fields: ["isPublished": true], actor: f.actor) }
        #expect(errors.map(\.field) == ["isPublished"])
        errors = await invalid { _ = try await f.c.update(Initiative.self, id: initiative.id, fields: ["title": .null], actor: f.actor) }
        #expect(errors == [FieldError("title", "is required")])
        // A second initiative may not take the first one's public address.
        errors = await invalid { _ = try await f.c.create(Initiative.self, fields: ["title": "Another", "slug": "new-school-start-times"], actor: f.actor) }
        #expect(errors == [FieldError("slug", "\"new-school-start-times\" is taken by another initiative")])
        errors = await invalid { _ = try await f.c.create(Bill.self, fields: ["number": "SB 5", "jurisdiction": "State", "title": "A"], actor: f.actor) }
        #expect(errors.isEmpty)
        errors = await invalid { _ = try await f.c.create(Bill.self, fields: ["number": "sb 5", "jurisdiction": "state", "title": "B"], actor: f.actor) }
        #expect(errors == [FieldError("number", "sb 5 of state is tracked already")])
        // Nothing above changed anything (one bill was made on purpose).
        #expect(try await Self.auditCount(f.store) == before + 1)
        #expect(try await f.c.record(Initiative.self, id: initiative.id) == initiative)
        // A stale version is refused.
        await #expect(throws: ConveneError.self) {
            try await f.c.update(Initiative.self, id: initiative.id, fields: ["summary": "s"], actor: f.actor, ifVersion: "1")
        }
    }

    @Test("a decision belongs to its initiative, links its evidence, and answers the plan's promises", arguments: Engine.available)
    func decisions(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let initiative = try await f.c.create(Initiative.self, fields: [
            "title": "Start times", "slug": "start-times", "summary": "Should high schools start later?",
            "plan": [["stakeholderType": "parent", "level": "involve", "target": 10], ["stakeholderType": "student", "level": "consult"]],
        ], actor: f.actor)
        let planId = try #require(initiative.plan[0].id)
        let resource = try await f.c.create(Resource.self, fields: ["title": "Review", "url": "https://example.org/r", "type": "research"], actor: f.actor)
        let d = try await f.c.create(Decision.self, fields: [
            "initiativeId": .string(initiative.id), "title": "Start at 8:45", "decidedOn": "2027-02-10", "decidedBy": "Board of Education",
            "rationale": "Sleep and buses.", "optionsConsidered": ["Keep 7:50", "Start at 8:45"], "chosenOption": "Start at 8:45",
            "evidence": [["kind": "resource", "id": .string(resource.id)], ["kind": "stakeholder", "id": .string(f.parent.id)], ["kind": "resource", "id": .string(resource.id)]],
            "promiseOutcomes": [["planId": .string(planId), "outcome": "Childcare concerns shaped the plan."]],
        ], actor: f.actor)
        #expect(d.evidence.count == 2)
        #expect(try await f.c.decisions(initiativeId: initiative.id).map(\.id) == [d.id])
        #expect(try await f.c.records(Decision.self, linkedTo: WorkLink(.resource, resource.id)).map(\.id) == [d.id])
        // A promise the plan never made, a chosen option not among those weighed.
        await #expect(throws: ConveneError.invalid([FieldError("chosenOption", "must be one of optionsConsidered"),
                                                    FieldError("promiseOutcomes[0].planId", "is not a line of the initiative's engagement plan")])) {
            try await f.c.update(Decision.self, id: d.id, fields: ["chosenOption": "Start at 9", "promiseOutcomes": [["planId": "nope", "outcome": "x"]]], actor: f.actor)
        }
        // The initiative cannot be removed while it has a decision.
        await #expect(throws: ConveneError.conflict("this initiative is referred to by 1 decision; change or remove those first")) {
            try await f.c.delete(Initiative.self, id: initiative.id, actor: f.actor)
        }
        // Published only with its own word; found by slug either way, published only when published.
        await #expect(throws: ConveneError.notFound(entity: "initiative", id: "start-times")) { try await f.c.publishedInitiative(slug: "start-times") }
        let published = try await f.c.update(Initiative.self, id: initiative.id, fields: ["isPublished": true], actor: f.actor)
        #expect(published.publishedAt != nil)
        #expect(try await f.c.publishedInitiative(slug: "start-times").id == initiative.id)
        let audit = try await f.store.auditEntries(AuditQuery(limit: 5))
        #expect(audit.first?.action == "publish" && audit.first?.entityType == "initiative")
    }

    @Test("erasing a stakeholder takes them out of every record; plan lines keep their ids; answered promises stay", arguments: Engine.available)
    func erasureAndIds(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let group = try await f.c.create(WorkingGroup.self, fields: [
            "name": "G", "members": [["stakeholderId": .string(f.parent.id)], ["stakeholderId": .string(f.official.id)]],
            "actionItems": [["title": "Call", "stakeholderId": .string(f.parent.id)]],
        ], actor: f.actor)
        let campaign = try await f.c.create(Campaign.self, fields: ["title": "C", "coalitionIds": [.string(f.parent.id)],
                                                                    "asks": [["stakeholderId": .string(f.parent.id), "ask": "Speak at the hearing"]]], actor: f.actor)
        try await Registry(store: f.store).delete(id: f.parent.id, actor: f.actor)
        let g = try await f.c.record(WorkingGroup.self, id: group.id)
        #expect(g.members.map(\.stakeholderId) == [f.official.id] && g.actionItems.count == 1 && g.actionItems[0].stakeholderId == nil)
        let c = try await f.c.record(Campaign.self, id: campaign.id)
        #expect(c.coalitionIds.isEmpty && c.asks.isEmpty)
        #expect(try await f.store.workReferrers(to: WorkLink(.stakeholder, f.parent.id)).isEmpty)
        let audit = try await f.store.auditEntries(AuditQuery(entityType: "campaign", limit: 5))
        #expect(audit.first?.action == "forget-stakeholder")

        // An event removed elsewhere does not stop edits of the group that listed it, but a new link must hold.
        let meeting = Event(kind: .workingGroupMeeting, title: "First meeting", startsAt: Date(), endsAt: Date().addingTimeInterval(3600))
        try await f.store.insertEvent(meeting, audit: AuditEntry(actor: .system, action: "create", entityType: "event", entityId: meeting.id))
        _ = try await f.c.update(WorkingGroup.self, id: group.id, fields: ["meetingIds": [.string(meeting.id)]], actor: f.actor)
        try await f.store.deleteEvent(id: meeting.id, audit: AuditEntry(actor: .system, action: "delete", entityType: "event", entityId: meeting.id))
        #expect(try await f.c.update(WorkingGroup.self, id: group.id, fields: ["name": "Renamed"], actor: f.actor).name == "Renamed")
        await #expect(throws: ConveneError.invalid([FieldError("meetingIds[1]", "no event has id \"nosuchevent\"")])) {
            try await f.c.update(WorkingGroup.self, id: group.id, fields: ["meetingIds": [.string(meeting.id), "nosuchevent"]], actor: f.actor)
        }
        let i = try await f.c.create(Initiative.self, fields: [
            "title": "Start times", "summary": "s", "plan": [["stakeholderType": "parent", "level": "involve"], ["stakeholderType": "student", "level": "consult"]],
        ], actor: f.actor)
        let parentLine = try #require(i.plan[0].id)
        // Sent back without ids, the lines keep theirs.
        let resent = try await f.c.update(Initiative.self, id: i.id, fields: [
            "plan": [["stakeholderType": "parent", "level": "involve", "target": 50], ["stakeholderType": "student", "level": "consult"]],
        ], actor: f.actor)
        #expect(resent.plan.map(\.id) == i.plan.map(\.id) && resent.plan[0].target == 50)
        await #expect(throws: ConveneError.invalid([FieldError("plan[1].id", "is the id of another entry")])) {
            try await f.c.update(Initiative.self, id: i.id, fields: ["plan": [["id": .string(parentLine), "stakeholderType": "parent", "level": "involve"],
                                                                              ["id": .string(parentLine), "stakeholderType": "student", "level": "consult"]]], actor: f.actor)
        }
        await #expect(throws: ConveneError.self) {
            try await f.c.update(Initiative.self, id: i.id, fields: ["plan": [["stakeholderType": "mayor", "level": "involve"]]], actor: f.actor)
        }
        _ = try await f.c.create(Decision.self, fields: ["initiativeId": .string(i.id), "title": "D", "decidedOn": "2027-01-01", "rationale": "r",
                                                         "promiseOutcomes": [["planId": .string(parentLine), "outcome": "Heard."]]], actor: f.actor)
        await #expect(throws: ConveneError.invalid([FieldError("plan", "a line the decision \"D\" answers was removed; take its answer out of the decision first")])) {
            try await f.c.update(Initiative.self, id: i.id, fields: ["plan": [["stakeholderType": "student", "level": "consult"]]], actor: f.actor)
        }
    }
}
