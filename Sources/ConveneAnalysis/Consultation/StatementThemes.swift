import Foundation

/// A theme in a consultation's statements: statements that say much the same thing, and the
/// words that say what it is.
public struct StatementTheme: Sendable, Equatable {
    public var keywords: [String]
    /// Statement indices, the most central first.
    public var statements: [Int]
}

/// Themes in free text, without a model: each statement becomes a TF-IDF vector of its words
/// (lower-cased, accents and plurals folded, stop words and words under three letters left
/// out, idf = ln(1 + n / df)); the keywords of the whole consultation are the words with the
/// largest summed weight; statements are joined greedily, in order, to the theme whose centroid
/// is nearest when the cosine is at least `threshold` (0.1 by default: statements are short, and
/// two of five or six words each that share one telling word score about 0.1 to 0.25), else
/// start a theme of their own. Themes of two or more
/// statements are kept, largest first, each named by the heaviest words of its centroid.
public enum StatementThemes {
    public static func find(_ texts: [Int: String], threshold: Double = 0.1, maxThemes: Int = 12, keywordCount: Int = 15) -> (keywords: [String], themes: [StatementTheme]) {
        let stop = Set(RadarStopwords.words)
        var docs: [(Int, [String: Double])] = []
        var df: [String: Int] = [:]
        for (id, text) in texts.sorted(by: { $0.key < $1.key }) {
            var tf: [String: Double] = [:]
            RadarTokenizer.forEachWord(in: text) { bytes, _ in
                let word = String(decoding: bytes, as: UTF8.self)
                if word.count >= 3, !stop.contains(word), !word.allSatisfy(\.isNumber) { tf[word, default: 0] += 1 }
            }
            for w in tf.keys { df[w, default: 0] += 1 }
            docs.append((id, tf))
        }
        let n = Double(max(docs.count, 1))
        var totals: [String: Double] = [:]
        let vectors: [(Int, [String: Double])] = docs.map { id, tf in
            var v: [String: Double] = [:]
            for (w, c) in tf { v[w] = c * log(1 + n / Double(df[w] ?? 1)) }
            let norm = sqrt(v.values.reduce(0) { $0 + $1 * $1 })
            if norm > 0 { v = v.mapValues { $0 / norm } }
            for (w, x) in v { totals[w, default: 0] += x }
            return (id, v)
        }
        let label = surfaceForms(texts.values)
        let keywords = totals.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(keywordCount).map { label[$0.key] ?? $0.key }

        var clusters: [(sum: [String: Double], members: [(Int, [String: Double])])] = []
        for (id, v) in vectors where !v.isEmpty {
            var best = -1, bestScore = threshold
            for (c, cluster) in clusters.enumerated() {
                let score = cosine(v, cluster.sum)
                if score >= bestScore { best = c; bestScore = score }
            }
            if best < 0 { clusters.append((v, [(id, v)])) } else {
                for (w, x) in v { clusters[best].sum[w, default: 0] += x }
                clusters[best].members.append((id, v))
            }
        }
        let themes = clusters.filter { $0.members.count >= 2 }.sorted { a, b in
            a.members.count != b.members.count ? a.members.count > b.members.count : (a.members.first?.0 ?? 0) < (b.members.first?.0 ?? 0)
        }.prefix(maxThemes).map { cluster in
            let words = cluster.sum.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3).map { label[$0.key] ?? $0.key }
            let ordered = cluster.members.sorted { cosine($0.1, cluster.sum) > cosine($1.1, cluster.sum) }.map(\.0)
            return StatementTheme(keywords: words, statements: ordered)
        }
        return (keywords, Array(themes))
    }

    /// The word as people wrote it most often, for each folded form ("buse" → "buses").
    static func surfaceForms(_ texts: some Sequence<String>) -> [String: String] {
        var counts: [String: [String: Int]] = [:]
        for text in texts {
            for raw in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'") }) {
                let surface = String(raw)
                RadarTokenizer.forEachWord(in: surface) { bytes, _ in counts[String(decoding: bytes, as: UTF8.self), default: [:]][surface, default: 0] += 1 }
            }
        }
        return counts.mapValues { forms in forms.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? "" }
    }

    static func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var dot = 0.0
        for (w, x) in small { dot += x * (large[w] ?? 0) }
        let na = sqrt(a.values.reduce(0) { $0 + $1 * $1 }), nb = sqrt(b.values.reduce(0) { $0 + $1 * $1 })
        return na > 0 && nb > 0 ? dot / (na * nb) : 0
    }
}
