import Foundation

/// A time zone events are written in with `TZID`, and the `VTIMEZONE` that defines it.
struct ICalendarZone {
    /// The id as the caller gave it when Foundation knows it (so `UTC` stays `UTC`, where
    /// Foundation would say `GMT`), else Foundation's own spelling.
    let tzid: String
    let timeZone: TimeZone

    /// Nil for ids Foundation does not know, and for ids with characters that would need
    /// quoting or escaping, so the TZID parameter and property always match byte for byte.
    init?(identifier: String?) {
        guard let identifier, let timeZone = TimeZone(identifier: identifier) else { return nil }
        if Self.isPlain(identifier) {
            tzid = identifier
        } else if Self.isPlain(timeZone.identifier) {
            tzid = timeZone.identifier
        } else {
            return nil
        }
        self.timeZone = timeZone
    }

    private static func isPlain(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/_+-.".unicodeScalars.contains(scalar))
        }
    }

    func offset(at seconds: Int) -> Int {
        timeZone.secondsFromGMT(for: ICalendarClock.date(seconds))
    }

    func local(_ seconds: Int) -> ICalendarCivilTime {
        ICalendarClock.civil(seconds + offset(at: seconds))
    }

    /// True when the local reading of `seconds` happened once already that day (the second
    /// pass through a "fall back" hour). RFC 5545 3.3.5 reads such a local time as the first
    /// occurrence, so these instants have to be written in UTC instead.
    func isRepeatedLocalTime(_ seconds: Int) -> Bool {
        transitions(from: seconds - 2 * 86_400, to: seconds + 1).contains { transition in
            let fallBack = transition.offsetFrom - transition.offsetTo
            return fallBack > 0 && seconds < transition.instant + fallBack
        }
    }

    /// The VTIMEZONE, with one observance per offset change in each year listed in `years`
    /// and the one in force when each run of consecutive years begins. Observances are single
    /// onsets rather than RRULEs: they are exact for any history Foundation knows.
    func appendDefinition(coveringYears years: Set<Int>, to lines: inout ICalendarContentLines) {
        lines.append("BEGIN", "VTIMEZONE")
        lines.append("TZID", ICalendarValue.text(tzid))
        for observance in observances(coveringYears: years) {
            let kind = observance.isDaylight ? "DAYLIGHT" : "STANDARD"
            lines.append("BEGIN", kind)
            lines.append("DTSTART", observance.onset.dateTimeValue)
            lines.append("TZOFFSETFROM", ICalendarClock.offsetValue(observance.offsetFrom))
            lines.append("TZOFFSETTO", ICalendarClock.offsetValue(observance.offsetTo))
            lines.append("TZNAME", ICalendarValue.text(observance.name))
            lines.append("END", kind)
        }
        lines.append("END", "VTIMEZONE")
    }

    struct Observance {
        var instant: Int
        var isDaylight: Bool
        /// The onset in the wall time of the offset before it, as RFC 5545 3.6.5 asks.
        var onset: ICalendarCivilTime
        var offsetFrom: Int
        var offsetTo: Int
        var name: String
    }

    func observances(coveringYears years: Set<Int>) -> [Observance] {
        // Local years begin up to about 15 hours before or after they do in UTC.
        let margin = 16 * 3_600
        var result: [Observance] = []
        var previousEnd: Int?
        for run in Self.runs(years.sorted()) {
            let yearStart = ICalendarClock.seconds(ICalendarCivilTime(year: run.lowerBound, month: 1, day: 1))
            let start = yearStart - margin
            let end = ICalendarClock.seconds(ICalendarCivilTime(year: run.upperBound + 1, month: 1, day: 1)) + margin
            let lookback = max(start - 370 * 86_400, previousEnd ?? Int.min)
            if let inForce = transitions(from: lookback, to: start).last {
                result.append(inForce)
            } else if let unchanged = steadyObservance(at: start, year: run.lowerBound, after: result.last) {
                result.append(unchanged)
            }
            result += transitions(from: start, to: end, limit: (run.count + 1) * 16)
            previousEnd = end
        }
        return result
    }

    /// The offset in force at `seconds` when it has not changed for a year: from 1970 (or the
    /// first year written, for earlier years) when nothing precedes it, else from `seconds`
    /// itself. Nil when `previous` already says the same.
    private func steadyObservance(at seconds: Int, year: Int, after previous: Observance?) -> Observance? {
        let date = ICalendarClock.date(seconds)
        let offset = offset(at: seconds)
        let isDaylight = timeZone.isDaylightSavingTime(for: date)
        if let previous, previous.offsetTo == offset, previous.isDaylight == isDaylight {
            return nil
        }
        let offsetFrom = previous?.offsetTo ?? offset
        return Observance(
            instant: seconds,
            isDaylight: isDaylight,
            onset: previous == nil ? ICalendarCivilTime(year: min(year, 1970), month: 1, day: 1) : ICalendarClock.civil(seconds + offsetFrom),
            offsetFrom: offsetFrom,
            offsetTo: offset,
            name: name(timeZone.abbreviation(for: date), offset: offset)
        )
    }

    /// The offset changes at instants in `from..<to`.
    private func transitions(from: Int, to: Int, limit: Int = 32) -> [Observance] {
        var found: [Observance] = []
        var cursor = ICalendarClock.date(from - 1)
        while found.count < limit, let next = timeZone.nextDaylightSavingTimeTransition(after: cursor) {
            let instant = ICalendarClock.seconds(next)
            guard next > cursor, instant < to else { break }
            let offsetFrom = timeZone.secondsFromGMT(for: next.addingTimeInterval(-1))
            found.append(Observance(
                instant: instant,
                isDaylight: timeZone.isDaylightSavingTime(for: next),
                onset: ICalendarClock.civil(instant + offsetFrom),
                offsetFrom: offsetFrom,
                offsetTo: timeZone.secondsFromGMT(for: next),
                name: name(timeZone.abbreviation(for: next), offset: timeZone.secondsFromGMT(for: next))
            ))
            cursor = next
        }
        return found
    }

    /// Foundation's abbreviation, unless it is numeric: on Linux those can disagree with the
    /// offset (São Paulo's old summer time is "GMT-3"), so the name is made from the offset.
    private func name(_ abbreviation: String?, offset: Int) -> String {
        if let abbreviation, !abbreviation.isEmpty, !abbreviation.contains(where: \.isNumber) {
            return abbreviation
        }
        guard offset != 0 else { return "GMT" }
        let magnitude = abs(offset)
        var name = "GMT" + (offset < 0 ? "-" : "+") + String(magnitude / 3_600)
        if magnitude % 3_600 != 0 { name += ":" + ICalendarClock.digits(magnitude % 3_600 / 60, 2) }
        return name
    }

    private static func runs(_ sortedYears: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for year in sortedYears {
            if let last = runs.last, year <= last.upperBound + 1 {
                runs[runs.count - 1] = last.lowerBound...max(year, last.upperBound)
            } else {
                runs.append(year...year)
            }
        }
        return runs
    }
}
