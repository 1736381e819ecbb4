import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("API: issues, sources, items, trends, briefing")
struct APIRadarTests {
    static let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>State Board</title><id>urn:board</id><updated>2026-11-18T12:00:00Z</updated>
        <entry><id>urn:board:1</id><title>New attendance rules</title><link href="https://board.example.org/1"/><updated>2026-11-18T12:00:00Z</updated>
        <summary type="html">&lt;p&gt;Rules on &lt;b&gt;chronic absenteeism&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</summary></entry>
        <entry><id>urn:board:2</id><title>Teacher pay study</title><link href="https://board.example.org/2"/><updated>2026-11-17T12:00:00Z</updated>
        <summary>Salaries across the state.</summary></entry>
        </feed>
        """

    @Test("follow an issue, add a source, read its items with reasons, mark them, and get trends and the briefing")
    func flow() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff), viewer = try await app.user(.viewer)
        try await app.test { client in
            let made = try await client.send(.post, "/api/v1/issues", token: staff.token,
                                             json: #"{"name":"Chronic absenteeism","keywords":["chronic absenteeism","attendance"],"priority":"high"}"#)
            #expect(made.status == .created)
            let issueId = try #require(made.json?["id"]?.stringValue)
            #expect(made.json?["status"] == "emerging")
            let bad = try await client.send(.post, "/api/v1/sources", token: staff.token, json: #"{"url":"ftp://example.org/feed","pollMinutes":5}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("url") && bad.text.contains("pollMinutes"))
            let file = try await client.send(.post, "/api/v1/sources", token: staff.token, json: #"{"url":"file:///etc/passwd"}"#)
            #expect(file.status == .unprocessableContent)
            let s = try await client.send(.post, "/api/v1/sources", token: staff.token, json: #"{"url":"https://board.example.org/feed","title":"State Board"}"#)
            #expect(s.status == .created)
            let sourceId = try #require(s.json?["id"]?.stringValue)
            #expect(s.json?["status"]?["failures"] == 0)

            // What the poller would store, read through the service (the HTTP side has its own test).
            let source = try await app.services.radar.source(id: sourceId)
            _ = try await app.services.radar.ingest(Array(Self.feed.utf8), contentType: "application/atom+xml", source: source, state: source.fetch)
            let list = try await client.send(.get, "/api/v1/items?issueId=\(issueId)", token: viewer.token)
            #expect(list.json?["total"] == 1)
            let item = try #require(list.json?["items"]?[0])
            #expect(item["title"] == "New attendance rules")
            #expect(item["summaryHTML"]?.stringValue?.contains("<b>chronic absenteeism</b>") == true)
            #expect(item["summaryHTML"]?.stringValue?.contains("script") == false)
            #expect(item["matches"]?[0]?["reasons"]?[0]?.stringValue?.isEmpty == false)
            let itemId = try #require(item["id"]?.stringValue)
            let marked = try await client.send(.patch, "/api/v1/items/\(itemId)", token: viewer.token, json: #"{"isRead":true,"isStarred":true}"#)
            #expect(marked.json?["isRead"] == true && marked.json?["isStarred"] == true)
            // Flags are per user.
            #expect(try await client.send(.get, "/api/v1/items/\(itemId)", token: staff.token).json?["isRead"] == false)
            #expect(try await client.send(.get, "/api/v1/items?unread=true", token: viewer.token).json?["total"] == 1)
            #expect(try await client.send(.get, "/api/v1/items?starred=yes", token: viewer.token).status == .unprocessableContent)

            let trends = try await client.send(.get, "/api/v1/trends?weeks=8", token: viewer.token)
            #expect(trends.json?["items"]?[0]?["issueId"]?.stringValue == issueId)
            if case .array(let weeks)? = trends.json?["items"]?[0]?["weeks"] { #expect(weeks.count == 8) } else { Issue.record("no weeks") }
            let briefing = try await client.send(.get, "/api/v1/briefing?week=2026-W47", token: viewer.token)
            #expect(briefing.status == .ok)
            #expect(briefing.json?["issues"]?[0]?["newItems"] == 1)
            #expect(try await client.send(.get, "/api/v1/briefing?week=next-week", token: viewer.token).status == .unprocessableContent)

            // OPML out and back in: a known address is skipped, a new one added.
            let opml = try await client.send(.get, "/api/v1/sources/opml", token: viewer.token)
            #expect(opml.status == .ok && opml.text.contains("https://board.example.org/feed"))
            let more = opml.text.replacingOccurrences(of: "</body>", with: "<outline text=\"Research\" type=\"rss\" xmlUrl=\"https://journal.example.org/rss\"/></body>")
            let imported = try await client.send(.post, "/api/v1/sources/opml", token: staff.token, body: more, contentType: "text/x-opml")
            #expect(imported.status == .created)
            #expect(imported.json?["total"] == 1)
            let junk = try await client.send(.post, "/api/v1/sources/opml", token: staff.token, body: "name,url\nx,y", contentType: "text/x-opml")
            #expect(junk.status == .unprocessableContent)
            #expect(try await client.send(.get, "/api/v1/sources", token: viewer.token).json?["total"] == 2)

            let polled = try await client.send(.post, "/api/v1/sources/\(sourceId)/poll", token: staff.token)
            #expect(polled.status == .accepted)
            #expect(try await client.send(.delete, "/api/v1/issues/\(issueId)", token: viewer.token).status == .forbidden)
            #expect(try await client.send(.delete, "/api/v1/issues/\(issueId)", token: staff.token).status == .noContent)
        }
    }
}
