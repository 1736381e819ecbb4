import ConveneFormats
import Foundation
import Testing

/// Reading iCalendar: content lines, values, time zones, errors and limits.
@Suite("iCalendar reader")
struct ICalendarReaderTests {
    /// Joins lines with CRLF, as RFC 5545 writes them.
    static func ics(_ lines: String...) -> String {
        lines.joined(separator: "\r\n") + "\r\n"
    }

    static func read(_ text: String, options: ICalendarReaderOptions = .init()) throws -> ICalendarParsedCalendar {
        try ICalendarReader.read(Array(text.utf8), options: options)
    }

    static func only(_ text: String) throws -> ICalendarParsedEvent {
        let calendar = try read(text)
        #expect(calendar.events.count == 1)
        return try #require(calendar.events.first)
    }

    static func error(_ text: String, options: ICalendarReaderOptions = .init()) -> ICalendarReaderError? {
        do {
            _ = try ICalendarReader.read(Array(text.utf8), options: options)
            return nil
        } catch {
            return error
        }
    }

    static func at(_ iso: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: iso))
    }

    static let sample = ics(
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Town//Events//EN", "X-WR-CALNAME:Riverside",
        "BEGIN:VEVENT", "UID:board-1@town.example", "DTSTAMP:20260101T000000Z",
        "DTSTART;TZID=America/New_York:20260304T190000", "DTEND;TZID=America/New_York:20260304T203000",
        "SUMMARY:Board meeting\\, open to all", "LOCATION:Town Hall: Room 2",
        "DESCRIPTION:Agenda:\\n1. Budget\\n2. Roads and the Café on Main Street\\, whose licence is up for ren",
        " ewal this spring",
        "URL:https://town.example/events/1", "ORGANIZER;CN=\"Clerk, Town\":mailto:clerk@town.example",
        "CATEGORIES:Meeting,Public\\, open", "CATEGORIES:Budget", "STATUS:confirmed", "SEQUENCE:3",
        "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM",
        "END:VEVENT", "END:VCALENDAR"
    )

    @Test("an event's fields: text unescaped, organizer split, times resolved in their zone")
    func fields() throws {
        let calendar = try Self.read(Self.sample)
        #expect(calendar.name == "Riverside")
        #expect(calendar.productId == "-//Town//Events//EN")
        let event = try #require(calendar.events.first)
        #expect(event.uid == "board-1@town.example")
        #expect(event.summary == "Board meeting, open to all")
        #expect(event.location == "Town Hall: Room 2")
        #expect(event.description == "Agenda:\n1. Budget\n2. Roads and the Café on Main Street, whose licence is up for renewal this spring")
        #expect(event.url == "https://town.example/events/1")
        #expect(event.organizer == ICalendarParsedOrganizer(name: "Clerk, Town", email: "clerk@town.example", address: "mailto:clerk@town.example"))
        #expect(event.categories == ["Meeting", "Public, open", "Budget"])
        #expect(event.status == "CONFIRMED")
        #expect(event.sequence == 3)
        #expect(event.timeZone == "America/New_York")
        #expect(event.ianaTimeZone == "America/New_York")
        #expect(event.start == .instant(try Self.at("2026-03-05T00:00:00Z")))
        #expect(event.end == .instant(try Self.at("2026-03-05T01:30:00Z")))
        #expect(event.line == 5)
        #expect(event.warnings.isEmpty)
        #expect(!event.isAllDay)
    }

    @Test("folding: CRLF or LF, space or tab, inside a UTF-8 character, across blank lines")
    func folding() throws {
        // "é" is C3 A9: the fold falls between its two bytes.
        var bytes = Array("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Caf".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA9]
        bytes += Array(" au\r\n\tlait\n\n  !\nDTSTART:20260101T100000Z\nEND:VEVENT\nEND:VCALENDAR".utf8)
        let event = try #require(try ICalendarReader.read(bytes).events.first)
        #expect(event.summary == "Café aulait !")
        #expect(event.warnings.isEmpty)
        #expect(event.start == .instant(try Self.at("2026-01-01T10:00:00Z")))
    }

    @Test("names and parameters are case-insensitive; quoted values keep : ; and ,; RFC 6868 carets are decoded")
    func parameters() throws {
        let event = try Self.only(Self.ics(
            "begin:vcalendar", "Begin:VEvent", "dtstart;tzid=\"Europe/Paris\";value=date-time:20260601T120000",
            "summary;language=fr:Fête", "organizer;cn=\"Ruth, George ^'Babe^' ^^;:\":MAILTO:babe@example.org",
            "end:vevent", "end:vcalendar"
        ))
        #expect(event.start == .instant(try Self.at("2026-06-01T10:00:00Z")))
        #expect(event.summary == "Fête")
        #expect(event.organizer?.name == "Ruth, George \"Babe\" ^;:")
        #expect(event.organizer?.email == "babe@example.org")
    }

    @Test("TEXT escapes: \\n \\N \\\\ \\; \\, and an unknown escape kept as written")
    func escaping() throws {
        let event = try Self.only(Self.ics(
            "BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20260101T100000Z",
            "SUMMARY:a\\nb\\Nc\\\\d\\;e\\,f\\qg\\", "CATEGORIES:one\\,two,three", "END:VEVENT", "END:VCALENDAR"
        ))
        #expect(event.summary == "a\nb\nc\\d;e,f\\qg\\")
        #expect(event.categories == ["one,two", "three"])
    }

    @Test("floating times stay wall-clock readings; all-day events are dates with an exclusive end")
    func floatingAndAllDay() throws {
        let calendar = try Self.read(Self.ics(
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT", "UID:f", "DTSTART:20260704T200000", "DURATION:PT2H", "END:VEVENT",
            "BEGIN:VEVENT", "UID:d1", "DTSTART;VALUE=DATE:20261225", "END:VEVENT",
            "BEGIN:VEVENT", "UID:d2", "DTSTART;VALUE=DATE:20261228", "DTEND;VALUE=DATE:20261231", "END:VEVENT",
            "BEGIN:VEVENT", "UID:t", "DTSTART:20260101T100000Z", "END:VEVENT",
            "END:VCALENDAR"
        ))
        let events = calendar.events
        try #require(events.count == 4)
        let eight = ICalendarParsedLocalTime(year: 2026, month: 7, day: 4, hour: 20)
        #expect(events[0].start == .floating(eight))
        #expect(events[0].end == .floating(ICalendarParsedLocalTime(year: 2026, month: 7, day: 4, hour: 22)))
        #expect(events[0].duration == ICalendarParsedDuration(days: 0, seconds: 7_200))
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(events[0].start?.date(in: tokyo) == (try Self.at("2026-07-04T11:00:00Z")))
        #expect(events[1].isAllDay)
        #expect(events[1].start == .date(ICalendarParsedDay(year: 2026, month: 12, day: 25)))
        #expect(events[1].end == .date(ICalendarParsedDay(year: 2026, month: 12, day: 26)), "a date without DTEND lasts one day")
        #expect(events[2].end == .date(ICalendarParsedDay(year: 2026, month: 12, day: 31)))
        #expect(events[3].end == events[3].start, "a date-time without DTEND or DURATION ends when it starts")
    }

    @Test("a day's DURATION keeps the wall clock across a change of offset; hours do not")
    func nominalDuration() throws {
        let calendar = try Self.read(Self.ics(
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT", "DTSTART;TZID=America/New_York:20260307T120000", "DURATION:P1D", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;TZID=America/New_York:20260307T120000", "DURATION:PT24H", "END:VEVENT",
            "END:VCALENDAR"
        ))
        #expect(calendar.events[0].end == .instant(try Self.at("2026-03-08T16:00:00Z")))
        #expect(calendar.events[1].end == .instant(try Self.at("2026-03-08T17:00:00Z")))
    }

    @Test("a local time skipped by a change of offset uses the offset before it; a repeated one is its first pass")
    func gapsAndOverlaps() throws {
        let calendar = try Self.read(Self.ics(
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT", "DTSTART;TZID=America/New_York:20260308T023000", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;TZID=America/New_York:20261101T013000", "END:VEVENT",
            "END:VCALENDAR"
        ))
        #expect(calendar.events[0].start == .instant(try Self.at("2026-03-08T07:30:00Z")))
        #expect(calendar.events[1].start == .instant(try Self.at("2026-11-01T05:30:00Z")))
    }

    static let westEurope = [
        "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
        "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
    ]

    @Test("a Microsoft TZID is read through the file's VTIMEZONE, and named by its IANA zone")
    func microsoftZone() throws {
        let event = [
            "BEGIN:VEVENT", "DTSTART;TZID=\"W. Europe Standard Time\":20260323T100000",
            "DTEND;TZID=\"W. Europe Standard Time\":20260323T110000", "RRULE:FREQ=WEEKLY;COUNT=2", "END:VEVENT",
        ]
        let text = (["BEGIN:VCALENDAR"] + Self.westEurope + event + ["END:VCALENDAR"]).joined(separator: "\r\n")
        let calendar = try Self.read(text)
        let read = try #require(calendar.events.first)
        #expect(read.timeZone == "W. Europe Standard Time")
        #expect(read.ianaTimeZone == "Europe/Berlin")
        #expect(read.start == .instant(try Self.at("2026-03-23T09:00:00Z")))
        #expect(calendar.timeZoneIds == ["W. Europe Standard Time"])
        // Clocks go forward on the last Sunday of March (the 29th): the next Monday is still 10:00.
        let next = calendar.occurrences(of: read, from: try Self.at("2026-01-01T00:00:00Z"), to: try Self.at("2027-01-01T00:00:00Z"))
        #expect(next.map(\.start) == [.instant(try Self.at("2026-03-23T09:00:00Z")), .instant(try Self.at("2026-03-30T08:00:00Z"))])
        #expect(next.last?.end == .instant(try Self.at("2026-03-30T09:00:00Z")))
    }

    @Test("a TZID's own VTIMEZONE wins over the Microsoft table; without either the time is floating")
    func customAndUnknownZones() throws {
        let calendar = try Self.read(Self.ics(
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT", "DTSTART;TZID=Tokyo Standard Time:20260601T090000", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;TZID=/mozilla.org/20070129_1/Europe/Lisbon:20260601T090000", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;TZID=Eastern Standard Time:20260601T090000", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;TZID=Somewhere:20260601T090000", "END:VEVENT",
            "BEGIN:VTIMEZONE", "TZID:Eastern Standard Time", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0530", "TZOFFSETTO:+0530", "END:STANDARD", "END:VTIMEZONE",
            "END:VCALENDAR"
        ))
        let events = calendar.events
        #expect(events[0].start == .instant(try Self.at("2026-06-01T00:00:00Z")))
        #expect(events[0].ianaTimeZone == "Asia/Tokyo")
        #expect(events[1].start == .instant(try Self.at("2026-06-01T08:00:00Z")))
        #expect(events[1].ianaTimeZone == "Europe/Lisbon")
        #expect(events[2].start == .instant(try Self.at("2026-06-01T03:30:00Z")), "the file's VTIMEZONE says +05:30")
        #expect(events[3].start == .floating(ICalendarParsedLocalTime(year: 2026, month: 6, day: 1, hour: 9)))
        #expect(events[3].ianaTimeZone == nil)
        #expect(events[3].warnings.map(\.description) == [
            "line 12: TZID \"Somewhere\" is neither a zone Foundation knows nor defined by a VTIMEZONE; read as floating",
        ])
    }

    @Test("streaming: events come out as they end, except those waiting for a VTIMEZONE that follows them")
    func forwardReference() throws {
        var parser = ICalendarReaderParser()
        let head = Self.ics(
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT", "UID:waits", "DTSTART;TZID=W. Europe Standard Time:20260701T100000", "END:VEVENT",
            "BEGIN:VEVENT", "UID:utc", "DTSTART:20260701T100000Z", "END:VEVENT"
        )
        // A line is complete only when the next one starts (it might be folded), so the last
        // END:VEVENT of a chunk is read with the next chunk.
        #expect(try parser.feed(Array(head.utf8)).isEmpty)
        let zone = (Self.westEurope + ["BEGIN:VEVENT", "UID:after", "DTSTART:20260702T100000Z", "END:VEVENT", ""]).joined(separator: "\r\n")
        let released = try parser.feed(Array(zone.utf8))
        #expect(released.map(\.uid) == ["utc", "waits"])
        #expect(released.last?.start == .instant(try Self.at("2026-07-01T08:00:00Z")))
        let calendar = try parser.finish()
        #expect(calendar.events.map(\.uid) == ["after"])
        #expect(calendar.warnings.map(\.description) == ["line 1: BEGIN:VCALENDAR has no END:VCALENDAR; the file may be cut short"])
    }

    @Test("every split of a file into two chunks, and one byte at a time, reads the same")
    func everySplit() throws {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8)
        let whole = try ICalendarReader.read(bytes)
        for split in 0...bytes.count {
            var parser = ICalendarReaderParser()
            var events = try parser.feed(bytes[..<split])
            events += try parser.feed(bytes[split...])
            var calendar = try parser.finish()
            calendar.events = events + calendar.events
            #expect(calendar == whole, "split at \(split)")
        }
        var parser = ICalendarReaderParser()
        var events: [ICalendarParsedEvent] = []
        for byte in bytes { events += try parser.feed([byte]) }
        #expect(events + (try parser.finish()).events == whole.events)
    }

    @Test("several VCALENDARs, and a bare VEVENT, are read; each event keeps its own line")
    func shapes() throws {
        let two = try Self.read(Self.ics(
            "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a", "END:VEVENT", "END:VCALENDAR",
            "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:b", "END:VEVENT", "END:VCALENDAR"
        ))
        #expect(two.events.map(\.uid) == ["a", "b"])
        #expect(two.events.map(\.line) == [2, 7])
        #expect(two.events.first?.start == nil)
        #expect(two.events.first?.warnings.map(\.description) == ["line 2: VEVENT has no DTSTART"])
        let bare = try Self.read("BEGIN:VEVENT\nUID:c\nDTSTART:20260101T100000Z\nEND:VEVENT\n")
        #expect(bare.events.map(\.uid) == ["c"])
        #expect(bare.warnings.map(\.description) == ["line 1: BEGIN:VEVENT outside a VCALENDAR; read anyway"])
    }

    @Test("what the writer writes, the reader reads back")
    func roundTrip() throws {
        let start = try Self.at("2026-11-01T05:30:00Z") // 01:30 EDT, the first of two 01:30s in New York
        var events = [
            ICalendarEvent(uid: "1@convene", summary: "Budget; roads, parks\\", start: start, end: start.addingTimeInterval(7_200),
                           timeZone: "America/New_York", location: "Hall\nRoom 2", description: "Line one\nLine two " + String(repeating: "é", count: 60),
                           url: "https://town.example/e/1", organizerName: "Clerk, Town", organizerEmail: "clerk@town.example",
                           categories: ["Public, open", "Budget"], status: "tentative", sequence: 4),
            ICalendarEvent(uid: "2@convene", summary: "Fair", start: try Self.at("2026-07-04T04:00:00Z"),
                           end: try Self.at("2026-07-06T04:00:00Z"), timeZone: "America/New_York", isAllDay: true),
        ]
        events.append(ICalendarEvent(uid: "3@convene", summary: "Call", start: start, end: start.addingTimeInterval(1_800)))
        let text = ICalendarWriter.calendar(events, name: "Town", stamp: start)
        let calendar = try Self.read(text)
        #expect(calendar.name == "Town")
        try #require(calendar.events.count == 3)
        let first = calendar.events[0]
        #expect(first.summary == events[0].summary)
        #expect(first.location == events[0].location)
        #expect(first.description == events[0].description)
        #expect(first.url == events[0].url)
        #expect(first.organizer?.name == "Clerk, Town")
        #expect(first.organizer?.email == "clerk@town.example")
        #expect(first.categories == ["Public, open", "Budget"])
        #expect(first.status == "TENTATIVE")
        #expect(first.sequence == 4)
        #expect(first.start == .instant(start))
        #expect(first.end == .instant(start.addingTimeInterval(7_200)))
        #expect(calendar.events[1].start == .date(ICalendarParsedDay(year: 2026, month: 7, day: 4)))
        #expect(calendar.events[1].end == .date(ICalendarParsedDay(year: 2026, month: 7, day: 6)))
        #expect(calendar.events[2].start == .instant(start))
        #expect(calendar.events.allSatisfy { $0.warnings.isEmpty })
    }
}
