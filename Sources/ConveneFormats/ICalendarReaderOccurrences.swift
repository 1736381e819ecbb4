import Foundation

/// The clock an event's times are counted on: a date, a floating wall clock, UTC, or a zone.
enum ICalendarRecurrenceFrame: Sendable, Equatable {
    case date
    case floating
    case utc
    case zoned(ICalendarReaderZone)
}

/// How long each occurrence lasts: DTEND − DTSTART exactly, or a DURATION whose days are
/// calendar days (RFC 5545 3.3.6, 3.8.5.3).
enum ICalendarRecurrenceLength: Sendable, Equatable {
    case exact(Int)
    case nominal(ICalendarParsedDuration)
}

/// One RDATE on the event's clock, with the end of its PERIOD when it has one.
struct ICalendarRecurrenceExtra: Sendable, Equatable {
    var start: Int
    var end: ICalendarParsedTime?
    var length: ICalendarRecurrenceLength?
}

/// What an event's occurrences are computed from. Times are seconds since 1970 on the event's
/// wall clock (for a zone, its local time; for dates, their midnight).
struct ICalendarRecurrenceBasis: Sendable, Equatable {
    var frame: ICalendarRecurrenceFrame
    var start: Int
    var length: ICalendarRecurrenceLength
    var rules: [ICalendarRecurrenceRule] = []
    var extras: [ICalendarRecurrenceExtra] = []
    var excluded: Set<Int> = []
    /// Days (since 1970) excluded by an EXDATE that is a date while the event has times.
    var excludedDays: Set<Int> = []

    /// The instant (or, for dates and floating times, the same clock reading) of a wall time.
    func key(_ wall: Int) -> Int {
        if case let .zoned(zone) = frame { return zone.instant(fromLocal: wall) }
        return wall
    }

    func time(_ wall: Int) -> ICalendarParsedTime {
        switch frame {
        case .date: return .date(ICalendarParsedDay(ICalendarClock.civil(wall)))
        case .floating: return .floating(ICalendarParsedLocalTime(ICalendarClock.civil(wall)))
        case .utc: return .instant(ICalendarClock.date(wall))
        case let .zoned(zone): return .instant(ICalendarClock.date(zone.instant(fromLocal: wall)))
        }
    }

    /// The end of an occurrence starting at `wall`.
    func end(_ wall: Int, _ length: ICalendarRecurrenceLength) -> ICalendarParsedTime {
        switch (length, frame) {
        case let (.exact(seconds), .date), let (.exact(seconds), .floating):
            return time(Self.clamp(wall + seconds))
        case let (.exact(seconds), _):
            return .instant(ICalendarClock.date(Self.clamp(key(wall) + seconds)))
        case let (.nominal(duration), .date):
            return time(Self.clamp(wall + duration.days * 86_400))
        case let (.nominal(duration), .floating):
            return time(Self.clamp(wall + duration.days * 86_400 + duration.seconds))
        case let (.nominal(duration), _):
            return .instant(ICalendarClock.date(Self.clamp(key(Self.clamp(wall + duration.days * 86_400)) + duration.seconds)))
        }
    }

    static func clamp(_ seconds: Int) -> Int {
        min(max(seconds, ICalendarClock.earliest), ICalendarClock.latest)
    }
}

/// The occurrences of one event within a window.
struct ICalendarRecurrenceExpansion {
    let basis: ICalendarRecurrenceBasis

    /// Occurrences starting in `from..<to` (instants, or readings of the wall clock as UTC).
    func occurrences(from: Int, to: Int, limit: Int) -> [ICalendarOccurrence] {
        guard from < to else { return [] }
        // Wall clocks run at most 14 hours from UTC; a day either side is ample.
        let low = from - 86_400
        let high = to + 86_400
        var found: [Int: ICalendarOccurrence] = [:]
        func consider(_ wall: Int, _ end: ICalendarParsedTime?) -> Bool {
            guard !isExcluded(wall) else { return false }
            let key = basis.key(wall)
            guard key >= from, key < to else { return false }
            if found[wall] == nil {
                found[wall] = ICalendarOccurrence(start: basis.time(wall), end: end ?? basis.end(wall, basis.length))
            }
            return true
        }
        let rules = basis.rules.filter(\.isGregorian)
        if rules.isEmpty {
            _ = consider(basis.start, nil)
        }
        for rule in rules {
            var iterator = ICalendarRecurrenceIterator(rule: rule, start: basis.start, skipTo: low, stopAfter: high, instant: basis.key)
            var taken = 0
            while taken < limit, let wall = iterator.next(), wall <= high {
                if wall >= low, consider(wall, nil) { taken += 1 }
            }
        }
        // An RDATE PERIOD's own end wins over DTSTART's length when both give the same start.
        for extra in basis.extras where extra.start >= low && extra.start <= high {
            let end = extra.end ?? extra.length.map { basis.end(extra.start, $0) }
            if end != nil { found[extra.start] = nil }
            _ = consider(extra.start, end)
        }
        return found.keys.sorted().prefix(limit).compactMap { found[$0] }
    }

    private func isExcluded(_ wall: Int) -> Bool {
        if basis.excluded.contains(wall) { return true }
        return !basis.excludedDays.isEmpty && basis.excludedDays.contains(ICalendarRecurrenceIterator.day(wall))
    }
}
