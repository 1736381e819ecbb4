import Foundation

/// What a TZID resolved to: the zone to read times in (nil: read them as floating), and the
/// IANA name it stands for, if any.
struct ICalendarReaderResolvedZone: Sendable {
    var zone: ICalendarReaderZone?
    var iana: String?
}

extension ICalendarReaderEventDraft {
    /// The event with its times resolved through `zones`.
    func build(zones resolve: (String) -> ICalendarReaderResolvedZone) -> ICalendarParsedEvent {
        var zones: [String: ICalendarReaderResolvedZone] = [:]
        for tzid in tzids { zones[tzid] = resolve(tzid) }
        var builder = ICalendarReaderEventBuilder(draft: self, zones: zones)
        return builder.build()
    }
}

/// Resolves a draft's times; kept apart from the draft so warnings can be added as it goes.
private struct ICalendarReaderEventBuilder {
    let draft: ICalendarReaderEventDraft
    /// What each TZID of the draft resolved to.
    let zones: [String: ICalendarReaderResolvedZone]
    var warnings: ICalendarReaderWarnings

    init(draft: ICalendarReaderEventDraft, zones: [String: ICalendarReaderResolvedZone]) {
        self.draft = draft
        self.zones = zones
        warnings = draft.warnings
    }

    /// A time resolved: what it is, the clock it counts on, and its reading on that clock.
    struct Resolved {
        var time: ICalendarParsedTime
        var frame: ICalendarRecurrenceFrame
        var wall: Int
        /// The instant, or for dates and floating times the reading itself.
        var key: Int
    }

    mutating func resolve(_ timed: ICalendarReaderTimedValue) -> Resolved {
        let wall = ICalendarClock.seconds(timed.value.civil)
        switch timed.value {
        case let .date(civil):
            return Resolved(time: .date(ICalendarParsedDay(civil)), frame: .date, wall: wall, key: wall)
        case .utc:
            return Resolved(time: .instant(ICalendarClock.date(wall)), frame: .utc, wall: wall, key: wall)
        case let .local(civil):
            guard let tzid = timed.tzid else {
                return Resolved(time: .floating(ICalendarParsedLocalTime(civil)), frame: .floating, wall: wall, key: wall)
            }
            guard let zone = zones[tzid]?.zone else {
                warnings.add(timed.line, "TZID \(ICalendarReaderValues.quoted(tzid)) is neither a zone Foundation knows nor defined by a VTIMEZONE; read as floating", limit: draft.warningLimit)
                return Resolved(time: .floating(ICalendarParsedLocalTime(civil)), frame: .floating, wall: wall, key: wall)
            }
            let instant = zone.instant(fromLocal: wall)
            return Resolved(time: .instant(ICalendarClock.date(instant)), frame: .zoned(zone), wall: wall, key: instant)
        }
    }

    mutating func build() -> ICalendarParsedEvent {
        var event = draft.event
        if let recurrenceId = draft.recurrenceId { event.recurrenceId = resolve(recurrenceId).time }
        guard let startValue = draft.start else {
            warnings.add(event.line, "VEVENT has no DTSTART", limit: draft.warningLimit)
            event.warnings = warnings.all
            return event
        }
        let start = resolve(startValue)
        event.start = start.time
        event.timeZone = startValue.tzid
        event.ianaTimeZone = startValue.tzid.flatMap { zones[$0]?.iana }
        var length = ICalendarRecurrenceLength.exact(startValue.value.isDate ? 86_400 : 0)
        if let endValue = draft.end, endValue.value.isDate == startValue.value.isDate {
            let end = resolve(endValue)
            length = .exact(end.key - start.key)
            if end.key < start.key { warnings.add(endValue.line, "DTEND is before DTSTART", limit: draft.warningLimit) }
            if event.duration != nil { warnings.add(endValue.line, "both DTEND and DURATION; DTEND is used", limit: draft.warningLimit) }
        } else {
            if let endValue = draft.end {
                warnings.add(endValue.line, "DTEND is not of DTSTART's type (date or date-time) and was ignored", limit: draft.warningLimit)
            }
            if let duration = event.duration { length = .nominal(duration) }
        }
        var basis = ICalendarRecurrenceBasis(frame: start.frame, start: start.wall, length: length, rules: draft.rules)
        event.end = basis.end(start.wall, length)
        for rdate in draft.rdates {
            let resolved = resolve(rdate.start)
            var end: ICalendarParsedTime?
            if let endValue = rdate.end { end = resolve(endValue).time }
            event.rdates.append(ICalendarRecurrenceDate(start: resolved.time, end: end ?? rdate.duration.map {
                ICalendarRecurrenceBasis(frame: resolved.frame, start: resolved.wall, length: .nominal($0)).end(resolved.wall, .nominal($0))
            }))
            guard let wall = wall(of: resolved, on: start.frame) else {
                warnings.add(rdate.start.line, "an RDATE that is a date, on an event with times, was ignored", limit: draft.warningLimit)
                continue
            }
            let isDates = start.frame == .date
            basis.extras.append(ICalendarRecurrenceExtra(
                start: wall, end: isDates ? nil : end, length: isDates ? nil : rdate.duration.map { .nominal($0) }
            ))
        }
        for exdate in draft.exdates {
            let resolved = resolve(exdate)
            event.exdates.append(resolved.time)
            if let wall = wall(of: resolved, on: start.frame) {
                basis.excluded.insert(wall)
            } else {
                basis.excludedDays.insert(ICalendarRecurrenceIterator.day(resolved.wall))
            }
        }
        event.rrule = draft.rules.first
        event.recurrence = basis
        event.warnings = warnings.all
        return event
    }

    /// A time's reading on the event's clock; nil for a date on an event with times.
    private func wall(of time: Resolved, on frame: ICalendarRecurrenceFrame) -> Int? {
        switch (frame, time.frame) {
        case (.date, _):
            return time.wall - ICalendarRecurrenceIterator.floorMod(time.wall, 86_400)
        case (_, .date):
            return nil
        case (_, .floating):
            return time.wall
        case (_, _) where time.frame == frame:
            return time.wall
        case let (.zoned(zone), _):
            return zone.local(fromInstant: time.key)
        default:
            return time.key
        }
    }
}
