/// The words the matcher knows — every word of every keyword, exclusion and issue profile —
/// each with a small integer id.
struct RadarVocabulary: Sendable {
    private var ids: [UInt64: Int32] = [:]
    /// The bytes of word `id` are `bytes[starts[id]..<starts[id + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private(set) var isStopword: [Bool] = []

    var count: Int { isStopword.count }

    /// The id of `word`, adding it if new.
    mutating func intern(_ word: [UInt8], hash: UInt64) -> Int32 {
        if let id = lookup(word, hash: hash) { return id }
        let id = Int32(count)
        ids[hash] = id
        bytes.append(contentsOf: word)
        starts.append(bytes.count)
        isStopword.append(false)
        return id
    }

    mutating func markStopword(_ id: Int32) { isStopword[Int(id)] = true }

    /// The id of `word`, or nil for a word no issue uses (or, once in 2⁶⁴, one whose hash is
    /// taken by another word: it is then treated as unknown, never as the other word).
    func lookup(_ word: [UInt8], hash: UInt64) -> Int32? {
        guard let id = ids[hash] else { return nil }
        let start = starts[Int(id)], end = starts[Int(id) + 1]
        guard end - start == word.count else { return nil }
        var k = start
        for byte in word {
            if bytes[k] != byte { return nil }
            k += 1
        }
        return id
    }

    func word(_ id: Int32) -> String {
        String(decoding: bytes[starts[Int(id)]..<starts[Int(id) + 1]], as: UTF8.self)
    }
}
