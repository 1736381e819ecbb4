// An iCalendar (RFC 5545) writer for published event feeds and downloads.
//
// Choices, and why:
// - Lines end in CRLF and are folded at 75 octets, counting UTF-8 bytes and the leading space
//   of continuation lines, and never inside a character (RFC 5545 3.1).
// - TEXT values escape `\ ; ,` and write every line break as `\n`; other C0 and C1 control
//   characters and DEL are dropped, since the grammar has no room for them and some parsers
//   split lines on U+0085, U+2028 and U+2029 (those become `\n` too). Parameter values lose
//   their double quotes (RFC 6868 `^'` is not read by vobject) and are quoted when they hold
//   `: ; ,`. URL and mailto values are URIs: written as given, minus control characters.
// - Times: DTSTAMP, CREATED and LAST-MODIFIED in UTC. DTSTART/DTEND carry TZID and local time
//   when the event has a zone Foundation knows, else UTC. A local time that a zone passes
//   twice ("fall back") would be read as its first pass (RFC 5545 3.3.5), so such instants
//   are written in UTC. Fractions of seconds are dropped; dates are clamped to years 1–9999.
// - Each zone used with TZID gets a VTIMEZONE built from Foundation's TimeZone: one STANDARD
//   or DAYLIGHT per offset change (no RRULEs, so any rule change Foundation knows is exact) in
//   every year a DTSTART or DTEND falls in, plus the observance in force as those years begin
//   (a zone without changes: one observance from 1970). Clients that know the IANA id, like
//   Google and python's icalendar, use their own data; the rest (vobject, Outlook) read ours.
// - All-day events are DATE values in the event's zone (or UTC), DTEND exclusive and at least
//   a day after DTSTART; they need no VTIMEZONE.
// - A timed event whose end is not after its start gets no DTEND, which RFC 5545 3.6.1 reads
//   as ending when it starts; DTEND equal to DTSTART would be invalid.
// - An empty UID is replaced by one derived from the summary and start, so the output stays
//   valid and the same input always gives the same output.
import Foundation

/// Writes events as one iCalendar (RFC 5545) object for calendar clients to subscribe to or import.
public enum ICalendarWriter: Sendable {
    /// One VCALENDAR with `METHOD:PUBLISH`, the VTIMEZONEs its events refer to, then the events
    /// in the order given. `stamp` is every event's DTSTAMP (when the feed was made).
    public static func calendar(_ events: [ICalendarEvent], name: String?, stamp: Date) -> String {
        let written = events.map(ICalendarWrittenEvent.init)
        var lines = ICalendarContentLines()
        lines.append("BEGIN", "VCALENDAR")
        lines.append("VERSION", "2.0")
        lines.append("PRODID", "-//Convene//Convene//EN")
        lines.append("CALSCALE", "GREGORIAN")
        lines.append("METHOD", "PUBLISH")
        if let name = name.map(ICalendarValue.text), !name.isEmpty {
            lines.append("X-WR-CALNAME", name)
        }
        for (zone, years) in zonesInUse(written) {
            zone.appendDefinition(coveringYears: years, to: &lines)
        }
        let dtstamp = ICalendarClock.utcValue(stamp)
        for event in written {
            appendEvent(event, stamp: dtstamp, to: &lines)
        }
        lines.append("END", "VCALENDAR")
        return lines.text
    }

    /// Zones in order of first use, each with the local years its DTSTART/DTEND values fall in.
    private static func zonesInUse(_ events: [ICalendarWrittenEvent]) -> [(ICalendarZone, Set<Int>)] {
        var order: [String] = []
        var zones: [String: (ICalendarZone, Set<Int>)] = [:]
        for event in events {
            for time in [event.start, event.end].compactMap({ $0 }) {
                guard case let .local(civil, zone) = time else { continue }
                if zones[zone.tzid] == nil {
                    order.append(zone.tzid)
                    zones[zone.tzid] = (zone, [])
                }
                zones[zone.tzid]?.1.insert(civil.year)
            }
        }
        return order.compactMap { zones[$0] }
    }

    private static let statuses: Set<String> = ["TENTATIVE", "CONFIRMED", "CANCELLED"]
    private static let participationStatuses: Set<String> = ["NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED"]

    private static func appendEvent(_ written: ICalendarWrittenEvent, stamp: String, to lines: inout ICalendarContentLines) {
        let event = written.event
        lines.append("BEGIN", "VEVENT")
        lines.append("UID", ICalendarValue.text(uid(for: event)))
        lines.append("DTSTAMP", stamp)
        append("DTSTART", written.start, to: &lines)
        if let end = written.end { append("DTEND", end, to: &lines) }
        lines.append("SUMMARY", ICalendarValue.text(event.summary))
        appendText("DESCRIPTION", event.description, to: &lines)
        appendText("LOCATION", event.location, to: &lines)
        if let url = event.url.map(ICalendarValue.uri), !url.isEmpty {
            lines.append("URL", url)
        }
        if let address = ICalendarValue.mailto(event.organizerEmail) {
            if let name = event.organizerName, !ICalendarValue.parameter(name).isEmpty {
                lines.append("ORGANIZER", ["CN": name], address)
            } else {
                lines.append("ORGANIZER", address)
            }
        }
        for attendee in event.attendees {
            let address = ICalendarValue.mailto(attendee.email) ?? "invalid:nomail"
            let status = ICalendarValue.token(attendee.participationStatus, allowed: participationStatuses) ?? "NEEDS-ACTION"
            if ICalendarValue.parameter(attendee.name).isEmpty {
                lines.append("ATTENDEE", ["PARTSTAT": status], address)
            } else {
                lines.append("ATTENDEE", ["CN": attendee.name, "PARTSTAT": status], address)
            }
        }
        let categories = event.categories.map(ICalendarValue.text).filter { !$0.isEmpty }
        if !categories.isEmpty {
            lines.append("CATEGORIES", categories.joined(separator: ","))
        }
        if let status = ICalendarValue.token(event.status, allowed: statuses) {
            lines.append("STATUS", status)
        }
        if let created = event.created { lines.append("CREATED", ICalendarClock.utcValue(created)) }
        if let modified = event.lastModified { lines.append("LAST-MODIFIED", ICalendarClock.utcValue(modified)) }
        lines.append("SEQUENCE", String(max(event.sequence, 0)))
        lines.append("END", "VEVENT")
    }

    private static func appendText(_ name: String, _ value: String?, to lines: inout ICalendarContentLines) {
        guard let value = value.map(ICalendarValue.text), !value.isEmpty else { return }
        lines.append(name, value)
    }

    private static func append(_ name: String, _ time: ICalendarWrittenTime, to lines: inout ICalendarContentLines) {
        switch time {
        case let .utc(civil): lines.append(name, civil.dateTimeValue + "Z")
        case let .local(civil, zone): lines.append(name, ["TZID": zone.tzid], civil.dateTimeValue)
        case let .day(civil): lines.append(name, ["VALUE": "DATE"], civil.dateValue)
        }
    }

    private static func uid(for event: ICalendarEvent) -> String {
        if !ICalendarValue.text(event.uid).isEmpty { return event.uid }
        // FNV-1a: stable across runs and platforms, unlike Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (event.summary + "\u{0}" + String(ICalendarClock.seconds(event.start))).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return "convene-" + String(hash, radix: 16) + "@convene"
    }
}
