/// Reads vCards (2.1, 3.0, 4.0) from bytes as they arrive: `feed` returns the cards completed
/// so far, `finish` the rest. Memory is bounded by the longest card, not the file.
///
/// Once it has thrown, the parser throws the same error again; make a new one to start over.
public struct VCardParser: Sendable {
    /// Text outside any `BEGIN:VCARD … END:VCARD`, which was skipped, each "line N: …".
    public private(set) var warnings: [String] = []

    var input = VCardInputDecoder()
    var buffer: [UInt8] = []
    /// Start of the physical line not yet ended, and how far it has been searched for its end.
    var lineStart = 0
    var searched = 0
    var skipLineFeed = false
    var physicalLines = 0

    var pending: [UInt8] = []
    var pendingLine = 0
    var hasPending = false
    var pendingEncodings: VCardPendingEncodings?

    var sawContent = false
    var card: VCardInProgress?
    var completed: [VCard] = []
    var failure: VCardError?

    public init() {}

    public mutating func feed(_ bytes: some Collection<UInt8>) throws(VCardError) -> [VCard] {
        if let failure { throw failure }
        do throws(VCardError) {
            // Copied through contiguous storage: a generic byte-by-byte append would cost more
            // than all the reading that follows.
            let copied: Void? = bytes.withContiguousStorageIfAvailable { input.append($0, to: &buffer) }
            if copied == nil { Array(bytes).withUnsafeBufferPointer { input.append($0, to: &buffer) } }
            try readLines()
        } catch {
            failure = error
            throw error
        }
        defer { completed = [] }
        return completed
    }

    /// Reads what is left; an unfinished card or a file with no card is an error.
    public mutating func finish() throws(VCardError) -> [VCard] {
        if let failure { throw failure }
        do throws(VCardError) {
            input.finish(to: &buffer)
            try readLines()
            try endOfInput()
        } catch {
            failure = error
            throw error
        }
        defer { completed = [] }
        return completed
    }

    private mutating func endOfInput() throws(VCardError) {
        if lineStart < buffer.count {
            physicalLines += 1
            let last = buffer[lineStart...]
            lineStart = buffer.count
            try physicalLine(last, number: physicalLines)
        }
        try emitPending()
        if let card {
            let lastLine = max(physicalLines, card.beginLine)
            throw VCardError(line: card.beginLine, "this vCard has no END:VCARD (the file ends at line \(lastLine))")
        }
        if !sawContent {
            throw VCardError(line: 1, "this is not a vCard file (it is empty)")
        }
    }

    /// A logical line: a card begins or ends, or a property joins the open card.
    mutating func logicalLine(_ line: [UInt8], number: Int) throws(VCardError) {
        let marker = VCardMarker(line)
        if !sawContent {
            sawContent = true
            guard marker == .begin else {
                throw VCardError(line: number, "this is not a vCard file (it starts with \"\(VCardPreview.of(line[...]))\")")
            }
        }
        // The open card is changed in place (`card?.…`), never copied out and back.
        guard let beginLine = card?.beginLine else {
            switch marker {
            case .begin: card = VCardInProgress(beginLine: number)
            case .end: throw VCardError(line: number, "END:VCARD without BEGIN:VCARD")
            case nil: warnings.append("line \(number): \"\(VCardPreview.of(line[...]))\" is outside any vCard; it was skipped")
            }
            return
        }
        if card?.takeNested(line, marker: marker) == true { return }
        switch marker {
        case .end:
            if let open = card { completed.append(open.finished()) }
            card = nil
        case .begin:
            card?.warnings.append("line \(number): BEGIN:VCARD inside the vCard begun on line \(beginLine), which has no END:VCARD; that card ends here")
            if let open = card { completed.append(open.finished()) }
            card = VCardInProgress(beginLine: number)
        case nil:
            card?.add(line, number: number)
        }
    }
}

/// `BEGIN:VCARD` or `END:VCARD`, in any case, with blanks around.
enum VCardMarker: Equatable {
    case begin, end

    init?(_ line: [UInt8]) {
        let text = VCardContentLine.trimmed(line[...])
        guard text.count == 11 || text.count == 9 else { return nil }
        let upper = String(decoding: text, as: UTF8.self).uppercased()
        switch upper {
        case "BEGIN:VCARD": self = .begin
        case "END:VCARD": self = .end
        default: return nil
        }
    }
}
