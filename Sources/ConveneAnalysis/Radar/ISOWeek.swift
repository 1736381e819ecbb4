import Foundation

/// An ISO-8601 week ("2026-W48"): weeks start on Monday, and week 1 of a year is the week
/// holding its first Thursday, so 2026-12-31 falls in 2026-W53 and 2027-01-01 too.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The ISO week-numbering year, which differs from the calendar year near 1 January.
    public let year: Int
    public let week: Int
    /// The Monday, as days since 1970-01-01.
    let monday: Int

    /// Nil when the year has no such week (every year has 52, some 53).
    public init?(year: Int, week: Int) {
        guard week >= 1, week <= ISOWeek.weekCount(inYear: year) else { return nil }
        self.year = year
        self.week = week
        self.monday = ISOWeek.firstMonday(ofYear: year) + 7 * (week - 1)
    }

    /// The week holding `date` on a wall clock in `timeZone`.
    public init(containing date: Date, in timeZone: TimeZone) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        self.init(day: CivilDate.floorDiv(seconds, 86_400))
    }

    /// Parses "2026-W48" (and "2026W48").
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "W", omittingEmptySubsequences: false)
        guard parts.count == 2, let year = Int(parts[0].hasSuffix("-") ? parts[0].dropLast() : parts[0]),
              parts[1].count == 2, let week = Int(parts[1]) else { return nil }
        self.init(year: year, week: week)
    }

    /// The week holding a day given as days since 1970-01-01.
    init(day: Int) {
        let thursday = day - CivilDate.weekday(day) + 3
        let year = CivilDate(day: thursday).year
        self.year = year
        self.week = (thursday - CivilDate(year: year, month: 1, day: 1).dayNumber) / 7 + 1
        self.monday = day - CivilDate.weekday(day)
    }

    public var description: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    public func advanced(by weeks: Int) -> ISOWeek { ISOWeek(day: monday + 7 * weeks) }

    /// Whole weeks from this week to `other` (negative when `other` is earlier).
    public func distance(to other: ISOWeek) -> Int { (other.monday - monday) / 7 }

    /// Monday 00:00 of the week on a wall clock in `timeZone` (or the first instant after it,
    /// where a clock change skips midnight).
    public func start(in timeZone: TimeZone) -> Date {
        let local = TimeInterval(monday * 86_400)
        var guess = Date(timeIntervalSince1970: local - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        guess = Date(timeIntervalSince1970: local - TimeInterval(timeZone.secondsFromGMT(for: guess)))
        return guess
    }

    /// 52 or 53: a year has 53 weeks when it starts on a Thursday, or is a leap year starting
    /// on a Wednesday; 28 December is always in the year's last week.
    public static func weekCount(inYear year: Int) -> Int {
        ISOWeek(day: CivilDate(year: year, month: 12, day: 28).dayNumber).week
    }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { a.monday < b.monday }

    private static func firstMonday(ofYear year: Int) -> Int {
        let january4 = CivilDate(year: year, month: 1, day: 4).dayNumber
        return january4 - CivilDate.weekday(january4)
    }
}

extension ISOWeek: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let week = ISOWeek(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO week: \(text)"))
        }
        self = week
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
