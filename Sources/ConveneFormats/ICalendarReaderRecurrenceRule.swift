import Foundation

/// FREQ of an RRULE.
public enum ICalendarRecurrenceFrequency: String, Sendable, Hashable, CaseIterable {
    case secondly = "SECONDLY", minutely = "MINUTELY", hourly = "HOURLY", daily = "DAILY"
    case weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"

    /// 0 for SECONDLY up to 6 for YEARLY.
    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// A day of the week as RRULE writes it (`MO` … `SU`).
public enum ICalendarRecurrenceWeekday: Int, Sendable, Hashable, CaseIterable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    static let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    init?(code: Substring) {
        guard let index = Self.codes.firstIndex(of: code.uppercased()) else { return nil }
        self.init(rawValue: index)
    }
}

/// One BYDAY entry: a weekday, with an ordinal such as 2 (`2TU`) or -1 (`-1FR`), or 0 for every one.
public struct ICalendarRecurrenceDay: Sendable, Hashable {
    public var ordinal: Int
    public var weekday: ICalendarRecurrenceWeekday

    public init(_ weekday: ICalendarRecurrenceWeekday, ordinal: Int = 0) {
        self.weekday = weekday
        self.ordinal = ordinal
    }
}

/// An RRULE (RFC 5545 3.3.10) as read.
public struct ICalendarRecurrenceRule: Sendable, Hashable {
    public var frequency: ICalendarRecurrenceFrequency
    public var interval = 1
    public var count: Int?
    /// UTC (an instant), floating, or a date; compared with each occurrence's start.
    public var until: ICalendarParsedTime?
    public var bySecond: [Int] = []
    public var byMinute: [Int] = []
    public var byHour: [Int] = []
    public var byDay: [ICalendarRecurrenceDay] = []
    public var byMonthDay: [Int] = []
    public var byYearDay: [Int] = []
    public var byWeekNo: [Int] = []
    public var byMonth: [Int] = []
    public var bySetPos: [Int] = []
    public var weekStart = ICalendarRecurrenceWeekday.monday
    /// RSCALE (RFC 7529) in upper case. Rules in a scale other than GREGORIAN are kept but not
    /// expanded: such events yield their DTSTART and RDATEs only (with a warning).
    public var scale: String?
    /// SKIP (RFC 7529): `OMIT` (the default), `BACKWARD` or `FORWARD` for days a month lacks.
    public var skip: String?

    public init(frequency: ICalendarRecurrenceFrequency) {
        self.frequency = frequency
    }

    var isGregorian: Bool { scale == nil || scale == "GREGORIAN" }
}

