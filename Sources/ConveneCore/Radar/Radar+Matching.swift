import ConveneAnalysis
import Foundation

extension Radar {
    static func matchable(_ issue: RadarIssue) -> MatchableIssue {
        MatchableIssue(id: issue.id, name: issue.name, keywords: issue.keywords, exclusions: issue.exclusions, summary: issue.summary)
    }

    static func matchable(title: String, text: String, categories: [String]) -> MatchableItem {
        MatchableItem(title: title, summary: text, categories: categories)
    }

    /// A matcher over every issue followed now.
    func matcher() async throws -> IssueMatcher {
        IssueMatcher(issues: try await store.radarIssues().map(Self.matchable))
    }

    static func matches(_ matcher: IssueMatcher, title: String, text: String, categories: [String]) -> [ItemMatch] {
        matcher.matches(for: matchable(title: title, text: text, categories: categories)).map { ItemMatch(issueId: $0.issueId, score: $0.score, reasons: $0.reasons) }
    }

    /// Matches every stored item against one issue again (after it is created or its words
    /// change), replacing that issue's matches in one transaction.
    func rematch(_ issue: RadarIssue) async throws {
        let matcher = IssueMatcher(issues: [Self.matchable(issue)])
        var found: [String: ItemMatch] = [:]
        var after: String?
        while true {
            let page = try await store.matchInputs(afterId: after, limit: 2000)
            for input in page {
                if let m = Self.matches(matcher, title: input.title, text: input.text, categories: input.categories).first(where: { $0.issueId == issue.id }) {
                    found[input.itemId] = m
                }
            }
            guard page.count == 2000, let last = page.last else { break }
            after = last.itemId
        }
        try await store.replaceIssueMatches(issueId: issue.id, found)
    }
}
