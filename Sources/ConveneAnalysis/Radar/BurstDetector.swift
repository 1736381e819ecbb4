import Foundation

/// Flags issues whose items this week rise faster than their own history explains.
///
/// Method: each issue is its own control. Its weekly counts since it was first tracked (or
/// since its first item) form an exponentially weighted history, in which a week `a` weeks
/// back weighs `2^(−a / halfLife)`; the weighted mean is the *baseline* and the weighted
/// variance measures how bursty the issue normally is. The week judged is then tested against
/// a negative binomial with that mean and variance (Poisson when the history is no more
/// variable than Poisson allows): the p-value is the chance of at least the observed count if
/// nothing had changed. News volume is overdispersed — a quiet issue still has its busy weeks
/// — and the negative binomial keeps those from being called rises, where a plain Poisson test
/// would flag many. The issue is *rising* when all of these hold:
///
/// - `minimumHistoryWeeks` (default 4) weeks of history: one month before a new issue can be
///   judged against itself;
/// - at least `minimumCount` items (default 5): going from 1 to 3 is not news, whatever the
///   statistics say;
/// - at least `minimumRatio` × the baseline (default 1.5): the rise must be large, not just
///   certain, which matters for busy issues where a 10 % rise can be significant;
/// - p below `significance` (default 0.001): with 200 issues judged every week, a 1 % level
///   would flag about two steady issues a week by chance; 0.1 % keeps it to one every five
///   weeks or so.
///
/// The half-life (default 6 weeks) lets the baseline follow the school year's slow swings
/// (quieter summers, busy budget seasons) while one busy week does not become the new normal.
/// The baseline used in the test is never below `baselineFloor` (default 0.5 a week), so a
/// history of zeros does not make any single item infinitely surprising. The result depends
/// only on the counts: no randomness, no clock.
public struct BurstDetector: Sendable {
    /// The parameters of the test; see `BurstDetector` for why each default.
    public struct Configuration: Sendable, Equatable {
        public var halfLifeWeeks = 6.0
        public var minimumHistoryWeeks = 4
        public var minimumCount = 5
        public var minimumRatio = 1.5
        public var significance = 0.001
        public var baselineFloor = 0.5
        public init() {}
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// One series per issue, rising ones first (most surprising first), then the rest by id.
    ///
    /// - Parameters:
    ///   - counts: items per week by issue id, as `WeeklyCounter.weeklyCounts` gives them.
    ///   - week: the week judged, usually the last complete one; later counts are ignored.
    ///   - shownWeeks: how many weeks each series holds, ending with `week`.
    ///   - trackedSince: when each issue began to be followed; weeks before its first item
    ///     count as quiet ones only from here. Without it, history starts at the first item.
    ///   - issueIds: the issues to report, even without items; nil for those in `counts`.
    public func series(counts: [String: [ISOWeek: Int]], through week: ISOWeek, shownWeeks: Int = 26,
                       trackedSince: [String: ISOWeek] = [:], issueIds: [String]? = nil) -> [TrendSeries] {
        let ids = issueIds ?? counts.keys.sorted()
        let all = ids.map { series(issueId: $0, counts: counts[$0] ?? [:], through: week, shownWeeks: shownWeeks, trackedSince: trackedSince[$0]) }
        let rising = all.filter(\.isRising).sorted {
            $0.pValue != $1.pValue ? $0.pValue < $1.pValue : $0.issueId < $1.issueId
        }
        return rising + all.filter { !$0.isRising }.sorted { $0.issueId < $1.issueId }
    }

    /// The series of one issue, judged at `week`.
    public func series(issueId: String, counts: [ISOWeek: Int], through week: ISOWeek, shownWeeks: Int = 26,
                       trackedSince: ISOWeek? = nil) -> TrendSeries {
        let earliest = counts.filter { $0.key <= week && $0.value > 0 }.keys.min()
        let start = min(trackedSince ?? earliest ?? week, earliest ?? week, week)
        let shown = max(1, shownWeeks)
        let firstShown = week.advanced(by: -(shown - 1))
        let decay = pow(2, -1 / max(configuration.halfLifeWeeks, 0.01))
        // Weighted sums of 1, x and x² over the weeks before the one in hand.
        var weightSum = 0.0, sum = 0.0, squares = 0.0
        var weeks: [ISOWeek] = [], shownCounts: [Int] = [], baseline: [Double] = []
        var cursor = min(start, firstShown)
        while cursor <= week {
            let count = cursor >= start ? counts[cursor, default: 0] : 0
            let mean = weightSum > 0 ? sum / weightSum : 0
            if cursor >= firstShown {
                weeks.append(cursor); shownCounts.append(count); baseline.append(mean)
            }
            if cursor >= start, cursor < week {
                weightSum = weightSum * decay + 1
                sum = sum * decay + Double(count)
                squares = squares * decay + Double(count) * Double(count)
            }
            cursor = cursor.advanced(by: 1)
        }
        let history = start.distance(to: week)
        let mean = weightSum > 0 ? sum / weightSum : 0
        let variance = weightSum > 0 ? max(0, squares / weightSum - mean * mean) : 0
        return judge(issueId: issueId, weeks: weeks, counts: shownCounts, baseline: baseline,
                     history: history, mean: mean, variance: variance, hasItems: earliest != nil)
    }

    private func judge(issueId: String, weeks: [ISOWeek], counts: [Int], baseline: [Double], history: Int,
                       mean: Double, variance: Double, hasItems: Bool) -> TrendSeries {
        let count = counts.last ?? 0
        let expected = max(mean, configuration.baselineFloor)
        let p = NegativeBinomialTail.upper(count: count, mean: expected, variance: max(variance, expected))
        let isRising = history >= configuration.minimumHistoryWeeks && count >= configuration.minimumCount
            && Double(count) >= configuration.minimumRatio * expected && p < configuration.significance
        let items = TrendWording.items(count)
        let summary: String
        if !hasItems {
            summary = "No items yet"
        } else if history < configuration.minimumHistoryWeeks {
            summary = "\(items) this week; too little history to judge (\(TrendWording.weeks(history)))"
        } else if count > Int(mean.rounded(.up)), count < configuration.minimumCount {
            summary = "\(items) this week against a usual \(TrendWording.decimal(mean)); too few to call a rise"
        } else {
            summary = "\(items) this week against a usual \(TrendWording.decimal(mean)) (\(TrendWording.pValue(p)))"
        }
        return TrendSeries(issueId: issueId, weeks: weeks, counts: counts, baseline: baseline, pValue: p, isRising: isRising, summary: summary)
    }
}

/// How trend numbers read in a sentence.
enum TrendWording {
    static func items(_ n: Int) -> String { n == 1 ? "1 item" : "\(n) items" }

    static func weeks(_ n: Int) -> String { n == 1 ? "1 week" : "\(n) weeks" }

    static func decimal(_ x: Double) -> String { String(format: "%.1f", x) }

    static func pValue(_ p: Double) -> String {
        if p < 0.001 { return "p < 0.001" }
        return p < 0.01 ? String(format: "p = %.3f", p) : String(format: "p = %.2f", p)
    }
}
