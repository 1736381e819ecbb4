import Foundation

/// How one DTSTART or DTEND value is written.
enum ICalendarWrittenTime {
    case utc(ICalendarCivilTime)
    case local(ICalendarCivilTime, ICalendarZone)
    case day(ICalendarCivilTime)
}

/// An event with its start and end decided: which zone, which form, whether DTEND is written.
struct ICalendarWrittenEvent {
    let event: ICalendarEvent
    let start: ICalendarWrittenTime
    let end: ICalendarWrittenTime?

    init(_ event: ICalendarEvent) {
        self.event = event
        let zone = ICalendarZone(identifier: event.timeZone)
        let startSeconds = ICalendarClock.seconds(event.start)
        let endSeconds = ICalendarClock.seconds(event.end)
        if event.isAllDay {
            let firstDay = Self.midnight(before: startSeconds, in: zone)
            let endMidnight = Self.midnight(before: endSeconds, in: zone)
            // An end inside a day includes that day; an end at midnight already excludes it.
            let endDay = endMidnight.seconds == endMidnight.local ? endMidnight.seconds : endMidnight.seconds + 86_400
            start = .day(ICalendarClock.civil(firstDay.seconds))
            end = .day(ICalendarClock.civil(max(endDay, firstDay.seconds + 86_400)))
        } else {
            start = Self.time(startSeconds, in: zone)
            end = endSeconds > startSeconds ? Self.time(endSeconds, in: zone) : nil
        }
    }

    /// The local wall time of `seconds` (read as UTC) and that of the midnight starting its day.
    private static func midnight(before seconds: Int, in zone: ICalendarZone?) -> (local: Int, seconds: Int) {
        let local = seconds + (zone?.offset(at: seconds) ?? 0)
        var civil = ICalendarClock.civil(local)
        (civil.hour, civil.minute, civil.second) = (0, 0, 0)
        return (local, ICalendarClock.seconds(civil))
    }

    private static func time(_ seconds: Int, in zone: ICalendarZone?) -> ICalendarWrittenTime {
        guard let zone, !zone.isRepeatedLocalTime(seconds) else {
            return .utc(ICalendarClock.civil(seconds))
        }
        return .local(zone.local(seconds), zone)
    }
}
