import Foundation

/// A STANDARD or DAYLIGHT part of a VTIMEZONE: from each onset on, clocks read UTC + `offsetTo`.
struct ICalendarReaderObservance: Sendable, Equatable {
    /// DTSTART, on the wall clock of `offsetFrom` (RFC 5545 3.6.5).
    var start: Int
    var offsetFrom: Int
    var offsetTo: Int
    var rules: [ICalendarRecurrenceRule]
    /// RDATE onsets as instants.
    var onsets: [Int]
}

/// A VTIMEZONE: its TZID and observances.
struct ICalendarReaderZoneDefinition: Sendable, Equatable {
    var tzid: String
    var observances: [ICalendarReaderObservance]

    /// The offset in force at `instant`: that of the latest onset at or before it, or before all
    /// onsets the first observance's TZOFFSETFROM.
    func offset(at instant: Int) -> Int {
        var best: (instant: Int, offset: Int)?
        var earliest: (instant: Int, offset: Int)?
        for observance in observances {
            var candidates = observance.onsets
            candidates.append(observance.start - observance.offsetFrom)
            for rule in observance.rules {
                if let onset = latestOnset(of: rule, in: observance, atOrBefore: instant) { candidates.append(onset) }
            }
            for onset in candidates {
                if onset < earliest?.instant ?? .max { earliest = (onset, observance.offsetFrom) }
                if onset <= instant, onset > best?.instant ?? .min { best = (onset, observance.offsetTo) }
            }
        }
        return best?.offset ?? earliest?.offset ?? 0
    }

    /// The last onset of `rule` at or before `instant`, found by expanding only the year or two
    /// before it (or before UNTIL, when the rule ended earlier).
    private func latestOnset(of rule: ICalendarRecurrenceRule, in observance: ICalendarReaderObservance, atOrBefore instant: Int) -> Int? {
        let offset = observance.offsetFrom
        var target = instant + offset
        if let until = rule.until {
            let untilLocal: Int
            switch until {
            case let .instant(date): untilLocal = ICalendarClock.seconds(date) + offset
            case let .floating(local): untilLocal = local.seconds
            case let .date(day): untilLocal = day.seconds + 86_399
            }
            target = min(target, untilLocal)
        }
        if let onset = Self.simpleOnset(of: rule, from: observance.start, atOrBefore: target) {
            return onset.map { $0 - offset }
        }
        var iterator = ICalendarRecurrenceIterator(
            rule: rule, start: observance.start,
            skipTo: rule.count == nil ? target - Self.lookBack(rule.frequency) * rule.interval : nil, stopAfter: target + 86_400,
            instant: { $0 - offset }
        )
        var latest: Int?
        while let local = iterator.next() {
            let onset = local - offset
            if onset > instant { break }
            latest = onset
        }
        return latest
    }
}

extension ICalendarReaderZoneDefinition {
    /// How far before a time to start looking for a rule's last onset: a little over two of the
    /// rule's periods. (Onsets of rules finer than daily are read as those periods allow.)
    static func lookBack(_ frequency: ICalendarRecurrenceFrequency) -> Int {
        switch frequency {
        case .yearly: return 800 * 86_400
        case .monthly: return 70 * 86_400
        case .weekly: return 16 * 86_400
        case .daily: return 3 * 86_400
        case .hourly: return 3 * 3_600
        case .minutely: return 180
        case .secondly: return 3
        }
    }

    /// Nearly every VTIMEZONE rule reads "the n-th (or last) weekday of a month, every year"
    /// (`FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`). For those the last onset (on the wall clock) at or
    /// before `target` is worked out directly: `.some(nil)` when there is none, nil when the
    /// rule is of another kind and has to be expanded.
    static func simpleOnset(of rule: ICalendarRecurrenceRule, from start: Int, atOrBefore target: Int) -> Int?? {
        guard rule.frequency == .yearly, rule.interval == 1, rule.count == nil, rule.isGregorian,
              rule.byMonth.count == 1, rule.byDay.count == 1, let day = rule.byDay.first, day.ordinal != 0, abs(day.ordinal) <= 4,
              rule.byMonthDay.isEmpty, rule.byYearDay.isEmpty, rule.byWeekNo.isEmpty, rule.bySetPos.isEmpty,
              rule.byHour.isEmpty, rule.byMinute.isEmpty, rule.bySecond.isEmpty
        else { return nil }
        let month = rule.byMonth[0]
        let timeOfDay = ICalendarRecurrenceIterator.floorMod(start, 86_400)
        let targetYear = ICalendarClock.civil(target).year
        for year in [targetYear, targetYear - 1] where (1...9_999).contains(year) {
            let first = ICalendarRecurrenceDayFilter.day(ICalendarCivilTime(year: year, month: month, day: 1))
            let length = ICalendarReaderValues.daysIn(month, of: year)
            let weekday = day.weekday.rawValue
            let date: Int
            if day.ordinal > 0 {
                date = first + (weekday - ICalendarRecurrenceDayFilter.weekday(first) + 7) % 7 + (day.ordinal - 1) * 7
                guard date < first + length else { continue }
            } else {
                let last = first + length - 1
                date = last - (ICalendarRecurrenceDayFilter.weekday(last) - weekday + 7) % 7 + (day.ordinal + 1) * 7
                guard date >= first else { continue }
            }
            let onset = date * 86_400 + timeOfDay
            if onset <= target, onset >= start { return .some(onset) }
            if onset < start { return .some(nil) }
        }
        return .some(nil)
    }
}

/// A zone times are read in: Foundation's, or one a VTIMEZONE defines.
enum ICalendarReaderZone: Sendable, Equatable {
    case foundation(TimeZone)
    case defined(ICalendarReaderZoneDefinition)

    /// Seconds east of UTC at `instant` (seconds since 1970).
    func offset(at instant: Int) -> Int {
        switch self {
        case let .foundation(zone): return zone.secondsFromGMT(for: ICalendarClock.date(instant))
        case let .defined(definition): return definition.offset(at: instant)
        }
    }

    /// The wall-clock reading (as seconds since 1970 on that clock) of `instant`.
    func local(fromInstant instant: Int) -> Int {
        instant + offset(at: instant)
    }

    /// The instant a wall-clock reading stands for. A reading the zone skips uses the offset
    /// before the gap; one it passes twice is the first pass (RFC 5545 3.3.5).
    func instant(fromLocal local: Int) -> Int {
        // Offsets stay within a day, so a day either side brackets any change near `local`.
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        if before == after { return local - before }
        let early = local - before
        let late = local - after
        let earlyFits = offset(at: early) == before
        let lateFits = offset(at: late) == after
        switch (earlyFits, lateFits) {
        case (true, true): return min(early, late)
        case (false, true): return late
        default: return early
        }
    }
}
