import Foundation

/// Reads iCalendar bytes as they arrive: `feed` hands back each VEVENT once it is complete,
/// and `finish` the rest with the calendar's properties. After an error every call throws it.
public struct ICalendarReaderParser: Sendable {
    let options: ICalendarReaderOptions
    private var unfolder: ICalendarReaderUnfolder
    var stack: [ICalendarReaderFrame] = []
    /// The open VEVENT, VTIMEZONE and STANDARD/DAYLIGHT, if any.
    var event: ICalendarReaderEventDraft?
    var zone: ICalendarReaderZoneDraft?
    var observance: ICalendarReaderObservanceDraft?
    var hasStarted = false
    var componentCount = 0
    var calendar = ICalendarParsedCalendar()
    var calendarWarnings = ICalendarReaderWarnings()
    var zones: [String: ICalendarReaderZoneDefinition] = [:]
    /// Events whose TZIDs wait for a VTIMEZONE (see the notes in ICalendarReader.swift).
    var waiting: [ICalendarReaderEventDraft] = []
    private var failure: ICalendarReaderError?
    private var isFinished = false

    public init(options: ICalendarReaderOptions = .init()) {
        self.options = options
        unfolder = ICalendarReaderUnfolder(maximumLength: max(options.maximumLineLength, 16))
    }

    /// Reads `bytes` (any chunk of the stream) and returns the events it completed. The last
    /// line of a chunk is read with the next chunk (it may yet be folded), or by `finish()`.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(ICalendarReaderError) -> [ICalendarParsedEvent] {
        try checkUsable()
        var thrown: ICalendarReaderError?
        let read: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(ICalendarReaderError) { try unfolder.feed(buffer) } catch { thrown = error }
        }
        if read == nil {
            [UInt8](bytes).withUnsafeBufferPointer { buffer in
                do throws(ICalendarReaderError) { try unfolder.feed(buffer) } catch { thrown = error }
            }
        }
        if let thrown { return try fail(thrown) }
        var events: [ICalendarParsedEvent] = []
        do throws(ICalendarReaderError) {
            try handleCompletedLines(into: &events)
        } catch {
            return try fail(error)
        }
        return events
    }

    /// Handles the logical lines the unfolder has just completed.
    private mutating func handleCompletedLines(into events: inout [ICalendarParsedEvent]) throws(ICalendarReaderError) {
        // Borrowed out of the unfolder so that handling the lines may change the parser.
        var storage: [UInt8] = []
        swap(&storage, &unfolder.storage)
        defer { swap(&storage, &unfolder.storage) }
        let lines = unfolder.lines
        try storage.withUnsafeBufferPointer { (buffer) throws(ICalendarReaderError) in
            for line in lines {
                try handle(UnsafeBufferPointer(rebasing: buffer[line.start..<line.end]), line: line.line, into: &events)
            }
        }
    }

    /// Ends the stream: checks that every component was closed, resolves the events that were
    /// waiting for VTIMEZONEs, and returns them with the calendar's properties.
    public mutating func finish() throws(ICalendarReaderError) -> ICalendarParsedCalendar {
        try checkUsable()
        do throws(ICalendarReaderError) {
            try unfolder.finish()
            var events: [ICalendarParsedEvent] = []
            try handleCompletedLines(into: &events)
            let lastLine = unfolder.lastLine
            guard hasStarted else {
                throw ICalendarReaderError(line: 1, message: "this is not an iCalendar file (it is empty; expected BEGIN:VCALENDAR)")
            }
            if stack.count == 1, stack[0].name == "VCALENDAR" {
                // Every event in it is complete; several exporters forget the last line.
                calendarWarnings.add(stack[0].line, "BEGIN:VCALENDAR has no END:VCALENDAR; the file may be cut short", limit: options.maximumWarnings)
            } else if let open = stack.last {
                throw ICalendarReaderError(
                    line: open.line, message: "BEGIN:\(open.name) has no END:\(open.name) (the file ends at line \(lastLine))"
                )
            }
            events += waiting.map { draft in draft.build { resolveZone($0) } }
            waiting = []
            isFinished = true
            var result = calendar
            result.events = events
            result.warnings = calendarWarnings.all
            return result
        } catch {
            return try fail(error)
        }
    }

    private func checkUsable() throws(ICalendarReaderError) {
        if let failure { throw failure }
        if isFinished { throw ICalendarReaderError(line: unfolder.lastLine, message: "the stream was already finished") }
    }

    private mutating func fail<T>(_ error: ICalendarReaderError) throws(ICalendarReaderError) -> T {
        failure = error
        throw error
    }

    /// Warnings inside a VEVENT (its VALARMs too) go with the event, the rest with the calendar.
    mutating func warn(_ line: Int, _ message: String) {
        if event != nil {
            event?.warn(line, message)
        } else {
            calendarWarnings.add(line, message, limit: options.maximumWarnings)
        }
    }

    /// One logical line: parsed, then a BEGIN, an END, or a property of the open component.
    private mutating func handle(_ bytes: UnsafeBufferPointer<UInt8>, line number: Int, into events: inout [ICalendarParsedEvent]) throws(ICalendarReaderError) {
        var hadInvalidUTF8 = false
        let line: ICalendarReaderContentLine
        do throws(ICalendarReaderContentLine.Malformed) {
            line = try ICalendarReaderContentLine.parse(bytes, line: number, hadInvalidUTF8: &hadInvalidUTF8)
        } catch {
            guard hasStarted else { throw notICalendar(number) }
            if error.name == "BEGIN" || error.name == "END" || stack.last?.timing.contains(error.name) ?? false {
                throw ICalendarReaderError(line: number, message: error.message)
            }
            return warn(number, error.message)
        }
        if !hasStarted {
            guard line.name == "BEGIN" else { throw notICalendar(number) }
            if ICalendarReaderValues.trimmed(line.value).uppercased() == "VCARD" {
                throw ICalendarReaderError(line: number, message: "this is a vCard, not an iCalendar file (expected BEGIN:VCALENDAR)")
            }
            hasStarted = true
        }
        if hadInvalidUTF8 { warn(number, "bytes that are not UTF-8 were replaced by U+FFFD") }
        switch line.name {
        case "BEGIN": try begin(line)
        case "END": try end(line, into: &events)
        default: try property(line)
        }
    }

    private func notICalendar(_ line: Int) -> ICalendarReaderError {
        ICalendarReaderError(line: line, message: "this is not an iCalendar file (expected BEGIN:VCALENDAR)")
    }

    /// What a TZID stands for now: Foundation's zone for an IANA name; else the stream's
    /// VTIMEZONE; else Foundation's zone for a Microsoft or vendor-prefixed name; else nothing.
    func resolveZone(_ tzid: String) -> ICalendarReaderResolvedZone {
        if let zone = ICalendarReaderTimeZones.iana(tzid) { return ICalendarReaderResolvedZone(zone: .foundation(zone), iana: tzid) }
        let name = ICalendarReaderTimeZones.ianaName(for: tzid)
        if let definition = zones[tzid] { return ICalendarReaderResolvedZone(zone: .defined(definition), iana: name) }
        if let name, let zone = ICalendarReaderTimeZones.iana(name) {
            return ICalendarReaderResolvedZone(zone: .foundation(zone), iana: name)
        }
        return ICalendarReaderResolvedZone(zone: nil, iana: nil)
    }

    /// True when every TZID of the draft can be resolved as well now as at the end.
    func isResolvable(_ draft: ICalendarReaderEventDraft) -> Bool {
        draft.tzids.allSatisfy { ICalendarReaderTimeZones.iana($0) != nil || zones[$0] != nil }
    }
}
