import Foundation

/// Where one logical line (a content line after unfolding) lies in the unfolder's storage, and
/// the line it starts on.
struct ICalendarReaderLogicalLine {
    var start: Int
    var end: Int
    var line: Int
}

/// Splits bytes, arriving in chunks of any size, into unfolded content lines (RFC 5545 3.1).
///
/// Lines end in CRLF, LF, or a CR alone (old Mac files, and stray CRs before CRLF, count as line
/// breaks, so line numbers agree with editors that show them so). A line that starts with
/// a space or tab continues the one before (that first byte removed). Blank lines are skipped,
/// and a continuation after them still joins the last content line, as Mozilla's old exports
/// need. A leading UTF-8 byte order mark is dropped.
struct ICalendarReaderUnfolder {
    /// The logical lines the last `feed` completed, back to back (see `lines`), then the bytes
    /// of the line still open. One buffer for all of them keeps allocations out of the loop.
    var storage: [UInt8] = []
    private(set) var lines: [ICalendarReaderLogicalLine] = []
    private var currentStart = 0
    private var currentCount: Int { storage.count - currentStart }
    private(set) var physicalLine = 1
    private var currentLine = 1
    private var hasCurrent = false
    private var atLineStart = true
    private var pendingCR = false
    private var bomState = 0
    private let maximumLength: Int

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    /// Reads `bytes`; `lines` then lists the logical lines they complete.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws(ICalendarReaderError) {
        if currentStart > 0 {
            storage.removeSubrange(0..<currentStart)
            currentStart = 0
        }
        lines.removeAll(keepingCapacity: true)
        var index = 0
        let count = bytes.count
        // The byte order mark may itself arrive split across chunks.
        while bomState < 3, index < count {
            let expected: UInt8 = [0xEF, 0xBB, 0xBF][bomState]
            if bytes[index] == expected {
                bomState += 1
                index += 1
            } else {
                let partial = bomState
                bomState = 3
                for byte in [UInt8]([0xEF, 0xBB, 0xBF]).prefix(partial) { try push(byte) }
            }
        }
        while index < count {
            if !atLineStart, !pendingCR {
                // The common case: copy the rest of the physical line in one go.
                var end = index
                let limit = min(count, index + max(0, maximumLength - currentCount))
                while end < limit, bytes[end] != 0x0D, bytes[end] != 0x0A { end += 1 }
                if end > index {
                    storage.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end
                    continue
                }
            }
            try push(bytes[index])
            index += 1
        }
    }

    /// The number of the stream's last line (a final line break does not start another).
    var lastLine: Int { atLineStart ? max(1, physicalLine - 1) : physicalLine }

    /// Ends the stream; `lines` then holds the last logical line, if any.
    mutating func finish() throws(ICalendarReaderError) {
        if currentStart > 0 {
            storage.removeSubrange(0..<currentStart)
            currentStart = 0
        }
        lines.removeAll(keepingCapacity: true)
        if bomState < 3 {
            let partial = bomState
            bomState = 3
            for byte in [UInt8]([0xEF, 0xBB, 0xBF]).prefix(partial) { try push(byte) }
        }
        if pendingCR {
            pendingCR = false
            endPhysicalLine()
        }
        emit()
    }

    private mutating func push(_ byte: UInt8) throws(ICalendarReaderError) {
        if pendingCR {
            pendingCR = false
            endPhysicalLine()
            if byte == 0x0A { return }
        }
        switch byte {
        case 0x0D:
            pendingCR = true
        case 0x0A:
            endPhysicalLine()
        default:
            try append(byte)
        }
    }

    private mutating func append(_ byte: UInt8) throws(ICalendarReaderError) {
        if atLineStart {
            atLineStart = false
            if (byte == 0x20 || byte == 0x09) && hasCurrent { return }
            emit()
            hasCurrent = true
            currentLine = physicalLine
        }
        storage.append(byte)
        if currentCount > maximumLength {
            throw ICalendarReaderError(line: currentLine, message: "content line longer than \(maximumLength) bytes")
        }
    }

    private mutating func endPhysicalLine() {
        physicalLine += 1
        atLineStart = true
    }

    private mutating func emit() {
        guard hasCurrent else { return }
        lines.append(ICalendarReaderLogicalLine(start: currentStart, end: storage.count, line: currentLine))
        currentStart = storage.count
        hasCurrent = false
    }
}
