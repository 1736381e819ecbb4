import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make a demo district (synthetic, reproducible) and serve it.")

    @Option(help: "SQLite file for the demo (made if missing).") var database = "convene-demo.sqlite"
    @Option(help: "How many stakeholders to make.") var stakeholders = 2000
    @Option(help: "Seed for the generator: the same seed makes the same district.") var seed: UInt64 = 2026
    @OptionGroup var server: ServerOptions

    static let adminEmail = "admin@riverside.example.org"
    static let adminPassword = "riverside-demo-2026"

    func run() async throws {
        let store = try await DatabaseOptions(database: database).open()
        var config = try server.configuration()
        config.bcryptCost = min(config.bcryptCost, 10)
        // Riverside is in California, unless the caller said otherwise.
        if server.timeZone == nil, ProcessInfo.processInfo.environment["CONVENE_TIME_ZONE"] == nil, let pacific = TimeZone(identifier: "America/Los_Angeles") {
            config.timeZone = pacific
        }
        let services = Services(store: store, configuration: config)
        if try await store.countStakeholders() == 0 {
            say("Making the Riverside Unified demo district (\(stakeholders) stakeholders)...")
            try await Demo.populate(services, count: stakeholders, seed: seed)
        }
        if let admin = try await store.user(email: Demo.adminEmail) {
            // Keep the printed password true even if someone changed it in an earlier run.
            try await services.accounts.setPassword(userId: admin.id, password: Demo.adminPassword, actor: .system)
        }
        let host = config.host
        try await Serve.run(store: store, configuration: config) { port in
            say("""
                Convene demo is running at http://\(host):\(port)
                Sign in as \(Demo.adminEmail) with password \(Demo.adminPassword)
                (stop with Ctrl-C; the data stays in \(database))
                """)
        }
    }

    /// Fills an empty store with the demo district, its users and a few groups.
    static func populate(_ services: Services, count: Int, seed: UInt64) async throws {
        let accounts = services.accounts
        let admin = try await accounts.createUser(email: adminEmail, displayName: "Dana Whitfield (demo admin)", role: .admin, password: adminPassword, actor: .system)
        let staff = try await accounts.createUser(email: "engagement@riverside.example.org", displayName: "Marisol Vega", role: .staff, password: Secret.make(), actor: .system)
        let viewer = try await accounts.createUser(email: "board-liaison@riverside.example.org", displayName: "Theo Park", role: .viewer, password: Secret.make(), actor: .system)
        _ = viewer
        let district = DemoDistrict.generate(seed: seed, count: count, ownerIds: [admin.id, staff.id])
        try await services.store.insertStakeholders(district.stakeholders, relationships: district.relationships, actor: .system)
        let registry = services.registry
        var saved = GroupPatch()
        saved.name = "Spanish-speaking parents"
        saved.kind = .savedSearch
        saved.query = "type:parent tag:spanish-speaking"
        saved.description = .some("Parents who asked for Spanish; updates itself.")
        _ = try await registry.createGroup(saved, actor: .system)
        var budget = GroupPatch()
        budget.name = "Budget advisory committee"
        budget.kind = .static
        budget.description = .some("Community members on the 2026–27 budget advisory committee.")
        let group = try await registry.createGroup(budget, actor: .system)
        let members = district.stakeholders.filter { $0.tags.contains("budget-committee") && !$0.isArchived }.prefix(40).map(\.id)
        if !members.isEmpty { _ = try await registry.addMembers(groupId: group.id, stakeholderIds: Array(members), actor: .system) }
        // A year of contacts, events and follow-ups, ending today so the dashboard is live.
        let today = CalendarDate(date: Date()).startInstant.addingTimeInterval(12 * 3600)
        try await DemoEngagement.generate(district: district, userIds: [admin.id, staff.id], seed: seed, now: today).store(into: services.store)
        try await DemoRadar.seed(into: services.store, ownerId: staff.id, seed: seed, now: Date())
        try await DemoConsultation.seed(services.consultations, seed: seed, now: Date())
        try await DemoCollaboration.seed(store: services.store, consultations: services.consultations, ownerId: staff.id, now: Date())
    }

}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add a generated district to a database (for benchmarks and trials).")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "How many stakeholders to make.") var stakeholders = 2000
    @Option(help: "Seed for the generator.") var seed: UInt64 = 2026
    @Option(help: "How many generated interactions (two years of contact history) to add.") var interactions = 0

    func run() async throws {
        let store = try await db.open()
        let start = Date()
        let district = DemoDistrict.generate(seed: seed, count: stakeholders)
        let generated = Date()
        // Batches keep each transaction's memory small at 100,000 records.
        let batch = 5000
        let orgs = district.stakeholders.filter { $0.kind == .organization }
        let people = district.stakeholders.filter { $0.kind == .person }
        try await store.insertStakeholders(orgs, relationships: [], actor: .system)
        for i in stride(from: 0, to: people.count, by: batch) {
            try await store.insertStakeholders(Array(people[i..<min(i + batch, people.count)]), relationships: [], actor: .system)
        }
        for i in stride(from: 0, to: district.relationships.count, by: batch) {
            try await store.insertStakeholders([], relationships: Array(district.relationships[i..<min(i + batch, district.relationships.count)]), actor: .system)
        }
        let done = Date()
        let rate = Double(district.stakeholders.count) / max(done.timeIntervalSince(generated), 0.001)
        var line = String(format: "seeded %d stakeholders and %d relationships in %.1f s (generation %.1f s, %.0f stakeholders/s stored)",
                          district.stakeholders.count, district.relationships.count, done.timeIntervalSince(start), generated.timeIntervalSince(start), rate)
        if interactions > 0 {
            let ids = district.stakeholders.filter { !$0.isArchived }.map(\.id)
            let history = DemoEngagement.history(count: interactions, stakeholderIds: ids, userIds: [], now: Date())
            let made = Date()
            try await DemoEngagement(interactions: history).store(into: store)
            let stored = Date()
            line += String(format: "; %d interactions in %.1f s (generation %.1f s, %.0f interactions/s stored)", history.count, stored.timeIntervalSince(done),
                           made.timeIntervalSince(done), Double(history.count) / max(stored.timeIntervalSince(made), 0.001))
        }
        print(line)
    }
}

extension DatabaseOptions {
    init(database: String) {
        self.init()
        self.database = database
    }
}
