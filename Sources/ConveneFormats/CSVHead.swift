// The start of a CSV input is held back until it can be judged: the BOM, whether the file
// is some other format, and (when not given) the delimiter. How much is held depends only
// on the bytes, never on how they were split into chunks, so every split gives the same
// records: at least `sniffLength` bytes, and when the delimiter is detected, up to the end
// of the tenth line (by a plain quote toggle) or `detectionLimit` bytes, whichever is first.

/// Decides where the held-back start of the input ends.
struct CSVHeadScan: Sendable {
    static let sniffLength = 64
    static let detectionLimit = 64 * 1024
    static let detectionLines = 10

    let detectsDelimiter: Bool
    private(set) var count = 0
    private var lineEnds = 0
    private var inQuotes = false
    private var afterCR = false

    init(detectsDelimiter: Bool) {
        self.detectsDelimiter = detectsDelimiter
    }

    private var isComplete: Bool {
        guard count >= Self.sniffLength else { return false }
        return !detectsDelimiter || lineEnds >= Self.detectionLines || count >= Self.detectionLimit
    }

    /// How many of `bytes` belong to the head, and whether the head is now complete.
    mutating func absorb(_ bytes: UnsafeBufferPointer<UInt8>) -> (taken: Int, isComplete: Bool) {
        if isComplete { return (0, true) }
        for (k, byte) in bytes.enumerated() {
            count += 1
            if detectsDelimiter {
                if byte == CSVByte.quote {
                    inQuotes.toggle()
                } else if !inQuotes && (byte == CSVByte.cr || (byte == CSVByte.lf && !afterCR)) {
                    lineEnds += 1
                }
                afterCR = byte == CSVByte.cr
            }
            if isComplete { return (k + 1, true) }
        }
        return (bytes.count, false)
    }
}