/// Why a value could not be read; the caller adds the line.
struct ICalendarReaderValueError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension ICalendarRecurrenceRule {
    /// Reads `FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=…`. Spaces around parts and a trailing `;` are
    /// tolerated (with `notes`); unknown parts are noted and skipped; anything else that is
    /// wrong throws.
    static func parse(_ text: String, notes: inout [String]) throws(ICalendarReaderValueError) -> ICalendarRecurrenceRule {
        var parts: [(key: String, value: String)] = []
        for raw in text.utf8.split(separator: 0x3B, omittingEmptySubsequences: false) {
            let part = raw.filter { $0 != 0x20 && $0 != 0x09 }
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: 0x3D) else {
                throw .init("RRULE part \(ICalendarReaderValues.quoted(String(decoding: part, as: UTF8.self))) has no '='")
            }
            let key = String(decoding: part[..<equals], as: UTF8.self).uppercased()
            let value = String(decoding: part[(equals + 1)...], as: UTF8.self)
            if parts.contains(where: { $0.key == key }) { throw .init("RRULE has \(key) twice") }
            parts.append((key, value))
        }
        guard let freqText = parts.first(where: { $0.key == "FREQ" })?.value else { throw .init("RRULE has no FREQ") }
        guard let frequency = ICalendarRecurrenceFrequency(rawValue: freqText.uppercased()) else {
            throw .init("RRULE has an unknown FREQ \(ICalendarReaderValues.quoted(freqText))")
        }
        var rule = ICalendarRecurrenceRule(frequency: frequency)
        rule.scale = parts.first(where: { $0.key == "RSCALE" })?.value.uppercased()
        let gregorian = rule.isGregorian
        for (key, value) in parts {
            do throws(ICalendarReaderValueError) {
                try rule.apply(key, value, notes: &notes)
            } catch {
                // Other scales number months their own way ("5L"); nothing of theirs is expanded.
                if gregorian || !key.hasPrefix("BY") { throw error }
            }
        }
        if rule.count != nil, rule.until != nil {
            notes.append("RRULE has both COUNT and UNTIL; both limit it")
        }
        return rule
    }

    private mutating func apply(_ key: String, _ value: String, notes: inout [String]) throws(ICalendarReaderValueError) {
        switch key {
        case "FREQ", "RSCALE":
            break
        case "INTERVAL":
            interval = try Self.integer(value, key, 1...1_000_000)
        case "COUNT":
            count = try Self.integer(value, key, 1...Int(Int32.max))
        case "UNTIL":
            guard let time = ICalendarReaderValues.time(value) else {
                throw .init("RRULE has an unreadable UNTIL \(ICalendarReaderValues.quoted(value))")
            }
            switch time {
            case let .utc(civil): until = .instant(ICalendarClock.date(ICalendarClock.seconds(civil)))
            case let .local(civil): until = .floating(ICalendarParsedLocalTime(civil))
            case let .date(civil): until = .date(ICalendarParsedDay(civil))
            }
        case "BYSECOND": bySecond = try Self.integers(value, key, 0...60, allowsNegative: false)
        case "BYMINUTE": byMinute = try Self.integers(value, key, 0...59, allowsNegative: false)
        case "BYHOUR": byHour = try Self.integers(value, key, 0...23, allowsNegative: false)
        case "BYMONTHDAY": byMonthDay = try Self.integers(value, key, 1...31, allowsNegative: true)
        case "BYYEARDAY": byYearDay = try Self.integers(value, key, 1...366, allowsNegative: true)
        case "BYWEEKNO": byWeekNo = try Self.integers(value, key, 1...53, allowsNegative: true)
        case "BYMONTH": byMonth = try Self.integers(value, key, 1...12, allowsNegative: false)
        case "BYSETPOS": bySetPos = try Self.integers(value, key, 1...366, allowsNegative: true)
        case "BYDAY":
            byDay = try value.utf8.split(separator: 0x2C, omittingEmptySubsequences: false).map { item throws(ICalendarReaderValueError) in
                try Self.day(item)
            }
        case "WKST":
            guard let day = ICalendarRecurrenceWeekday(code: Substring(value)) else { throw .init("RRULE has an unknown WKST \(ICalendarReaderValues.quoted(value))") }
            weekStart = day
        case "SKIP":
            let mode = value.uppercased()
            guard ["OMIT", "BACKWARD", "FORWARD"].contains(mode) else { throw .init("RRULE has an unknown SKIP \(ICalendarReaderValues.quoted(value))") }
            skip = mode
        default:
            notes.append("RRULE part \(key) is not known and was ignored")
        }
    }

    private static func integer(_ text: some Collection<UInt8>, _ key: String, _ range: ClosedRange<Int>) throws(ICalendarReaderValueError) -> Int {
        var number = 0
        for byte in text {
            guard (0x30...0x39).contains(byte), number < 100_000_000_000 else { number = -1; break }
            number = number * 10 + Int(byte - 0x30)
        }
        guard !text.isEmpty, range.contains(number) else {
            throw .init("RRULE has an unreadable \(key) \(ICalendarReaderValues.quoted(String(decoding: Array(text), as: UTF8.self)))")
        }
        return number
    }

    private static func integer(_ text: String, _ key: String, _ range: ClosedRange<Int>) throws(ICalendarReaderValueError) -> Int {
        try integer(text.utf8, key, range)
    }

    /// `1,-2,+3`: each item signed (when allowed) and within `range` in size.
    private static func integers(_ text: String, _ key: String, _ range: ClosedRange<Int>, allowsNegative: Bool) throws(ICalendarReaderValueError) -> [Int] {
        var numbers: [Int] = []
        for item in text.utf8.split(separator: 0x2C, omittingEmptySubsequences: false) {
            let (sign, digits) = signed(item, allowsNegative: allowsNegative)
            numbers.append(sign * (try integer(digits, key, range)))
        }
        return numbers
    }

    private static func signed(_ item: Substring.UTF8View.SubSequence, allowsNegative: Bool) -> (Int, Substring.UTF8View.SubSequence) {
        guard let first = item.first, first == 0x2B || (first == 0x2D && allowsNegative) else { return (1, item) }
        return (first == 0x2D ? -1 : 1, item.dropFirst())
    }

    /// `MO`, `2TU`, `-1FR`.
    private static func day(_ item: Substring.UTF8View.SubSequence) throws(ICalendarReaderValueError) -> ICalendarRecurrenceDay {
        let code = Substring(decoding: item.suffix(2), as: UTF8.self)
        guard item.count >= 2, let weekday = ICalendarRecurrenceWeekday(code: code) else {
            throw .init("RRULE has an unreadable BYDAY \(ICalendarReaderValues.quoted(String(decoding: Array(item), as: UTF8.self)))")
        }
        let prefix = item.dropLast(2)
        if prefix.isEmpty { return ICalendarRecurrenceDay(weekday) }
        let (sign, digits) = signed(prefix, allowsNegative: true)
        return ICalendarRecurrenceDay(weekday, ordinal: sign * (try integer(digits, "BYDAY", 1...53)))
    }
}
