import Foundation

/// What a board report holds, for one initiative or for a period: engagement coverage over
/// the period, the consultations with what they heard, the decisions, and each initiative's
/// progress against its plan. Staff-facing; counts and themes only, no one named.
public struct BoardReport: Sendable {
    public struct InitiativePart: Sendable {
        public var initiative: Initiative
        public var progress: InitiativeProgress
        public var decisions: [Decision]
    }
    public var title: String
    public var period: Period
    public var coverage: CoverageReport
    public var initiatives: [InitiativePart]
    public var consultations: [PublicInitiative.Heard]
    public var decisions: [Decision]
    public var computedAt: Date
}

extension Collaboration {
    /// The board report of one initiative (its dates, or from its creation to today).
    public func boardReport(initiativeId: String, consultations: Consultations, now: Date = Date()) async throws -> BoardReport {
        let i = try await record(Initiative.self, id: initiativeId)
        let today = CalendarDate(date: now)
        let from = i.startsOn ?? CalendarDate(date: i.createdAt), to = max(from, i.endsOn.map { min($0, today) } ?? today)
        let period = Period(from: from, to: to, label: "\(from) to \(to)")
        let progress = try await progress(of: i, now: now)
        var heard: [PublicInitiative.Heard] = []
        for cid in i.consultationIds { if let c = try await store.consultation(id: cid) { heard.append(try await self.heard(c, consultations: consultations, now: now, recompute: true)) } }
        let decisions = try await decisions(initiativeId: i.id)
        return BoardReport(title: i.title, period: period, coverage: try await Engagement(store: store).coverage(period, now: now),
                           initiatives: [.init(initiative: i, progress: progress, decisions: decisions)], consultations: heard, decisions: decisions, computedAt: now)
    }

    /// The board report of a period: initiatives under way in it, consultations open in it, decisions made in it.
    public func boardReport(period: Period, consultations: Consultations, now: Date = Date()) async throws -> BoardReport {
        var parts: [BoardReport.InitiativePart] = []
        for i in try await records(Initiative.self).sorted(by: { $0.title < $1.title }) {
            let start = i.startsOn ?? CalendarDate(date: i.createdAt)
            if start > period.to { continue }
            if let end = i.endsOn, end < period.from { continue }
            parts.append(.init(initiative: i, progress: try await progress(of: i, now: now), decisions: try await decisions(initiativeId: i.id)))
        }
        var heard: [PublicInitiative.Heard] = []
        for c in try await store.consultations() {
            let opened = c.opensAt ?? c.createdAt, closed = c.closesAt ?? now
            if opened < period.endInstant && closed >= period.startInstant { heard.append(try await self.heard(c, consultations: consultations, now: now, recompute: true)) }
        }
        let decisions = try await records(Decision.self).filter { d in d.decidedOn.map { $0 >= period.from && $0 <= period.to } ?? false }
            .sorted { ($0.decidedOn?.description ?? "") < ($1.decidedOn?.description ?? "") }
        return BoardReport(title: period.label, period: period, coverage: try await Engagement(store: store).coverage(period, now: now),
                           initiatives: parts, consultations: heard, decisions: decisions, computedAt: now)
    }
}
