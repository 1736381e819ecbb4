import ConveneCore
import ConveneFormats
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Import and export: CSV and vCard, API and round trips")
struct ImportExportTests {
    static let csv = """
        First Name,Last Name,E-mail Address,Mobile Phone,Company,Stakeholder Type,School,Preferred language,Influence,Notes\r
        Ana,Ruiz,ana@example.org,555-0100,Lincoln Elementary PTA,Parent,Lincoln Elementary,es-MX,2,"Prefers evenings, after 6"\r
        Sam,Okafor,sam@example.org,,,parent; community member,Jefferson Middle,,,\r
        Bad,Row,not-an-email,,,alien,,,high,\r

        """

    @Test("the API imports a CSV body: a rejected row is a 422 naming the line; skipInvalid writes the rest", arguments: Engine.available)
    func apiImport(engine: Engine) async throws {
        let app = try await TestApp.make(engine: engine)
        let staff = try await app.user(.staff)
        try await app.test { client in
            let refused = try await client.send(.post, "/api/v1/imports/stakeholders", token: staff.token, body: Self.csv, contentType: "text/csv")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorFields.allSatisfy { $0 == "line 4" } && !refused.errorFields.isEmpty, "\(refused.text)")
            #expect(refused.text.contains("column Influence: \\\"high\\\" is not a whole number from 1 to 5"), "\(refused.text)")
            #expect(try await app.store.countStakeholders() == 0)

            let dry = try await client.send(.post, "/api/v1/imports/stakeholders?dryRun=true&skipInvalid=true", token: staff.token, body: Self.csv, contentType: "text/csv")
            #expect(dry.status == .ok)
            #expect(dry.json?["counts"]?["create"] == 2)
            #expect(dry.json?["mapping"]?["Preferred language"] == "language")
            #expect(try await app.store.countStakeholders() == 0)

            let done = try await client.send(.post, "/api/v1/imports/stakeholders?skipInvalid=true", token: staff.token, body: Self.csv, contentType: "text/csv")
            #expect(done.json?["applied"] == true)
            #expect(try await app.store.countStakeholders() == 3, "two people and the PTA")

            let again = try await client.send(.post, "/api/v1/imports/stakeholders?skipInvalid=true&policy=skip", token: staff.token, body: Self.csv, contentType: "text/csv")
            #expect(again.json?["counts"]?["skip"] == 2)

            let viewer = try await app.user(.viewer)
            #expect(try await client.send(.post, "/api/v1/imports/stakeholders", token: viewer.token, body: Self.csv, contentType: "text/csv").status == .forbidden)
            let wrong = try await client.send(.post, "/api/v1/imports/stakeholders", token: staff.token, body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", contentType: "text/csv")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("line 1"), "\(wrong.text)")
        }
    }

    @Test("export → import is lossless for every field, as CSV and as vCard", arguments: Engine.available)
    func roundTrips(engine: Engine) async throws {
        let source = try await engine.makeStore()
        let district = DemoDistrict.generate(seed: 11, count: 300)
        try await source.insertStakeholders(district.stakeholders, relationships: [], actor: .system)
        let exporter = StakeholderExporter(registry: Registry(store: source))
        for format in StakeholderExporter.Format.allCases {
            let text = TextBox()
            _ = try await exporter.export(StakeholderQuery(archived: .include), format: format) { text.value += $0 }
            let target = try await engine.makeStore()
            let bytes = Array(text.value.utf8)
            let report = try await StakeholderImporter(store: target).run({
                var sent = false
                let chunks: () throws -> [UInt8]? = { if sent { return nil }; sent = true; return bytes }
                switch format {
                case .csv: return CSVImportSource(mapping: { ImportMapping.guess(header: $0) }, chunks: chunks)
                case .vcard: return try VCardImportSource(chunks: chunks)
                }
            }, options: .init(policy: .create), actor: .system)
            #expect(report.applied, "\(format): \(report.rows.filter { $0.action == .reject }.prefix(3).map(\.reasons))")
            #expect(report.rejected == 0, "\(format)")
            // Compare what Convene keeps, record by record, by name and contact (ids are new).
            let before = district.stakeholders.filter { !$0.isArchived }
            let after = try await Registry(store: target).search(StakeholderQuery(limit: 500)).items
            #expect(after.count + report.counts[.merge, default: 0] + district.stakeholders.filter(\.isArchived).count >= before.count)
            for original in before.prefix(120) {
                guard let copy = after.first(where: { $0.displayName == original.displayName && $0.emails == original.emails && $0.kind == original.kind }) else {
                    Issue.record("\(format): \(original.displayName) did not come back"); continue
                }
                let a = Self.kept(copy), b = Self.kept(original)
                let diff = a.indices.filter { a[$0] != b[$0] }.map { "field \($0): \(a[$0]) vs \(b[$0])" }
                #expect(diff.isEmpty, "\(format): \(original.displayName): \(diff)")
            }
        }
    }

