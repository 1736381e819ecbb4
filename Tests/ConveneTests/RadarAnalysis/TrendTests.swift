import ConveneAnalysis
import Foundation
import Testing

@Suite("Trends and burst detection")
struct TrendTests {
    static let utc = TimeZone(identifier: "UTC") ?? .gmt
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    static func date(_ text: String) -> Date {
        (try? Date(text, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    }

    static func week(_ text: String) -> ISOWeek {
        ISOWeek(text) ?? ISOWeek(containing: Date(timeIntervalSince1970: 0), in: utc)
    }

    @Test("ISO weeks at year boundaries")
    func isoWeeks() {
        #expect(ISOWeek(containing: Self.date("2026-12-31T12:00:00Z"), in: Self.utc).description == "2026-W53")
        #expect(ISOWeek(containing: Self.date("2027-01-01T12:00:00Z"), in: Self.utc).description == "2026-W53")
        #expect(ISOWeek(containing: Self.date("2027-01-03T23:59:59Z"), in: Self.utc).description == "2026-W53")
        #expect(ISOWeek(containing: Self.date("2027-01-04T00:00:00Z"), in: Self.utc).description == "2027-W01")
        #expect(ISOWeek(containing: Self.date("2024-12-30T08:00:00Z"), in: Self.utc).description == "2025-W01")
        #expect(ISOWeek(containing: Self.date("2021-01-03T08:00:00Z"), in: Self.utc).description == "2020-W53")
        #expect(ISOWeek(containing: Self.date("2026-11-26T08:00:00Z"), in: Self.utc).description == "2026-W48")
        #expect(ISOWeek.weekCount(inYear: 2026) == 53)
        #expect(ISOWeek.weekCount(inYear: 2027) == 52)
        #expect(ISOWeek.weekCount(inYear: 2020) == 53)
    }

    @Test("the week is taken on the wall clock of the time zone")
    func timeZones() {
        // Monday 03:00 UTC is still Sunday evening in New York.
        let instant = Self.date("2027-01-04T03:00:00Z")
        #expect(ISOWeek(containing: instant, in: Self.utc).description == "2027-W01")
        #expect(ISOWeek(containing: instant, in: Self.newYork).description == "2026-W53")
        #expect(Self.week("2027-W01").start(in: Self.newYork) == Self.date("2027-01-04T05:00:00Z"))
    }

    @Test("weeks parse, print, step and measure across years")
    func weekArithmetic() throws {
        let w48 = try #require(ISOWeek("2026-W48"))
        #expect(w48.year == 2026 && w48.week == 48)
        #expect(w48.advanced(by: 5).description == "2026-W53")
        #expect(w48.advanced(by: 6).description == "2027-W01")
        #expect(w48.distance(to: Self.week("2027-W02")) == 7)
        #expect(ISOWeek("2027-W53") == nil)
        #expect(ISOWeek(year: 2026, week: 0) == nil)
        let json = try JSONEncoder().encode([w48])
        #expect(String(decoding: json, as: UTF8.self) == "[\"2026-W48\"]")
        #expect(try JSONDecoder().decode([ISOWeek].self, from: json) == [w48])
    }

    @Test("the counter files every instant in the same week as ISOWeek does, across clock changes")
    func counterAgreesWithCalendar() {
        var counter = WeeklyCounter(timeZone: Self.newYork)
        var expected: [ISOWeek: Int] = [:]
        let start = Self.date("2026-01-01T00:00:00Z")
        for hour in stride(from: 0, to: 366 * 24, by: 1) {
            let instant = start.addingTimeInterval(Double(hour) * 3_600 + 1_799)
            counter.add(issueId: "a", at: instant)
            expected[ISOWeek(containing: instant, in: Self.newYork), default: 0] += 1
        }
        #expect(counter.counts(for: "a") == expected)
        #expect(counter.issueIds == ["a"])
    }

    static let steady = [3, 4, 2, 3, 5, 3, 4, 3, 2, 4, 3, 3, 4, 2, 3, 4]

    static func counts(_ values: [Int], endingAt last: ISOWeek) -> [ISOWeek: Int] {
        var result: [ISOWeek: Int] = [:]
        for (i, value) in values.enumerated() where value > 0 { result[last.advanced(by: i - values.count + 1)] = value }
        return result
    }

    @Test("a planted burst is flagged, with a sentence that says so")
    func burst() {
        let now = Self.week("2026-W48")
        let series = BurstDetector().series(issueId: "x", counts: Self.counts(Self.steady + [14], endingAt: now), through: now)
        #expect(series.isRising)
        #expect(series.summary.hasPrefix("14 items this week against a usual 3."))
        #expect(series.summary.hasSuffix("(p < 0.001)"))
        #expect(series.current == 14)
        #expect(series.weeks.last == now && series.weeks.count == 26)
        #expect(series.counts.prefix(9).allSatisfy { $0 == 0 })
        #expect(series.baseline.count == series.counts.count)
    }

    @Test("a steady series, a bursty-by-nature one and a small rise are not flagged")
    func noFalseAlarms() {
        let now = Self.week("2026-W48")
        let detector = BurstDetector()
        let steady = detector.series(issueId: "s", counts: Self.counts(Self.steady + [5], endingAt: now), through: now)
        #expect(!steady.isRising)
        #expect(steady.summary.hasPrefix("5 items this week against a usual 3."))
        // Weeks of 0 and 10: 12 is ordinary for this issue, though a Poisson test would flag it.
        let lumpy = detector.series(issueId: "l", counts: Self.counts([0, 10, 0, 10, 0, 10, 0, 10, 0, 10, 12], endingAt: now), through: now)
        #expect(!lumpy.isRising)
        let sparse = detector.series(issueId: "p", counts: Self.counts([0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 3], endingAt: now), through: now)
        #expect(!sparse.isRising)
        #expect(sparse.summary.contains("too few to call a rise"))
    }

    @Test("a new issue is not judged before it has a month of history")
    func newIssues() {
        let now = Self.week("2026-W48")
        let detector = BurstDetector()
        let new = detector.series(issueId: "n", counts: Self.counts([1, 2, 12], endingAt: now), through: now)
        #expect(!new.isRising)
        #expect(new.summary == "12 items this week; too little history to judge (2 weeks)")
        let tracked = detector.series(issueId: "t", counts: Self.counts([12], endingAt: now), through: now,
                                      trackedSince: now.advanced(by: -10))
        #expect(tracked.isRising)
        let empty = detector.series(issueId: "e", counts: [:], through: now)
        #expect(!empty.isRising && empty.summary == "No items yet" && empty.counts.allSatisfy { $0 == 0 })
    }

    @Test("all issues: rising first, then by id; same input, same output")
    func manyIssues() {
        let now = Self.week("2026-W48")
        var counts: [String: [ISOWeek: Int]] = [:]
        counts["b-steady"] = Self.counts(Self.steady + [4], endingAt: now)
        counts["a-steady"] = Self.counts(Self.steady + [3], endingAt: now)
        counts["c-burst"] = Self.counts(Self.steady + [20], endingAt: now)
        let detector = BurstDetector()
        let all = detector.series(counts: counts, through: now, issueIds: ["a-steady", "b-steady", "c-burst", "d-quiet"])
        #expect(all.map(\.issueId) == ["c-burst", "a-steady", "b-steady", "d-quiet"])
        #expect(all == detector.series(counts: counts, through: now, issueIds: ["d-quiet", "c-burst", "b-steady", "a-steady"]))
    }

    @Test("the chart is a self-contained, accessible SVG with its text escaped")
    func chart() {
        let now = Self.week("2026-W48")
        let series = BurstDetector().series(issueId: "x", counts: Self.counts(Self.steady + [14], endingAt: now), through: now, shownWeeks: 12)
        let svg = TrendChart.svg(series: series, width: 400, height: 120, title: "Absences <script>alert(1)</script> & co")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"120\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title>Absences &lt;script&gt;alert(1)&lt;/script&gt; &amp; co: 14 items this week"))
        #expect(!svg.contains("<script"))
        #expect(svg.components(separatedBy: "</rect>").count - 1 == 12)
        #expect(svg.contains("2026-W37") && svg.contains("2026-W48"))
        #expect(svg.hasSuffix("</svg>"))
        #expect(!svg.contains("href") && svg.components(separatedBy: "http").count == 2)
    }
}
