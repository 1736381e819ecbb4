import Foundation

/// Counts items per issue per ISO week, the weeks taken on a wall clock in one time zone.
///
/// Asking the time zone for every item is the slow part of counting, so the offset from UTC
/// is asked twice per UTC day (at its first and last second) and reused for every item of
/// that day when both agree; on the day of a clock change each item is asked about alone.
public struct WeeklyCounter: Sendable {
    public let timeZone: TimeZone
    /// Issue id → Monday (days since 1970-01-01) → items.
    private var counts: [String: [Int: Int]] = [:]
    /// UTC day → the offset that holds all day, or nil on a day the clocks change.
    private var offsets: [Int: Int?] = [:]

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Counts one item of `issueId` published at `date`.
    public mutating func add(issueId: String, at date: Date) {
        let week = ISOWeek(day: localDay(of: date))
        counts[issueId, default: [:]][week.monday, default: 0] += 1
    }

    /// Adds `count` items to a week already known.
    public mutating func add(issueId: String, week: ISOWeek, count: Int = 1) {
        counts[issueId, default: [:]][week.monday, default: 0] += count
    }

    /// Issues with at least one item, sorted.
    public var issueIds: [String] { counts.keys.sorted() }

    /// Items per week of one issue (weeks without items are absent).
    public func counts(for issueId: String) -> [ISOWeek: Int] {
        var result: [ISOWeek: Int] = [:]
        for (monday, count) in counts[issueId] ?? [:] { result[ISOWeek(day: monday)] = count }
        return result
    }

    /// Items per week of every issue.
    public var weeklyCounts: [String: [ISOWeek: Int]] {
        var result: [String: [ISOWeek: Int]] = [:]
        for issueId in counts.keys { result[issueId] = counts(for: issueId) }
        return result
    }

    private mutating func localDay(of date: Date) -> Int {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let utcDay = CivilDate.floorDiv(seconds, 86_400)
        let offset: Int?
        if let known = offsets[utcDay] {
            offset = known
        } else {
            let first = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcDay * 86_400)))
            let last = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcDay * 86_400 + 86_399)))
            offset = first == last ? first : nil
            offsets[utcDay] = offset
        }
        return CivilDate.floorDiv(seconds + (offset ?? timeZone.secondsFromGMT(for: date)), 86_400)
    }
}
