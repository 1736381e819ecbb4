import Foundation

/// The demo district's consultation: later school start times, with seed statements, a
/// statement heard at a forum, and 300 generated participants in three camps (sleep first,
/// logistics first, sports and jobs first) who mostly agree that buses must be fixed either way.
public enum DemoConsultation {
    static let statements: [(text: String, camp: Int)] = [
        ("Teenagers learn better when school starts after 8:30", 0), ("Later starts mean fewer absences in first period", 0),
        ("The research on adolescent sleep should decide this", 0), ("Childcare for younger siblings gets harder with later starts", 1),
        ("Bus routes would cost more if we change the bell times", 1), ("Parents who start work early need the current schedule", 1),
        ("After-school jobs would suffer with a later end time", 2), ("Sports practice would run into the dark in winter", 2),
        ("Students should have a say in the schedule", 2), ("Whatever we decide, buses must arrive on time", -1),
    ]

    public static func seed(_ consultations: Consultations, seed: UInt64, now: Date) async throws {
        let actor = Actor(userId: nil, label: "demo")
        let c = try await consultations.create(ConsultationPatch(slug: "start-times", title: "Later school start times",
                                                                 question: "Should our high schools start later in the morning?",
                                                                 description: .some("The board will decide in the spring. Tell us what matters to you."),
                                                                 audienceTypes: ["parent", "student", "educator", "school-staff", "community-member"],
                                                                 level: .involve, moderation: .before), actor: actor, now: now)
        var made: [(ConsultationStatement, Int)] = []
        for s in statements { made.append((try await consultations.addStatement(consultationId: c.id, text: s.text, actor: actor, now: now), s.camp)) }
        made.append((try await consultations.addStatement(consultationId: c.id, text: "Coaches worry about losing practice time",
                                                          heardFrom: "educator", actor: actor, now: now), 2))
        var random = DemoRandom(seed: seed ^ 0x434F_4E53)
        let types = ["parent", "student", "educator", "parent", "community-member"]
        for n in 0..<300 {
            let camp = n % 3
            let (p, _) = try await consultations.join(slug: c.slug, stakeholderType: types[random.below(types.count)], area: nil, now: now)
            for (s, statementCamp) in made where random.chance(0.85) {
                var vote = statementCamp == -1 ? 1 : (statementCamp == camp ? 1 : (random.chance(0.3) ? 0 : -1))
                if random.chance(0.08) { vote = -vote }
                try await consultations.vote(p, in: c, statementId: s.id, vote: vote, now: now.addingTimeInterval(Double(n)))
            }
            if n == 7 { _ = try await consultations.write(p, in: c, text: "Could middle schools start earlier instead?", now: now) }
        }
        try await consultations.recompute(c, now: now)
    }
}
