import ConveneAnalysis
import Foundation

/// What matching every stored item again did, and how long the matching itself took.
public struct RematchReport: Sendable {
    public var items: Int
    public var issues: Int
    public var matches: Int
    /// Matching alone, without reading and writing.
    public var matchSeconds: Double
    public var totalSeconds: Double
}

extension Radar {
    /// Matches every stored item against every issue again, replacing all matches (after the
    /// matcher improves, or to measure it). Items are matched in batches over all cores.
    public func rematchAll() async throws -> RematchReport {
        let started = Date()
        let issues = try await store.radarIssues()
        let matcher = IssueMatcher(issues: issues.map(Self.matchable))
        var found: [String: [String: ItemMatch]] = Dictionary(uniqueKeysWithValues: issues.map { ($0.id, [:]) })
        var after: String?
        var items = 0, matches = 0
        var matching = 0.0
        while true {
            let page = try await store.matchInputs(afterId: after, limit: 5000)
            let t = Date()
            let results = await matcher.matches(for: page.map { Self.matchable(title: $0.title, text: $0.text, categories: $0.categories) })
            matching += Date().timeIntervalSince(t)
            for (input, list) in zip(page, results) {
                for m in list { found[m.issueId]?[input.itemId] = ItemMatch(issueId: m.issueId, score: m.score, reasons: m.reasons); matches += 1 }
            }
            items += page.count
            guard page.count == 5000, let last = page.last else { break }
            after = last.itemId
        }
        for (issueId, list) in found { try await store.replaceIssueMatches(issueId: issueId, list) }
        return RematchReport(items: items, issues: issues.count, matches: matches, matchSeconds: matching, totalSeconds: Date().timeIntervalSince(started))
    }
}
