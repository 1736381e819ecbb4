import Foundation

/// A DTSTART, DTEND, RDATE, EXDATE or RECURRENCE-ID as read: an instant, a floating time, or a day.
public enum ICalendarParsedTime: Sendable, Hashable, CustomStringConvertible {
    /// A UTC time, or a local time with a TZID that the reader resolved to an instant.
    case instant(Date)
    /// A wall-clock time without a zone (RFC 5545 "floating"): the same reading in every zone.
    case floating(ICalendarParsedLocalTime)
    /// A whole day (VALUE=DATE), as all-day events use.
    case date(ICalendarParsedDay)

    /// The instant, reading floating times and days (at their midnight) in `timeZone`; a time
    /// that zone skips is read with the offset before the gap, one it repeats as its first pass.
    public func date(in timeZone: TimeZone) -> Date {
        switch self {
        case let .instant(date):
            return date
        case let .floating(local):
            return ICalendarClock.date(ICalendarReaderZone.foundation(timeZone).instant(fromLocal: local.seconds))
        case let .date(day):
            return ICalendarClock.date(ICalendarReaderZone.foundation(timeZone).instant(fromLocal: day.seconds))
        }
    }

    var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    /// `2026-03-08T14:30:00Z` for an instant, `2026-03-08T09:30:00` floating, `2026-03-08` a day.
    public var description: String {
        switch self {
        case let .instant(date): return ICalendarParsedLocalTime(ICalendarClock.civil(ICalendarClock.seconds(date))).description + "Z"
        case let .floating(local): return local.description
        case let .date(day): return day.description
        }
    }
}

/// A wall-clock reading: year, month (1–12), day, hour, minute, second.
public struct ICalendarParsedLocalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    init(_ civil: ICalendarCivilTime) {
        self.init(year: civil.year, month: civil.month, day: civil.day, hour: civil.hour, minute: civil.minute, second: civil.second)
    }

    var civil: ICalendarCivilTime {
        ICalendarCivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Seconds since 1970-01-01 00:00 on the same wall clock.
    var seconds: Int { ICalendarClock.seconds(civil) }

    public static func < (a: Self, b: Self) -> Bool { a.seconds < b.seconds }

    /// `2026-03-08T09:30:00`
    public var description: String {
        ICalendarParsedDay(year: year, month: month, day: day).description + "T" + ICalendarClock.digits(hour, 2) + ":"
            + ICalendarClock.digits(minute, 2) + ":" + ICalendarClock.digits(second, 2)
    }
}

/// A calendar day: year, month (1–12), day.
public struct ICalendarParsedDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    init(_ civil: ICalendarCivilTime) {
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    var seconds: Int { ICalendarClock.seconds(ICalendarCivilTime(year: year, month: month, day: day)) }

    public static func < (a: Self, b: Self) -> Bool { a.seconds < b.seconds }

    /// `2026-03-08`
    public var description: String {
        ICalendarClock.digits(year, 4) + "-" + ICalendarClock.digits(month, 2) + "-" + ICalendarClock.digits(day, 2)
    }
}

/// A DURATION value (RFC 5545 3.3.6): nominal days (weeks count as seven) and exact seconds.
public struct ICalendarParsedDuration: Sendable, Hashable {
    /// Calendar days, kept apart because a day across a change of offset is 23 or 25 hours.
    public var days: Int
    public var seconds: Int

    public init(days: Int, seconds: Int) {
        self.days = days
        self.seconds = seconds
    }
}

/// The ORGANIZER of an event: its CN and address.
public struct ICalendarParsedOrganizer: Sendable, Hashable {
    public var name: String?
    /// The address without `mailto:`, when it is a mailto address.
    public var email: String?
    /// The CAL-ADDRESS as written, e.g. `mailto:clerk@example.org`.
    public var address: String

    public init(name: String?, email: String?, address: String) {
        self.name = name
        self.email = email
        self.address = address
    }
}

/// One RDATE value: a start, and for a PERIOD its own end.
public struct ICalendarRecurrenceDate: Sendable, Hashable {
    public var start: ICalendarParsedTime
    public var end: ICalendarParsedTime?

