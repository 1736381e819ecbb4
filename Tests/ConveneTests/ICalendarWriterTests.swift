import ConveneFormats
import Foundation
import Testing

@Suite("iCalendar writer")
struct ICalendarWriterTests {
    static let stamp = Date(timeIntervalSince1970: 1_780_000_000) // 2026-05-28T20:26:40Z

    static func at(_ iso: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: iso))
    }

    static func event(
        _ summary: String = "Board meeting", start: String = "2026-07-04T15:00:00Z", minutes: Int = 60,
        timeZone: String? = nil, isAllDay: Bool = false
    ) throws -> ICalendarEvent {
        let begin = try at(start)
        return ICalendarEvent(
            uid: "e1@convene", summary: summary, start: begin, end: begin.addingTimeInterval(Double(minutes * 60)),
            timeZone: timeZone, isAllDay: isAllDay
        )
    }

    static func write(_ events: [ICalendarEvent], name: String? = nil) -> String {
        ICalendarWriter.calendar(events, name: name, stamp: stamp)
    }

    /// The physical lines as bytes, split at CRLF (the final CRLF ends the last line).
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == 0x0D, byte == 0x0A {
                lines[lines.count - 1].removeLast()
                lines.append([])
            } else {
                lines[lines.count - 1].append(byte)
            }
            previous = byte
        }
        if lines.last == [] { lines.removeLast() }
        return lines
    }

    /// The content lines after unfolding (RFC 5545 3.1: remove each CRLF followed by a space).
    static func contentLines(_ text: String) -> [String] {
        var logical: [[UInt8]] = []
        for line in physicalLines(text) {
            if line.first == 0x20, !logical.isEmpty {
                logical[logical.count - 1].append(contentsOf: line.dropFirst())
            } else {
                logical.append(line)
            }
        }
        return logical.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("every line ends in CRLF, with no bare CR or LF, and the calendar has its header")
    func crlf() throws {
        var event = try Self.event("Line one\nLine two\r\nLine three\rfour")
        event.description = "a\nb"
        let text = Self.write([event], name: "Riverside events")
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Convene//Convene//EN\r\n"))
        #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
        }
        let lines = Self.contentLines(text)
        for expected in ["CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Riverside events", "UID:e1@convene",
                         "DTSTAMP:20260528T202640Z", "SUMMARY:Line one\\nLine two\\nLine three\\nfour", "DESCRIPTION:a\\nb"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(!Self.write([event]).contains("X-WR-CALNAME"))
    }

    @Test("lines fold at 75 octets, never inside a UTF-8 character, and unfold to the original")
    func folding() throws {
        let summaries = [
            String(repeating: "a", count: 67), // SUMMARY: + 67 = exactly 75 octets: no fold
            String(repeating: "a", count: 68),
            String(repeating: "é", count: 200),
            String(repeating: "日本語", count: 70),
            String(repeating: "🎉x", count: 90),
            String(repeating: "ab🇺🇸", count: 40),
        ]
        for summary in summaries {
            let text = Self.write([try Self.event(summary)])
            for line in Self.physicalLines(text) {
                #expect(line.count <= 75, "\(line.count) octets")
                #expect(String(data: Data(line), encoding: .utf8) != nil, "a fold split a character")
            }
            #expect(Self.contentLines(text).contains("SUMMARY:" + summary))
        }
        let exact = Self.physicalLines(Self.write([try Self.event(summaries[0])]))
        #expect(exact.contains(Array(("SUMMARY:" + summaries[0]).utf8)))
        let over = Self.physicalLines(Self.write([try Self.event(summaries[1])]))
        let first = try #require(over.firstIndex { $0.starts(with: Array("SUMMARY:".utf8)) })
        #expect(over[first].count == 75)
        #expect(over[first + 1] == Array(" a".utf8))
        // 8 octets of name and colon, then 33 two-octet "é": a 34th would make 76.
        let accents = Self.physicalLines(Self.write([try Self.event(summaries[2])]))
        let accentLine = try #require(accents.firstIndex { $0.starts(with: Array("SUMMARY:".utf8)) })
        #expect(accents[accentLine] == Array(("SUMMARY:" + String(repeating: "é", count: 33)).utf8))
        #expect(accents[accentLine + 1].first == 0x20)
        #expect(accents[accentLine + 1].count == 75)
    }

    @Test("TEXT escapes backslash, semicolon, comma and newlines; controls are dropped; URLs are not escaped")
    func escaping() throws {
        var event = try Self.event("Budget, 2026; part \\ one\u{0}\u{7}\u{1B}!")
        event.location = "Room 101, Lincoln; Annex"
        event.description = "Tab\tkept\r\nnext"
        event.url = "https://convene.example.org/e/1?a=1,2;b\r\n"
        event.categories = ["Board, Public", "", "Budget"]
        event.organizerName = "Smith, Ann \"Jo\""
        event.organizerEmail = "ann@example.org"
        event.status = "confirmed"
        event.attendees = [
            ICalendarAttendee(name: "José Núñez", email: "jose@example.org", participationStatus: "accepted"),
            ICalendarAttendee(name: "No: Mail", participationStatus: "nonsense"),
        ]
        let lines = Self.contentLines(Self.write([event]))
        for expected in [
            "SUMMARY:Budget\\, 2026\\; part \\\\ one!",
            "LOCATION:Room 101\\, Lincoln\\; Annex",
            "DESCRIPTION:Tab\tkept\\nnext",
            "URL:https://convene.example.org/e/1?a=1,2;b",
            "CATEGORIES:Board\\, Public,Budget",
            "ORGANIZER;CN=\"Smith, Ann Jo\":mailto:ann@example.org",
            "ATTENDEE;CN=José Núñez;PARTSTAT=ACCEPTED:mailto:jose@example.org",
            "ATTENDEE;CN=\"No: Mail\";PARTSTAT=NEEDS-ACTION:invalid:nomail",
            "STATUS:CONFIRMED",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        var noEmail = event
        noEmail.organizerEmail = nil
        #expect(!Self.write([noEmail]).contains("ORGANIZER"))
    }

    @Test("a zoned event gets TZID local times and one VTIMEZONE with both observances, before the events")
    func timeZones() throws {
        let summer = try Self.event(start: "2026-07-04T15:00:00Z", timeZone: "America/Chicago")
        var winter = try Self.event(start: "2026-12-01T15:00:00Z", timeZone: "America/Chicago")
        winter.uid = "e2@convene"
        let text = Self.write([summer, winter])
        let lines = Self.contentLines(text)
        #expect(lines.contains("DTSTART;TZID=America/Chicago:20260704T100000"))
        #expect(lines.contains("DTEND;TZID=America/Chicago:20260704T110000"))
        #expect(lines.contains("DTSTART;TZID=America/Chicago:20261201T090000"))
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        #expect(lines.contains("TZID:America/Chicago"))
        let zoneStart = try #require(lines.firstIndex(of: "BEGIN:VTIMEZONE"))
        let eventStart = try #require(lines.firstIndex(of: "BEGIN:VEVENT"))
        #expect(zoneStart < eventStart)
        // Onsets are in the wall time of the offset before them.
        let daylight = try #require(lines.firstIndex(of: "DTSTART:20260308T020000"))
        #expect(lines[daylight - 1] == "BEGIN:DAYLIGHT")
        #expect(Array(lines[daylight + 1...daylight + 2]) == ["TZOFFSETFROM:-0600", "TZOFFSETTO:-0500"])
        let standard = try #require(lines.firstIndex(of: "DTSTART:20261101T020000"))
        #expect(lines[standard - 1] == "BEGIN:STANDARD")
        #expect(Array(lines[standard + 1...standard + 2]) == ["TZOFFSETFROM:-0500", "TZOFFSETTO:-0600"])

        let tokyo = Self.contentLines(Self.write([try Self.event(timeZone: "Asia/Tokyo")]))
        #expect(tokyo.contains("DTSTART;TZID=Asia/Tokyo:20260705T000000"))
        #expect(tokyo.contains("DTSTART:19700101T000000"))
        #expect(tokyo.contains("TZOFFSETTO:+0900"))
        #expect(!tokyo.contains("BEGIN:DAYLIGHT"))

        let lordHowe = Self.contentLines(Self.write([try Self.event(start: "2026-01-10T01:00:00Z", timeZone: "Australia/Lord_Howe")]))
        #expect(lordHowe.contains("DTSTART;TZID=Australia/Lord_Howe:20260110T120000"))
        #expect(lordHowe.contains("TZOFFSETTO:+1030"))
        #expect(lordHowe.contains("TZOFFSETTO:+1100"))
    }

    @Test("the second pass through a fall-back hour is written in UTC, since TZID would mean the first")
    func repeatedHour() throws {
        let first = Self.contentLines(Self.write([try Self.event(start: "2026-11-01T06:30:00Z", minutes: 15, timeZone: "America/Chicago")]))
        #expect(first.contains("DTSTART;TZID=America/Chicago:20261101T013000"))
        let second = Self.contentLines(Self.write([try Self.event(start: "2026-11-01T07:30:00Z", minutes: 15, timeZone: "America/Chicago")]))
        #expect(second.contains("DTSTART:20261101T073000Z"))
    }

    @Test("an unknown or missing zone falls back to UTC times and writes no VTIMEZONE")
    func unknownZone() throws {
        for zone in ["Mars/Olympus", "", nil] as [String?] {
            let text = Self.write([try Self.event(timeZone: zone)])
            let lines = Self.contentLines(text)
            #expect(lines.contains("DTSTART:20260704T150000Z"))
            #expect(lines.contains("DTEND:20260704T160000Z"))
            #expect(!text.contains("TZID"))
            #expect(!text.contains("VTIMEZONE"))
        }
    }

    @Test("all-day events are DATE values in their zone with an exclusive end, and need no VTIMEZONE")
    func allDay() throws {
        let cases: [(start: String, end: String, zone: String?, dtstart: String, dtend: String)] = [
            ("2026-05-04T05:00:00Z", "2026-05-05T05:00:00Z", "America/Chicago", "20260504", "20260505"),
            ("2026-05-04T05:00:00Z", "2026-05-05T04:59:59Z", "America/Chicago", "20260504", "20260505"),
            ("2026-05-04T05:00:00Z", "2026-05-04T05:00:00Z", "America/Chicago", "20260504", "20260505"),
            ("2026-05-04T05:00:00Z", "2026-05-07T05:00:00Z", "America/Chicago", "20260504", "20260507"),
            ("2026-05-03T15:00:00Z", "2026-05-04T15:00:00Z", "Asia/Tokyo", "20260504", "20260505"),
            ("2026-05-04T00:00:00Z", "2026-05-05T00:00:00Z", nil, "20260504", "20260505"),
        ]
        for item in cases {
            let event = ICalendarEvent(
                uid: "d@convene", summary: "Holiday", start: try Self.at(item.start), end: try Self.at(item.end),
                timeZone: item.zone, isAllDay: true
            )
            let text = Self.write([event])
            let lines = Self.contentLines(text)
            #expect(lines.contains("DTSTART;VALUE=DATE:\(item.dtstart)"), "\(item)")
            #expect(lines.contains("DTEND;VALUE=DATE:\(item.dtend)"), "\(item)")
            #expect(!text.contains("VTIMEZONE"))
        }
    }

    @Test("odd input never breaks the output: empty strings, NaN and far dates, huge text")
    func oddInput() throws {
        let events = [
            ICalendarEvent(uid: "", summary: "", start: Date(timeIntervalSince1970: .nan), end: Date(timeIntervalSince1970: .infinity),
                           timeZone: "America/Chicago", location: "", description: "", url: "", organizerName: "", organizerEmail: "",
                           categories: [""], status: "maybe", sequence: -3,
                           attendees: [ICalendarAttendee(name: "", email: "", participationStatus: "")]),
            ICalendarEvent(uid: "far@convene", summary: String(repeating: "\u{0}\u{1F}x,", count: 20_000),
                           start: .distantPast, end: .distantFuture, timeZone: "Europe/London", isAllDay: true),
            ICalendarEvent(uid: "far2@convene", summary: "far", start: .distantPast, end: .distantFuture, timeZone: "Australia/Lord_Howe"),
        ]
        let text = Self.write(events, name: "\r\n")
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        for line in Self.physicalLines(text) { #expect(line.count <= 75) }
        let lines = Self.contentLines(text)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 3)
        #expect(lines.contains { $0.hasPrefix("UID:") && $0.count > "UID:".count })
        #expect(lines.contains("SEQUENCE:0"))
        #expect(!lines.contains { $0.hasPrefix("STATUS:") })
        #expect(lines.allSatisfy { line in !line.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" } })
    }
}
