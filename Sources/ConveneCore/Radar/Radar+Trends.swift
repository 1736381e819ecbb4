import ConveneAnalysis
import Foundation

/// One issue's weekly items and whether they are rising (see `BurstDetector` for the method).
public struct IssueTrend: Sendable {
    public var issue: RadarIssue
    public var series: TrendSeries
    public var isRising: Bool { series.isRising }
    public var thisWeek: Int { series.current }
    public var baseline: Double { series.expected }
    /// "14 items this week against a usual 3.2 (p < 0.001)".
    public var explanation: String { series.summary }
    public var weeks: [(week: String, count: Int)] { zip(series.weeks, series.counts).map { ($0.description, $1) } }
    public var chartSVG: String { TrendChart.svg(series: series, width: 480, height: 160, title: "Items per week: \(issue.name)") }
    public var sparklineSVG: String { TrendChart.svg(series: series, width: 160, height: 40, title: "Items per week: \(issue.name)") }

    /// The method in one paragraph, for the pages that show trends.
    public static let method = "Rising: this week's items are at least 1.5 times the issue's usual weekly count (a weighted mean of its own past weeks, "
        + "half-life 6 weeks), at least 5, and unlikely by chance (negative binomial test, p < 0.001), after at least 4 weeks of history."
}

extension Radar {
    /// Every issue's trend through the week holding `now` (in `zone`), rising ones first.
    public func trends(zone: TimeZone, now: Date = Date(), weeks: Int = 26) async throws -> [IssueTrend] {
        let issues = try await store.radarIssues()
        guard !issues.isEmpty else { return [] }
        let through = ISOWeek(containing: now, in: zone)
        // A year and a half of history: enough for the weighted baseline (half-life 6 weeks)
        // to have settled, whatever is shown.
        let from = through.advanced(by: -max(weeks, 78)).start(in: zone)
        var counter = WeeklyCounter(timeZone: zone)
        for (issueId, at) in try await store.issueItemTimes(from: from) where at < through.advanced(by: 1).start(in: zone) {
            counter.add(issueId: issueId, at: at)
        }
        let tracked = Dictionary(uniqueKeysWithValues: issues.map { ($0.id, ISOWeek(containing: $0.createdAt, in: zone)) })
        let series = BurstDetector().series(counts: counter.weeklyCounts, through: through, shownWeeks: weeks, trackedSince: tracked, issueIds: issues.map(\.id))
        let byId = Dictionary(uniqueKeysWithValues: issues.map { ($0.id, $0) })
        return series.compactMap { s in byId[s.issueId].map { IssueTrend(issue: $0, series: s) } }
    }
}
