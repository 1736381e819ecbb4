import ConveneCore
import ConveneServer
import Foundation
import Testing

/// The demo's initiative is the first thing people see of F6: it must pass every rule, be
/// published with its decision, and show counts and themes without naming anyone.
@Suite("Demo: collaboration and decisions")
struct DemoCollaborationTests {
    @Test("the demo district carries a published initiative with its decision, a lapsing agreement, a campaign and a library")
    func demo() async throws {
        let app = try TestApp.make()
        let owner = try await app.user(.staff).user
        let district = DemoDistrict.generate(seed: 2026, count: 600, ownerIds: [owner.id])
        try await app.store.insertStakeholders(district.stakeholders, relationships: district.relationships, actor: .system)
        let now = Date()
        try await DemoConsultation.seed(app.services.consultations, seed: 2026, now: now)
        try await DemoCollaboration.seed(store: app.store, consultations: app.services.consultations, ownerId: owner.id, now: now)
        let c = app.services.collaboration
        let view = try await c.publicView(slug: "start-times-2027", spanish: false, consultations: app.services.consultations)
        #expect(view.decisions.count == 1 && view.decisions[0].promises.count == 3)
        #expect(view.tookPartTotal > 300 && view.votes > 1000)
        #expect(view.heard.first?.themes.isEmpty == false && view.heard.first?.consensus.isEmpty == false)
        let html = PublicInitiativeView.html(view, spanish: true)
        for s in district.stakeholders { #expect(!html.contains(s.displayName), "the demo page names \(s.displayName)") }
        #expect(try await c.agreementReminders(today: CalendarDate(date: now)).count == 1)
        #expect(try await c.records(Campaign.self).first?.asks.first?.outcome == .committed)
        #expect(try await c.records(Resource.self).count == 4)
        #expect(try await c.openActionItems(ownerId: owner.id).count == 2)
    }
}
