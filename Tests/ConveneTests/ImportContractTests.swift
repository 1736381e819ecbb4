import ConveneCore
import Foundation
import Testing

/// Rows handed over in batches, as a CSV reader would.
final class RowSource: ImportSource {
    let mapping: ImportMapping
    var rows: [[String]]
    let batch: Int
    var line = 1
    /// Throw when this line is reached (a damaged file), to test that nothing is written.
    let failAt: Int?

    init(_ mapping: ImportMapping, _ rows: [[String]], batch: Int = 2, failAt: Int? = nil) {
        self.mapping = mapping; self.rows = rows; self.batch = batch; self.failAt = failAt
    }

    func next() throws -> [ImportCandidate]? {
        guard !rows.isEmpty else { return nil }
        let take = rows.prefix(batch)
        rows.removeFirst(take.count)
        return try take.map { cells in
            line += 1
            if line == failAt { throw ConveneError.invalid("file", "line \(line): damaged") }
            return mapping.candidate(cells, line: line)
        }
    }
}

@Suite("Import contract")
struct ImportContractTests {
    static let header = ["First Name", "Last Name", "E-mail Address", "Mobile Phone", "Company", "Job Title", "Stakeholder Type", "School", "Zip",
                         "Influence", "Notes", "Favorite Color"]

    @Test("headers are guessed, and a mapping can be given by name")
    func guessing() throws {
        let m = ImportMapping.guess(header: Self.header)
        #expect(m.fields == [.givenName, .familyName, .email, .phone, .organization, .title, .types, .areas, .postalCode, .influence, .notes, .ignore])
        let changed = try m.overriding(with: "Favorite Color=tags, notes=ignore")
        #expect(changed.fields[11] == .tags && changed.fields[10] == .ignore)
        #expect(throws: ConveneError.invalid("mapping.Shoe size", "the file has no column \"Shoe size\"")) { try m.overriding(with: "Shoe size=tags") }
        #expect(throws: ConveneError.self) { try m.overriding(with: "Notes=hobbies") }
    }

    static func rows() -> [[String]] {
        [
            ["Ana", "Ruiz", "ana@example.org", "555-0100", "Lincoln Elementary PTA", "Treasurer", "Parent", "Lincoln Elementary", "92501", "2", "Prefers evenings", "blue"],
            ["Sam", "Okafor", "SAM@example.org", "", "", "", "parent; community member", "Jefferson Middle", "", "", "", ""],
            ["Ana María", "Ruiz", "ana@example.org", "", "", "", "", "Eastside", "", "", "", ""],
            ["Bad", "Row", "not-an-email", "", "", "", "alien", "", "", "high", "", ""],
        ]
    }

    @Test("a file with a rejected row changes nothing and names the row and column", arguments: Engine.available)
    func rejectedRowStopsAll(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let before = try await store.changeVersion()
        let importer = StakeholderImporter(store: store)
        let m = ImportMapping.guess(header: Self.header)
        let report = try await importer.run({ RowSource(m, Self.rows()) }, options: .init(), actor: .system)
        #expect(!report.applied)
        #expect(report.counts[.create] == 2 && report.counts[.merge] == 1 && report.counts[.reject] == 1)
        let bad = try #require(report.rows.first { $0.action == .reject })
        #expect(bad.line == 5)
        #expect(bad.reasons.contains("column Influence: \"high\" is not a whole number from 1 to 5"))
        #expect(bad.reasons.contains { $0.contains("not an email address") })
        #expect(bad.reasons.contains { $0.contains("unknown stakeholder type \"alien\"") })
        #expect(try await store.countStakeholders() == 0)
        #expect(try await store.changeVersion() == before)
    }

