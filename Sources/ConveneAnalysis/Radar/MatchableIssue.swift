/// An issue as the matcher sees it: the words that find it, the words that veto it, and the
/// text that says what it is about.
public struct MatchableIssue: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Words and phrases ("chronic absenteeism", "attendance"); a phrase matches its words in
    /// order, with nothing between them but spaces or hyphens.
    public var keywords: [String]
    /// Words and phrases that veto a match wherever they appear ("employee attendance").
    public var exclusions: [String]
    /// What the issue is about, in a sentence or a paragraph; used for text similarity.
    public var summary: String?

    public init(id: String, name: String, keywords: [String] = [], exclusions: [String] = [], summary: String? = nil) {
        self.id = id; self.name = name; self.keywords = keywords; self.exclusions = exclusions; self.summary = summary
    }
}
