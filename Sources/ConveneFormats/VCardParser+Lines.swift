import Foundation

/// Physical lines to logical lines: CRLF, LF or CR end a line; a line that starts with a space
/// or tab continues the one before (RFC 6350 3.2); in vCard 2.1 a quoted-printable value
/// ending in `=` continues on the next line, and a base64 value runs on over lines without
/// a colon until a blank line.
extension VCardParser {
    private static let lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    /// Every complete physical line in the buffer; the unfinished one stays for the next feed,
    /// and is searched only from where the last search stopped, so a long line costs its
    /// length once.
    mutating func readLines() throws(VCardError) {
        while true {
            if skipLineFeed, lineStart < buffer.count {
                skipLineFeed = false
                if buffer[lineStart] == Self.lineFeed {
                    lineStart += 1
                    searched = max(searched, lineStart)
                }
            }
            guard let end = lineEnd() else { break }
            physicalLines += 1
            let number = physicalLines
            let line = buffer[lineStart..<end]
            if buffer[end] == Self.carriageReturn {
                if end + 1 < buffer.count {
                    lineStart = buffer[end + 1] == Self.lineFeed ? end + 2 : end + 1
                } else {
                    lineStart = end + 1
                    skipLineFeed = true
                }
            } else {
                lineStart = end + 1
            }
            searched = lineStart
            try physicalLine(line, number: number)
        }
        try rejectEarly()
        if lineStart > 0, lineStart >= buffer.count / 2 {
            buffer.removeSubrange(0..<lineStart)
            searched -= lineStart
            lineStart = 0
        }
    }

    /// The first CR or LF from where the search stopped, found with `memchr`.
    private mutating func lineEnd() -> Int? {
        let start = max(searched, lineStart)
        let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard start < bytes.count, let base = bytes.baseAddress else { return nil }
            let origin = UnsafeRawPointer(base)
            let lineFeed = memchr(origin + start, Int32(Self.lineFeed), bytes.count - start).map { origin.distance(to: $0) }
            let limit = lineFeed ?? bytes.count
            let carriageReturn = memchr(origin + start, Int32(Self.carriageReturn), limit - start).map { origin.distance(to: $0) }
            return carriageReturn ?? lineFeed
        }
        if found == nil { searched = buffer.count }
        return found
    }

    /// A file whose first line cannot become `BEGIN:VCARD` is refused before the line ends,
    /// so a large binary file fails at once instead of after it has all been buffered.
    private func rejectEarly() throws(VCardError) {
        guard !sawContent, !hasPending else { return }
        let partial = buffer[lineStart...]
        let expected = Array("BEGIN:VCARD".utf8)
        for (offset, byte) in partial.prefix(expected.count).enumerated() {
            let upper = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
            if offset == 0, VCardContentLine.isBlank(byte) { return }
            if upper != expected[offset] {
                throw VCardError(line: physicalLines + 1, "this is not a vCard file (it starts with \"\(VCardPreview.of(partial))\")")
            }
        }
    }

    mutating func physicalLine(_ line: ArraySlice<UInt8>, number: Int) throws(VCardError) {
        if hasPending {
            if pending.last == UInt8(ascii: "="), pendingDeclares(.quotedPrintable) {
                pending.removeLast()
                pending.append(contentsOf: line)
                return
            }
            if let first = line.first, VCardContentLine.isBlank(first) {
                pending.append(contentsOf: line.dropFirst())
                return
            }
            if !line.isEmpty, !line.contains(UInt8(ascii: ":")), pendingDeclares(.base64) {
                pending.append(contentsOf: line)
                return
            }
            try emitPending()
        }
        guard line.contains(where: { !VCardContentLine.isBlank($0) }) else { return }
        pending.removeAll(keepingCapacity: true)
        pending.append(contentsOf: line)
        pendingLine = number
        pendingEncodings = nil
        hasPending = true
    }

    mutating func emitPending() throws(VCardError) {
        guard hasPending else { return }
        hasPending = false
        try logicalLine(pending, number: pendingLine)
    }

    /// What the `ENCODING` parameter of the pending line declares, worked out once per logical
    /// line so that a long run of continuations costs no rescans.
    private mutating func pendingDeclares(_ encoding: VCardTransferEncoding) -> Bool {
        let flags: VCardPendingEncodings
        if let known = pendingEncodings {
            flags = known
        } else {
            let declared = VCardContentLine.parse(pending, caretEscapes: false)?.parameters
                .filter { $0.name == "ENCODING" }.flatMap(\.values).compactMap(VCardTransferEncoding.init) ?? []
            flags = VCardPendingEncodings(
                quotedPrintable: declared.last == .quotedPrintable,
                base64: declared.last == .base64
            )
            pendingEncodings = flags
        }
        return encoding == .base64 ? flags.base64 : flags.quotedPrintable
    }
}

struct VCardPendingEncodings: Sendable {
    var quotedPrintable: Bool
    var base64: Bool
}
