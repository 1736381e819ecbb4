import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("API: interactions, follow-ups, events, insight")
struct APIEngagementTests {
    @Test("log an interaction with a follow-up, see it in health and in my overdue list")
    func interactionsAndFollowUps() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let ana = try await app.registry.create(Make.person("Ana", "Ruiz"), actor: .system)
        try await app.test { client in
            let body = #"{"kind":"call","direction":"inbound","occurredAt":"2026-11-20T16:30:00-06:00","subject":"Asked about the bus route","stakeholderIds":["\#(ana.id)"],"topics":["transport"]}"#
            let made = try await client.send(.post, "/api/v1/interactions", token: staff.token, json: body)
            #expect(made.status == .created)
            let id = try #require(made.json?["id"]?.stringValue)
            #expect(made.json?["occurredAt"] == "2026-11-20T22:30:00Z")
            #expect(made.json?["isHeard"] == true)
            #expect(made.json?["userIds"] == [.string(staff.user.id)])

            let timeline = try await client.send(.get, "/api/v1/interactions?stakeholderId=\(ana.id)", token: staff.token)
            #expect(timeline.json?["items"]?[0]?["id"]?.stringValue == id)
            let health = try await client.send(.get, "/api/v1/stakeholders/\(ana.id)/health", token: staff.token)
            #expect(health.status == .ok)
            #expect(health.json?["contactsThisYear"] == 1)
            #expect(health.json?["explanation"]?.stringValue?.hasSuffix("1 contact this year; initiated by them") == true)

            let followUp = #"{"title":"Send the new route map","ownerId":"\#(staff.user.id)","dueOn":"2026-01-05","stakeholderIds":["\#(ana.id)"],"interactionId":"\#(id)"}"#
            let f = try await client.send(.post, "/api/v1/follow-ups", token: staff.token, json: followUp)
            #expect(f.status == .created)
            #expect(f.json?["isOverdue"] == true)
            let mine = try await client.send(.get, "/api/v1/follow-ups?owner=me&overdue=true", token: staff.token)
            #expect(mine.json?["total"] == 1)
            let fid = try #require(f.json?["id"]?.stringValue)
            let done = try await client.send(.patch, "/api/v1/follow-ups/\(fid)", token: staff.token, json: #"{"status":"done"}"#)
            #expect(done.json?["completedAt"]?.stringValue != nil)
            #expect(try await client.send(.get, "/api/v1/follow-ups?owner=me&overdue=true", token: staff.token).json?["total"] == 0)
        }
    }

