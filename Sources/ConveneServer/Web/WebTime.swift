import ConveneCore
import Foundation

/// Dates and times on the web pages: read from a date input and a time input in a chosen
/// zone, and shown in a zone with the zone's abbreviation, so a forum at 18:00 in Chicago
/// reads 18:00 wherever the reader is.
enum WebTime {
    /// The zone for times that carry none of their own (interactions): the district's, from
    /// the server's configuration.
    static var defaultZone: TimeZone { district.zone }

    /// Set once when the router is built; read by every page.
    static let district = ZoneSetting()

    final class ZoneSetting: @unchecked Sendable {
        // @unchecked: `value` is read and written only while holding `lock`.
        private let lock = NSLock()
        private var value = TimeZone.current
        var zone: TimeZone {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }

    /// The zones most districts using Convene are in; any other IANA zone can be typed.
    static let commonZones: [(value: String, label: String)] = [
        ("America/New_York", "Eastern (New York)"), ("America/Chicago", "Central (Chicago)"),
        ("America/Denver", "Mountain (Denver)"), ("America/Phoenix", "Arizona (Phoenix)"),
        ("America/Los_Angeles", "Pacific (Los Angeles)"), ("America/Anchorage", "Alaska (Anchorage)"),
        ("Pacific/Honolulu", "Hawaii (Honolulu)"), ("America/Puerto_Rico", "Atlantic (Puerto Rico)"), ("UTC", "UTC"),
    ]

    /// The common zones, with `current` added when it is another one.
    static func zoneOptions(including current: String) -> [(value: String, label: String)] {
        let ids = Set(commonZones.map(\.value))
        if current.isEmpty || ids.contains(current) || TimeZone(identifier: current) == nil { return commonZones }
        return [(current, current)] + commonZones
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        return c
    }

    /// The instant a typed date (`2026-11-03`) and time (`18:00`, `6:30 pm`) name in `zone`;
    /// otherwise a message saying what is wrong, to show beside the field.
    static func instant(date: String, time: String, zone: TimeZone) -> Result<Date, TimeProblem> {
        let d = date.trimmedText, t = time.trimmedText
        if d.isEmpty { return .failure(TimeProblem("enter the date")) }
        guard let day = CalendarDate(d) else { return .failure(TimeProblem("\"\(d.prefix(40))\" is not a date; use YYYY-MM-DD")) }
        if t.isEmpty { return .failure(TimeProblem("enter the time")) }
        guard let (hour, minute) = clock(t) else { return .failure(TimeProblem("\"\(t.prefix(40))\" is not a time; use HH:MM, such as 18:30")) }
        var c = DateComponents()
        c.year = day.year; c.month = day.month; c.day = day.day; c.hour = hour; c.minute = minute
        guard let at = calendar(zone).date(from: c) else { return .failure(TimeProblem("that date and time do not exist in this time zone")) }
        return .success(at)
    }

