import ConveneAnalysis
import Foundation

/// The weekly digest (F5): per issue, the items that came in during the week; the issues
/// rising; the events coming up. For one user: the issues they own come first after rising ones.
public struct Briefing: Sendable {
    public struct Section: Sendable {
        public var issue: RadarIssue
        public var trend: IssueTrend?
        /// How many items matched the issue during the week.
        public var newItems: Int
        /// The strongest of them, at most `Briefing.itemsPerIssue`.
        public var items: [ItemListing]
        public var isOwnedByReader: Bool
    }

    public static let itemsPerIssue = 5
    /// "2026-W48".
    public var week: String
    public var from: Date
    /// Exclusive.
    public var to: Date
    public var zone: TimeZone
    public var sections: [Section]
    /// Issues followed that had nothing new.
    public var quiet: [RadarIssue]
    public var rising: [IssueTrend]
    public var upcomingEvents: [Event]
    public var sourceNames: [String: String]
}

extension Radar {
    /// The briefing of `week` ("2026-W48"; nil: the week holding `now`) for `userId`.
    public func briefing(week: String?, userId: String?, zone: TimeZone, now: Date = Date()) async throws -> Briefing {
        let w: ISOWeek
        if let week {
            guard let parsed = ISOWeek(week) else { throw ConveneError.invalid("week", "\"\(Text.clip(week))\" is not an ISO week; use YYYY-Www, such as 2026-W48") }
            w = parsed
        } else {
            w = ISOWeek(containing: now, in: zone)
        }
        let from = w.start(in: zone), to = w.advanced(by: 1).start(in: zone)
        let end = to.addingTimeInterval(-1)
        let trends = try await self.trends(zone: zone, now: end)
        let byIssue = Dictionary(trends.map { ($0.issue.id, $0) }, uniquingKeysWith: { a, _ in a })
        var sections: [Briefing.Section] = [], quiet: [RadarIssue] = []
        for issue in try await store.radarIssues() where issue.status != .resolved {
            let query = ItemQuery(issueId: issue.id, from: from, to: to, userId: userId, limit: 200)
            let total = try await store.countRadarItems(query)
            guard total > 0 else { quiet.append(issue); continue }
            let listed = try await store.radarItems(query)
            let strongest = listed.sorted { a, b in
                let sa = a.item.matches.first { $0.issueId == issue.id }?.score ?? 0, sb = b.item.matches.first { $0.issueId == issue.id }?.score ?? 0
                return sa != sb ? sa > sb : a.item.at > b.item.at
            }
            sections.append(Briefing.Section(issue: issue, trend: byIssue[issue.id], newItems: total, items: Array(strongest.prefix(Briefing.itemsPerIssue)),
                                             isOwnedByReader: userId != nil && issue.ownerId == userId))
        }
        let priority: [IssuePriority: Int] = [.high: 0, .medium: 1, .low: 2]
        sections.sort { a, b in
            let ra = a.trend?.isRising == true, rb = b.trend?.isRising == true
            if ra != rb { return ra }
            if a.isOwnedByReader != b.isOwnedByReader { return a.isOwnedByReader }
            if a.issue.priority != b.issue.priority { return priority[a.issue.priority, default: 1] < priority[b.issue.priority, default: 1] }
            return a.issue.name.localizedStandardCompare(b.issue.name) == .orderedAscending
        }
        let events = try await store.events(EventQuery(from: from, to: to.addingTimeInterval(14 * 86_400), limit: 50)).filter { !$0.isCancelled }
        let names = Dictionary(try await store.feedSources().map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        return Briefing(week: w.description, from: from, to: to, zone: zone, sections: sections, quiet: quiet,
                        rising: trends.filter { $0.isRising && $0.issue.status != .resolved }, upcomingEvents: events, sourceNames: names)
    }
}
