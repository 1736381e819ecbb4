/// One issue's items per week, what its own history led us to expect each week, and whether
/// the latest week is a rise worth a flag — with a sentence that says so.
public struct TrendSeries: Sendable, Equatable {
    public var issueId: String
    /// Consecutive weeks, oldest first; the last is the week judged.
    public var weeks: [ISOWeek]
    public var counts: [Int]
    /// For each week, the usual count from the weeks before it (exponentially weighted mean);
    /// 0 before the issue has any history.
    public var baseline: [Double]
    /// The chance of at least this week's count if nothing had changed; 1 when not tested.
    public var pValue: Double
    public var isRising: Bool
    /// "14 items this week against a usual 3.2 (p < 0.001)".
    public var summary: String

    public init(issueId: String, weeks: [ISOWeek], counts: [Int], baseline: [Double], pValue: Double, isRising: Bool, summary: String) {
        self.issueId = issueId; self.weeks = weeks; self.counts = counts; self.baseline = baseline
        self.pValue = pValue; self.isRising = isRising; self.summary = summary
    }

    /// Items in the week judged.
    public var current: Int { counts.last ?? 0 }

    /// The usual count the week judged was compared with.
    public var expected: Double { baseline.last ?? 0 }
}
