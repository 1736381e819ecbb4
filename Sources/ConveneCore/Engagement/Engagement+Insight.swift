import ConveneAnalysis
import Foundation

/// A stakeholder worth getting in touch with, and why.
public struct DueContact: Sendable, Equatable {
    public var stakeholderId: String
    public var displayName: String
    public var health: RelationshipHealth
    public var influence: Int?
    public var interest: Int?
    public var priority: Double
}

/// Coverage over a period: overall, by type, by school or area, and against each target.
public struct CoverageReport: Sendable, Equatable {
    public struct TargetResult: Sendable, Equatable {
        public var target: CoverageTarget
        public var row: Coverage.Row
        public var met: Bool { row.total > 0 && row.heardPercent + 1e-9 >= Double(target.heardPercent) }
        /// How many more stakeholders must be heard from to meet the target.
        public var shortfall: Int { max(0, Int((Double(target.heardPercent) * Double(row.total) / 100).rounded(.up)) - row.heard) }
    }

    public var period: Period
    public var overall: Coverage.Row
    public var byType: [Coverage.Row]
    public var byArea: [Coverage.Row]
    public var targets: [TargetResult]
    public var computedAt: Date

    /// Unmet targets by shortfall; with no targets, the types and areas least heard from.
    public func gaps(limit: Int = 5) -> [(label: String, row: Coverage.Row, targetPercent: Int?)] {
        let unmet = targets.filter { !$0.met && $0.row.total > 0 }.sorted { ($0.shortfall, $0.target.label) > ($1.shortfall, $1.target.label) }
        if !targets.isEmpty {
            return unmet.prefix(limit).map { ($0.target.label, $0.row, $0.target.heardPercent) }
        }
        let rows = (byType + byArea).filter { $0.total >= 10 }.sorted { ($0.heardPercent, $0.value) < ($1.heardPercent, $1.value) }
        return rows.prefix(limit).map { ($0.dimension == "type" ? StakeholderType.label($0.value) : $0.value, $0, nil) }
    }
}

/// What the home page shows a user.
public struct Dashboard: Sendable {
    public var today: CalendarDate
    public var overdue: [FollowUp]
    public var overdueTotal: Int
    public var dueSoon: [FollowUp]
    public var upcomingEvents: [Event]
    public var coverage: CoverageReport
    public var dueForContact: [DueContact]
    public var recent: [Interaction]
}

extension Engagement {
    /// One stakeholder's health now.
    public func health(of stakeholderId: String, now: Date = Date()) async throws -> RelationshipHealth {
        let since = now.addingTimeInterval(-Double(RelationshipHealth.windowDays) * 86_400)
        let s = try await store.contactSummaries(stakeholderIds: [stakeholderId], since: since).first
        return RelationshipHealth(lastContactAt: s?.lastContactAt, contacts: s?.contacts ?? 0, inbound: s?.inbound ?? 0, now: now)
    }

    /// Everyone's health, most urgent to contact first (see `RelationshipHealth.contactPriority`).
    /// `fresh` skips the cache (reports); otherwise figures may be a little old (see `EngagementCache`).
    public func healthOfAll(now: Date = Date(), fresh: Bool = false) async throws -> [DueContact] {
        let snapshot = try await district(now: now, fresh: fresh)
        return snapshot.ranked
    }

    /// Stakeholders due for contact: those whose health is below 50, most urgent first.
    public func dueForContact(now: Date = Date(), limit: Int = 50, offset: Int = 0) async throws -> (items: [DueContact], total: Int) {
        let due = try await district(now: now, fresh: false).due
        let start = min(max(offset, 0), due.count)
        return (Array(due[start..<min(start + max(limit, 0), due.count)]), due.count)
    }

    public func coverage(_ period: Period, now: Date = Date(), fresh: Bool = false) async throws -> CoverageReport {
        let key = "coverage|\(period.from)|\(period.to)"
        let version = try await store.changeVersion()
        if !fresh, let hit: CoverageReport = cache.get(key, version: version, now: Date()) { return hit }
        let started = Date()
        let targets = try await store.coverageTargets()
        let counts = try await store.coverageCounts(from: period.startInstant, to: period.endInstant,
                                                    targets: targets.map { CoverageCriteria(type: $0.stakeholderType, area: $0.area, language: $0.language) })
        func row(_ dimension: String, _ c: CoverageCount) -> Coverage.Row {
            Coverage.Row(dimension: dimension, value: c.value, total: c.total, engaged: c.engaged, heard: c.heard)
        }
        let result = (overall: row("all", counts.overall), byType: counts.byType.map { row("type", $0) }, byArea: counts.byArea.map { row("area", $0) })
        var targetResults: [CoverageReport.TargetResult] = []
        for (t, c) in zip(targets, counts.targets) {
            var r = row("target", c)
            r.value = t.label
            targetResults.append(.init(target: t, row: r))
        }
        let report = CoverageReport(period: period, overall: result.overall, byType: result.byType, byArea: result.byArea, targets: targetResults, computedAt: now)
        cache.put(key, version: version, started: started, report)
        return report
    }

    public func coverageTargets() async throws -> [CoverageTarget] { try await store.coverageTargets() }

