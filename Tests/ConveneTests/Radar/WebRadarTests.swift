import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web: the issue radar")
struct WebRadarTests {
    @Test("staff follow an issue and add a source by form; items show why they matched; read, star and the briefing work")
    func pages() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff, email: "staff@example.org").user
        let viewer = try await app.user(.viewer, email: "viewer@example.org").user
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.email)
            let empty = try await client.postForm("/radar/issues/new", [("_csrf", csrf), ("name", ""), ("keywords", ""), ("status", "emerging"), ("priority", "medium")], cookie: cookie)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("must not be empty"))
            let made = try await client.postForm("/radar/issues/new", [("_csrf", csrf), ("name", "School funding formula"), ("keywords", "funding formula\nstate aid"),
                                                                       ("exclusions", "university"), ("status", "active"), ("priority", "high"), ("ownerId", staff.id)], cookie: cookie)
            #expect(made.status == .seeOther)
            let issue = try #require(try await app.services.radar.issues().first)
            #expect(issue.keywords == ["funding formula", "state aid"] && issue.exclusions == ["university"])

            let bad = try await client.postForm("/radar/sources", [("_csrf", csrf), ("url", "javascript:alert(1)"), ("title", ""), ("pollMinutes", "60")], cookie: cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("must be an http or https address"))
            let added = try await client.postForm("/radar/sources", [("_csrf", csrf), ("url", "https://policy.example.org/rss"), ("title", "Policy Tracker"), ("pollMinutes", "120")], cookie: cookie)
            #expect(added.headers[.location] == "/radar/sources?notice=added")
            let source = try #require(try await app.services.radar.sources().first)
            #expect(source.pollMinutes == 120)
            let rss = """
                <rss version="2.0"><channel><title>Policy Tracker</title>
                <item><guid>b1</guid><title>Senate moves on the funding formula</title><link>https://policy.example.org/b1</link><description>State aid &lt;em&gt;rises&lt;/em&gt; &lt;img src=x onerror=alert(1)&gt;</description></item>
                </channel></rss>
                """
            _ = try await app.services.radar.ingest(Array(rss.utf8), contentType: nil, source: source, state: source.fetch)

            let sources = try await client.get("/radar/sources", cookie: cookie)
            #expect(sources.text.contains("Policy Tracker") && sources.text.contains("1 new item"))
            let list = try await client.get("/radar?issue=\(issue.id)", cookie: cookie)
            #expect(list.status == .ok)
            #expect(list.text.contains("Senate moves on the funding formula"))
            #expect(list.text.contains("Why it matched"))
            #expect(!list.text.contains("onerror"))
            let itemId = try #require(try await app.services.radar.items(ItemQuery()).first?.item.id)
            let star = try await client.postForm("/radar/items/\(itemId)/state", [("_csrf", csrf), ("isStarred", "true"), ("back", "/radar?starred=on")], cookie: cookie)
            #expect(star.headers[.location] == "/radar?starred=on#item-\(itemId)")
            #expect(try await client.get("/radar?starred=on", cookie: cookie).text.contains("Senate moves"))
            let open = try await client.get("/radar/items/\(itemId)/open", cookie: cookie)
            #expect(open.headers[.location] == "https://policy.example.org/b1")
            #expect(try await app.services.radar.item(id: itemId, userId: staff.id).isRead)

            let page = try await client.get("/radar/issues/\(issue.id)", cookie: cookie)
            #expect(page.text.contains("<svg") && page.text.contains("Senate moves"))
            #expect(try await client.get("/radar/issues", cookie: cookie).text.contains("School funding formula"))
            let briefing = try await client.get("/radar/briefing", cookie: cookie)
            #expect(briefing.status == .ok && briefing.text.contains("School funding formula"))
            let md = try await client.get("/radar/briefing.md", cookie: cookie)
            #expect(md.headers[.contentType]?.hasPrefix("text/markdown") == true && md.text.contains("### School funding formula"))
            let mail = try await client.get("/radar/briefing.html", cookie: cookie)
            #expect(mail.text.contains("Senate moves on the funding formula") && !mail.text.contains("<script") && !mail.text.contains("<style"))

            // A viewer reads, but cannot add sources.
            let (vc, vcsrf) = try await client.signIn(email: viewer.email)
            #expect(try await client.get("/radar", cookie: vc).status == .ok)
            #expect(try await client.postForm("/radar/sources", [("_csrf", vcsrf), ("url", "https://x.example.org/rss")], cookie: vc).status == .forbidden)
        }
    }
}
