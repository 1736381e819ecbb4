import Foundation

/// Builds an `IssueMatcher`: the vocabulary, the keyword index, the IDF weights and one
/// TF-IDF profile per issue.
struct IssueMatcherBuilder {
    typealias Vector = [Int32: Double]

    let configuration: IssueMatcher.Configuration
    private var vocabulary = RadarVocabulary()
    /// Byte length of each word, by id: one-letter words carry no topic.
    private var wordLength: [Int] = []

    init(configuration: IssueMatcher.Configuration) { self.configuration = configuration }

    mutating func build(issues: [MatchableIssue], recentItems: [String: [MatchableItem]]) -> IssueMatcher {
        for stopword in RadarStopwords.words {
            for term in terms(of: stopword) { vocabulary.markStopword(term) }
        }
        let patterns = makePatterns(issues)
        var documents: [Vector] = []
        var itemDocuments: [[Vector]] = []
        for issue in issues {
            documents.append(issueDocument(issue))
            var items: [Vector] = []
            for item in recentItems[issue.id] ?? [] { items.append(itemDocument(item)) }
            itemDocuments.append(items)
        }
        let corpusSize = documents.count + itemDocuments.reduce(0) { $0 + $1.count }
        var documentFrequency = Array(repeating: 0, count: vocabulary.count)
        for document in documents + itemDocuments.joined() {
            for term in document.keys { documentFrequency[Int(term)] += 1 }
        }
        let n = Double(corpusSize)
        let idf = documentFrequency.map { log((1 + n) / (1 + Double($0))) + 1 }
        // As common as half the corpus: says little about any one issue, costs much at match time.
        let tooCommon = corpusSize >= configuration.commonTermMinimumCorpus
            ? Set(documentFrequency.indices.filter { Double(documentFrequency[$0]) > configuration.commonTermShare * n }.map(Int32.init))
            : []
        for i in documents.indices {
            documents[i] = weighted(documents[i], idf: idf)
            itemDocuments[i] = itemDocuments[i].map { weighted($0, idf: idf) }
        }
        var profiles: [Vector] = []
        var sources: [ProfileSource] = []
        for (i, issue) in issues.enumerated() {
            var profile = documents[i]
            if !itemDocuments[i].isEmpty {
                let centroid = Self.normalized(Self.mean(itemDocuments[i]))
                let share = configuration.keywordProfileShare
                profile = profile.mapValues { $0 * share }
                for (term, weight) in centroid { profile[term, default: 0] += (1 - share) * weight }
                sources.append(.recentItems)
            } else {
                sources.append((issue.summary ?? "").isEmpty ? .keywords : .summary)
            }
            profile = profile.filter { !tooCommon.contains($0.key) }
            profiles.append(Self.normalized(Self.strongest(profile, count: configuration.profileTerms)))
        }
        let (patternStart, patternIndex) = Self.index(patterns, vocabularySize: vocabulary.count)
        let postings = Self.postings(profiles, vocabularySize: vocabulary.count)
        return IssueMatcher(configuration: configuration, issueIds: issues.map(\.id), profileSources: sources, vocabulary: vocabulary,
                            patterns: patterns, patternStart: patternStart, patternIndex: patternIndex, idf: idf,
                            unknownIDF: log(1 + n) + 1, postingStart: postings.start, postingIssue: postings.issue,
                            postingWeight: postings.weight)
    }

    private mutating func terms(of text: String) -> [Int32] {
        var result: [Int32] = []
        RadarTokenizer.forEachWord(in: text) { word, _ in
            let id = vocabulary.intern(word, hash: RadarTokenizer.hash(word))
            if Int(id) == wordLength.count { wordLength.append(word.count) }
            result.append(id)
        }
        return result
    }

