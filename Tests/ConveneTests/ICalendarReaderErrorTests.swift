import ConveneFormats
import Foundation
import Testing

/// What the iCalendar reader refuses (with the line), and what it repairs or skips with a warning.
@Suite("iCalendar reader: errors, warnings and limits")
struct ICalendarReaderErrorTests {
    @Test("bytes that are not UTF-8 are replaced, with a warning, and never stop the read")
    func invalidUTF8() throws {
        let bytes = Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:caf".utf8) + [0xE9, 0xFF] + Array("!\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let event = try #require(try ICalendarReader.read(bytes).events.first)
        #expect(event.summary == "caf\u{FFFD}\u{FFFD}!")
        #expect(event.warnings.map(\.description).contains("line 3: bytes that are not UTF-8 were replaced by U+FFFD"))
    }

    @Test("lines the reader does not need may be broken: they are skipped with a warning")
    func skippedLines() throws {
        let calendar = try ICalendarReaderTests.read(ICalendarReaderTests.ics(
            "BEGIN:VCALENDAR", "X-BROKEN PROPERTY:1", "BEGIN:VEVENT", "DTSTART:20260101T100000Z", "SUMMARY=oops",
            "SUMMARY:kept", "SUMMARY:second", "SEQUENCE:many", "END:VEVENT", "END:VCALENDAR", "X-TRAILER:1"
        ))
        #expect(calendar.warnings.map(\.description) == [
            "line 2: X-BROKEN is followed by ' ' instead of ';' or ':'", "line 11: X-TRAILER outside any component was ignored",
        ])
        let event = try #require(calendar.events.first)
        #expect(event.summary == "kept")
        #expect(event.warnings.map(\.description) == [
            "line 5: SUMMARY is followed by '=' instead of ';' or ':'", "line 7: a second SUMMARY was ignored",
            "line 8: SEQUENCE \"many\" is not a number and was ignored",
        ])
    }

    @Test("errors name the line where the problem starts")
    func errors() {
        let cases: [(String, String)] = [
            ("hello,world\n", "line 1: this is not an iCalendar file (expected BEGIN:VCALENDAR)"),
            ("", "line 1: this is not an iCalendar file (it is empty; expected BEGIN:VCALENDAR)"),
            ("\r\n\r\nBEGIN:VCARD\r\nEND:VCARD\r\n", "line 3: this is a vCard, not an iCalendar file (expected BEGIN:VCALENDAR)"),
            (ICalendarReaderTests.ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "END:VEVENT", "END:VCALENDAR"),
             "line 4: END:VEVENT without BEGIN:VEVENT"),
            (ICalendarReaderTests.ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VCALENDAR"), "line 3: END:VCALENDAR while VEVENT (line 2) is still open"),
            (ICalendarReaderTests.ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "SUMMARY:cut"), "line 2: BEGIN:VEVENT has no END:VEVENT (the file ends at line 3)"),
            (ICalendarReaderTests.ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DESCRIPTION:long", " er", "\tstill", "DTSTART:2026-01-01", "END:VEVENT"),
             "line 6: DTSTART \"2026-01-01\" is not a date or date-time"),
            (ICalendarReaderTests.ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;TZID=\"Unclosed:20260101T100000"),
             "line 3: DTSTART has a parameter TZID whose quote is not closed"),
            (ICalendarReaderTests.ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20260101T100000Z", "RRULE:FREQ=WEEKLY;BYDAY=XX"),
             "line 4: RRULE has an unreadable BYDAY \"XX\""),
            (ICalendarReaderTests.ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20260101T100000Z", "EXDATE:20260108T100000Z,"),
             "line 4: EXDATE has an empty value"),
            (ICalendarReaderTests.ics("BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "TZID:X", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                      "TZOFFSETTO:+2500", "TZOFFSETFROM:+0000", "END:STANDARD"),
             "line 6: TZOFFSETTO \"+2500\" is not a UTC offset (±HHMM, hours below 24)"),
            ("BEGIN:\u{0}\r\n", "line 1: BEGIN:\"\\u{0}\" is not a component name"),
        ]
        for (text, expected) in cases {
            #expect(ICalendarReaderTests.error(text)?.description == expected)
        }
    }

    @Test("limits: line length, nesting and component count end the read with an error")
    func limits() {
        let long = "BEGIN:VCALENDAR\r\nX-BIG:" + String(repeating: "a", count: 2_000) + "\r\n"
        #expect(ICalendarReaderTests.error(long, options: .init(maximumLineLength: 1_000))?.description == "line 2: content line longer than 1000 bytes")
        let huge = "BEGIN:VCALENDAR\r\nX-BIG:" + String(repeating: "a", count: 1_100_000)
        #expect(ICalendarReaderTests.error(huge)?.description == "line 2: content line longer than 1048576 bytes")
        let deep = String(repeating: "BEGIN:X-A\r\n", count: 17)
        #expect(ICalendarReaderTests.error(deep)?.description == "line 17: components nested more than 16 deep")
        let many = "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:VTODO\r\nEND:VTODO\r\n", count: 10)
        #expect(ICalendarReaderTests.error(many, options: .init(maximumComponents: 5))?.description == "line 10: more than 5 components")
    }
}
