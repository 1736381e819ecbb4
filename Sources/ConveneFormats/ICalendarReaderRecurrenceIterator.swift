import Foundation

/// Walks an RRULE's occurrences in order, on the wall clock of DTSTART (times are seconds since
/// 1970 on that clock), the way RFC 5545 3.3.10 describes: each period (year, month, week, …)
/// gets every day and time the BY parts allow, BYSETPOS picks among them, and UNTIL and COUNT
/// end the walk. DTSTART always comes first and counts toward COUNT.
///
/// Bounded: a rule without COUNT starts near `skipTo`, and every walk stops after a fixed
/// amount of work, so rules that never match or never end cannot hang it.
struct ICalendarRecurrenceIterator {
    private let rule: ICalendarRecurrenceRule
    private let start: Int
    private let days: ICalendarRecurrenceDayFilter
    private let instant: (Int) -> Int
    private let untilInstant: Int?
    private let untilLocal: Int?
    /// The times each period's days get, in seconds from the start of the day (DAILY and
    /// longer), of the hour (HOURLY) or of the minute (MINUTELY), from BYHOUR, BYMINUTE and
    /// BYSECOND or else DTSTART's.
    private let times: [Int]
    private var period = 0
    private var buffer: [Int] = []
    private var position = 0
    private var emitted = 0
    private var finished = false
    private var budget = 200_000

    /// Periods after `stopAfter` are not looked at.
    private let stopAfter: Int

    /// `instant` turns a wall-clock time into the instant a UTC UNTIL is compared with. The walk
    /// starts near `skipTo` when the rule has no COUNT, and ends after `stopAfter`.
    init(rule: ICalendarRecurrenceRule, start: Int, skipTo: Int? = nil, stopAfter: Int = .max, instant: @escaping (Int) -> Int) {
        self.rule = rule
        self.start = start
        self.stopAfter = min(stopAfter, ICalendarClock.latest)
        self.instant = instant
        let civil = ICalendarClock.civil(start)
        days = ICalendarRecurrenceDayFilter(rule: rule, start: civil)
        switch rule.until {
        case let .instant(date)?: (untilInstant, untilLocal) = (ICalendarClock.seconds(date), nil)
        case let .floating(local)?: (untilInstant, untilLocal) = (nil, local.seconds)
        case let .date(day)?: (untilInstant, untilLocal) = (nil, day.seconds + 86_399)
        case nil: (untilInstant, untilLocal) = (nil, nil)
        }
        let rank = rule.frequency.rank
        let hours = rank > 2 ? (rule.byHour.isEmpty ? [civil.hour] : rule.byHour) : [0]
        let minutes = rank > 1 ? (rule.byMinute.isEmpty ? [civil.minute] : rule.byMinute) : [0]
        let seconds = rank > 0 ? (rule.bySecond.isEmpty ? [civil.second] : rule.bySecond.filter { $0 < 60 }) : [0]
        var times = Set<Int>()
        for hour in hours { for minute in minutes { for second in seconds { times.insert(hour * 3_600 + minute * 60 + second) } } }
        self.times = times.sorted()
        if let skipTo, rule.count == nil, skipTo > start {
            period = max(0, periodIndex(of: skipTo) - 1)
        }
    }

    /// The next occurrence, or nil when the rule is done (or its work is used up).
    mutating func next() -> Int? {
        if emitted == 0 {
            emitted = 1
            return start
        }
        while !finished {
            while position < buffer.count {
                let candidate = buffer[position]
                position += 1
                if candidate <= start { continue }
                if let untilLocal, candidate > untilLocal { return stop() }
                if let untilInstant, instant(candidate) > untilInstant { return stop() }
                if let count = rule.count, emitted >= count { return stop() }
                emitted += 1
                return candidate
            }
            guard budget > 0, rule.count.map({ emitted < $0 }) ?? true else { return stop() }
            fill()
        }
        return nil
    }

    private mutating func stop() -> Int? {
        finished = true
        return nil
    }

    /// Which period (counted from DTSTART's) holds `time`.
    private func periodIndex(of time: Int) -> Int {
        let from = ICalendarClock.civil(start)
        let to = ICalendarClock.civil(time)
        let interval = rule.interval
        switch rule.frequency {
        case .yearly: return (to.year - from.year) / interval
        case .monthly: return ((to.year - from.year) * 12 + to.month - from.month) / interval
        case .weekly: return (Self.day(time) - days.weekStart(of: Self.day(start))) / (7 * interval)
        case .daily: return (Self.day(time) - Self.day(start)) / interval
        default: return (time - periodStart) / step
        }
    }

