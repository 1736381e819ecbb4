import Foundation

/// What one item showed for each issue — keyword hits by field, vetoes, similarity — and how
/// that becomes scored, explained matches.
struct IssueEvidence {
    struct Hit {
        var pattern: Int
        var title = 0
        var summary = 0
        var content = 0
        var categories = 0
        /// The first category that holds it.
        var category = 0
    }

    private var hits: [Hit] = []
    private var hitSlot: [Int: Int] = [:]
    private var vetoed: Set<Int> = []
    private var similarity: [Double]
    private var sharedTerms: [Int32]
    private var touched: [Int] = []

    init(issueCount: Int) {
        similarity = Array(repeating: 0, count: issueCount)
        sharedTerms = Array(repeating: 0, count: issueCount)
    }

    mutating func record(pattern: Int, issue: Int, isExclusion: Bool, field: ItemField, category: Int) {
        if isExclusion {
            vetoed.insert(issue)
            return
        }
        let slot: Int
        if let known = hitSlot[pattern] {
            slot = known
        } else {
            slot = hits.count
            hitSlot[pattern] = slot
            hits.append(Hit(pattern: pattern, category: category))
        }
        switch field {
        case .title: hits[slot].title += 1
        case .summary: hits[slot].summary += 1
        case .content: hits[slot].content += 1
        case .category:
            if hits[slot].categories == 0 { hits[slot].category = category }
            hits[slot].categories += 1
        }
    }

    mutating func addSimilarity(issue: Int, amount: Double) {
        if sharedTerms[issue] == 0 { touched.append(issue) }
        similarity[issue] += amount
        sharedTerms[issue] += 1
    }

    mutating func normalizeSimilarity(by norm: Double) {
        guard norm > 0 else { return }
        for issue in touched { similarity[issue] /= norm }
    }

    /// Scored matches, best first; ties keep the issues' order.
    func matches(matcher: IssueMatcher, categories: [String]) -> [IssueMatch] {
        let config = matcher.configuration
        // Patterns are numbered issue by issue, so hits sorted by pattern come grouped by issue.
        let sortedHits = hits.sorted { $0.pattern < $1.pattern }
        var similar = touched.filter {
            similarity[$0] >= config.similarityThreshold && Int(sharedTerms[$0]) >= config.minimumSharedTerms
        }
        similar.sort()
        var results: [(issue: Int, match: IssueMatch)] = []
        var h = 0, s = 0
        while h < sortedHits.count || s < similar.count {
            let hitIssue = h < sortedHits.count ? Int(matcher.patterns[sortedHits[h].pattern].issue) : Int.max
            let issue = min(hitIssue, s < similar.count ? similar[s] : Int.max)
            var end = h
            while end < sortedHits.count, Int(matcher.patterns[sortedHits[end].pattern].issue) == issue { end += 1 }
            let isSimilar = s < similar.count && similar[s] == issue
            if isSimilar { s += 1 }
            defer { h = end }
            guard !vetoed.contains(issue) else { continue }
            if let match = match(issue: issue, hits: sortedHits[h..<end], isSimilar: isSimilar, matcher: matcher, categories: categories) {
                results.append((issue, match))
            }
        }
        results.sort { $0.match.score != $1.match.score ? $0.match.score > $1.match.score : $0.issue < $1.issue }
        return results.map(\.match)
    }

    private func match(issue: Int, hits: ArraySlice<Hit>, isSimilar: Bool, matcher: IssueMatcher, categories: [String]) -> IssueMatch? {
        let config = matcher.configuration
        var strength = 0.0
        var byField: [[String]] = [[], [], [], []]
        for hit in hits {
            let pattern = matcher.patterns[hit.pattern]
            let quoted = "“" + pattern.text + "”"
            func add(_ field: ItemField, _ count: Int, _ weight: Double, _ text: @autoclosure () -> String) {
                guard count > 0 else { return }
                strength += weight * (1 + log(Double(count))) * pattern.boost
                byField[field.rawValue].append(text())
            }
            add(.title, hit.title, config.titleWeight, "title contains " + quoted + Self.times(hit.title))
            add(.category, hit.categories, config.categoryWeight,
                "category “" + (hit.category < categories.count ? categories[hit.category] : "") + "” matches keyword " + quoted)
            add(.summary, hit.summary, config.summaryWeight, "summary mentions " + quoted + Self.times(hit.summary))
            add(.content, hit.content, config.contentWeight, "text mentions " + quoted + Self.times(hit.content))
        }
        var score = 1 - exp(-strength)
        var reasons = byField.flatMap { $0 }
        if isSimilar {
            let cosine = min(similarity[issue], 1)
            score = 1 - (1 - score) * (1 - cosine)
            reasons.append("similar to the issue's " + Self.describe(matcher.profileSources[issue]) + " (cosine " + Self.twoDecimals(cosine) + ")")
        }
        guard score >= config.minimumScore, !reasons.isEmpty else { return nil }
        return IssueMatch(issueId: matcher.issueIds[issue], score: score, reasons: reasons)
    }

    /// 0.4251 → "0.43", without a formatter per match.
    private static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    private static func times(_ count: Int) -> String { count > 1 ? " \(count) times" : "" }

    private static func describe(_ source: ProfileSource) -> String {
        switch source {
        case .keywords: "keywords"
        case .summary: "description"
        case .recentItems: "recent items"
        }
    }
}
