/// An issue an item belongs to, how strongly (0–1), and why, in words a user reads.
public struct IssueMatch: Sendable, Equatable, Codable {
    public var issueId: String
    public var score: Double
    /// "title contains “chronic absenteeism”", "summary mentions “attendance” 3 times",
    /// "similar to the issue's recent items (cosine 0.42)".
    public var reasons: [String]

    public init(issueId: String, score: Double, reasons: [String]) {
        self.issueId = issueId; self.score = score; self.reasons = reasons
    }
}
