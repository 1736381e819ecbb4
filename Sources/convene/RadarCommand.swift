import ArgumentParser
import ConveneCore
import Foundation

/// `convene radar`: upkeep and measurement of the issue radar.
struct RadarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "radar", abstract: "The issue radar: match items again, compute trends, seed generated items.",
                                                    subcommands: [RadarRematchCommand.self, RadarTrendsCommand.self, RadarSeedCommand.self])
}

/// `convene radar rematch`: every item against every issue again.
struct RadarRematchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rematch", abstract: "Match every stored item against every issue again, replacing the matches.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let r = try await Radar(store: try await db.open()).rematchAll()
        say(String(format: "matched %d items against %d issues: %d matches; matching %.2f s, with reading and writing %.2f s", r.items, r.issues, r.matches,
                   r.matchSeconds, r.totalSeconds))
    }
}

/// `convene radar trends`: every issue's weekly trend, rising ones first.
struct RadarTrendsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "trends", abstract: "Every issue's items this week against its usual count; rising issues first.")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "The district's time zone (default: CONVENE_TIME_ZONE or the system's).") var timeZone: String?
    @Option(help: "Print at most this many (0: all).") var limit = 20

    func run() async throws {
        let name = timeZone ?? ProcessInfo.processInfo.environment["CONVENE_TIME_ZONE"]
        let zone = try name.map { n in
            guard let z = TimeZone(identifier: n) else { throw CLIError("\"\(n)\" is not a time zone (use an IANA name such as America/Chicago)") }
            return z
        } ?? .current
        let started = Date()
        let trends = try await Radar(store: try await db.open()).trends(zone: zone)
        let seconds = Date().timeIntervalSince(started)
        for t in (limit > 0 ? Array(trends.prefix(limit)) : trends) {
            say("\(t.isRising ? "RISING " : "       ")\(t.issue.name): \(t.explanation)")
        }
        say(String(format: "%d issues' trends in %.2f s", trends.count, seconds))
    }
}

/// `convene radar seed`: generated issues and items at scale, for benchmarks.
struct RadarSeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Add generated issues and items (two years of them) to a database, for benchmarks.")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "How many issues.") var issues = 200
    @Option(help: "How many items.") var items = 200_000
    @Option(help: "Seed for the generator.") var seed: UInt64 = 2026

    func run() async throws {
        let store = try await db.open()
        let started = Date()
        try await DemoRadar.seedScale(into: store, issues: issues, items: items, seed: seed, now: Date())
        let seconds = Date().timeIntervalSince(started)
        say(String(format: "seeded %d issues and %d items in %.1f s (%.0f items/s read, matched and stored)", issues, items, seconds, Double(items) / max(seconds, 0.001)))
    }
}
