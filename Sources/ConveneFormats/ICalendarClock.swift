import Foundation

/// A wall-clock date and time in the proleptic Gregorian calendar, as iCalendar writes it.
struct ICalendarCivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0

    /// `YYYYMMDD`
    var dateValue: String {
        ICalendarClock.digits(year, 4) + ICalendarClock.digits(month, 2) + ICalendarClock.digits(day, 2)
    }

    /// `YYYYMMDDTHHMMSS` (a local or floating time; callers add `Z` for UTC)
    var dateTimeValue: String {
        dateValue + "T" + ICalendarClock.digits(hour, 2) + ICalendarClock.digits(minute, 2) + ICalendarClock.digits(second, 2)
    }
}

/// Whole-second time arithmetic done by hand rather than with `Calendar`, so that no date,
/// however odd, can reach a Foundation API with a value it might trap on, and so that output
/// does not depend on the platform's calendar implementation.
enum ICalendarClock {
    /// 0001-01-03 and 9999-12-29 (UTC): two days inside the four-digit years, so that adding a
    /// zone offset or a day never leaves them.
    static let earliest = -62_135_596_800 + 2 * 86_400
    static let latest = 253_402_300_799 - 2 * 86_400

    /// Seconds since 1970 rounded down, with NaN, infinities and far dates clamped.
    static func seconds(_ date: Date) -> Int {
        let interval = date.timeIntervalSince1970
        if interval.isNaN { return 0 }
        let floored = interval.rounded(.down)
        if floored <= Double(earliest) { return earliest }
        if floored >= Double(latest) { return latest }
        return Int(floored)
    }

    static func date(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: Double(seconds))
    }

    /// The wall-clock reading `seconds` since 1970 stand for when read as UTC.
    static func civil(_ seconds: Int) -> ICalendarCivilTime {
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        // Days to year/month/day by 400-year eras, with years starting on 1 March so that the
        // leap day falls at the end of the year.
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return ICalendarCivilTime(
            year: year, month: month, day: day,
            hour: secondOfDay / 3_600, minute: secondOfDay % 3_600 / 60, second: secondOfDay % 60
        )
    }

    /// The inverse of `civil(_:)`.
    static func seconds(_ civil: ICalendarCivilTime) -> Int {
        let year = civil.month <= 2 ? civil.year - 1 : civil.year
        let era = floorDivide(year, 400)
        let yearOfEra = year - era * 400
        let marchMonth = civil.month > 2 ? civil.month - 3 : civil.month + 9
        let dayOfYear = (153 * marchMonth + 2) / 5 + civil.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + civil.hour * 3_600 + civil.minute * 60 + civil.second
    }

    /// `YYYYMMDDTHHMMSSZ`
    static func utcValue(_ date: Date) -> String {
        civil(seconds(date)).dateTimeValue + "Z"
    }

    /// `+HHMM`, or `+HHMMSS` when the offset has seconds (RFC 5545 3.3.14).
    static func offsetValue(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        var value = (seconds < 0 ? "-" : "+") + digits(magnitude / 3_600, 2) + digits(magnitude % 3_600 / 60, 2)
        if magnitude % 60 != 0 { value += digits(magnitude % 60, 2) }
        return value
    }

    static func digits(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}
