import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation

/// `convene report briefing`: the weekly radar briefing as Markdown or e-mail-ready HTML.
struct BriefingReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "briefing", abstract: "The issue radar's weekly briefing: new items per issue, rising issues, upcoming events.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html }

    @OptionGroup var db: DatabaseOptions
    @Option(help: "An ISO week such as 2026-W48 (default: this week).") var week: String?
    @Option(help: "md or html (an e-mail-ready file).") var format: Format = .md
    @Option(help: "Whose briefing: a user's email (their issues first; default: everyone's).") var user: String?
    @Option(help: "The district's time zone, for weeks and dates (default: CONVENE_TIME_ZONE or the system's).") var timeZone: String?
    @Option(help: "The server's public address, for links (default: CONVENE_PUBLIC_URL or http://localhost:8080).") var publicURL: String?

    func run() async throws {
        let store = try await db.open()
        let env = ProcessInfo.processInfo.environment
        let zoneName = timeZone ?? env["CONVENE_TIME_ZONE"]
        let zone = try zoneName.map { name in
            guard let z = TimeZone(identifier: name) else { throw CLIError("\"\(name)\" is not a time zone (use an IANA name such as America/Chicago)") }
            return z
        } ?? .current
        var userId: String?
        if let user {
            guard let u = try await store.user(email: user.lowercased()) else { throw CLIError("no user has the email \(user)") }
            userId = u.id
        }
        let briefing: Briefing
        do {
            briefing = try await Radar(store: store).briefing(week: week, userId: userId, zone: zone)
        } catch let error as ConveneError { throw CLIError("--week: \(error)") }
        let base = (publicURL ?? env["CONVENE_PUBLIC_URL"] ?? "http://localhost:8080").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        print(format == .md ? BriefingRenderer.markdown(briefing, baseURL: base) : BriefingRenderer.html(briefing, baseURL: base), terminator: "")
    }
}

/// `convene ingest FILE|URL`: read one source once, store its items, and say what came of it.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read a feed, OAI-PMH response or calendar once, from a file or an http(s) address, and store what it holds.",
        discussion: "A URL is added as a source if it is not one yet (and then polled by the server); a file becomes a paused source named by its path."
    )

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "A file, or an http or https address.") var location: String
    @Option(help: "The source's name (default: the host or file name).") var title: String?

    func run() async throws {
        let store = try await db.open()
        let radar = Radar(store: store)
        let isURL = location.lowercased().hasPrefix("http://") || location.lowercased().hasPrefix("https://")
        let address = isURL ? location : URL(fileURLWithPath: location).standardizedFileURL.absoluteString
        var source: FeedSource
        if let existing = try await store.feedSource(url: address) {
            source = existing
        } else {
            do {
                source = try await radar.createSource(FeedSourcePatch(title: title ?? (isURL ? nil : URL(fileURLWithPath: location).lastPathComponent), url: address,
                                                                      isPaused: !isURL), actor: Actor(userId: nil, label: "convene ingest"))
            } catch let error as ConveneError { throw CLIError("\(location): \(error)") }
        }
        let now = Date()
        let after: FeedSource
        if isURL {
            let fetcher = FeedFetcher()
            let services = Services(store: store, configuration: ServerConfiguration())
            after = await FeedPoller(services: services, fetcher: fetcher).poll(source, now: now)
            await fetcher.shutdown()
        } else {
            guard let data = FileManager.default.contents(atPath: location) else { throw CLIError("cannot read \(location)") }
            var state = source.fetch
            state.lastAttemptAt = now
            state.lastSuccessAt = now
            state.failures = 0
            state.lastError = nil
            do {
                let result = try await radar.ingest([UInt8](data), contentType: nil, source: source, state: state, now: now)
                source.fetch = result.state
                source.kind = result.kind
                after = source
            } catch let error as RadarReadError {
                throw CLIError("\(location): \(error.message)")
            }
        }
        if after.fetch.failures > 0 {
            throw CLIError("\(location): \(after.fetch.lastError ?? "failed")")
        }
        say("\(location): \(after.kind?.label ?? "source"): \(after.fetch.lastResult ?? "read")")
    }
}
