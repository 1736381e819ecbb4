import Foundation

/// A VTIMEZONE while its lines arrive.
struct ICalendarReaderZoneDraft: Sendable {
    var tzid: String?
    var observances: [ICalendarReaderObservance] = []
}

/// A STANDARD or DAYLIGHT while its lines arrive.
struct ICalendarReaderObservanceDraft: Sendable {
    var start: ICalendarReaderTimeValue?
    var offsetFrom: Int?
    var offsetTo: Int?
    var rules: [ICalendarRecurrenceRule] = []
    var onsets: [ICalendarReaderTimeValue] = []
}

/// An open component: its name, the line of its BEGIN, and what the reader makes of it. The
/// drafts themselves live in the parser (at most one of each kind is open at a time), so that
/// lines are added to them in place.
struct ICalendarReaderFrame: Sendable {
    enum Kind: Sendable {
        case calendar, event, timeZone, observance
        /// Read past: VTODO, VALARM, X- components and the like.
        case other
    }

    var name: String
    var line: Int
    var kind: Kind

    /// Properties of this component that must be readable.
    var timing: Set<String> {
        switch kind {
        case .event: return ICalendarReaderEventDraft.timing
        case .timeZone: return ["TZID"]
        case .observance: return ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE"]
        case .calendar, .other: return []
        }
    }
}

extension ICalendarReaderParser {
    mutating func begin(_ line: ICalendarReaderContentLine) throws(ICalendarReaderError) {
        let name = ICalendarReaderValues.trimmed(line.value).uppercased()
        guard ICalendarReaderContentLine.isName(name) else {
            throw ICalendarReaderError(line: line.line, message: "BEGIN:\(ICalendarReaderValues.quoted(line.value)) is not a component name")
        }
        componentCount += 1
        guard componentCount <= options.maximumComponents else {
            throw ICalendarReaderError(line: line.line, message: "more than \(options.maximumComponents) components")
        }
        guard stack.count < options.maximumDepth else {
            throw ICalendarReaderError(line: line.line, message: "components nested more than \(options.maximumDepth) deep")
        }
        let parent = stack.last?.kind
        let kind: ICalendarReaderFrame.Kind
        switch (name, parent) {
        case ("VCALENDAR", nil):
            kind = .calendar
        case ("VEVENT", nil), ("VEVENT", .calendar?), ("VEVENT", .other?):
            // A VEVENT inside another one (within its VALARM, say) is read past.
            if event == nil {
                kind = .event
                event = ICalendarReaderEventDraft(line: line.line, warningLimit: options.maximumWarnings)
            } else {
                kind = .other
            }
        case ("VTIMEZONE", nil), ("VTIMEZONE", .calendar?):
            kind = .timeZone
            zone = ICalendarReaderZoneDraft()
        case ("STANDARD", .timeZone?), ("DAYLIGHT", .timeZone?):
            kind = .observance
            observance = ICalendarReaderObservanceDraft()
        default:
            kind = .other
        }
        if parent == nil, name != "VCALENDAR" {
            calendarWarnings.add(line.line, "BEGIN:\(name) outside a VCALENDAR; read anyway", limit: options.maximumWarnings)
        }
        stack.append(ICalendarReaderFrame(name: name, line: line.line, kind: kind))
    }

    mutating func end(_ line: ICalendarReaderContentLine, into events: inout [ICalendarParsedEvent]) throws(ICalendarReaderError) {
        let name = ICalendarReaderValues.trimmed(line.value).uppercased()
        guard let frame = stack.last, frame.name == name else {
            if let open = stack.last, stack.contains(where: { $0.name == name }) {
                throw ICalendarReaderError(line: line.line, message: "END:\(name) while \(open.name) (line \(open.line)) is still open")
            }
            throw ICalendarReaderError(line: line.line, message: "END:\(name) without BEGIN:\(name)")
        }
        stack.removeLast()
        switch frame.kind {
        case .event:
            var taken: ICalendarReaderEventDraft?
            swap(&taken, &event)
            guard let draft = taken else { return }
            if isResolvable(draft) {
                events.append(draft.build { resolveZone($0) })
            } else {
                waiting.append(draft)
            }
        case .timeZone:
            guard let draft = zone else { return }
            zone = nil
            try define(draft, frame: frame)
            if !waiting.isEmpty {
                var still: [ICalendarReaderEventDraft] = []
                for draft in waiting {
                    if isResolvable(draft) { events.append(draft.build { resolveZone($0) }) } else { still.append(draft) }
                }
                waiting = still
            }
        case .observance:
            guard let draft = observance else { return }
            observance = nil
            let finished = try finishObservance(draft, frame: frame)
            zone?.observances.append(finished)
        case .calendar, .other:
            break
        }
    }