    @Test("bad input gets 422 naming the field, and nothing is stored")
    func badInput() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let ana = try await app.registry.create(Make.person("Ana", "Ruiz"), actor: .system)
        let version = try await app.store.changeVersion()
        try await app.test { client in
            let cases: [(String, String, [String])] = [
                ("/api/v1/events", #"{"title":"Forum","startsAt":"2026-12-03T19:00:00-06:00","endsAt":"2026-12-03T18:00:00-06:00","timeZone":"America/Chicago"}"#, ["endsAt"]),
                ("/api/v1/events", #"{"title":"Forum","startsAt":"2026-12-03T18:00:00-06:00","endsAt":"2026-12-03T19:00:00-06:00","timeZone":"Central Time"}"#, ["timeZone"]),
                ("/api/v1/events", #"{"title":"Forum","startsAt":"tomorrow","endsAt":"2026-12-03T19:00:00-06:00","timeZone":"UTC"}"#, ["startsAt"]),
                ("/api/v1/events", #"{"title":"Forum","startsAt":"2026-12-03T18:00:00Z","endsAt":"2026-12-03T19:00:00Z","timeZone":"UTC","invitees":[{"stakeholderId":"\#(ana.id)"},{"rsvp":"maybe"}]}"#,
                 ["invitees[1].stakeholderId", "invitees[1].rsvp"]),
                ("/api/v1/interactions", #"{"kind":"call","subject":"Hello","stakeholderIds":["\#(ana.id)","0000000000000000000000"]}"#, ["stakeholderIds[1]"]),
                ("/api/v1/interactions", #"{"kind":"telepathy","subject":"Hello","stakeholderIds":["\#(ana.id)"],"mood":"good"}"#, ["kind", "mood"]),
                ("/api/v1/follow-ups", #"{"title":"Call back","stakeholderIds":["\#(ana.id)"]}"#, ["ownerId", "dueOn"]),
                ("/api/v1/follow-ups", #"{"title":"Call back","ownerId":"\#(staff.user.id)","dueOn":"2026-02-30"}"#, ["dueOn"]),
            ]
            for (path, body, fields) in cases {
                let r = try await client.send(.post, path, token: staff.token, json: body)
                #expect(r.status == .unprocessableContent, "\(body)")
                #expect(Set(r.errorFields) == Set(fields), "\(body): \(r.text)")
            }
        }
        #expect(try await app.store.changeVersion() == version)
    }

    @Test("events: invitees, attendance as an interaction, coverage, and iCalendar export")
    func events() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let admin = try await app.user(.admin)
        let board = try await app.registry.create(Make.organization("Riverside School Board", types: ["government-agency"]), actor: .system)
        var p = Make.person("Ana", "Ruiz", types: ["parent"], areas: ["Lincoln Elementary"])
        p.language = .some("es")
        let ana = try await app.registry.create(p, actor: .system)
        try await app.test { client in
            let start = Date().addingTimeInterval(-3 * 86_400)
            let body = """
                {"kind":"town-hall","title":"Budget town hall; Q&A, \\"open\\" mic","startsAt":"\(Timestamp.format(start))","endsAt":"\(Timestamp.format(start.addingTimeInterval(5400)))",
                 "timeZone":"America/Chicago","location":"Lincoln Elementary gym","organizerId":"\(board.id)","invitees":[{"stakeholderId":"\(ana.id)","rsvp":"accepted"}]}
                """
            let made = try await client.send(.post, "/api/v1/events", token: staff.token, json: body)
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(made.json?["id"]?.stringValue)
            let attended = try await client.send(.put, "/api/v1/events/\(id)/invitees/\(ana.id)", token: staff.token, json: #"{"attended":true}"#)
            #expect(attended.json?["invitees"] == [["stakeholderId": .string(ana.id), "rsvp": "accepted", "attended": true]])
            let contacts = try await client.send(.get, "/api/v1/interactions?eventId=\(id)", token: staff.token)
            #expect(contacts.json?["items"]?[0]?["stakeholderIds"] == [.string(ana.id)])

            let target = try await client.send(.post, "/api/v1/coverage-targets", token: admin.token,
                                               json: #"{"stakeholderType":"parent","area":"Lincoln Elementary","language":"es","heardPercent":50}"#)
            #expect(target.status == .created)
            #expect(try await client.send(.post, "/api/v1/coverage-targets", token: staff.token, json: #"{"heardPercent":5}"#).status == .forbidden)
            let coverage = try await client.send(.get, "/api/v1/coverage?period=30d", token: staff.token)
            #expect(coverage.json?["targets"]?[0]?["met"] == true)
            #expect(coverage.json?["targets"]?[0]?["result"]?["heard"] == 1)
            #expect(try await client.send(.get, "/api/v1/coverage?period=someday", token: staff.token).errorFields == ["period"])

            let ics = try await client.send(.get, "/api/v1/events/\(id)/calendar.ics", token: staff.token)
            #expect(ics.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(ics.text.contains("SUMMARY:Budget town hall\\; Q&A\\, \"open\" mic"))
            #expect(ics.text.contains("BEGIN:VTIMEZONE\r\nTZID:America/Chicago"))
            #expect(ics.text.contains("URL:http://"))
            #expect(ics.text.contains("/events/\(id)\r\n"))
            #expect(!ics.text.contains("Ruiz"), "invitees' names stay out of calendar files")

            // A private feed key reads the calendar with no other credential, and is refused as an API token.
            let feed = try await client.send(.post, "/api/v1/me/calendar-feed", token: staff.token)
            #expect(feed.status == .created)
            let path = try #require(feed.headers[.location])
            let key = String(path.dropFirst("/feeds/calendar/".count).dropLast(4))
            let subscribed = try await client.send(.get, path)
            #expect(subscribed.status == .ok)
            #expect(subscribed.text.contains("BEGIN:VEVENT"))
            #expect(try await client.send(.get, "/api/v1/events", token: key).status == .unauthorized)
            #expect(try await client.send(.get, "/feeds/calendar/cvf_not-a-key.ics").status == .notFound)
            let tokenId = try #require(feed.json?["tokenId"]?.stringValue)
            #expect(try await client.send(.delete, "/api/v1/tokens/\(tokenId)", token: staff.token).status.code < 300)
            #expect(try await client.send(.get, path).status == .notFound)
        }
    }
}
