import ConveneFormats
import Foundation
import Testing

/// Occurrences of recurring events: RRULE, RDATE and EXDATE, on the event's own wall clock.
@Suite("iCalendar recurrence")
struct ICalendarReaderRecurrenceTests {
    static func at(_ iso: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: iso))
    }

    static func calendar(_ properties: [String], extra: [String] = []) throws -> (ICalendarParsedCalendar, ICalendarParsedEvent) {
        let lines = ["BEGIN:VCALENDAR"] + extra + ["BEGIN:VEVENT"] + properties + ["END:VEVENT", "END:VCALENDAR"]
        let calendar = try ICalendarReader.read(Array(lines.joined(separator: "\r\n").utf8))
        return (calendar, try #require(calendar.events.first))
    }

    /// The starts of an event's occurrences in 1990–2100, as `ICalendarParsedTime` describes them.
    static func starts(_ properties: [String], from: String = "1990-01-01T00:00:00Z", to: String = "2100-01-01T00:00:00Z", limit: Int = 10_000) throws -> [String] {
        let (calendar, event) = try calendar(properties)
        return calendar.occurrences(of: event, from: try at(from), to: try at(to), limit: limit).map(\.start.description)
    }

    /// The starts of a rule on a floating DTSTART (`20260130T170000`), as `2026-01-30T17:00:00`.
    static func rule(_ rule: String, _ start: String) throws -> [String] {
        try starts(["DTSTART:" + start, "RRULE:" + rule])
    }

    @Test("a weekly 9:00 meeting in New York stays at 9:00 local across both changes of offset")
    func weeklyAcrossDST() throws {
        let (calendar, event) = try Self.calendar([
            "DTSTART;TZID=America/New_York:20260302T090000", "DTEND;TZID=America/New_York:20260302T100000", "RRULE:FREQ=WEEKLY;BYDAY=MO",
        ])
        let spring = calendar.occurrences(of: event, from: try Self.at("2026-03-01T00:00:00Z"), to: try Self.at("2026-03-20T00:00:00Z"))
        #expect(spring.map(\.start.description) == ["2026-03-02T14:00:00Z", "2026-03-09T13:00:00Z", "2026-03-16T13:00:00Z"])
        #expect(spring.map(\.end.description) == ["2026-03-02T15:00:00Z", "2026-03-09T14:00:00Z", "2026-03-16T14:00:00Z"])
        let autumn = calendar.occurrences(of: event, from: try Self.at("2026-10-20T00:00:00Z"), to: try Self.at("2026-11-10T00:00:00Z"))
        #expect(autumn.map(\.start.description) == ["2026-10-26T13:00:00Z", "2026-11-02T14:00:00Z", "2026-11-09T14:00:00Z"])
        #expect(event.rrule?.frequency == .weekly)
        #expect(event.rrule?.byDay == [ICalendarRecurrenceDay(.monday)])
    }

    @Test("BYSETPOS=-1 picks the last weekday of each month")
    func lastWeekday() throws {
        #expect(try Self.rule("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6", "20260130T170000") == [
            "2026-01-30T17:00:00", "2026-02-27T17:00:00", "2026-03-31T17:00:00",
            "2026-04-30T17:00:00", "2026-05-29T17:00:00", "2026-06-30T17:00:00",
        ])
    }

    @Test("BYDAY ordinals, negative BYMONTHDAY, BYYEARDAY, BYWEEKNO, WKST and the finer frequencies")
    func byParts() throws {
        let cases: [(String, String, [String])] = [
            ("FREQ=MONTHLY;BYDAY=2TU;COUNT=4", "20260113T180000", ["2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14"]),
            ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", "20260130T120000", ["2026-01-30", "2026-02-27", "2026-03-27", "2026-04-24"]),
            ("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4", "20260131T090000", ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]),
            ("FREQ=MONTHLY;COUNT=4", "20260131T090000", ["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31"]),
            ("FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR;COUNT=3", "20260213T090000", ["2026-02-13", "2026-03-13", "2026-11-13"]),
            ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1SU,-1SU;COUNT=5", "20260104T090000",
             ["2026-01-04", "2026-01-25", "2026-03-01", "2026-03-29", "2026-05-03"]),
            ("FREQ=YEARLY;BYYEARDAY=1,-1;COUNT=4", "20260101T090000", ["2026-01-01", "2026-12-31", "2027-01-01", "2027-12-31"]),
            ("FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO;COUNT=4", "20270104T090000", ["2027-01-04", "2028-01-03", "2029-01-01", "2029-12-31"]),
            ("FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH;COUNT=3", "20201231T090000", ["2020-12-31", "2026-12-31", "2032-12-30"]),
            ("FREQ=YEARLY;BYDAY=20MO;COUNT=3", "20260518T090000", ["2026-05-18", "2027-05-17", "2028-05-15"]),
            ("FREQ=YEARLY;BYMONTH=11;BYDAY=TH;BYMONTHDAY=22,23,24,25,26,27,28;COUNT=3", "20261126T120000",
             ["2026-11-26", "2027-11-25", "2028-11-23"]),
            ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO;COUNT=4", "20260602T090000", ["2026-06-02", "2026-06-07", "2026-06-16", "2026-06-21"]),
            ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU;COUNT=4", "20260602T090000", ["2026-06-02", "2026-06-14", "2026-06-16", "2026-06-28"]),
            ("FREQ=DAILY;INTERVAL=10;COUNT=3", "20260125T080000", ["2026-01-25", "2026-02-04", "2026-02-14"]),
            // BYDAY lists days that each qualify (RFC 5545); python's dateutil instead keeps only
            // days that satisfy both the plain and the numbered entries.
            ("FREQ=MONTHLY;BYDAY=1SU,SA;COUNT=5", "20260201T100000", ["2026-02-01", "2026-02-07", "2026-02-14", "2026-02-21", "2026-02-28"]),
        ]
        for (rule, start, days) in cases {
            #expect(try Self.rule(rule, start).map { String($0.prefix(10)) } == days, "\(rule)")
        }
        #expect(try Self.rule("FREQ=YEARLY;BYMONTH=1;BYDAY=SU,MO;BYHOUR=8,9;BYMINUTE=30;COUNT=5", "20260104T083000") == [
            "2026-01-04T08:30:00", "2026-01-04T09:30:00", "2026-01-05T08:30:00", "2026-01-05T09:30:00", "2026-01-11T08:30:00",
        ])
        #expect(try Self.rule("FREQ=HOURLY;INTERVAL=6;BYHOUR=0,12;COUNT=4", "20260101T000000") == [
            "2026-01-01T00:00:00", "2026-01-01T12:00:00", "2026-01-02T00:00:00", "2026-01-02T12:00:00",
        ])
        #expect(try Self.rule("FREQ=MINUTELY;INTERVAL=15;BYHOUR=9;COUNT=5", "20260101T090500") == [
            "2026-01-01T09:05:00", "2026-01-01T09:20:00", "2026-01-01T09:35:00", "2026-01-01T09:50:00", "2026-01-02T09:05:00",
        ])
    }

    @Test("COUNT counts occurrences; UNTIL is inclusive, in UTC for a zoned start, and whole days for dates")
    func countAndUntil() throws {
        #expect(try Self.rule("FREQ=DAILY;COUNT=3", "20260101T080000") == ["2026-01-01T08:00:00", "2026-01-02T08:00:00", "2026-01-03T08:00:00"])
        #expect(try Self.rule("FREQ=DAILY;UNTIL=20260103T080000", "20260101T080000").count == 3)
        #expect(try Self.rule("FREQ=DAILY;UNTIL=20260103T075959", "20260101T080000").count == 2)
        // 08:00 in Paris is 07:00Z in winter, so UNTIL=…T070000Z still takes the 3rd.
        #expect(try Self.starts(["DTSTART;TZID=Europe/Paris:20260101T080000", "RRULE:FREQ=DAILY;UNTIL=20260103T070000Z"])
            == ["2026-01-01T07:00:00Z", "2026-01-02T07:00:00Z", "2026-01-03T07:00:00Z"])
        #expect(try Self.starts(["DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=WEEKLY;UNTIL=20260115"]) == ["2026-01-01", "2026-01-08", "2026-01-15"])
        // Both: whichever ends first.
        #expect(try Self.rule("FREQ=DAILY;COUNT=10;UNTIL=20260102T080000", "20260101T080000").count == 2)
    }

    @Test("EXDATE removes occurrences (in any zone, or a whole day); RDATE adds them, a PERIOD with its own end")
    func exdateAndRdate() throws {
        let (calendar, event) = try Self.calendar([
            "DTSTART;TZID=America/Chicago:20260105T180000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=5",
            "EXDATE;TZID=America/Chicago:20260112T180000", "EXDATE:20260120T000000Z",
            "RDATE;VALUE=PERIOD:20260107T230000Z/20260108T020000Z", "RDATE;TZID=America/Chicago:20260105T180000",
        ])
        let found = calendar.occurrences(of: event, from: try Self.at("2026-01-01T00:00:00Z"), to: try Self.at("2027-01-01T00:00:00Z"))
        #expect(found.map(\.start.description) == ["2026-01-06T00:00:00Z", "2026-01-07T23:00:00Z", "2026-01-27T00:00:00Z", "2026-02-03T00:00:00Z"])
        #expect(found.map(\.end.description) == ["2026-01-06T01:00:00Z", "2026-01-08T02:00:00Z", "2026-01-27T01:00:00Z", "2026-02-03T01:00:00Z"])
        #expect(event.exdates == [.instant(try Self.at("2026-01-13T00:00:00Z")), .instant(try Self.at("2026-01-20T00:00:00Z"))])
        #expect(event.rdates.first == ICalendarRecurrenceDate(
            start: .instant(try Self.at("2026-01-07T23:00:00Z")), end: .instant(try Self.at("2026-01-08T02:00:00Z"))
        ))
        #expect(try Self.starts(["DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=DAILY;COUNT=4", "EXDATE;VALUE=DATE:20260102,20260104"])
            == ["2026-01-01", "2026-01-03"])
        #expect(try Self.starts(["DTSTART:20260101T100000Z", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20260102"]).count == 2)
    }

    @Test("DTSTART is always the first occurrence and counts toward COUNT, even off the rule")
    func startCounts() throws {
        // 2026-01-01 is a Thursday; the rule names Mondays.
        #expect(try Self.rule("FREQ=WEEKLY;BYDAY=MO;COUNT=3", "20260101T090000") == [
            "2026-01-01T09:00:00", "2026-01-05T09:00:00", "2026-01-12T09:00:00",
        ])
    }

    @Test("all-day occurrences are dates, floating ones floating; the window and the limit apply to starts")
    func windowAndForms() throws {
        let (calendar, event) = try Self.calendar(["DTSTART;VALUE=DATE:20200229", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"])
        let found = calendar.occurrences(of: event, from: try Self.at("2026-01-01T00:00:00Z"), to: try Self.at("2029-01-01T00:00:00Z"))
        #expect(found.map(\.start) == [26, 27, 28].map { .date(ICalendarParsedDay(year: 2000 + $0, month: 2, day: $0 == 28 ? 29 : 28)) })
        #expect(found.first?.end == .date(ICalendarParsedDay(year: 2026, month: 3, day: 1)))
        #expect(try Self.starts(["DTSTART:20260101T090000", "RRULE:FREQ=DAILY"], from: "2026-03-01T09:00:00Z", to: "2026-03-04T09:00:00Z")
            == ["2026-03-01T09:00:00", "2026-03-02T09:00:00", "2026-03-03T09:00:00"])
        #expect(try Self.starts(["DTSTART:19990101T090000Z", "RRULE:FREQ=DAILY"], limit: 3) == [
            "1999-01-01T09:00:00Z", "1999-01-02T09:00:00Z", "1999-01-03T09:00:00Z",
        ])
        #expect(try Self.starts(["DTSTART:20260101T090000Z"]) == ["2026-01-01T09:00:00Z"], "a single event has one occurrence")
        #expect(try Self.starts(["UID:no-start"]).isEmpty)
    }

    @Test("RSCALE=GREGORIAN with SKIP moves a missing 29 February; other scales give DTSTART only, with a warning")
    func scales() throws {
        #expect(try Self.starts(["DTSTART;VALUE=DATE:20240229", "RRULE:RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD;COUNT=3"])
            == ["2024-02-29", "2025-03-01", "2026-03-01"])
        #expect(try Self.starts(["DTSTART;VALUE=DATE:20240229", "RRULE:RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=BACKWARD;COUNT=2"])
            == ["2024-02-29", "2025-02-28"])
        #expect(try Self.starts(["DTSTART;VALUE=DATE:20240229", "RRULE:FREQ=YEARLY;COUNT=2"]) == ["2024-02-29", "2028-02-29"])
        let (calendar, event) = try Self.calendar(["DTSTART;VALUE=DATE:20260217", "RRULE:RSCALE=CHINESE;FREQ=YEARLY;BYMONTH=1L"])
        #expect(calendar.occurrences(of: event, from: try Self.at("2000-01-01T00:00:00Z"), to: try Self.at("2100-01-01T00:00:00Z")).count == 1)
        #expect(event.warnings.map(\.description) == ["line 4: RSCALE=CHINESE is not supported; only DTSTART and RDATE give occurrences"])
    }

    @Test("rules without end, or that never match, come back quickly and bounded")
    func bounded() throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let every = try Self.starts(["DTSTART:20000101T000000Z", "RRULE:FREQ=SECONDLY"], from: "2020-01-01T00:00:00Z", to: "2030-01-01T00:00:00Z")
            #expect(every.count == 10_000)
            #expect(every.first == "2020-01-01T00:00:00Z")
            #expect(try Self.rule("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "20260130T090000") == ["2026-01-30T09:00:00"])
            #expect(try Self.rule("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30;BYSECOND=1,2,3", "20260130T090000").count == 1)
            let far = try Self.rule("FREQ=YEARLY;COUNT=2000000000;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10", "19900101T000000")
            #expect(far.count > 100)
        }
        #expect(elapsed < .seconds(5))
    }

    @Test("random damage to a calendar never crashes or hangs the reader")
    func mutations() throws {
        let base = Array(ICalendarReaderTests.sample.utf8) + Array((["BEGIN:VCALENDAR"] + ICalendarReaderTests.westEurope + [
            "BEGIN:VEVENT", "DTSTART;TZID=W. Europe Standard Time:20260301T100000", "RRULE:FREQ=MONTHLY;BYDAY=-1SU;BYSETPOS=1;COUNT=40",
            "EXDATE:20260329T080000Z", "RDATE;VALUE=PERIOD:20260401T100000Z/PT1H", "END:VEVENT", "END:VCALENDAR",
        ]).joined(separator: "\r\n").utf8)
        let alphabet = Array(":;,=\"\\ \r\n\t-+0129TZPWDHMS^".utf8) + [0x00, 0xC3, 0xFF]
        var random = Random(seed: 5545)
        let clock = ContinuousClock()
        for round in 0..<400 {
            var bytes = base
            for _ in 0...random.next(below: 6) {
                let index = random.next(below: bytes.count)
                switch random.next(below: 4) {
                case 0: bytes[index] = alphabet[random.next(below: alphabet.count)]
                case 1: bytes.insert(alphabet[random.next(below: alphabet.count)], at: index)
                case 2: bytes.removeSubrange(index..<min(bytes.count, index + random.next(below: 40)))
                default: bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + random.next(below: 80))], at: random.next(below: bytes.count))
                }
                if bytes.isEmpty { bytes = [0x41] }
            }
            let elapsed = clock.measure {
                guard let calendar = try? ICalendarReader.read(bytes) else { return }
                for event in calendar.events {
                    _ = calendar.occurrences(of: event, from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4e9), limit: 100)
                }
            }
            #expect(elapsed < .seconds(1), "round \(round)")
        }
    }

    /// SplitMix64: a small deterministic generator, so that a failing round can be replayed.
    struct Random {
        private var state: UInt64

        init(seed: UInt64) {
            state = seed
        }

        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Int(z % UInt64(max(bound, 1)))
        }
    }
}
