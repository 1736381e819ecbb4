import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation

/// `convene initiative`: measurement of an initiative's progress, public page and board report.
struct InitiativeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "initiative", abstract: "Initiatives: measure progress, the public page and the board report.",
                                                    subcommands: [InitiativeBenchCommand.self])
}

/// `convene initiative bench`: builds one initiative at a given size in a seeded database (a
/// consultation with participants and votes, a forum with attendees, a plan and a decision) and
/// times what readers ask of it.
struct InitiativeBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Add a sized initiative to a seeded database (convene seed first) and time its progress, public page and board report.")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Consultation participants.") var participants = 5_000
    @Option(help: "Statements.") var statements = 40
    @Option(help: "Share of statements each participant votes on (0–1).") var density = 0.5
    @Option(help: "Forum attendees, taken from the seeded stakeholders.") var attendees = 2_000
    @Option(help: "Timed repetitions of each reading (the median is printed).") var repetitions = 15

    func run() async throws {
        let store = try await db.open()
        let actor = Actor(userId: nil, label: "bench")
        let profiles = try await store.stakeholderProfiles()
        guard profiles.count >= attendees else { throw CLIError("the database has \(profiles.count) stakeholders; seed at least \(attendees) first (convene seed --stakeholders N)") }
        let consultations = Consultations(store: store, hashing: BcryptHashing(cost: 4)), c = Collaboration(store: store)
        let now = Date()
        var clock = Date()
        func lap() -> Double { let t = Date().timeIntervalSince(clock); clock = Date(); return t }

        let slug = "bench-\(Identifier.make().prefix(8))"
        let consultation = try await consultations.create(ConsultationPatch(slug: slug, title: "Bench consultation", question: "What should we weigh?"), actor: actor, now: now)
        var statementIds: [String] = []
        for n in 0..<statements {
            statementIds.append(try await consultations.addStatement(consultationId: consultation.id, text: "Statement \(n) about the schedule and its trade-offs", actor: actor, now: now).id)
        }
        let types = ["parent", "student", "educator", "community-member", "school-staff"]
        var random = SystemRandomNumberGenerator()
        var votes = 0
        for n in 0..<participants {
            let p = try await store.insertParticipant(Participant(consultationId: consultation.id, stakeholderType: types[n % types.count], createdAt: now),
                                                      tokenHash: Identifier.make(), inviteHash: nil)
            for (s, sid) in statementIds.enumerated() where Double.random(in: 0..<1, using: &random) < density {
                let vote = s == 0 ? 1 : ((s % 3) == (n % 3) ? 1 : (Bool.random(using: &random) ? -1 : 0))
                try await store.recordVote(consultationId: consultation.id, participantId: p.id, statementId: sid, vote: vote, at: now)
                votes += 1
            }
        }
        let loaded = lap()
        _ = try await consultations.recompute(consultation, now: now)
        let analysis = lap()

        let hall = Event(kind: .townHall, title: "Bench forum", startsAt: now.addingTimeInterval(-86_400), endsAt: now.addingTimeInterval(-80_000),
                         invitees: profiles.prefix(attendees).map { Invitee(stakeholderId: $0.id, rsvp: .accepted, attended: true) }, createdAt: now, updatedAt: now)
        try await store.insertEvent(hall, audit: AuditEntry(at: now, actor: actor, action: "create", entityType: "event", entityId: hall.id))
        let initiative = try await c.create(Initiative.self, fields: [
            "title": "Bench initiative", "slug": .string(slug), "summary": "Measured.",
            "plan": .array(types.map { ["stakeholderType": .string($0), "level": "consult", "target": 1000] }),
            "activities": [["kind": "consultation", "title": "Consultation", "consultationId": .string(consultation.id)],
                           ["kind": "forum", "title": "Forum", "eventId": .string(hall.id)]],
        ], actor: actor)
        _ = try await c.create(Decision.self, fields: [
            "initiativeId": .string(initiative.id), "title": "Decided", "decidedOn": .string(CalendarDate(date: now).description), "rationale": "Measured.",
            "evidence": [["kind": "consultation", "id": .string(consultation.id)], ["kind": "event", "id": .string(hall.id)]],
        ], actor: actor)
        _ = try await c.update(Initiative.self, id: initiative.id, fields: ["isPublished": true], actor: actor)
        _ = lap()

        func median(_ body: () async throws -> Void) async rethrows -> Double {
            var times: [Double] = []
            for _ in 0..<max(1, repetitions) { clock = Date(); try await body(); times.append(lap()) }
            return times.sorted()[times.count / 2]
        }
        let progress = try await median { _ = try await c.progress(of: initiative) }
        let publicView = try await median { _ = try await c.publicView(slug: slug, spanish: false, consultations: consultations, fresh: true) }
        let rendered = try await median {
            _ = PublicInitiativeView.html(try await c.publicView(slug: slug, spanish: true, consultations: consultations, fresh: true), spanish: true)
        }
        let board = try await median {
            _ = BoardReportRenderer.html(try await c.boardReport(initiativeId: initiative.id, consultations: consultations), zone: TimeZone(identifier: "UTC") ?? .current)
        }
        print("engine\tstakeholders\tparticipants\tvotes\tattendees\tload_s\tanalysis_s\tprogress_ms\tpublic_view_ms\tpublic_page_ms\tboard_report_ms")
        print("\(store.engineName)\t\(profiles.count)\t\(participants)\t\(votes)\t\(attendees)\t\(String(format: "%.1f", loaded))\t\(String(format: "%.2f", analysis))\t"
              + [progress, publicView, rendered, board].map { String(format: "%.1f", $0 * 1000) }.joined(separator: "\t"))
    }
}