    @Test("leaving out rejected rows: creates, merges rows of the file, makes the organization, audits", arguments: Engine.available)
    func importsGoodRows(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let importer = StakeholderImporter(store: store)
        let m = ImportMapping.guess(header: Self.header)
        let dry = try await importer.run({ RowSource(m, Self.rows()) }, options: .init(dryRun: true, skipInvalid: true), actor: .system)
        #expect(dry.dryRun && !dry.applied)
        #expect(try await store.countStakeholders() == 0)
        let report = try await importer.run({ RowSource(m, Self.rows()) }, options: .init(skipInvalid: true), actor: .system)
        #expect(report.applied)
        #expect(report.counts[.create] == 2 && report.counts[.merge] == 1 && report.counts[.reject] == 1)
        #expect(report.organizationsCreated == ["Lincoln Elementary PTA"])
        #expect(try await store.countStakeholders() == 3)
        let anaId = try #require(report.rows.first { $0.line == 2 }?.stakeholderId)
        let ana = try #require(try await store.stakeholder(id: anaId))
        #expect(ana.displayName == "Ana María Ruiz")
        #expect(ana.areas == ["Lincoln Elementary", "Eastside"])
        #expect(ana.title == "Treasurer" && ana.influence == 2 && ana.types == ["parent"])
        #expect(ana.addresses.first?.postalCode == "92501")
        let orgId = try #require(ana.affiliationId)
        let org = try #require(try await store.stakeholder(id: orgId))
        #expect(org.kind == .organization && org.displayName == "Lincoln Elementary PTA")
        let sam = try #require(try await Registry(store: store).search(StakeholderQuery(text: SearchText(parsing: "okafor"))).items.first)
        #expect(sam.types == ["parent", "community-member"])
        #expect(sam.emails == [ContactPoint("sam@example.org")])
        #expect(try await store.auditEntries(AuditQuery(entityType: "stakeholder", entityId: anaId)).map(\.action) == ["import-update", "import"])
    }

    @Test("matching existing records: update fills in, skip leaves alone, create makes another", arguments: Engine.available)
    func policies(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let registry = Registry(store: store)
        var p = Make.person("Ana", "Ruiz", email: "ana@example.org")
        p.consent = Consent(status: .withdrawn)
        p.tags = ["volunteer"]
        let existing = try await registry.create(p, actor: .system)
        let header = ["Email", "Given name", "Family name", "Tags", "Consent"]
        let rows = [["ANA@example.org", "Ana", "Ruiz-Lopez", "pta-board", "yes"]]
        let m = ImportMapping.guess(header: header)
        let importer = StakeholderImporter(store: store)

        let skipped = try await importer.run({ RowSource(m, rows) }, options: .init(policy: .skip), actor: .system)
        #expect(skipped.counts[.skip] == 1 && skipped.rows.first?.stakeholderId == existing.id)
        #expect(try await store.stakeholder(id: existing.id) == existing)

        let updated = try await importer.run({ RowSource(m, rows) }, options: .init(policy: .update), actor: .system)
        #expect(updated.counts[.update] == 1)
        let after = try #require(try await store.stakeholder(id: existing.id))
        #expect(after.familyName == "Ruiz-Lopez" && after.displayName == "Ana Ruiz-Lopez")
        #expect(after.tags == ["volunteer", "pta-board"])
        #expect(after.consent.status == .withdrawn, "a file never widens consent")

        let created = try await importer.run({ RowSource(m, rows) }, options: .init(policy: .create), actor: .system)
        #expect(created.counts[.create] == 1)
        #expect(try await store.countStakeholders() == 2)
    }

    @Test("a file that breaks while being written leaves nothing behind", arguments: Engine.available)
    func failureMidWrite(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let m = ImportMapping.guess(header: ["Name", "Email"])
        let rows = (0..<50).map { ["Person \($0)", "p\($0)@example.org"] }
        var pass = 0
        let report = try? await StakeholderImporter(store: store).run({
            pass += 1
            return RowSource(m, rows, batch: 7, failAt: pass == 2 ? 40 : nil)
        }, options: .init(), actor: .system)
        #expect(report == nil)
        #expect(pass == 2)
        #expect(try await store.countStakeholders() == 0)
    }
}
