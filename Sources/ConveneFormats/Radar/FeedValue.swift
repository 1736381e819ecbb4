/// A value in feedparser's result shape: what `FeedDocument.feedparserJSON()` writes.
/// Only `time` is boxed: the other payloads are a word or two, so values sit inline in arrays.
enum FeedValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case null
    indirect case time(FeedTime)
    case list([FeedValue])
    case dict(FeedDict)

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var dict: FeedDict? {
        if case .dict(let value) = self { return value }
        return nil
    }

    var list: [FeedValue]? {
        if case .list(let value) = self { return value }
        return nil
    }
}

/// An insertion-ordered dictionary of `FeedValue`s, as feedparser's FeedParserDict keeps keys;
/// a few keys each, so a linear search beats hashing, and one array holds keys and values.
struct FeedDict: Sendable, Equatable {
    struct Pair: Sendable, Equatable {
        var key: String
        var value: FeedValue
    }

    private(set) var pairs: [Pair] = []

    init() {}

    init(_ pairs: [(String, FeedValue)]) {
        self.pairs.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// A dictionary of keys known to differ, kept in the given order.
    init(distinct pairs: [(String, FeedValue)]) {
        self.pairs = pairs.map { Pair(key: $0.0, value: $0.1) }
    }

    var isEmpty: Bool { pairs.isEmpty }

    func index(of key: String) -> Int? {
        var index = 0
        while index < pairs.count {
            if pairs[index].key == key { return index }
            index += 1
        }
        return nil
    }

    subscript(key: String) -> FeedValue? {
        get {
            guard let index = index(of: key) else { return nil }
            return pairs[index].value
        }
        set {
            if let index = index(of: key) {
                if let newValue {
                    pairs[index].value = newValue
                } else {
                    pairs.remove(at: index)
                }
            } else if let newValue {
                pairs.append(Pair(key: key, value: newValue))
            }
        }
    }

    func has(_ key: String) -> Bool { index(of: key) != nil }

    func string(_ key: String) -> String? { self[key]?.string }

    /// Sets `key` only when it is absent (Python's `setdefault`).
    mutating func setDefault(_ key: String, _ value: FeedValue) {
        if !has(key) { pairs.append(Pair(key: key, value: value)) }
    }

    /// Edits the dictionary stored at `key` (created when absent), in place.
    mutating func modifyDict(_ key: String, _ body: (inout FeedDict) -> Void) {
        guard let index = index(of: key) else {
            var inner = FeedDict()
            body(&inner)
            pairs.append(Pair(key: key, value: .dict(inner)))
            return
        }
        var inner = pairs[index].value.dict ?? FeedDict()
        pairs[index].value = .null
        body(&inner)
        pairs[index].value = .dict(inner)
    }

    /// Edits the list stored at `key` (created when absent); the key moves to the end, as
    /// feedparser's delete-and-reinsert does.
    mutating func modifyList(_ key: String, _ body: (inout [FeedValue]) -> Void) {
        var inner: [FeedValue] = []
        if let index = index(of: key) {
            inner = pairs[index].value.list ?? []
            pairs.remove(at: index)
        }
        body(&inner)
        pairs.append(Pair(key: key, value: .list(inner)))
    }

    /// Edits the last dictionary of the list at `key`, appending one when the list is empty.
    mutating func modifyLastInList(_ key: String, _ body: (inout FeedDict) -> Void) {
        modifyList(key) { list in
            guard let lastIndex = list.indices.last else {
                var last = FeedDict()
                body(&last)
                list.append(.dict(last))
                return
            }
            var last = list[lastIndex].dict ?? FeedDict()
            list[lastIndex] = .null
            body(&last)
            list[lastIndex] = .dict(last)
        }
    }
}
