import ConveneCore
import ConveneServer
import Foundation
import Testing

@Suite("Demo radar")
struct DemoRadarTests {
    @Test("the demo's radar has items for every issue, and chronic absenteeism rising this week")
    func demo() async throws {
        let store = try await Engine.sqlite.makeStore()
        // A Thursday afternoon, so the week's stories fall in the week in any US zone.
        let now = Timestamp.parse("2026-11-19T18:00:00Z") ?? Date()
        try await DemoRadar.seed(into: store, ownerId: nil, seed: 7, now: now)
        let radar = Radar(store: store)
        let sources = try await radar.sources()
        #expect(sources.count == 4 && sources.allSatisfy(\.isPaused))
        #expect(sources.allSatisfy { $0.fetch.lastResult?.contains("new items") == true })
        let trends = try await radar.trends(zone: TimeZone(identifier: "America/Chicago") ?? .current, now: now)
        #expect(trends.count == 5)
        #expect(trends.first?.issue.name == "Chronic absenteeism" && trends.first?.isRising == true, "\(trends.map { "\($0.issue.name): \($0.explanation)" })")
        for t in trends { #expect(try await store.countRadarItems(ItemQuery(issueId: t.issue.id)) > 20, "\(t.issue.name)") }
        let briefing = try await radar.briefing(week: nil, userId: nil, zone: TimeZone(identifier: "America/Chicago") ?? .current, now: now)
        #expect(briefing.rising.map(\.issue.name) == ["Chronic absenteeism"])
    }
}

@Suite("Demo consultation")
struct DemoConsultationTests {
    @Test("the demo's consultation has three opinion groups and the bus statement as consensus")
    func demo() async throws {
        let store = try await Engine.sqlite.makeStore()
        let consultations = Consultations(store: store, hashing: BcryptHashing(cost: 4))
        try await DemoConsultation.seed(consultations, seed: 7, now: Date())
        let c = try await consultations.consultation(slug: "start-times")
        let a = try await consultations.analysis(consultationId: c.id)
        #expect(a.participants == 300)
        #expect(a.groups.count == 3, "\(a.groups.map(\.participantIds.count))")
        let bus = try await store.statements(consultationId: c.id, status: .approved).first { $0.text.hasPrefix("Whatever we decide") }
        #expect(a.consensusStatementIds.contains(bus?.id ?? "-"))
        #expect(try await store.statements(consultationId: c.id, status: .pending).count == 1)
    }
}
