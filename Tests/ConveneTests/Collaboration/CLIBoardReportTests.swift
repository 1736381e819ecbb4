import ConveneCore
import ConveneSQLite
import Foundation
import Testing

extension CLITests {
    @Test("convene report board prints an initiative's or a period's report as Markdown or HTML; bad options are named")
    func boardReport() async throws {
        let db = try Self.tempDB()
        let store = try SQLiteStore(path: db)
        let c = Collaboration(store: store)
        let i = try await c.create(Initiative.self, fields: ["title": "New start times", "slug": "start-times", "summary": "Should high schools start later?",
                                                             "startsOn": "2027-01-05", "plan": [["stakeholderType": "parent", "level": "involve", "target": 100]]], actor: .system)
        _ = try await c.create(Decision.self, fields: ["initiativeId": .string(i.id), "title": "Start at 8:45 from fall 2027", "decidedOn": "2027-02-10",
                                                       "rationale": "Sleep and buses.", "optionsConsidered": ["Keep 7:50", "Start at 8:45"]], actor: .system)
        let md = try Self.run(["report", "board", "--database", db, "--initiative", i.id, "--format", "md"])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.hasPrefix("# Board report: New start times"))
        #expect(md.stdout.contains("### 2027-02-10 — Start at 8:45 from fall 2027"))
        #expect(md.stdout.contains("| parent | involve | 100 | 0 | 0% |"))
        let html = try Self.run(["report", "board", "--database", db, "--initiative", "start-times"])
        #expect(html.status == 0 && html.stdout.hasPrefix("<!doctype html>") && html.stdout.contains("<h2>Decisions</h2>"))
        let period = try Self.run(["report", "board", "--database", db, "--from", "2027-02-01", "--to", "2027-02-28", "--format", "md"])
        #expect(period.status == 0 && period.stdout.contains("Start at 8:45 from fall 2027"))
        let none = try Self.run(["report", "board", "--database", db, "--from", "2027-03-01", "--to", "2027-03-31", "--format", "md"])
        #expect(none.stdout.contains("No decision recorded in the period."))
        let unknown = try Self.run(["report", "board", "--database", db, "--initiative", "no-such-thing"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no initiative has the id or slug \"no-such-thing\""), "\(unknown.stderr)")
        let both = try Self.run(["report", "board", "--database", db, "--initiative", i.id, "--from", "2027-01-01"])
        #expect(both.status != 0 && both.stderr.contains("not both"), "\(both.stderr)")
        let backwards = try Self.run(["report", "board", "--database", db, "--from", "2027-03-01", "--to", "2027-01-01"])
        #expect(backwards.status != 0 && backwards.stderr.contains("is before --from"), "\(backwards.stderr)")
    }
}