    public init(start: ICalendarParsedTime, end: ICalendarParsedTime? = nil) {
        self.start = start
        self.end = end
    }
}

/// One occurrence of an event: the start and end of that instance.
public struct ICalendarOccurrence: Sendable, Hashable {
    public var start: ICalendarParsedTime
    public var end: ICalendarParsedTime

    public init(start: ICalendarParsedTime, end: ICalendarParsedTime) {
        self.start = start
        self.end = end
    }
}

/// A VEVENT as read, with its times resolved and what the reader had to skip or repair.
public struct ICalendarParsedEvent: Sendable, Equatable {
    public var uid: String?
    public var summary: String?
    public var description: String?
    public var location: String?
    public var url: String?
    public var organizer: ICalendarParsedOrganizer?
    public var categories: [String] = []
    /// STATUS in upper case, e.g. `CONFIRMED`, `TENTATIVE`, `CANCELLED`.
    public var status: String?
    /// Nil when the event has no DTSTART.
    public var start: ICalendarParsedTime?
    /// DTEND; else DTSTART + DURATION; else a day after a date start, or the start itself
    /// (RFC 5545 3.6.1). Nil without a start.
    public var end: ICalendarParsedTime?
    /// The DURATION as written, if any.
    public var duration: ICalendarParsedDuration?
    /// DTSTART's TZID as written, e.g. `Pacific Standard Time`.
    public var timeZone: String?
    /// The IANA name for `timeZone` when there is one: the TZID itself, or the zone a Microsoft
    /// or vendor-prefixed name stands for.
    public var ianaTimeZone: String?
    /// The first RRULE (RFC 5545 advises one); any others still count for occurrences.
    public var rrule: ICalendarRecurrenceRule?
    public var rdates: [ICalendarRecurrenceDate] = []
    public var exdates: [ICalendarParsedTime] = []
    public var recurrenceId: ICalendarParsedTime?
    public var sequence: Int = 0
    /// The line of BEGIN:VEVENT.
    public var line: Int
    public var warnings: [ICalendarReaderWarning] = []

    /// What occurrences are computed from: DTSTART's wall clock, zone and the recurrence values.
    var recurrence: ICalendarRecurrenceBasis?

    init(line: Int) {
        self.line = line
    }

    /// True for events whose start is a date (all-day events).
    public var isAllDay: Bool { start?.isDate ?? false }
}

/// What `ICalendarReaderParser.finish()` returns: the calendar's properties and the events it
/// had not yet handed out (`ICalendarReader.read` returns them all).
public struct ICalendarParsedCalendar: Sendable, Equatable {
    public var events: [ICalendarParsedEvent] = []
    /// X-WR-CALNAME, or NAME (RFC 7986).
    public var name: String?
    public var productId: String?
    public var method: String?
    /// X-WR-TIMEZONE: the zone Google and Apple mean for the calendar's floating times.
    public var defaultTimeZone: String?
    /// The TZIDs of the VTIMEZONEs read.
    public var timeZoneIds: [String] = []
    /// Warnings about lines outside events; each event has its own.
    public var warnings: [ICalendarReaderWarning] = []

    public init() {}

    /// The occurrences of `event` that start in `from..<to` (days and floating times read as
    /// UTC for this test), in order, at most `limit`: DTSTART, every RRULE and RDATE, minus
    /// EXDATE (a date EXDATE on an event with times removes that whole day). Rules are expanded
    /// on the event's own wall clock, so a weekly 9:00 meeting stays at 9:00 across changes of
    /// offset; a rule without end stops at `to`, and any rule after a bounded amount of work.
    /// Overrides (VEVENTs with the same UID and a RECURRENCE-ID) are separate events in
    /// `events`; replacing the occurrence each one names is left to the caller.
    public func occurrences(of event: ICalendarParsedEvent, from: Date, to: Date, limit: Int = 10_000) -> [ICalendarOccurrence] {
        guard let basis = event.recurrence, limit > 0 else { return [] }
        return ICalendarRecurrenceExpansion(basis: basis).occurrences(
            from: ICalendarClock.seconds(from), to: ICalendarClock.seconds(to), limit: limit
        )
    }
}
