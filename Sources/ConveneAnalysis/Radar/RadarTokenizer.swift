/// Reads text as the radar's words: lowercase, accents removed, split at anything that is not
/// a letter or digit, plurals and possessives folded.
///
/// Works on the UTF-8 bytes in one pass; ASCII never leaves the fast path. An apostrophe
/// inside a word joins it ("don't" → "dont"); a possessive "'s" is dropped ("AI's" → "ai").
/// Sentence punctuation is reported so that a phrase never matches across it. Scripts written
/// without spaces (Chinese, Japanese) come out as long words: the radar matches them only
/// whole.
enum RadarTokenizer {
    /// Hands each word to `sink`: its bytes (valid during the call) and whether sentence
    /// punctuation came between it and the word before.
    static func forEachWord<Sink: RadarWordSink>(in text: String, into sink: inout Sink) {
        var text = text
        var reader = Reader()
        text.withUTF8 { reader.read($0, into: &sink) }
    }

    /// Calls `body` with each word, as `forEachWord(in:into:)` does.
    static func forEachWord(in text: String, _ body: (_ word: [UInt8], _ afterBreak: Bool) -> Void) {
        withoutActuallyEscaping(body) { body in
            var sink = ClosureSink(body: body)
            forEachWord(in: text, into: &sink)
        }
    }

    private struct ClosureSink: RadarWordSink {
        let body: (_ word: [UInt8], _ afterBreak: Bool) -> Void
        mutating func take(_ word: [UInt8], afterBreak: Bool) { body(word, afterBreak) }
    }

    /// The state of one pass: the word so far, and whether a break is pending.
    private struct Reader {
        var word: [UInt8] = []
        var pendingBreak = false

        init() { word.reserveCapacity(32) }

        mutating func read<Sink: RadarWordSink>(_ utf8: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
            let n = utf8.count
            var i = 0
            while i < n {
                let byte = utf8[i]
                if byte < 0x80 {
                    if isASCIIAlphanumeric(byte) {
                        // The common case: a run of ASCII letters and digits, copied at once.
                        var end = i + 1
                        while end < n, isASCIIAlphanumeric(utf8[end]) { end += 1 }
                        let from = word.count
                        word.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<end]))
                        word.withUnsafeMutableBufferPointer { buffer in
                            for k in from..<buffer.count where buffer[k] >= UInt8(ascii: "A") { buffer[k] |= 0x20 }
                        }
                        i = end
                    } else if byte == UInt8(ascii: "'") {
                        i += apostrophe(utf8, at: i, length: 1, into: &sink)
                    } else {
                        flush(into: &sink)
                        if isSentenceBreak(byte) { pendingBreak = true }
                        i += 1
                    }
                    continue
                }
                let (scalar, length) = decodeScalar(utf8, at: i)
                if scalar.value == 0x2019 || scalar.value == 0x02BC {
                    i += apostrophe(utf8, at: i, length: length, into: &sink)
                    continue
                }
                switch RadarFolding.classify(scalar) {
                case .letters(let bytes): word.append(contentsOf: bytes)
                case .mark: break
                case .separator: flush(into: &sink)
                case .sentenceBreak: flush(into: &sink); pendingBreak = true
                }
                i += length
            }
            flush(into: &sink)
        }

        mutating func flush<Sink: RadarWordSink>(into sink: inout Sink) {
            guard !word.isEmpty else { return }
            RadarStemmer.stem(&word)
            sink.take(word, afterBreak: pendingBreak)
            pendingBreak = false
            word.removeAll(keepingCapacity: true)
        }

        /// At an apostrophe of `length` bytes: joins "don't", drops a possessive "'s", or
        /// ends the word; returns how far to move.
        mutating func apostrophe<Sink: RadarWordSink>(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int, length: Int, into sink: inout Sink) -> Int {
            let n = utf8.count, next = i + length
            guard !word.isEmpty, next < n, isASCIILetter(utf8[next]) else {
                flush(into: &sink)
                return length
            }
            if utf8[next] | 0x20 == UInt8(ascii: "s"), next + 1 >= n || utf8[next + 1] < 0x80 && !isASCIIAlphanumeric(utf8[next + 1]) {
                flush(into: &sink)
                return length + 1
            }
            return length
        }
    }

    /// FNV-1a: cheap, stable across runs, and good enough to find a word in the vocabulary
    /// (every hit is confirmed byte for byte).
    static func hash(_ word: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }

    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }

    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool { isASCIILetter(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) }

    static func isSentenceBreak(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "\""), UInt8(ascii: "|"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            return true
        default:
            return false
        }
    }

    /// The scalar starting at `i` in valid UTF-8 (a String's storage always is), and its length.
    static func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(utf8[i])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard i + length <= utf8.count else { return ("\u{FFFD}", 1) }
        var value = length == 1 ? lead : lead & (0xFF >> (length + 1))
        for k in 1..<length { value = value << 6 | UInt32(utf8[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}

/// Where the tokenizer puts the words it reads.
protocol RadarWordSink {
    mutating func take(_ word: [UInt8], afterBreak: Bool)
}
