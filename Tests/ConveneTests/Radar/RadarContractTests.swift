import ConveneCore
import Foundation
import Testing

/// Issues, sources and items of the radar: the same behaviour on every engine, through the
/// Core service and the store protocol.
@Suite("Radar contract")
struct RadarContractTests {
    struct Fixture {
        let store: any ConveneStore
        let radar: Radar
        let owner: User
        var actor: Actor { .user(owner) }
    }

    static func fixture(_ engine: Engine) async throws -> Fixture {
        let store = try await engine.makeStore()
        let owner = User(email: "lead@example.org", displayName: "Lead", role: .staff, passwordHash: "x")
        try await store.insertUser(owner, audit: AuditEntry(actor: .system, action: "create", entityType: "user", entityId: owner.id))
        return Fixture(store: store, radar: Radar(store: store), owner: owner)
    }

    static func rss(_ items: [(guid: String, title: String, summary: String, date: String)]) -> [UInt8] {
        let entries = items.map { i in
            "<item><guid>\(i.guid)</guid><title>\(i.title)</title><link>https://news.example.org/\(i.guid)</link><description>\(i.summary)</description><pubDate>\(i.date)</pubDate></item>"
        }.joined()
        return Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>State Ed News</title><link>https://news.example.org/</link>\(entries)</channel></rss>".utf8)
    }

    @Test("an issue keeps its words, owner and stakeholders; bad input names the field and changes nothing", arguments: Engine.available)
    func issues(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let parent = Stakeholder(kind: .person, displayName: "Rosa Diaz", types: ["parent"])
        try await f.store.insertStakeholder(parent, audit: AuditEntry(actor: .system, action: "create", entityType: "stakeholder", entityId: parent.id))
        let made = try await f.radar.createIssue(RadarIssuePatch(name: "Chronic absenteeism", keywords: ["chronic absenteeism", "attendance"],
                                                                 exclusions: ["employee attendance"], ownerId: .some(f.owner.id), stakeholderIds: [parent.id]), actor: f.actor)
        let read = try await f.radar.issue(id: made.id)
        #expect(read == made)
        #expect(read.stakeholderIds == [parent.id])
        #expect(read.status == .emerging && read.priority == .medium)
        // The name becomes the keyword when none is given.
        let other = try await f.radar.createIssue(RadarIssuePatch(name: "School funding formula"), actor: f.actor)
        #expect(other.keywords == ["School funding formula"])
        #expect(try await f.radar.issues().map(\.name) == ["Chronic absenteeism", "School funding formula"])

        let before = try await f.store.auditEntries(AuditQuery(entityType: "issue", limit: 50)).count
        await #expect(throws: ConveneError.self) {
            _ = try await f.radar.createIssue(RadarIssuePatch(name: "  ", keywords: []), actor: f.actor)
        }
        do {
            _ = try await f.radar.updateIssue(id: made.id, RadarIssuePatch(ownerId: .some("no-such-user"), stakeholderIds: ["00000000-0000-0000-0000-000000000000"]), actor: f.actor)
            Issue.record("an unknown owner was accepted")
        } catch ConveneError.invalid(let errors) {
            #expect(errors.map(\.field).contains("ownerId"))
            #expect(errors.map(\.field).contains("stakeholderIds[0]"))
        }
        #expect(try await f.radar.issue(id: made.id) == made)
        #expect(try await f.store.auditEntries(AuditQuery(entityType: "issue", limit: 50)).count == before)