    private var step: Int {
        switch rule.frequency {
        case .hourly: return 3_600 * rule.interval
        case .minutely: return 60 * rule.interval
        default: return rule.interval
        }
    }

    /// The first sub-daily period starts at DTSTART rounded down to its hour or minute.
    private var periodStart: Int {
        switch rule.frequency {
        case .hourly: return start - Self.floorMod(start, 3_600)
        case .minutely: return start - Self.floorMod(start, 60)
        default: return start
        }
    }

    /// Puts the next period's candidates, in order, into `buffer`.
    private mutating func fill() {
        buffer.removeAll(keepingCapacity: true)
        position = 0
        budget -= 1
        let index = period
        period += 1
        let origin = ICalendarClock.civil(start)
        var dayList: [Int] = []
        switch rule.frequency {
        case .yearly:
            let year = origin.year + index * rule.interval
            guard year <= min(9_999, ICalendarClock.civil(stopAfter).year) else { finished = true; return }
            for month in days.months { dayList += days.matching(year: year, month: month, budget: &budget) }
            if rule.skip != nil { dayList = Set(dayList).sorted() }
        case .monthly:
            let months = origin.year * 12 + origin.month - 1 + index * rule.interval
            let last = ICalendarClock.civil(stopAfter)
            guard months / 12 <= 9_999, months <= last.year * 12 + last.month - 1 else { finished = true; return }
            dayList = days.matching(year: months / 12, month: months % 12 + 1, budget: &budget)
        case .weekly:
            let first = days.weekStart(of: Self.day(start)) + index * 7 * rule.interval
            guard first <= Self.day(stopAfter) else { finished = true; return }
            dayList = (first..<(first + 7)).filter { days.matches(day: $0) }
            budget -= 7
        case .daily:
            let day = Self.day(start) + index * rule.interval
            guard day <= Self.day(stopAfter) else { finished = true; return }
            if days.matches(day: day) {
                dayList = [day]
            } else {
                period = max(period, (days.nextPossibleDay(after: day) - Self.day(start) + rule.interval - 1) / rule.interval)
            }
        case .hourly, .minutely, .secondly:
            fillSubDaily(periodStart + index * step)
            return
        }
        if dayList.last.map({ $0 > 2_932_896 }) ?? false { finished = true }
        for day in dayList {
            for time in times { buffer.append(day * 86_400 + time) }
            budget -= times.count
            if budget <= 0 { break }
        }
        choosePositions()
    }

    private mutating func fillSubDaily(_ time: Int) {
        guard time < 253_402_300_800, time <= stopAfter else { finished = true; return }
        let day = Self.day(time)
        let civil = ICalendarClock.civil(time)
        // Skip straight to the next day, hour or minute that could match.
        var skipUntil: Int?
        if !days.matches(day: day) {
            skipUntil = days.nextPossibleDay(after: day) * 86_400
        } else if !rule.byHour.isEmpty, !rule.byHour.contains(civil.hour) {
            skipUntil = time - Self.floorMod(time, 3_600) + 3_600
        } else if rule.frequency != .hourly, !rule.byMinute.isEmpty, !rule.byMinute.contains(civil.minute) {
            skipUntil = time - Self.floorMod(time, 60) + 60
        }
        if let skipUntil {
            period = max(period, (skipUntil - periodStart + step - 1) / step)
            return
        }
        switch rule.frequency {
        case .hourly:
            let hour = time - Self.floorMod(time, 3_600)
            buffer = times.map { hour + $0 }
        case .minutely:
            let minute = time - Self.floorMod(time, 60)
            buffer = times.map { minute + $0 }
        default:
            if rule.bySecond.isEmpty || rule.bySecond.contains(civil.second) { buffer = [time] }
        }
        budget -= buffer.count
        choosePositions()
    }

    /// BYSETPOS: the n-th (or n-th from last) candidates of the period.
    private mutating func choosePositions() {
        guard !rule.bySetPos.isEmpty, !buffer.isEmpty else { return }
        let all = buffer
        var chosen = Set<Int>()
        for position in rule.bySetPos {
            let index = position > 0 ? position - 1 : all.count + position
            if all.indices.contains(index) { chosen.insert(all[index]) }
        }
        buffer = chosen.sorted()
    }

    static func day(_ time: Int) -> Int { (time - floorMod(time, 86_400)) / 86_400 }

    static func floorMod(_ a: Int, _ b: Int) -> Int {
        let remainder = a % b
        return remainder < 0 ? remainder + b : remainder
    }
}
