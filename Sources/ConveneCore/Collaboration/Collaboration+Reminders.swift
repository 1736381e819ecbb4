import Foundation

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

    /// Makes a follow-up for the owner of each partnership whose agreement's reminder time has
    /// come and who was not yet reminded of that expiry date: due two weeks before it lapses (or
    /// today), naming the partners. Returns how many were made. Runs daily from the job queue.
    @discardableResult
    public func sendAgreementReminders(today: CalendarDate, now: Date = Date()) async throws -> Int {
        var made = 0
        let engagement = Engagement(store: store)
        for r in try await agreementReminders(today: today) where r.daysLeft >= 0 && r.agreement.remindedFor != r.expiresOn {
            var p = try await record(Partnership.self, id: r.partnershipId)
            guard let owner = p.ownerId, let n = p.agreements.firstIndex(where: { $0.id == r.agreement.id }) else { continue }
            var patch = FollowUpPatch()
            patch.title = "Renew or close the \(r.agreement.kind.rawValue) agreement \"\(r.agreement.title)\" (\(p.name)): it lapses \(r.expiresOn)"
            patch.ownerId = owner
            patch.dueOn = max(today, r.expiresOn.adding(days: -14))
            patch.stakeholderIds = p.partnerIds
            patch.notes = .some("From the partnership's page: /partnerships/\(p.id)")
            _ = try await engagement.createFollowUp(patch, actor: .system, now: now)
            let before = p
            p.agreements[n].remindedFor = r.expiresOn
            p.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
            try await store.updateWorkRecord(try row(p), audit: AuditEntry(at: p.updatedAt, actor: .system, action: "remind", entityType: "partnership", entityId: p.id,
                                                                         before: .from(before), after: .from(p)))
            made += 1
        }
        return made
    }
}