        let changed = try await f.radar.updateIssue(id: made.id, RadarIssuePatch(status: .active, priority: .high), actor: f.actor)
        #expect(changed.status == .active && changed.priority == .high)
        try await f.radar.deleteIssue(id: other.id, actor: f.actor)
        #expect(try await f.radar.issues().count == 1)
        let actions = try await f.store.auditEntries(AuditQuery(entityType: "issue", limit: 50)).map(\.action)
        #expect(actions.sorted() == ["create", "create", "delete", "update"])
    }

    @Test("sources: addresses are checked and unique, polling is claimed once, outcomes are kept", arguments: Engine.available)
    func sources(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let a = try await f.radar.createSource(FeedSourcePatch(url: "https://news.example.org/feed.xml", pollMinutes: 30), actor: f.actor, now: now)
        #expect(a.title == "news.example.org")
        #expect(a.fetch.nextPollAt == now)
        for (patch, field) in [(FeedSourcePatch(url: "ftp://example.org/feed"), "url"), (FeedSourcePatch(url: "not an address"), "url"),
                               (FeedSourcePatch(url: "https://ok.example.org/x", pollMinutes: 1), "pollMinutes"),
                               (FeedSourcePatch(url: "https://ok.example.org/y", organizationId: .some("00000000-0000-0000-0000-000000000000")), "organizationId")] {
            do {
                _ = try await f.radar.createSource(patch, actor: f.actor)
                Issue.record("accepted \(patch)")
            } catch ConveneError.invalid(let errors) {
                #expect(errors.map(\.field).contains(field), "\(errors)")
            }
        }
        // The same address twice, and a batch with one bad entry, add nothing.
        await #expect(throws: ConveneError.self) { _ = try await f.radar.createSource(FeedSourcePatch(url: "https://news.example.org/feed.xml"), actor: f.actor) }
        await #expect(throws: ConveneError.self) {
            _ = try await f.radar.createSources([FeedSourcePatch(url: "https://b.example.org/rss"), FeedSourcePatch(url: "gopher://x")], actor: f.actor)
        }
        #expect(try await f.radar.sources().count == 1)

        let b = try await f.radar.createSource(FeedSourcePatch(url: "https://b.example.org/rss"), actor: f.actor, now: now.addingTimeInterval(10))
        let paused = try await f.radar.createSource(FeedSourcePatch(url: "https://c.example.org/rss", isPaused: true), actor: f.actor, now: now)
        let first = try await f.store.claimDueSources(now: now.addingTimeInterval(60), lease: 600, limit: 10)
        #expect(first.map(\.id) == [a.id, b.id])
        #expect(!first.contains { $0.id == paused.id })
        // Claimed sources are not handed out again while the lease runs.
        #expect(try await f.store.claimDueSources(now: now.addingTimeInterval(120), lease: 600, limit: 10).isEmpty)
        var state = a.fetch
        state.failures = 2
        state.lastError = "HTTP 500 Internal Server Error"
        state.nextPollAt = now.addingTimeInterval(3600)
        try await f.store.recordFetch(sourceId: a.id, kind: .rss, state: state)
        let stored = try await f.radar.source(id: a.id)
        #expect(stored.kind == .rss && stored.fetch.lastError == "HTTP 500 Internal Server Error" && stored.fetch.failures == 2)
        #expect(try await f.store.claimDueSources(now: now.addingTimeInterval(700), lease: 600, limit: 10).map(\.id) == [b.id])
        let resumed = try await f.radar.updateSource(id: paused.id, FeedSourcePatch(isPaused: false), actor: f.actor)
        #expect(!resumed.isPaused)
        try await f.radar.deleteSource(id: b.id, actor: f.actor)
        #expect(try await f.radar.sources().map(\.id).sorted() == [a.id, paused.id].sorted())
    }

    @Test("a feed's items are stored once, updated when they change, matched to issues, and read or starred per user", arguments: Engine.available)
    func items(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        let issue = try await f.radar.createIssue(RadarIssuePatch(name: "Chronic absenteeism", keywords: ["chronic absenteeism", "attendance"]), actor: f.actor)
        let source = try await f.radar.createSource(FeedSourcePatch(url: "https://news.example.org/feed.xml"), actor: f.actor)
        let other = try await f.radar.createSource(FeedSourcePatch(url: "https://mirror.example.org/feed.xml"), actor: f.actor)
        let feed = Self.rss([("a1", "Attendance falls again", "Chronic absenteeism rose in 40 districts.", "Mon, 16 Nov 2026 09:00:00 GMT"),
                             ("a2", "Board adopts budget", "The board adopted the budget &lt;b&gt;unanimously&lt;/b&gt;.", "Tue, 17 Nov 2026 10:00:00 GMT")])
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let first = try await f.radar.ingest(feed, contentType: "application/rss+xml", source: source, state: source.fetch, now: now)
        #expect(first.kind == .rss)
        #expect(first.counts == IngestCounts(added: 2))
        #expect(try await f.radar.source(id: source.id).fetch.lastResult == "2 new items")
        // The same feed again: nothing new. The same story from another source: a duplicate.
        #expect(try await f.radar.ingest(feed, contentType: nil, source: source, state: source.fetch, now: now).counts == IngestCounts(duplicates: 2))
        #expect(try await f.radar.ingest(feed, contentType: nil, source: other, state: other.fetch, now: now).counts == IngestCounts(duplicates: 2))
        // A changed item is updated in place.
        let changed = Self.rss([("a1", "Attendance falls again, update", "Chronic absenteeism rose in 41 districts.", "Mon, 16 Nov 2026 09:00:00 GMT")])
        #expect(try await f.radar.ingest(changed, contentType: nil, source: source, state: source.fetch, now: now).counts == IngestCounts(updated: 1))

        let all = try await f.radar.items(ItemQuery(userId: f.owner.id))
        #expect(all.map(\.item.title) == ["Board adopts budget", "Attendance falls again, update"])
        let matched = try await f.radar.items(ItemQuery(issueId: issue.id, userId: f.owner.id))
        #expect(matched.map(\.item.title) == ["Attendance falls again, update"])
        let reasons = matched[0].item.matches.first { $0.issueId == issue.id }?.reasons ?? []
        #expect(reasons.contains { $0.lowercased().contains("attendance") }, "\(reasons)")
        #expect(!(all[0].item.summaryHTML ?? "").contains("<script"))

        try await f.radar.mark(itemId: matched[0].item.id, userId: f.owner.id, isRead: true, isStarred: nil)
        try await f.radar.mark(itemId: all[0].item.id, userId: f.owner.id, isRead: nil, isStarred: true)
        #expect(try await f.radar.items(ItemQuery(userId: f.owner.id, unreadOnly: true)).map(\.item.title) == ["Board adopts budget"])
        #expect(try await f.radar.items(ItemQuery(userId: f.owner.id, starredOnly: true)).map(\.item.title) == ["Board adopts budget"])
        #expect(try await f.store.countRadarItems(ItemQuery(sourceId: source.id)) == 2)
        await #expect(throws: ConveneError.self) { try await f.radar.mark(itemId: "00000000-0000-0000-0000-000000000000", userId: f.owner.id, isRead: true, isStarred: nil) }

        // A new issue is matched against what was already read.
        let budget = try await f.radar.createIssue(RadarIssuePatch(name: "Budget", keywords: ["budget"]), actor: f.actor)
        #expect(try await f.radar.items(ItemQuery(issueId: budget.id)).map(\.item.title) == ["Board adopts budget"])
        let times = try await f.store.issueItemTimes(from: Date(timeIntervalSince1970: 0))
        #expect(Set(times.map(\.issueId)) == [issue.id, budget.id])
        #expect(try await f.store.itemCountsBySource() == [source.id: 2])

        // Bytes that are no feed are refused in words, and change nothing.
        await #expect(throws: RadarReadError.self) {
            _ = try await f.radar.ingest(Array("<html><body>Not found</body></html>".utf8), contentType: "text/html", source: source, state: source.fetch, now: now)
        }
        #expect(try await f.store.countRadarItems(ItemQuery()) == 2)
        try await f.radar.deleteSource(id: source.id, actor: f.actor)
        #expect(try await f.store.countRadarItems(ItemQuery()) == 0)
    }

    @Test("a backup carries the radar, and restores it on either engine", arguments: Engine.available)
    func backup(engine: Engine) async throws {
        let f = try await Self.fixture(engine)
        _ = try await f.radar.createIssue(RadarIssuePatch(name: "Attendance", keywords: ["attendance"]), actor: f.actor)
        let source = try await f.radar.createSource(FeedSourcePatch(url: "https://news.example.org/feed.xml"), actor: f.actor)
        _ = try await f.radar.ingest(Self.rss([("a1", "Attendance up", "Attendance rose.", "Mon, 16 Nov 2026 09:00:00 GMT")]), contentType: nil, source: source,
                                     state: source.fetch)
        let item = try await f.radar.items(ItemQuery()).first
        try await f.radar.mark(itemId: item?.item.id ?? "", userId: f.owner.id, isRead: true, isStarred: true)
        let tables = try await f.store.exportTables()
        let target = try await engine.makeStore()
        try await target.importTables(tables)
        let counts = try await target.tableCounts()
        for name in ["radar_issues", "radar_sources", "radar_items", "radar_item_issues", "radar_item_states"] {
            #expect(counts[name] == 1, "\(name): \(counts[name] ?? -1)")
        }
        let restored = try await Radar(store: target).items(ItemQuery(userId: f.owner.id))
        #expect(restored.map(\.item) == (try await f.radar.items(ItemQuery(userId: f.owner.id))).map(\.item))
        #expect(restored.first?.isStarred == true)
    }
}
