import Foundation

/// The demo district's collaboration and decisions: the start-times initiative carried through
/// its consultation and a town hall to a published decision, a research–practice partnership
/// whose data-sharing agreement lapses soon, a working group, a bill with a position and a
/// campaign, and a small resource library.
public enum DemoCollaboration {
    public static func seed(store: any ConveneStore, consultations: Consultations, ownerId: String, now: Date) async throws {
        let c = Collaboration(store: store), actor = Actor(userId: nil, label: "demo")
        let registry = Registry(store: store)
        func people(_ type: String, _ n: Int) async throws -> [Stakeholder] {
            try await registry.search(StakeholderQuery(types: [type], limit: n)).items
        }
        let today = CalendarDate(date: now)
        func day(_ offset: Int) -> JSONValue { .string(today.adding(days: offset).description) }

        // Resources.
        let sleep = try await c.create(Resource.self, fields: [
            "title": "School start times for adolescents: a review of the evidence", "url": "https://example.org/research/start-times-review",
            "type": "research", "organization": "Regional Education Research Alliance", "notes": "Summarizes studies of later starts on sleep, attendance and grades.",
        ], actor: actor, now: now)
        _ = try await c.create(Resource.self, fields: [
            "title": "Community engagement planning template", "url": "https://example.org/templates/engagement-plan", "type": "template",
            "organization": "State School Boards Association",
        ], actor: actor, now: now)
        _ = try await c.create(Resource.self, fields: [
            "title": "Chronic absenteeism toolkit for principals", "url": "https://example.org/toolkits/attendance", "type": "toolkit",
            "organization": "Attendance Works (example)",
        ], actor: actor, now: now)
        let busCase = try await c.create(Resource.self, fields: [
            "title": "How one district re-tiered its bus routes", "url": "https://example.org/case-studies/bus-tiers", "type": "case-study",
            "organization": "Council of Great City Schools (example)",
        ], actor: actor, now: now)

        // A research-practice partnership whose data-sharing agreement lapses within the reminder window.
        let researchers = try await people("researcher", 2)
        _ = try await c.create(Partnership.self, fields: [
            "name": "Sleep and attendance study", "kind": "research-practice", "stage": "active", "stageSince": day(-200),
            "partnerIds": .array(researchers.map { .string($0.id) }), "ownerId": .string(ownerId),
            "researchQuestions": ["Does a later start reduce first-period absences?", "Which students gain most from a later start?"],
            "agreements": [["kind": "data-sharing", "title": "Attendance data-sharing agreement", "signedOn": day(-330), "expiresOn": day(35), "remindDaysBefore": 60],
                           ["kind": "mou", "title": "Memorandum of understanding", "signedOn": day(-360), "expiresOn": day(400)]],
            "outputs": [["kind": "brief", "title": "Interim findings brief", "url": "https://example.org/briefs/sleep-interim", "publishedOn": day(-40)]],
        ], actor: actor, now: now)

        // A working group with members, an action item and a document.
        let educators = try await people("educator", 3), parents = try await people("parent", 60), students = try await people("student", 20)
        _ = try await c.create(WorkingGroup.self, fields: [
            "name": "Start times working group", "purpose": "Work through transport, athletics and childcare questions before the board decides.",
            "members": .array(educators.map { ["stakeholderId": .string($0.id), "role": "member"] } + [["userId": .string(ownerId), "role": "staff-lead"]]),
            "actionItems": [["title": "Cost two bus-tier options with the transport office", "ownerId": .string(ownerId), "dueOn": day(14)],
                            ["title": "Ask coaches how practice times would change", "ownerId": .string(ownerId), "dueOn": day(-3)]],
            "documents": [["title": "Bell-time options (draft)", "url": "https://example.org/docs/bell-times"]],
        ], actor: actor, now: now)

        // Advocacy: a bill, a position on it, and a campaign with asks of two officials.
        let officials = try await people("elected-official", 2), advocates = try await people("advocacy-organization", 2)
        let bill = try await c.create(Bill.self, fields: [
            "number": "HB 1147", "jurisdiction": "State legislature", "title": "Funding for school transportation in districts changing bell times",
            "status": "in-committee", "nextAction": "Committee hearing", "nextActionOn": day(21),
        ], actor: actor, now: now)
        let position = try await c.create(PolicyPosition.self, fields: [
            "title": "Support transportation funding for later start times", "billId": .string(bill.id), "stance": "support", "adoptedOn": day(-20),
            "rationale": "Bus costs are the largest obstacle families named; state help would make a later start possible.",
        ], actor: actor, now: now)
        if let first = officials.first {
            _ = try await c.create(Campaign.self, fields: [
                "title": "Fund the buses", "goal": "Pass HB 1147 out of committee this session.", "status": "active", "billId": .string(bill.id),
                "positionId": .string(position.id), "startsOn": day(-20), "coalitionIds": .array(advocates.map { .string($0.id) }),
                "asks": .array([["stakeholderId": .string(first.id), "ask": "Co-sponsor HB 1147", "askedOn": day(-10), "outcome": "committed",
                                 "outcomeNote": "Agreed to co-sponsor"]] + officials.dropFirst().map { ["stakeholderId": .string($0.id), "ask": "Vote yes in committee", "askedOn": day(-5)] }),
            ], actor: actor, now: now)
        }

        // The initiative: plan, consultation, a town hall with attendance, a decision, published.
        guard let consultation = try await store.consultation(slug: "start-times") else { return }
        let hall = Event(kind: .townHall, title: "Town hall on school start times", startsAt: now.addingTimeInterval(-9 * 86_400),
                         endsAt: now.addingTimeInterval(-9 * 86_400 + 7200), location: "Riverside High School auditorium",
                         invitees: (parents.prefix(40) + students.prefix(12) + educators).map { Invitee(stakeholderId: $0.id, rsvp: .accepted, attended: true) }
                            + parents.dropFirst(40).map { Invitee(stakeholderId: $0.id, rsvp: .declined) },
                         createdAt: now, updatedAt: now)
        try await store.insertEvent(hall, audit: AuditEntry(at: now, actor: actor, action: "create", entityType: "event", entityId: hall.id, after: .from(hall)))
        let initiative = try await c.create(Initiative.self, fields: [
            "title": "New school start times", "titleEs": "Nuevos horarios de entrada", "slug": "start-times-2027", "startsOn": day(-60), "endsOn": day(60),
            "summary": "Should our high schools start later? We asked families, students and staff what matters to them before the board decides.",
            "summaryEs": "¿Deberían nuestras escuelas secundarias empezar más tarde? Preguntamos a familias, estudiantes y personal qué es importante para ellos antes de que decida la junta.",
            "ownerId": .string(ownerId),
            "plan": [["stakeholderType": "parent", "level": "involve", "target": 300], ["stakeholderType": "student", "level": "involve", "target": 100],
                     ["stakeholderType": "educator", "level": "consult", "target": 50]],
            "activities": [["kind": "consultation", "title": "Online consultation", "plannedOn": day(-45), "consultationId": .string(consultation.id)],
                           ["kind": "forum", "title": "Town hall", "plannedOn": day(-9), "eventId": .string(hall.id)],
                           ["kind": "meeting", "title": "Board work session", "plannedOn": day(30)]],
        ], actor: actor, now: now)
        let analysis = try await consultations.analysis(consultationId: consultation.id, now: now)
        let plan = initiative.plan.compactMap(\.id)
        var evidence: [JSONValue] = [["kind": "consultation", "id": .string(consultation.id)], ["kind": "event", "id": .string(hall.id)],
                                     ["kind": "resource", "id": .string(sleep.id)], ["kind": "resource", "id": .string(busCase.id)]]
        evidence += analysis.consensusStatementIds.prefix(1).map { ["kind": "statement", "id": .string($0)] }
        _ = try await c.create(Decision.self, fields: [
            "initiativeId": .string(initiative.id), "title": "Phase in later high-school start times from fall 2027", "decidedOn": day(-2),
            "decidedBy": "Board of Education", "optionsConsidered": ["Keep the current schedule", "Start high schools at 8:45 from fall 2027", "Start all schools 20 minutes later"],
            "chosenOption": "Start high schools at 8:45 from fall 2027",
            "rationale": "Families and students agreed most on reliable buses and on sleep; a two-tier bus plan keeps costs level while high schools start later.",
            "evidence": .array(evidence),
            "promiseOutcomes": .array(zip(plan, ["Parents' concerns about childcare shaped the before-school program in the plan.",
                                                 "Students' worries about jobs and sports moved practice times, not the start time.",
                                                 "Teachers were heard; the contract calendar is unchanged."]).map { ["planId": .string($0.0), "outcome": .string($0.1)] }),
        ], actor: actor, now: now)
        _ = try await c.update(Initiative.self, id: initiative.id, fields: ["isPublished": true], actor: actor, now: now)
    }
}
