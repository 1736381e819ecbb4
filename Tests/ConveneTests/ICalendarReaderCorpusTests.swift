import ConveneFormats
import Foundation
import Testing

/// The 197 iCalendar files of python icalendar's test suite (`../shared/corpora/ics/icalendar`),
/// read by Convene and compared with what python's icalendar and dateutil make of them
/// (`Fixtures/ics-oracle.json`, written by `scripts/ics-oracle.py`; see that script to remake it).
@Suite("iCalendar reader on python icalendar's files")
struct ICalendarReaderCorpusTests {
    static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir
    }()

    static let corpora = root.appendingPathComponent("../shared/corpora").standardizedFileURL
    static let prefix = "ics/icalendar/src/icalendar/"

    /// Names that mark a file as meant to be rejected (../shared/corpora/README.md).
    static let rejectedByName = ["fuzz_", "broken_", "parsing_error", "invalid_"]

    /// Files whose names promise a clean read but that Convene rejects, and why. Each is the same
    /// kind of damage as a file the suite names broken, so reading it would be inconsistent.
    static let rejectedAnyway: [String: String] = [
        "fuzzing/corpus/Index_Error.ics": "fuzzer output: the first line is not BEGIN:…; python's icalendar rejects it too",
        "fuzzing/corpus/Type_Error.ics": "fuzzer output: the first line is \"(EBEGIN:\"; python's icalendar rejects it too",
        "fuzzing/corpus/issue_464_invalid_rdate.ics": "RDATE period starts on \"199709T180000Z\", which is no date; python keeps the event and drops the RDATE",
        "tests/events/issue_464_invalid_rdate.ics": "the same file as in fuzzing/corpus",
        "fuzzing/corpus/timezone_same_start_and_offset.ics": "ends with END:VCALENDARD, an END without its BEGIN (as \"END:VEVENT without BEGIN:VEVENT\")",
        "tests/calendars/timezone_same_start_and_offset.ics": "the same file as in fuzzing/corpus",
        "tests/calendars/issue_1081_empty_rdate.ics": "RDATE with no value: the same damage as parsing_error.ics's empty EXDATE",
        "tests/calendars/issue_1081_invalid_rrule_freq.ics": "FREQ=INVALID_TYPE_CAUSES_ERROR: the rule cannot be expanded, so when the event recurs is unknown",
        "tests/calendars/issue_1081_invalid_start_and_end.ics": "DTSTART:INVALID-DATE, exactly as broken_dtstart.ics",
        "tests/calendars/issue_1081_invalid_start_valid_end.ics": "DTSTART:INVALID-DATE, exactly as broken_dtstart.ics",
    ]

    /// Files both read where Convene and python's icalendar disagree, and why Convene is right.
    static let disagreements: [String: String] = [
        // Lines end in CR CR LF. Convene (like editors) takes the lone CR as a line break too and
        // reads the one VEVENT; python's icalendar finds no event at all.
        "fuzzing/corpus/issue_100_transformed_doctests_into_unittests.ics": "1 event",
        // No END:VCALENDAR. Every VEVENT in them is complete, so Convene reads them and warns that
        // the file may be cut short; python's icalendar silently drops every event.
        "tests/calendars/big_bad_calendar.ics": "20 events",
        "tests/calendars/small_bad_calendar.ics": "1 event",
        "tests/calendars/pr_480_summary_with_colon.ics": "2 events",
        // A lone "X" line. python rejects the file here but skips the same line inside a VEVENT
        // (issue_104_mark_events_broken.ics); Convene skips it with a warning in both.
        "tests/calendars/issue_104_broken_calendar.ics": "1 event",
        // TZID "Western/Central Europe" is no IANA or Microsoft name and has no VTIMEZONE. python
        // guesses Europe/Berlin; Convene reads the times as floating, with a warning.
        "tests/calendars/issue_526_calendar_with_different_events.ics": "2 events",
        "tests/calendars/issue_526_calendar_with_event_subset.ics": "1 event",
        "tests/calendars/issue_526_calendar_with_events.ics": "2 events",
        "tests/calendars/issue_526_calendar_with_shuffeled_events.ics": "2 events",
    ]

    struct Oracle: Decodable {
        var oracle: String
        var files: [File]
    }

    struct File: Decodable {
        var path: String
        var error: String?
        var events: [Event]?
    }

    struct Event: Decodable {
        var summary: String?
        var start: String?
        var end: String?
        var occurrences: [Occurrence]?
        var occurrencesError: String?
    }

    struct Occurrence: Decodable, Equatable, CustomStringConvertible {
        var start: String
        var end: String
        var description: String { start + "–" + end }
    }

    static func oracle() throws -> Oracle {
        let url = root.appendingPathComponent("Tests/ConveneTests/Fixtures/ics-oracle.json")
        return try JSONDecoder().decode(Oracle.self, from: Data(contentsOf: url))
    }

    static func read(_ path: String) throws -> (Result<ICalendarParsedCalendar, ICalendarReaderError>, Duration) {
        let data = try Data(contentsOf: corpora.appendingPathComponent(path))
        var result: Result<ICalendarParsedCalendar, ICalendarReaderError>?
        let elapsed = ContinuousClock().measure {
            result = Result { () throws(ICalendarReaderError) in try ICalendarReader.read(data) }
        }
        return (try #require(result), elapsed)
    }

    @Test("every file reads, or — if its name says it is broken — is rejected with a line number, within a second")
    func readOrReject() throws {
        let oracle = try Self.oracle()
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: Self.corpora.appendingPathComponent("ics/icalendar").path)
            .filter { $0.hasSuffix(".ics") }.map { "ics/icalendar/" + $0 }
        #expect(Set(onDisk) == Set(oracle.files.map(\.path)), "the oracle file covers exactly the corpus")
        #expect(oracle.files.count == 197)
        var rejected: [String] = []
        for file in oracle.files {
            let (result, elapsed) = try Self.read(file.path)
            let short = String(file.path.dropFirst(Self.prefix.count))
            let name = URL(fileURLWithPath: file.path).lastPathComponent
            #expect(elapsed < .seconds(1), "\(short) took \(elapsed)")
            switch result {
            case .success:
                #expect(!Self.rejectedByName.contains { name.hasPrefix($0) }, "\(short) should have been rejected")
                #expect(Self.rejectedAnyway[short] == nil, "\(short) was expected to be rejected")
            case let .failure(error):
                #expect(error.line >= 1)
                #expect(Self.rejectedByName.contains { name.hasPrefix($0) } || Self.rejectedAnyway[short] != nil, "\(short): \(error)")
                rejected.append(short)
            }
        }
        #expect(rejected.count == 18, "8 by name, 10 more listed in rejectedAnyway")
    }

    @Test("what Convene reads matches python's icalendar: summaries, start and end instants, occurrences in 2000–2030")
    func matchesOracle() throws {
        let from = Date(timeIntervalSince1970: 946_684_800) // 2000-01-01
        let to = Date(timeIntervalSince1970: 1_893_456_000) // 2030-01-01
        var compared = 0
        var occurrencesCompared = 0
        for file in try Self.oracle().files {
            let short = String(file.path.dropFirst(Self.prefix.count))
            guard let expected = file.events, Self.disagreements[short] == nil,
                  case let .success(calendar) = try Self.read(file.path).0
            else { continue }
            #expect(calendar.events.count == expected.count, "\(short)")
            for (index, (event, want)) in zip(calendar.events, expected).enumerated() {
                let label = "\(short) event \(index + 1)"
                #expect(event.summary == want.summary, "\(label)")
                #expect(event.start?.description == want.start, "\(label)")
                #expect(event.end?.description == want.end, "\(label)")
                // dateutil cannot expand RSCALE (RFC 7529) or a rule with spaces in BYDAY.
                guard let occurrences = want.occurrences, want.occurrencesError == nil else { continue }
                let found = calendar.occurrences(of: event, from: from, to: to, limit: 20)
                #expect(found.map { Occurrence(start: $0.start.description, end: $0.end.description) } == occurrences, "\(label)")
                occurrencesCompared += 1
            }
            compared += 1
        }
        #expect(compared == 170)
        #expect(occurrencesCompared == 111, "events with a DTSTART that dateutil could expand")
    }

    @Test("where Convene and the oracle differ, Convene reads what the comments in this suite say")
    func disagreements() throws {
        for (short, count) in Self.disagreements {
            guard case let .success(calendar) = try Self.read(Self.prefix + short).0 else {
                Issue.record("\(short) was not read")
                continue
            }
            #expect("\(calendar.events.count) event\(calendar.events.count == 1 ? "" : "s")" == count, "\(short)")
        }
        let western = try Self.read(Self.prefix + "tests/calendars/issue_526_calendar_with_events.ics").0.get()
        #expect(western.events.first?.start == .floating(ICalendarParsedLocalTime(year: 2021, month: 11, day: 1, hour: 16)))
        let cut = try Self.read(Self.prefix + "tests/calendars/small_bad_calendar.ics").0.get()
        #expect(cut.warnings.map(\.description) == ["line 1: BEGIN:VCALENDAR has no END:VCALENDAR; the file may be cut short"])
        // dateutil gave up on these; Convene's reading, checked by hand.
        let standup = try Self.read(Self.prefix + "tests/calendars/issue_165_missing_event.ics").0.get()
        let days = try standup.occurrences(of: #require(standup.events.first), from: .distantPast, to: .distantFuture)
        #expect(days.map { String($0.start.description.prefix(10)) } == [
            "2015-07-03", "2015-07-06", "2015-07-07", "2015-07-08", "2015-07-09", "2015-07-10",
            "2015-07-13", "2015-07-14", "2015-07-15", "2015-07-16", "2015-07-17", "2015-07-20", "2015-07-21", "2015-07-22",
        ])
    }

    @Test("rejections name the line: the first of the broken ones, checked by hand")
    func rejectionMessages() throws {
        let expected = [
            "tests/calendars/broken_dtstart.ics": "line 6: DTSTART \"INVALID-DATE\" is not a date or date-time",
            "tests/calendars/broken_ical.ics": "line 4: DTSTART has an empty parameter name",
            "tests/calendars/parsing_error.ics": "line 19: EXDATE has an empty value",
            "tests/calendars/parsing_error_in_UTC_offset.ics": "line 7: TZOFFSETFROM \"+5744\" is not a UTC offset (±HHMM, hours below 24)",
            "tests/calendars/invalid_duration.ics": "line 8: DURATION \"P999999999999999999W\" is not a duration this reader can use",
            "tests/calendars/fuzz_testcase_invalid_month.ics": "line 1: BEGIN:V has no END:V (the file ends at line 2)",
            "tests/calendars/fuzz_testcase_vtimezone_lone_cr.ics": "line 1: VTIMEZONE \"S\" has no STANDARD or DAYLIGHT",
            "tests/calendars/fuzz_testcase_0_char_in_component_name.ics": "line 1: BEGIN:\"\\u{0}\" is not a component name",
        ]
        for (short, message) in expected {
            guard case let .failure(error) = try Self.read(Self.prefix + short).0 else {
                Issue.record("\(short) was read")
                continue
            }
            #expect(error.description == message, "\(short)")
        }
    }
}