    private mutating func define(_ draft: ICalendarReaderZoneDraft, frame: ICalendarReaderFrame) throws(ICalendarReaderError) {
        guard let tzid = draft.tzid, !tzid.isEmpty else {
            throw ICalendarReaderError(line: frame.line, message: "VTIMEZONE has no TZID")
        }
        guard !draft.observances.isEmpty else {
            throw ICalendarReaderError(line: frame.line, message: "VTIMEZONE \(ICalendarReaderValues.quoted(tzid)) has no STANDARD or DAYLIGHT")
        }
        if zones[tzid] == nil {
            zones[tzid] = ICalendarReaderZoneDefinition(tzid: tzid, observances: draft.observances)
            calendar.timeZoneIds.append(tzid)
        } else {
            calendarWarnings.add(frame.line, "a second VTIMEZONE \(ICalendarReaderValues.quoted(tzid)) was ignored", limit: options.maximumWarnings)
        }
    }

    private func finishObservance(_ draft: ICalendarReaderObservanceDraft, frame: ICalendarReaderFrame) throws(ICalendarReaderError) -> ICalendarReaderObservance {
        guard let start = draft.start else { throw ICalendarReaderError(line: frame.line, message: "\(frame.name) has no DTSTART") }
        guard let offsetTo = draft.offsetTo else { throw ICalendarReaderError(line: frame.line, message: "\(frame.name) has no TZOFFSETTO") }
        guard let offsetFrom = draft.offsetFrom else { throw ICalendarReaderError(line: frame.line, message: "\(frame.name) has no TZOFFSETFROM") }
        let onsets = draft.onsets.map { value -> Int in
            let wall = ICalendarClock.seconds(value.civil)
            if case .utc = value { return wall }
            return wall - offsetFrom
        }
        return ICalendarReaderObservance(
            start: ICalendarClock.seconds(start.civil), offsetFrom: offsetFrom, offsetTo: offsetTo, rules: draft.rules, onsets: onsets
        )
    }

    /// A property of the innermost open component.
    mutating func property(_ line: ICalendarReaderContentLine) throws(ICalendarReaderError) {
        guard let index = stack.indices.last else {
            return calendarWarnings.add(line.line, "\(line.name) outside any component was ignored", limit: options.maximumWarnings)
        }
        switch stack[index].kind {
        case .event:
            try event?.take(line)
        case .timeZone:
            if line.name == "TZID" {
                let tzid = ICalendarReaderValues.trimmed(ICalendarReaderValues.text(line.value))
                if zone?.tzid == nil { zone?.tzid = tzid } else { warn(line.line, "a second TZID was ignored") }
            }
        case .observance:
            guard var draft = observance else { return }
            observance = nil
            defer { observance = draft }
            try observe(line, into: &draft)
        case .calendar:
            calendarProperty(line)
        case .other:
            break
        }
    }

    private func observe(_ line: ICalendarReaderContentLine, into draft: inout ICalendarReaderObservanceDraft) throws(ICalendarReaderError) {
        switch line.name {
        case "DTSTART":
            guard let value = ICalendarReaderValues.time(line.value) else {
                throw ICalendarReaderError(line: line.line, message: "DTSTART \(ICalendarReaderValues.quoted(line.value)) is not a date-time")
            }
            if draft.start == nil { draft.start = value }
        case "TZOFFSETFROM", "TZOFFSETTO":
            guard let offset = ICalendarReaderValues.utcOffset(line.value) else {
                throw ICalendarReaderError(line: line.line, message: "\(line.name) \(ICalendarReaderValues.quoted(line.value)) is not a UTC offset (±HHMM, hours below 24)")
            }
            if line.name == "TZOFFSETFROM" { draft.offsetFrom = draft.offsetFrom ?? offset } else { draft.offsetTo = draft.offsetTo ?? offset }
        case "RRULE":
            var notes: [String] = []
            do throws(ICalendarReaderValueError) {
                draft.rules.append(try ICalendarRecurrenceRule.parse(line.value, notes: &notes))
            } catch {
                throw ICalendarReaderError(line: line.line, message: error.message)
            }
        case "RDATE":
            for item in line.value.split(separator: ",", omittingEmptySubsequences: false) {
                let text = item.split(separator: "/").first ?? item
                guard let value = ICalendarReaderValues.time(text) else {
                    throw ICalendarReaderError(line: line.line, message: "RDATE \(ICalendarReaderValues.quoted(item)) is not a date-time")
                }
                draft.onsets.append(value)
            }
        default:
            break
        }
    }

    private mutating func calendarProperty(_ line: ICalendarReaderContentLine) {
        guard ["X-WR-CALNAME", "NAME", "PRODID", "METHOD", "X-WR-TIMEZONE"].contains(line.name) else { return }
        let text = ICalendarReaderValues.trimmed(ICalendarReaderValues.text(line.value))
        switch line.name {
        case "X-WR-CALNAME", "NAME": if calendar.name == nil { calendar.name = text }
        case "PRODID": if calendar.productId == nil { calendar.productId = text }
        case "METHOD": if calendar.method == nil { calendar.method = text.uppercased() }
        case "X-WR-TIMEZONE": if calendar.defaultTimeZone == nil { calendar.defaultTimeZone = text }
        default: break
        }
    }
}
