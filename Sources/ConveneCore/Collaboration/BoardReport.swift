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

/// An agreement that lapses soon (or has lapsed), for reminders.
public struct AgreementReminder: Sendable, Equatable {
    public var partnershipId: String
    public var partnershipName: String
    public var agreement: Agreement
    public var expiresOn: CalendarDate
    /// Negative once it has lapsed.
    public var daysLeft: Int
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

    /// Agreements whose reminder time has come: from `remindDaysBefore` (60 when not set) days
    /// before they lapse until 30 days after, soonest first.
    public func agreementReminders(today: CalendarDate) async throws -> [AgreementReminder] {
        var out: [AgreementReminder] = []
        for p in try await records(Partnership.self) where p.stage != .closed {
            for a in p.agreements {
                guard let expires = a.expiresOn else { continue }
                let days = Int((expires.startInstant.timeIntervalSince(today.startInstant) / 86_400).rounded())
                if days <= (a.remindDaysBefore ?? 60) && days >= -30 {
                    out.append(AgreementReminder(partnershipId: p.id, partnershipName: p.name, agreement: a, expiresOn: expires, daysLeft: days))
                }
            }
        }
        return out.sorted { ($0.daysLeft, $0.partnershipName) < ($1.daysLeft, $1.partnershipName) }
    }

    /// Open action items of working groups, soonest due first; only `ownerId`'s when given.
    public func openActionItems(ownerId: String? = nil) async throws -> [(group: WorkingGroup, item: ActionItem)] {
        var out: [(group: WorkingGroup, item: ActionItem)] = []
        for g in try await records(WorkingGroup.self) {
            for a in g.actionItems where a.status == .open && (ownerId == nil || a.ownerId == ownerId) { out.append((g, a)) }
        }
        return out.sorted { ($0.item.dueOn?.description ?? "9999", $0.item.title) < ($1.item.dueOn?.description ?? "9999", $1.item.title) }
    }
}
