import Foundation

/// Which days an RRULE allows: BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY and BYDAY, with the
/// defaults RFC 5545 takes from DTSTART when a rule names no day (the same day of the month
/// for MONTHLY, the same date for YEARLY, the same weekday for WEEKLY). Days are counted from
/// 1970-01-01; weekdays run from Monday (0) to Sunday (6).
struct ICalendarRecurrenceDayFilter {
    private let frequency: ICalendarRecurrenceFrequency
    private let byMonth: [Int]
    private let byWeekNo: [Int]
    private let byYearDay: [Int]
    private let byMonthDay: [Int]
    private let weekdays: [Bool]
    private let ordinals: [ICalendarRecurrenceDay]
    /// Ordinals count within the month (true) or the year (false).
    private let ordinalsInMonth: Bool
    private let weekStart: Int
    private let skip: String?
    /// The months a YEARLY period walks through.
    let months: [Int]

    init(rule: ICalendarRecurrenceRule, start: ICalendarCivilTime) {
        frequency = rule.frequency
        var byMonth = rule.byMonth
        var byMonthDay = rule.byMonthDay
        var byDay = rule.byDay
        let namesNoDay = rule.byWeekNo.isEmpty && rule.byYearDay.isEmpty && rule.byMonthDay.isEmpty && rule.byDay.isEmpty
        if namesNoDay {
            switch rule.frequency {
            case .yearly:
                if byMonth.isEmpty { byMonth = [start.month] }
                byMonthDay = [start.day]
            case .monthly:
                byMonthDay = [start.day]
            case .weekly:
                let weekday = ICalendarRecurrenceWeekday(rawValue: Self.weekday(Self.day(start))) ?? .monday
                byDay = [ICalendarRecurrenceDay(weekday)]
            default:
                break
            }
        }
        self.byMonth = byMonth
        self.byMonthDay = byMonthDay
        byWeekNo = rule.byWeekNo
        byYearDay = rule.byYearDay
        let ordinalsApply = rule.frequency == .monthly || rule.frequency == .yearly
        var weekdays = [Bool](repeating: false, count: 7)
        var ordinals: [ICalendarRecurrenceDay] = []
        for day in byDay {
            if day.ordinal != 0 && ordinalsApply { ordinals.append(day) } else { weekdays[day.weekday.rawValue] = true }
        }
        self.weekdays = weekdays
        self.ordinals = ordinals
        ordinalsInMonth = rule.frequency == .monthly || !byMonth.isEmpty
        weekStart = rule.weekStart.rawValue
        skip = rule.scale != nil && rule.skip != "OMIT" ? rule.skip : nil
        months = byMonth.isEmpty ? Array(1...12) : Set(byMonth).sorted()
    }

    private var hasDayRule: Bool { !ordinals.isEmpty || weekdays.contains(true) }

    /// The matching days of one month, in order (with RFC 7529 SKIP for days it lacks).
    func matching(year: Int, month: Int, budget: inout Int) -> [Int] {
        guard byMonth.isEmpty || byMonth.contains(month), (1...9_999).contains(year) else { return [] }
        let first = Self.day(ICalendarCivilTime(year: year, month: month, day: 1))
        let length = ICalendarReaderValues.daysIn(month, of: year)
        budget -= length
        var result: [Int] = []
        for offset in 0..<length where matches(day: first + offset, year: year, month: month, dayOfMonth: offset + 1) {
            result.append(first + offset)
        }
        if let skip, byYearDay.isEmpty, byWeekNo.isEmpty, !hasDayRule {
            for wanted in byMonthDay where wanted > length {
                let moved = skip == "FORWARD" ? first + length : first + length - 1
                if !result.contains(moved) { result.append(moved) }
            }
            result.sort()
        }
        return result
    }

    func matches(day: Int) -> Bool {
        let civil = ICalendarClock.civil(day * 86_400)
        return matches(day: day, year: civil.year, month: civil.month, dayOfMonth: civil.day)
    }

    private func matches(day: Int, year: Int, month: Int, dayOfMonth: Int) -> Bool {
        if !byMonth.isEmpty, !byMonth.contains(month) { return false }
        let monthLength = ICalendarReaderValues.daysIn(month, of: year)
        if !byMonthDay.isEmpty, !byMonthDay.contains(dayOfMonth), !byMonthDay.contains(dayOfMonth - monthLength - 1) {
            return false
        }
        let yearLength = ICalendarReaderValues.isLeap(year) ? 366 : 365
        let dayOfYear = day - Self.day(ICalendarCivilTime(year: year, month: 1, day: 1)) + 1
        if !byYearDay.isEmpty, !byYearDay.contains(dayOfYear), !byYearDay.contains(dayOfYear - yearLength - 1) {
            return false
        }
        if !byWeekNo.isEmpty {
            let week = weekNumber(day: day, year: year)
            if !byWeekNo.contains(week.number), !byWeekNo.contains(week.number - week.count - 1) { return false }
        }
        guard hasDayRule else { return true }
        let weekday = Self.weekday(day)
        if weekdays[weekday] { return true }
        let (index, length) = ordinalsInMonth ? (dayOfMonth, monthLength) : (dayOfYear, yearLength)
        let fromStart = (index - 1) / 7 + 1
        let fromEnd = -((length - index) / 7 + 1)
        return ordinals.contains { $0.weekday.rawValue == weekday && ($0.ordinal == fromStart || $0.ordinal == fromEnd) }
    }

    /// The next day after `day` that could match: the first of the next month when BYMONTH
    /// rules out this one, else the next day.
    func nextPossibleDay(after day: Int) -> Int {
        guard !byMonth.isEmpty else { return day + 1 }
        let civil = ICalendarClock.civil(day * 86_400)
        guard !byMonth.contains(civil.month) else { return day + 1 }
        let next = civil.month == 12 ? ICalendarCivilTime(year: civil.year + 1, month: 1, day: 1) : ICalendarCivilTime(year: civil.year, month: civil.month + 1, day: 1)
        return Self.day(next)
    }

    /// The first day of the week (by WKST) that holds `day`.
    func weekStart(of day: Int) -> Int {
        day - (Self.weekday(day) - weekStart + 7) % 7
    }

    /// The week `day` falls in and how many weeks its year has, week 1 being the first with at
    /// least four days in the year (RFC 5545 BYWEEKNO). Days before week 1 belong to the last
    /// week of the year before, late December days may be week 1 of the next.
    private func weekNumber(day: Int, year: Int) -> (number: Int, count: Int) {
        let first = firstWeek(of: year)
        if day < first {
            let previous = firstWeek(of: year - 1)
            return ((day - previous) / 7 + 1, (first - previous) / 7)
        }
        let next = firstWeek(of: year + 1)
        if day >= next { return (1, (firstWeek(of: year + 2) - next) / 7) }
        return ((day - first) / 7 + 1, (next - first) / 7)
    }

    private func firstWeek(of year: Int) -> Int {
        let january1 = Self.day(ICalendarCivilTime(year: year, month: 1, day: 1))
        let offset = (Self.weekday(january1) - weekStart + 7) % 7
        return offset <= 3 ? january1 - offset : january1 + 7 - offset
    }

    static func day(_ civil: ICalendarCivilTime) -> Int {
        ICalendarRecurrenceIterator.day(ICalendarClock.seconds(ICalendarCivilTime(year: civil.year, month: civil.month, day: civil.day)))
    }

    /// Monday 0 … Sunday 6; 1970-01-01 was a Thursday.
    static func weekday(_ day: Int) -> Int {
        ICalendarRecurrenceIterator.floorMod(day + 3, 7)
    }
}
