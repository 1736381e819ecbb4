import ConveneCore
import ConveneServer
import Foundation
import Testing

/// A statement approved at once (moderation after) and rejected later must leave the public
/// page, its words with it, and the stored analysis must be computed again.
@Suite("Public page after moderation")
struct PublicModerationTests {
    @Test("a statement rejected after the analysis leaves the public page, words and all", arguments: Engine.available)
    func rejectedLater(engine: Engine) async throws {
        let app = try await TestApp.make(engine: engine)
        let staff = try await app.user(.staff).user
        let consultations = app.services.consultations, c = app.services.collaboration
        let con = try await consultations.create(ConsultationPatch(slug: "bells", title: "Bell times", question: "When should school start?", moderation: .after), actor: .user(staff))
        var ids: [String] = []
        for t in ["Later starts help sleep", "Earlier starts help working parents", "Buses must be on time"] {
            ids.append(try await consultations.addStatement(consultationId: con.id, text: t, actor: .user(staff)).id)
        }
        var people: [Participant] = []
        for n in 0..<30 { people.append(try await consultations.join(slug: "bells", stakeholderType: n % 2 == 0 ? "parent" : "student", area: nil).0) }
        let named = try await consultations.write(people[0], in: con, text: "Zebulon Fitzgerald drives bus seven recklessly")
        #expect(named.status == .approved)
        for (n, p) in people.enumerated() {
            for (s, id) in (ids + [named.id]).enumerated() {
                try await consultations.vote(p, in: con, statementId: id, vote: s == 2 || s == 3 ? 1 : ((s == 0) == (n % 2 == 0) ? 1 : -1))
            }
        }
        _ = try await consultations.recompute(con)
        let i = try await c.create(Initiative.self, fields: ["title": "Bells", "summary": "s", "isPublished": true,
                                                             "activities": [["kind": "consultation", "title": "C", "consultationId": .string(con.id)]]], actor: .user(staff))
        let before = PublicInitiativeView.html(try await c.publicView(slug: i.slug, spanish: false, consultations: consultations), spanish: false)
        #expect(before.contains("Zebulon Fitzgerald"))
        _ = try await consultations.moderate(statementId: named.id, approve: false, reason: "names a person", actor: .user(staff))
        #expect(try await app.store.analysis(consultationId: con.id)?.votes == -1)
        let after = PublicInitiativeView.html(try await c.publicView(slug: i.slug, spanish: false, consultations: consultations), spanish: false)
        for word in ["Zebulon", "Fitzgerald", "recklessly"] { #expect(!after.contains(word), "\(word) is still on the public page") }
        // Staff reading the analysis bring it up to date.
        _ = try await consultations.analysis(consultationId: con.id)
        #expect(try await app.store.analysis(consultationId: con.id)?.votes == app.store.countVotes(consultationId: con.id))
    }

    @Test("a public page is built once a moment: a new participant shows within half a minute, a decision at once")
    func shortCache() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff).user
        let consultations = app.services.consultations, c = app.services.collaboration
        let con = try await consultations.create(ConsultationPatch(slug: "bells", title: "Bell times", question: "When?"), actor: .user(staff))
        let s = try await consultations.addStatement(consultationId: con.id, text: "Later is better", actor: .user(staff))
        for _ in 0..<3 { let p = try await consultations.join(slug: "bells", stakeholderType: "parent", area: nil).0; try await consultations.vote(p, in: con, statementId: s.id, vote: 1) }
        let i = try await c.create(Initiative.self, fields: ["title": "Bells", "summary": "s", "isPublished": true,
                                                             "activities": [["kind": "consultation", "title": "C", "consultationId": .string(con.id)]]], actor: .user(staff))
        let now = Date()
        #expect(try await c.publicView(slug: i.slug, spanish: false, consultations: consultations, now: now).tookPartTotal == 3)
        _ = try await consultations.join(slug: "bells", stakeholderType: "parent", area: nil)
        #expect(try await c.publicView(slug: i.slug, spanish: false, consultations: consultations, now: now.addingTimeInterval(5)).tookPartTotal == 3)
        #expect(try await c.publicView(slug: i.slug, spanish: false, consultations: consultations, now: now.addingTimeInterval(31)).tookPartTotal == 4)
        _ = try await c.create(Decision.self, fields: ["initiativeId": .string(i.id), "title": "Ring later", "decidedOn": "2027-01-01", "rationale": "r"], actor: .user(staff))
        #expect(try await c.publicView(slug: i.slug, spanish: false, consultations: consultations, now: now.addingTimeInterval(32)).decisions.map(\.title) == ["Ring later"])
    }
}