    /// Hours and minutes from `18:30`, `18:30:00`, `6:30 pm` or `6 pm`.
    static func clock(_ text: String) -> (Int, Int)? {
        var s = text.lowercased().replacingOccurrences(of: " ", with: "")
        var offset = 0
        for (suffix, add) in [("am", 0), ("pm", 12), ("a.m.", 0), ("p.m.", 12)] where s.hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count)); offset = add == 12 ? 12 : -1
        }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              var hour = Int(parts[0]), let minute = parts.count > 1 ? Int(parts[1]) : 0, (0...59).contains(minute) else { return nil }
        if offset != 0 {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (offset == 12 ? 12 : 0)
        }
        return (0...23).contains(hour) ? (hour, minute) : nil
    }

    /// The local calendar day of an instant in `zone`.
    static func day(_ date: Date, _ zone: TimeZone) -> CalendarDate {
        let c = calendar(zone).dateComponents([.year, .month, .day], from: date)
        return CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// `2026-11-03`, for a date input.
    static func dateText(_ date: Date, _ zone: TimeZone) -> String { day(date, zone).description }

    /// `18:05`, for a time input.
    static func timeText(_ date: Date, _ zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.hour, .minute], from: date)
        return two(c.hour ?? 0) + ":" + two(c.minute ?? 0)
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// `Tue 3 Nov 2026`.
    static func dayText(_ date: Date, _ zone: TimeZone) -> String {
        let c = calendar(zone).dateComponents([.year, .month, .day, .weekday], from: date)
        return "\(weekdays[((c.weekday ?? 1) - 1) % 7]) \(c.day ?? 1) \(months[((c.month ?? 1) - 1) % 12].prefix(3)) \(c.year ?? 1970)"
    }

    /// Standard and daylight abbreviations of the common zones; Foundation on Linux gives only `GMT-6`.
    static let usAbbreviations: [String: (standard: String, daylight: String)] = [
        "America/New_York": ("EST", "EDT"), "America/Chicago": ("CST", "CDT"), "America/Denver": ("MST", "MDT"),
        "America/Phoenix": ("MST", "MST"), "America/Los_Angeles": ("PST", "PDT"), "America/Anchorage": ("AKST", "AKDT"),
        "Pacific/Honolulu": ("HST", "HST"), "America/Puerto_Rico": ("AST", "AST"),
    ]

    /// `CST` or `CDT` as the day falls; for other zones what Foundation gives, or the zone's name.
    static func abbreviation(_ date: Date, _ zone: TimeZone) -> String {
        if let pair = usAbbreviations[zone.identifier] { return zone.isDaylightSavingTime(for: date) ? pair.daylight : pair.standard }
        return zone.abbreviation(for: date) ?? zone.identifier
    }

    /// `Tue 3 Nov 2026, 18:00 CST`, machine-readable in `datetime`.
    static func show(_ date: Date, _ zone: TimeZone) -> HTML {
        "<time datetime=\"\(Timestamp.format(date))\">\(dayText(date, zone)), \(timeText(date, zone)) \(abbreviation(date, zone))</time>"
    }

    /// `Tue 3 Nov 2026, 18:00–19:30 CST`, or both ends in full when they fall on different days.
    static func span(_ start: Date, _ end: Date, _ zone: TimeZone) -> HTML {
        if day(start, zone) == day(end, zone) {
            return "<time datetime=\"\(Timestamp.format(start))\">\(dayText(start, zone)), \(timeText(start, zone))</time>–<time datetime=\"\(Timestamp.format(end))\">\(timeText(end, zone))</time> \(abbreviation(start, zone))"
        }
        return show(start, zone) + " – " + show(end, zone)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

/// What is wrong with a typed date or time.
struct TimeProblem: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Numbers as the pages show them.
enum WebNumber {
    /// `4%`, `12.5%`: one decimal at most, none when whole.
    static func percent(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10)
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(whole)%" : "\(whole).\(Int(abs(tenths)) % 10)%"
    }

    /// How many more must be heard to reach `target` percent of `row`.
    static func shortfall(total: Int, heard: Int, target: Int) -> Int {
        max(0, Int((Double(target) * Double(total) / 100).rounded(.up)) - heard)
    }
}

/// Months (UTC, as the store counts them) for the contacts-per-month charts.
enum MonthSeries {
    /// The first day of the month `months - 1` months before the one `now` is in.
    static func start(endingWith now: Date, months: Int) -> CalendarDate {
        let today = CalendarDate(date: now)
        let index = today.year * 12 + (today.month - 1) - (months - 1)
        return CalendarDate(year: index / 12, month: index % 12 + 1, day: 1)
    }

    /// One bar per month from `from`, months without contacts at zero: those not heard at
    /// the bottom, those heard stacked on top, so a bar's height is all contacts.
    static func bars(_ counts: [MonthCount], from: CalendarDate, months: Int) -> [Charts.BarPoint] {
        let byMonth = Dictionary(counts.map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        return (0..<months).map { n in
            let index = from.year * 12 + (from.month - 1) + n
            let year = index / 12, month = index % 12 + 1
            let key = "\(year)-\(WebTime.two(month))"
            let c = byMonth[key]
            let heard = min(c?.heard ?? 0, c?.contacts ?? 0)
            return Charts.BarPoint(label: "\(WebTime.months[month - 1].prefix(3)) \(year)", value: (c?.contacts ?? 0) - heard, secondary: heard)
        }
    }
}