    /// `timeZone` decides what "today" is for overdue and coming follow-ups (UTC when nil).
    public func dashboard(userId: String, now: Date = Date(), timeZone: TimeZone? = nil) async throws -> Dashboard {
        // The same user's dashboard, while nothing has changed, within the same minute.
        let key = "dashboard|\(userId)|\(timeZone?.identifier ?? "UTC")|\(Int(now.timeIntervalSince1970 / 60))"
        let version = try await store.changeVersion()
        if let hit: Dashboard = cache.get(key, version: version, now: Date(), onlyExact: true) { return hit }
        let started = Date()
        let board = try await computeDashboard(userId: userId, now: now, timeZone: timeZone)
        cache.put(key, version: version, started: started, board)
        return board
    }

    func computeDashboard(userId: String, now: Date, timeZone: TimeZone?) async throws -> Dashboard {
        let today = CalendarDate(date: now, timeZone: timeZone)
        async let overdue = store.followUps(FollowUpQuery(ownerId: userId, status: .open, dueBefore: today, limit: 10))
        async let overdueTotal = store.countFollowUps(FollowUpQuery(ownerId: userId, status: .open, dueBefore: today, limit: 0))
        async let soon = store.followUps(FollowUpQuery(ownerId: userId, status: .open, dueBefore: today.adding(days: 8), limit: 20))
        async let events = store.events(EventQuery(from: now, to: now.addingTimeInterval(30 * 86_400), limit: 8))
        async let recent = store.interactions(InteractionQuery(to: now.addingTimeInterval(60), limit: 10))
        let coverage = try await coverage(Period.term(containing: today), now: now)
        let due = try await dueForContact(now: now, limit: 8)
        return Dashboard(today: today, overdue: try await overdue, overdueTotal: try await overdueTotal,
                         dueSoon: try await soon.filter { $0.dueOn >= today }, upcomingEvents: try await events,
                         coverage: coverage, dueForContact: due.items, recent: try await recent)
    }

    /// Health of the whole district, ranked: what the due-for-contact list and the health
    /// report read. Cached (see `EngagementCache`).
    func district(now: Date, fresh: Bool) async throws -> DistrictHealth {
        let version = try await store.changeVersion()
        if !fresh, let hit: DistrictHealth = cache.get("district", version: version, now: Date()) { return hit }
        let started = Date()
        let since = now.addingTimeInterval(-Double(RelationshipHealth.windowDays) * 86_400)
        let inputs = try await store.healthInputs(since: since)
        var ranked: [DueContact] = []
        ranked.reserveCapacity(inputs.count)
        for p in inputs {
            let h = RelationshipHealth(lastContactAt: p.lastContactAt, contacts: p.contacts, inbound: p.inbound, now: now)
            ranked.append(DueContact(stakeholderId: p.id, displayName: p.displayName, health: h, influence: p.influence, interest: p.interest,
                                     priority: RelationshipHealth.contactPriority(score: h.score, influence: p.influence, interest: p.interest)))
        }
        ranked.sort { ($0.priority, $1.displayName, $1.stakeholderId) > ($1.priority, $0.displayName, $0.stakeholderId) }
        let result = DistrictHealth(ranked: ranked, due: ranked.filter { $0.health.score < 50 })
        cache.put("district", version: version, started: started, result)
        return result
    }
}

struct DistrictHealth: Sendable {
    var ranked: [DueContact]
    /// Those below 50, in the same order: the due-for-contact list.
    var due: [DueContact]
}

/// Keeps district-wide figures (coverage, everyone's health) between requests. A copy is
/// used while the data is unchanged; after a change it is still used for ten times as long as
/// computing it took, so a small district sees every change at once, and a district with a
/// million contacts and changes every second recomputes about every ten seconds instead of on
/// every page. Health decays with time, so no copy outlives an hour. Each server process keeps
/// its own copy.
public final class EngagementCache: @unchecked Sendable {
    // @unchecked: `entries` is read and written only while holding `lock`.
    private let lock = NSLock()
    private var entries: [String: (version: Int64, fresh: Date, expires: Date, value: any Sendable)] = [:]

    /// `onlyExact`: use the copy only if nothing has changed since it was made.
    func get<T: Sendable>(_ key: String, version: Int64, now: Date, onlyExact: Bool = false) -> T? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[key], let value = e.value as? T else { return nil }
        if onlyExact { return e.version == version && now < e.expires ? value : nil }
        return (e.version == version && now < e.expires) || now < e.fresh ? value : nil
    }

    /// `started` is when the computation began: it took `now - started`.
    func put(_ key: String, version: Int64, started: Date, _ value: some Sendable) {
        let now = Date()
        lock.lock(); defer { lock.unlock() }
        // Per-user dashboards come and go; the district-wide figures are worth keeping.
        if entries.count > 512 { entries = entries.filter { !$0.key.hasPrefix("dashboard|") } }
        if entries.count > 512 { entries.removeAll(keepingCapacity: true) }
        entries[key] = (version, now.addingTimeInterval(10 * max(0, now.timeIntervalSince(started))), now.addingTimeInterval(3600), value)
    }
}
