import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The poller against a real HTTP server on loopback: 200 and 304 with ETag, redirects,
/// 404, 500, a slow response, an endless one, an HTML page, a feed that changes between polls,
/// and an OAI-PMH repository whose records come in four pages.
@Suite("Feed polling over HTTP")
struct FeedPollingTests {
    static let sickle: URL = {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { dir.deleteLastPathComponent() }
        return dir.appendingPathComponent("../shared/corpora/oai/sickle/sickle/tests/sample_data").standardizedFileURL
    }()

    /// Counts what the server was asked, so tests can see conditional requests.
    actor Log {
        var conditional = 0
        var changingPolls = 0
        func sawConditional() { conditional += 1 }
        func nextChanging() -> Int { changingPolls += 1; return changingPolls }
    }

    static func rss(_ n: Int) -> String {
        let items = (1...n).map { i in
            "<item><guid>story-\(i)</guid><title>Attendance story \(i)</title><link>http://example.org/\(i)</link><description>Chronic absenteeism, part \(i).</description><pubDate>Mon, 16 Nov 2026 0\(i % 10):00:00 GMT</pubDate></item>"
        }.joined()
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Ed Week</title><link>http://example.org/</link>\(items)</channel></rss>"
    }

    static func router(_ log: Log) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/feed") { request, _ -> Response in
            if request.headers[.ifNoneMatch] == "\"v1\"" {
                await log.sawConditional()
                return Response(status: .notModified, headers: [.eTag: "\"v1\""])
            }
            return Response(status: .ok, headers: [.contentType: "application/rss+xml", .eTag: "\"v1\""], body: .init(byteBuffer: ByteBuffer(string: rss(2))))
        }
        router.get("/moved") { _, _ in Response(status: .movedPermanently, headers: [.location: "/feed"]) }
        router.get("/loop") { _, _ in Response(status: .found, headers: [.location: "/loop2"]) }
        router.get("/loop2") { _, _ in Response(status: .found, headers: [.location: "/loop"]) }
        router.get("/missing") { _, _ in Response(status: .notFound) }
        router.get("/broken") { _, _ in Response(status: .internalServerError) }
        router.get("/slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(9))
            return Response(status: .ok, headers: [.contentType: "application/rss+xml"], body: .init(byteBuffer: ByteBuffer(string: rss(1))))
        }
        router.get("/endless") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/rss+xml"], body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"))
                let chunk = ByteBuffer(string: String(repeating: "<item><title>x</title></item>", count: 2000))
                while true { try await writer.write(chunk) }
            })
        }
        router.get("/page") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<!doctype html><html><head><title>News</title></head><body>Hi</body></html>")))
        }
        router.get("/changing") { _, _ -> Response in
            let n = await log.nextChanging()
            return Response(status: .ok, headers: [.contentType: "application/rss+xml"], body: .init(byteBuffer: ByteBuffer(string: rss(n == 1 ? 2 : 3))))
        }
        router.get("/oai") { request, _ -> Response in
            let q = request.uri.queryParameters
            let name = q.get("resumptionToken") ?? (q.get("verb") == "ListRecords" ? "ListRecords.xml" : "badVerb")
            guard name.hasPrefix("ListRecords"), !name.contains("/"), let data = FileManager.default.contents(atPath: sickle.appendingPathComponent(name).path) else {
                return Response(status: .ok, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(string: """
                    <?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-16T00:00:00Z</responseDate><request>http://x/oai</request><error code="badVerb">Illegal verb</error></OAI-PMH>
                    """)))
            }
            return Response(status: .ok, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(bytes: [UInt8](data))))
        }
        return router
    }

    static func fetcher() -> FeedFetcher {
        var limits = FeedFetcher.Limits()
        limits.maxBytes = 1 << 20
        // Generous enough for a loaded test machine; /slow stays silent for longer than this.
        limits.readTimeout = .seconds(5)
        limits.totalTimeout = .seconds(15)
        return FeedFetcher(limits: limits)
    }

    @Test("each kind of answer ends in the right state, in words, with backoff after failures")
    func answers() async throws {
        let log = Log()
        let app = try TestApp.make()
        let radar = app.services.radar
        let admin = try await app.user(.staff).user
        let issue = try await radar.createIssue(RadarIssuePatch(name: "Chronic absenteeism", keywords: ["chronic absenteeism"]), actor: .user(admin))
        let server = Application(router: Self.router(log), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await server.test(.live) { client in
            let base = "http://127.0.0.1:\(client.port ?? 0)"
            let fetcher = Self.fetcher()
            let poller = FeedPoller(services: app.services, fetcher: fetcher)
            func source(_ path: String) async throws -> FeedSource {
                try await radar.createSource(FeedSourcePatch(url: base + path, pollMinutes: 60), actor: .user(admin))
            }
            let now = Date()

            // 200, then 304 for the same ETag.
            var feed = await poller.poll(try await source("/feed"), now: now)
            #expect(feed.kind == .rss && feed.fetch.failures == 0 && feed.fetch.lastResult == "2 new items")
            #expect(feed.fetch.etag == "\"v1\"")
            #expect(abs(feed.fetch.nextPollAt.timeIntervalSince(now) - 3600) < 1)
            #expect(try await radar.items(ItemQuery(issueId: issue.id)).count == 2)
            feed = await poller.poll(try await radar.source(id: feed.id), now: now)
            #expect(feed.fetch.lastResult == "not modified since the last poll")
            #expect(await log.conditional == 1)

            // A redirect is followed; a circle of redirects is not.
            let moved = await poller.poll(try await source("/moved"), now: now)
            #expect(moved.fetch.failures == 0 && moved.fetch.lastResult == "0 new items, 2 already known")
            let loop = await poller.poll(try await source("/loop"), now: now)
            #expect(loop.fetch.lastError == "the redirects go round in a circle")

            // Failures say what happened and back off: the interval, then twice it.
            var missing = await poller.poll(try await source("/missing"), now: now)
            #expect(missing.fetch.lastError == "HTTP 404 Not Found" && missing.fetch.failures == 1)
            #expect(abs(missing.fetch.nextPollAt.timeIntervalSince(now) - 3600) < 1)
            missing = await poller.poll(try await radar.source(id: missing.id), now: now)
            #expect(missing.fetch.failures == 2 && abs(missing.fetch.nextPollAt.timeIntervalSince(now) - 7200) < 1)
            let broken = await poller.poll(try await source("/broken"), now: now)
            #expect(broken.fetch.lastError == "HTTP 500 Internal Server Error")

            let slow = await poller.poll(try await source("/slow"), now: now)
            #expect(slow.fetch.failures == 1)
            #expect(slow.fetch.lastError == "the server sent nothing for more than 5 s", "\(slow.fetch.lastError ?? "")")
            let endless = await poller.poll(try await source("/endless"), now: now)
            #expect(endless.fetch.lastError?.contains("limit") == true || endless.fetch.lastError?.contains("longer than") == true, "\(endless.fetch.lastError ?? "")")
            let page = await poller.poll(try await source("/page"), now: now)
            #expect(page.fetch.lastError?.contains("HTML page") == true, "\(page.fetch.lastError ?? "")")

            // A feed that changes between polls: only the new item is added.
            var changing = await poller.poll(try await source("/changing"), now: now)
            #expect(changing.fetch.lastResult == "0 new items, 2 already known")
            changing = await poller.poll(try await radar.source(id: changing.id), now: now)
            #expect(changing.fetch.lastResult == "1 new item, 2 already known")
            #expect(try await app.store.countRadarItems(ItemQuery()) == 3)

            // Nothing failed silently: every failing source shows its error on the list.
            let failing = try await radar.sources().filter { $0.fetch.failures > 0 }
            #expect(failing.count == 6)
            #expect(failing.allSatisfy { $0.fetch.lastError != nil })
            await fetcher.shutdown()
        }
    }

    @Test("an OAI-PMH repository is harvested through its resumption tokens, deleted records left out")
    func oai() async throws {
        let app = try TestApp.make()
        let admin = try await app.user(.staff).user
        let server = Application(router: Self.router(Log()), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await server.test(.live) { client in
            let fetcher = Self.fetcher()
            let poller = FeedPoller(services: app.services, fetcher: fetcher)
            let source = try await app.services.radar.createSource(FeedSourcePatch(url: "http://127.0.0.1:\(client.port ?? 0)/oai"), actor: .user(admin))
            let done = await poller.poll(source, now: Date())
            #expect(done.kind == .oaiPMH)
            #expect(done.fetch.failures == 0, "\(done.fetch.lastError ?? "")")
            #expect(done.fetch.lastResult?.contains("4 pages") == true, "\(done.fetch.lastResult ?? "")")
            #expect(done.fetch.harvestedThrough != nil)
            let items = try await app.services.radar.items(ItemQuery(limit: 100))
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { !$0.item.title.isEmpty })
            await fetcher.shutdown()
        }
    }
}
