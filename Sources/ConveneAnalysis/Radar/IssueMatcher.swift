import Foundation

/// Finds which followed issues an item is about: keywords and phrases with word boundaries,
/// folded case, accents and plurals, exclusions that veto, and TF-IDF similarity to each
/// issue's profile. Built once from all issues, then asked about many items.
///
/// The work per item does not grow with the number of issues: every keyword, exclusion and
/// profile word is filed under its first word in an inverted index, so an item only meets the
/// keywords and profiles that share a word with it.
public struct IssueMatcher: Sendable {
    let configuration: Configuration
    let issueIds: [String]
    /// For each issue: what its profile was made of, for the similarity reason.
    let profileSources: [ProfileSource]
    let vocabulary: RadarVocabulary
    let patterns: [KeywordPattern]
    /// Patterns whose first word is term `t`: `patternIndex[patternStart[t]..<patternStart[t + 1]]`.
    let patternStart: [Int32]
    let patternIndex: [Int32]
    let idf: [Double]
    /// Weight of a word no issue and no recent item uses: the rarest possible.
    let unknownIDF: Double
    /// Profile weights of term `t`: `postingIssue/postingWeight[postingStart[t]..<postingStart[t + 1]]`.
    let postingStart: [Int32]
    let postingIssue: [Int32]
    let postingWeight: [Double]

    /// - Parameters:
    ///   - issues: every issue followed; their order breaks ties between equal scores.
    ///   - recentItems: by issue id, items already matched to the issue; their centroid joins
    ///     the issue's profile, and all of them (with the issues' own texts) are the corpus
    ///     the IDF weights are counted from.
    public init(issues: [MatchableIssue], recentItems: [String: [MatchableItem]] = [:], configuration: Configuration = Configuration()) {
        var builder = IssueMatcherBuilder(configuration: configuration)
        self = builder.build(issues: issues, recentItems: recentItems)
    }

    init(configuration: Configuration, issueIds: [String], profileSources: [ProfileSource], vocabulary: RadarVocabulary,
         patterns: [KeywordPattern], patternStart: [Int32], patternIndex: [Int32], idf: [Double], unknownIDF: Double,
         postingStart: [Int32], postingIssue: [Int32], postingWeight: [Double]) {
        self.configuration = configuration; self.issueIds = issueIds; self.profileSources = profileSources; self.vocabulary = vocabulary
        self.patterns = patterns; self.patternStart = patternStart; self.patternIndex = patternIndex; self.idf = idf
        self.unknownIDF = unknownIDF; self.postingStart = postingStart; self.postingIssue = postingIssue; self.postingWeight = postingWeight
    }

    /// The issues `item` belongs to, best first (ties in the order the issues were given).
    public func matches(for item: MatchableItem) -> [IssueMatch] {
        let words = ItemWords(item, vocabulary: vocabulary)
        var evidence = IssueEvidence(issueCount: issueIds.count)
        findPatterns(in: words, into: &evidence)
        measureSimilarity(of: words, into: &evidence)
        return evidence.matches(matcher: self, categories: item.categories)
    }

    /// Every occurrence of every keyword and exclusion, found from the index by first word.
    private func findPatterns(in words: ItemWords, into evidence: inout IssueEvidence) {
        for segment in words.segments {
            var i = segment.start
            while i < segment.end {
                let term = words.words[i].term
                if term >= 0 {
                    let from = Int(patternStart[Int(term)]), to = Int(patternStart[Int(term) + 1])
                    for slot in from..<to {
                        let p = Int(patternIndex[slot])
                        if occurs(patterns[p].terms, at: i, in: words, before: segment.end) {
                            evidence.record(pattern: p, issue: Int(patterns[p].issue), isExclusion: patterns[p].isExclusion,
                                            field: segment.field, category: segment.category)
                        }
                    }
                }
                i += 1
            }
        }
    }

    private func occurs(_ terms: [Int32], at start: Int, in words: ItemWords, before end: Int) -> Bool {
        guard start + terms.count <= end else { return false }
        for k in 1..<terms.count where words.words[start + k].term != terms[k] || words.words[start + k].afterBreak { return false }
        return true
    }

    /// TF-IDF cosine against every profile that shares a word with the item.
    private func measureSimilarity(of words: ItemWords, into evidence: inout IssueEvidence) {
        // Known words by id, unknown ones by hash; sorted, equal words form runs.
        var known: [Int32] = [], unknown: [UInt64] = []
        known.reserveCapacity(words.words.count)
        for (i, word) in words.words.enumerated() where word.isInformative {
            let copies = i < words.titleCount ? 2 : 1
            for _ in 0..<copies {
                if word.term >= 0 { known.append(word.term) } else { unknown.append(word.hash) }
            }
        }
        known.sort()
        unknown.sort()
        var squaredNorm = 0.0
        forEachRun(unknown) { _, count in
            let weight = (1 + log(Double(count))) * unknownIDF
            squaredNorm += weight * weight
        }
        forEachRun(known) { term, count in
            let weight = (1 + log(Double(count))) * idf[Int(term)]
            squaredNorm += weight * weight
            for slot in Int(postingStart[Int(term)])..<Int(postingStart[Int(term) + 1]) {
                evidence.addSimilarity(issue: Int(postingIssue[slot]), amount: weight * postingWeight[slot])
            }
        }
        evidence.normalizeSimilarity(by: squaredNorm.squareRoot())
    }

    private func forEachRun<T: Equatable>(_ sorted: [T], _ body: (T, Int) -> Void) {
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count, sorted[j] == sorted[i] { j += 1 }
            body(sorted[i], j - i)
            i = j
        }
    }
}
