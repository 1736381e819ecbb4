/// A feed item or research record as the matcher sees it, all in plain text (HTML already
/// turned to text).
public struct MatchableItem: Sendable, Equatable {
    public var title: String
    public var summary: String
    public var categories: [String]
    public var content: String?

    public init(title: String, summary: String = "", categories: [String] = [], content: String? = nil) {
        self.title = title; self.summary = summary; self.categories = categories; self.content = content
    }
}