    /// The fields an export carries, with ids and dates left out.
    static func kept(_ s: Stakeholder) -> [String] {
        [s.kind.rawValue, s.displayName, s.givenName ?? "", s.familyName ?? "", s.title ?? "", s.types.joined(separator: ","), s.level?.rawValue ?? "",
         s.areas.joined(separator: ","), "\(s.emails)", "\(s.phones)", "\(s.links)", "\(s.addresses)", s.language ?? "", "\(s.consent.status)",
         "\(s.consent.channels)", s.consent.since?.description ?? "", s.consent.source ?? "", "\(s.influence ?? 0)", "\(s.interest ?? 0)", s.engagementTarget?.rawValue ?? "", s.topics.joined(separator: ","),
         s.tags.joined(separator: ","), s.notes ?? "", s.affiliationId == nil ? "no organization" : "organization"]
    }
}

final class TextBox: @unchecked Sendable {
    var value = ""
}

extension ImportExportTests {
    static func multipart(_ fields: [(String, String)], file: (name: String, filename: String, body: String)) -> (String, String) {
        let boundary = "----convene-test-\(UUID().uuidString)"
        var out = ""
        for (k, v) in fields { out += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n" }
        out += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n\(file.body)\r\n"
        out += "--\(boundary)--\r\n"
        return (out, "multipart/form-data; boundary=\(boundary)")
    }

    @Test("the web import: upload, see the columns and the dry run, change a column, confirm")
    func webImport() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let (body, type) = Self.multipart([("_csrf", csrf)], file: ("file", "parents.csv", Self.csv))
            let uploaded = try await client.execute(uri: "/stakeholders/import", method: .post, headers: [.contentType: type, .cookie: cookie], body: ByteBuffer(string: body))
            #expect(uploaded.status == .seeOther)
            let location = try #require(uploaded.headers[.location])
            let preview = try await client.get(location, cookie: cookie)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("What will happen"))
            #expect(preview.text.contains("column Influence: &quot;high&quot; is not a whole number from 1 to 5"), "\(preview.text.prefix(3000))")
            #expect(preview.text.contains("<option value=\"language\" selected>"))
            // Leave out the Notes column and import the good rows.
            var fields: [(String, String)] = [("_csrf", csrf), ("policy", "update"), ("skipInvalid", "on"), ("action", "import")]
            for n in 0..<10 { fields.append(("col-\(n)", n == 9 ? "ignore" : ImportMapping.guess(header: Self.csv.components(separatedBy: "\r\n")[0].components(separatedBy: ",")).fields[n].rawValue)) }
            let done = try await client.postForm(location, fields, cookie: cookie)
            #expect(done.status == .ok)
            #expect(done.text.contains("What was done"))
            let ana = try #require(try await app.registry.search(StakeholderQuery(text: SearchText(parsing: "ruiz"))).items.first)
            #expect(ana.notes == nil && ana.language == "es-MX")
            // The upload is gone once used.
            #expect(try await client.get(location, cookie: cookie).status == .notFound)
            // A file that is not CSV gets a message saying so.
            let (bad, badType) = Self.multipart([("_csrf", csrf)], file: ("file", "contacts.csv", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
            let badUpload = try await client.execute(uri: "/stakeholders/import", method: .post, headers: [.contentType: badType, .cookie: cookie], body: ByteBuffer(string: bad))
            let badPage = try await client.get(try #require(badUpload.headers[.location]), cookie: cookie)
            #expect(badPage.status == .unprocessableContent)
            #expect(badPage.text.contains("cannot be imported"))
            // Export of the list, signed in.
            let export = try await client.get("/stakeholders/export?format=csv&q=ruiz", cookie: cookie)
            #expect(export.text.hasPrefix("id,kind,displayName"))
            #expect(export.text.contains("Ana Ruiz"))
        }
    }

    @Test("convene import stakeholders from the command line: dry run, refusal, skip-invalid, export")
    func cli() throws {
        let db = try CLITests.tempDB()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).csv").path
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: file))
        let dry = try CLITests.run(["import", "stakeholders", file, "--database", db, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Dry run (nothing written): 2 new"), "\(dry.stdout)")
        #expect(dry.stdout.contains("line 4: rejected Bad Row"))
        let refused = try CLITests.run(["import", "stakeholders", file, "--database", db])
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("so nothing was written"))
        let done = try CLITests.run(["import", "stakeholders", file, "--database", db, "--skip-invalid", "--mapping", "Notes=ignore"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.hasPrefix("Imported: 2 new"), "\(done.stdout)")
        let badMapping = try CLITests.run(["import", "stakeholders", file, "--database", db, "--mapping", "Shoe size=tags"])
        #expect(badMapping.status != 0)
        #expect(badMapping.stderr.contains("the file has no column \"Shoe size\""), "\(badMapping.stderr)")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).vcf").path
        let export = try CLITests.run(["export", "stakeholders", "--database", db, "--format", "vcard", "--to", out])
        #expect(export.status == 0, "\(export.stderr)")
        let vcf = try String(contentsOfFile: out, encoding: .utf8)
        #expect(vcf.components(separatedBy: "BEGIN:VCARD").count - 1 == 3)
    }
}
