import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Import of events from iCalendar")
struct EventImportTests {
    static let calendar = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//Test//Convene tests//EN\r
        X-WR-TIMEZONE:America/Chicago\r
        BEGIN:VTIMEZONE\r
        TZID:Central Standard Time\r
        BEGIN:STANDARD\r
        DTSTART:16011104T020000\r
        RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r
        TZOFFSETFROM:-0500\r
        TZOFFSETTO:-0600\r
        END:STANDARD\r
        BEGIN:DAYLIGHT\r
        DTSTART:16010311T020000\r
        RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r
        TZOFFSETFROM:-0600\r
        TZOFFSETTO:-0500\r
        END:DAYLIGHT\r
        END:VTIMEZONE\r
        BEGIN:VEVENT\r
        UID:weekly-literacy@example.org\r
        SUMMARY:Literacy working group\r
        DTSTART;TZID=Central Standard Time:20261020T160000\r
        DTEND;TZID=Central Standard Time:20261020T173000\r
        RRULE:FREQ=WEEKLY;COUNT=4\r
        EXDATE;TZID=Central Standard Time:20261027T160000\r
        LOCATION:Room 4\\, District office\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:budget-day@example.org\r
        SUMMARY:Budget workshop\r
        DTSTART;VALUE=DATE:20261205\r
        DTEND;VALUE=DATE:20261206\r
        CATEGORIES:budget,board\r
        URL:https://www.example.org/budget\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:forum@example.org\r
        SUMMARY:Community forum on start times\r
        DTSTART:20261110T190000\r
        DURATION:PT90M\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test("recurring, all-day and floating events come in at the right instants; a second import updates", arguments: Engine.available)
    func imports(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let engagement = Engagement(store: store)
        let importer = EventImporter(engagement: engagement)
        let now = Timestamp.parse("2026-10-01T12:00:00Z")!
        let report = try await importer.run(Array(Self.calendar.utf8), dryRun: false, skipInvalid: false, districtZone: TimeZone(identifier: "UTC")!,
                                            actor: .system, now: now)
        #expect(report.applied)
        #expect(report.count(.create) == 5, "3 of 4 weekly (one excluded), the all-day one, the forum: \(report.rows)")
        let events = try await store.events(EventQuery())
        let weekly = events.filter { $0.title == "Literacy working group" }.map { Timestamp.format($0.startsAt) }
        // 16:00 in Chicago: 21:00Z while daylight time lasts, 22:00Z after 1 November.
        #expect(weekly == ["2026-10-20T21:00:00Z", "2026-11-03T22:00:00Z", "2026-11-10T22:00:00Z"])
        let first = try #require(events.first { $0.title == "Literacy working group" })
        #expect(first.location == "Room 4, District office")
        #expect(first.timeZone == "America/Chicago")
        #expect(first.kind == .workingGroupMeeting)
        let day = try #require(events.first { $0.title == "Budget workshop" })
        #expect(Timestamp.format(day.startsAt) == "2026-12-05T06:00:00Z" && Timestamp.format(day.endsAt) == "2026-12-06T06:00:00Z")
        #expect(day.onlineURL == "https://www.example.org/budget" && day.topics == ["budget", "board"])
        let forum = try #require(events.first { $0.title == "Community forum on start times" })
        #expect(Timestamp.format(forum.startsAt) == "2026-11-11T01:00:00Z" && forum.endsAt.timeIntervalSince(forum.startsAt) == 5400)
        #expect(forum.kind == .policyForum)

        let again = try await importer.run(Array(Self.calendar.replacingOccurrences(of: "Budget workshop", with: "Budget workshop (moved)").utf8),
                                           dryRun: false, skipInvalid: false, districtZone: TimeZone(identifier: "UTC")!, actor: .system, now: now)
        #expect(again.count(.update) == 1 && again.count(.skip) == 4 && again.count(.create) == 0)
        #expect(try await store.events(EventQuery()).count == 5)
    }

    @Test("a damaged calendar is refused with its line, and nothing is written; the API says the same", arguments: Engine.available)
    func damaged(engine: Engine) async throws {
        let app = try await TestApp.make(engine: engine)
        let staff = try await app.user(.staff)
        let broken = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:No end\r\nDTSTART:20261010T100000Z\r\nEND:VCALENDAR\r\n"
        try await app.test { client in
            let r = try await client.send(.post, "/api/v1/imports/events", token: staff.token, body: broken, contentType: "text/calendar")
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains("line"), "\(r.text)")
            let csv = try await client.send(.post, "/api/v1/imports/events", token: staff.token, body: "name,email\r\nAna,ana@example.org\r\n", contentType: "text/calendar")
            #expect(csv.status == .unprocessableContent)
            #expect(csv.text.contains("expected an iCalendar file"), "\(csv.text)")
            let good = try await client.send(.post, "/api/v1/imports/events?dryRun=true", token: staff.token, body: Self.calendar, contentType: "text/calendar")
            #expect(good.json?["counts"]?["create"] != nil)
        }
        #expect(try await app.store.events(EventQuery()).isEmpty)
    }

    @Test("the demo district's calendar exported as iCalendar imports back with the same titles and times")
    func demoRoundTrip() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let district = DemoDistrict.generate(seed: 2026, count: 400)
        try await app.store.insertStakeholders(district.stakeholders, relationships: [], actor: .system)
        let demo = DemoEngagement.generate(district: district, userIds: [staff.user.id], now: Date())
        try await demo.store(into: app.store)
        let ics = try await app.test { client in try await client.send(.get, "/api/v1/calendar.ics", token: staff.token).text }
        let target = try await Engine.sqlite.makeStore()
        let report = try await EventImporter(engagement: Engagement(store: target)).run(Array(ics.utf8), dryRun: false, skipInvalid: false,
                                                                                        districtZone: TimeZone(identifier: "UTC")!, actor: .system)
        #expect(report.applied && report.count(.reject) == 0)
        let exported = try await app.store.events(EventQuery(from: Date().addingTimeInterval(-90 * 86_400))).map { "\($0.title)|\($0.startsAt)|\($0.endsAt)|\($0.timeZone)|\($0.isCancelled)" }
        let imported = try await target.events(EventQuery()).map { "\($0.title)|\($0.startsAt)|\($0.endsAt)|\($0.timeZone)|\($0.isCancelled)" }
        #expect(!exported.isEmpty)
        #expect(Set(imported) == Set(exported))
    }
}