    private mutating func makePatterns(_ issues: [MatchableIssue]) -> [KeywordPattern] {
        var patterns: [KeywordPattern] = []
        for (index, issue) in issues.enumerated() {
            var seen: Set<[Int32]> = []
            let keywords = issue.keywords + (configuration.nameIsKeyword ? [issue.name] : [])
            for text in keywords {
                let words = terms(of: text)
                guard !words.isEmpty, seen.insert(words).inserted else { continue }
                let boost = 1 + min(0.5, configuration.phraseBoostPerWord * Double(words.count - 1))
                patterns.append(KeywordPattern(issue: Int32(index), terms: words, text: Self.tidy(text), isExclusion: false, boost: boost))
            }
            var excluded: Set<[Int32]> = []
            for text in issue.exclusions {
                let words = terms(of: text)
                guard !words.isEmpty, excluded.insert(words).inserted else { continue }
                patterns.append(KeywordPattern(issue: Int32(index), terms: words, text: Self.tidy(text), isExclusion: true, boost: 1))
            }
        }
        return patterns
    }

    /// The issue's own words: name and keywords count twice, the summary once.
    private mutating func issueDocument(_ issue: MatchableIssue) -> Vector {
        var counts: Vector = [:]
        for text in [issue.name] + issue.keywords {
            for term in terms(of: text) { counts[term, default: 0] += 2 }
        }
        for term in terms(of: issue.summary ?? "") { counts[term, default: 0] += 1 }
        return informative(counts)
    }

    /// An item's words, the title counting twice, as the matcher counts them at match time.
    private mutating func itemDocument(_ item: MatchableItem) -> Vector {
        var counts: Vector = [:]
        for term in terms(of: item.title) { counts[term, default: 0] += 2 }
        for text in item.categories + [item.summary, item.content ?? ""] {
            for term in terms(of: text) { counts[term, default: 0] += 1 }
        }
        return informative(counts)
    }

    private func informative(_ counts: Vector) -> Vector {
        counts.filter { !vocabulary.isStopword[Int($0.key)] && wordLength[Int($0.key)] > 1 }
    }

    /// Raw counts to sublinear TF × IDF, unit length.
    private func weighted(_ counts: Vector, idf: [Double]) -> Vector {
        Self.normalized(Dictionary(uniqueKeysWithValues: counts.map { ($0.key, (1 + log($0.value)) * idf[Int($0.key)]) }))
    }

    private static func mean(_ vectors: [Vector]) -> Vector {
        var sum: Vector = [:]
        for vector in vectors {
            for (term, weight) in vector { sum[term, default: 0] += weight }
        }
        let count = Double(vectors.count)
        return sum.mapValues { $0 / count }
    }

    /// Summed in term order so the result does not depend on hashing.
    static func normalized(_ vector: Vector) -> Vector {
        let norm = vector.keys.sorted().reduce(0.0) { $0 + vector[$1, default: 0] * vector[$1, default: 0] }.squareRoot()
        return norm > 0 ? vector.mapValues { $0 / norm } : vector
    }

    private static func strongest(_ vector: Vector, count: Int) -> Vector {
        guard vector.count > count else { return vector }
        let kept = vector.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count)
        return Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }

    /// "  chronic   absenteeism " → "chronic absenteeism", for the reasons.
    private static func tidy(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Patterns filed by first word, in compressed-row form.
    private static func index(_ patterns: [KeywordPattern], vocabularySize: Int) -> (start: [Int32], entries: [Int32]) {
        var buckets = Array(repeating: [Int32](), count: vocabularySize)
        for (p, pattern) in patterns.enumerated() { buckets[Int(pattern.terms[0])].append(Int32(p)) }
        return compress(buckets) { $0 }
    }

    private static func postings(_ profiles: [Vector], vocabularySize: Int) -> (start: [Int32], issue: [Int32], weight: [Double]) {
        var buckets = Array(repeating: [(issue: Int32, weight: Double)](), count: vocabularySize)
        for (issue, profile) in profiles.enumerated() {
            for term in profile.keys.sorted() { buckets[Int(term)].append((Int32(issue), profile[term, default: 0])) }
        }
        let (start, entries) = compress(buckets) { $0 }
        return (start, entries.map(\.issue), entries.map(\.weight))
    }

    private static func compress<T, U>(_ buckets: [[T]], _ transform: (T) -> U) -> (start: [Int32], entries: [U]) {
        var start: [Int32] = [0]
        var entries: [U] = []
        start.reserveCapacity(buckets.count + 1)
        for bucket in buckets {
            entries.append(contentsOf: bucket.map(transform))
            start.append(Int32(entries.count))
        }
        return (start, entries)
    }
}
