/// One keyword, phrase or exclusion of one issue, as a sequence of word ids.
struct KeywordPattern: Sendable {
    var issue: Int32
    var terms: [Int32]
    /// As the user wrote it, for the reasons.
    var text: String
    var isExclusion: Bool
    /// 1 for a word, more for a phrase.
    var boost: Double
}

/// What an issue's similarity profile was made of, to say what an item resembles.
enum ProfileSource: Sendable {
    case keywords, summary, recentItems
}

/// Where in an item a word was found.
enum ItemField: Int, Sendable, Comparable {
    case title, category, summary, content
    static func < (a: ItemField, b: ItemField) -> Bool { a.rawValue < b.rawValue }
}

/// An item read into word ids, field by field.
struct ItemWords {
    struct Segment {
        var field: ItemField
        /// Which category, for a category segment.
        var category: Int
        var start: Int
        var end: Int
    }

    struct Word {
        var hash: UInt64
        /// The vocabulary id, or -1 for a word no issue uses.
        var term: Int32
        var afterBreak: Bool
        /// Counted in similarity: not a stopword, longer than one letter.
        var isInformative: Bool
    }

    /// Collects one field's words.
    private struct Sink: RadarWordSink {
        let vocabulary: RadarVocabulary
        var words: [Word]

        mutating func take(_ word: [UInt8], afterBreak: Bool) {
            let hash = RadarTokenizer.hash(word)
            let term = vocabulary.lookup(word, hash: hash) ?? -1
            let isInformative = word.count > 1 && (term < 0 || !vocabulary.isStopword[Int(term)])
            words.append(Word(hash: hash, term: term, afterBreak: afterBreak, isInformative: isInformative))
        }
    }

    private(set) var words: [Word]
    private(set) var segments: [Segment] = []
    /// The title's words come first; they count twice in similarity.
    private(set) var titleCount = 0

    init(_ item: MatchableItem, vocabulary: RadarVocabulary) {
        var sink = Sink(vocabulary: vocabulary, words: [])
        sink.words.reserveCapacity(256)
        Self.read(item.title, field: .title, category: 0, sink: &sink, segments: &segments)
        titleCount = sink.words.count
        for (index, category) in item.categories.enumerated() {
            Self.read(category, field: .category, category: index, sink: &sink, segments: &segments)
        }
        Self.read(item.summary, field: .summary, category: 0, sink: &sink, segments: &segments)
        if let content = item.content { Self.read(content, field: .content, category: 0, sink: &sink, segments: &segments) }
        words = sink.words
    }

    private static func read(_ text: String, field: ItemField, category: Int, sink: inout Sink, segments: inout [Segment]) {
        let start = sink.words.count
        RadarTokenizer.forEachWord(in: text, into: &sink)
        if sink.words.count > start { segments.append(Segment(field: field, category: category, start: start, end: sink.words.count)) }
    }
}
