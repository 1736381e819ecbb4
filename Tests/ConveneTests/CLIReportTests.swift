import Foundation
import Testing

extension CLITests {
    @Test("convene report coverage and health, as text, CSV and JSON; a bad period is named")
    func reports() throws {
        let db = try Self.tempDB()
        let seeded = try Self.run(["seed", "--database", db, "--stakeholders", "400", "--interactions", "3000"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(seeded.stdout.contains("3000 interactions"), "\(seeded.stdout)")

        let text = try Self.run(["report", "coverage", "--database", db, "--period", "year"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("By stakeholder type"))
        #expect(text.stdout.contains("Parent"))

        let csv = try Self.run(["report", "coverage", "--database", db, "--period", "365d", "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "dimension,value,total,engaged,heard,engaged_percent,heard_percent,target_percent,met")
        let overall = try #require(lines.dropFirst().first?.split(separator: ",", omittingEmptySubsequences: false))
        #expect(overall[0] == "all")
        let total = Int(overall[2]) ?? 0, engaged = Int(overall[3]) ?? -1, heard = Int(overall[4]) ?? -1
        #expect(total > 300 && engaged > 0 && engaged <= total && heard <= engaged)

        let json = try Self.run(["report", "coverage", "--database", db, "--format", "json", "--period", "2025-01-01..2025-01-31", "--today", "2026-11-29"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((doc["period"] as? [String: Any])?["from"] as? String == "2025-01-01")

        let health = try Self.run(["report", "health", "--database", db, "--format", "csv", "--limit", "5"])
        #expect(health.status == 0, "\(health.stderr)")
        #expect(health.stdout.split(separator: "\n").count == 6)
        #expect(health.stdout.hasPrefix("id,name,score,band,days_since_last_contact,contacts_this_year,started_by_them,priority"))

        let bad = try Self.run(["report", "coverage", "--database", db, "--period", "next-week"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("period"), "\(bad.stderr)")
    }

    @Test("an unknown district time zone is refused with one line naming it")
    func badTimeZone() throws {
        let bad = try Self.run(["serve", "--database", try Self.tempDB(), "--port", "0", "--time-zone", "Central Time"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("\"Central Time\" is not a time zone"), "\(bad.stderr)")
    }
}
