import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("API: stakeholders")
struct APIStakeholderTests {
    @Test("create, read, patch with If-Match, list with search and facets, archive")
    func lifecycle() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        try await app.test { client in
            let body = #"{"kind":"person","givenName":"Ana","familyName":"Ruiz","types":["parent"],"areas":["Lincoln Elementary"],"emails":[{"value":"ana@example.org","label":"home"}],"influence":2,"interest":5,"consent":{"status":"granted","channels":["email"],"since":"2026-08-01","source":"form"}}"#
            let created = try await client.send(.post, "/api/v1/stakeholders", token: staff.token, json: body)
            #expect(created.status == .created)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(created.headers[.location] == "/api/v1/stakeholders/\(id)")
            #expect(created.json?["displayName"] == "Ana Ruiz")
            #expect(created.json?["title"] == .null)
            let etag = try #require(created.headers[.eTag])

            let read = try await client.send(.get, "/api/v1/stakeholders/\(id)", token: staff.token)
            #expect(read.status == .ok)
            #expect(read.json?["consent"]?["since"] == "2026-08-01")

            let patched = try await client.send(.patch, "/api/v1/stakeholders/\(id)", token: staff.token, json: #"{"title":"PTA president","tags":["pta-board"]}"#, headers: [.ifMatch: etag])
            #expect(patched.status == .ok)
            #expect(patched.json?["title"] == "PTA president")
            #expect(patched.json?["emails"] == [["value": "ana@example.org", "label": "home"]])
            let stale = try await client.send(.patch, "/api/v1/stakeholders/\(id)", token: staff.token, json: #"{"title":"x"}"#, headers: [.ifMatch: etag])
            #expect(stale.status == .conflict)

            let list = try await client.send(.get, "/api/v1/stakeholders?q=ruiz&facets=type,area", token: staff.token)
            #expect(list.json?["total"] == 1)
            #expect(list.json?["facets"]?["type"] == [["value": "parent", "count": 1]])
            #expect(list.json?["nextCursor"] == .null)

            #expect(try await client.send(.post, "/api/v1/stakeholders/\(id)/archive", token: staff.token).status == .ok)
            #expect(try await client.send(.get, "/api/v1/stakeholders?q=ruiz", token: staff.token).json?["total"] == 0)
            #expect(try await client.send(.get, "/api/v1/stakeholders?q=ruiz&archived=only", token: staff.token).json?["total"] == 1)
        }
    }

    @Test("every invalid field is named, and nothing changes")
    func validation() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        try await app.test { client in
            let cases: [(String, [String])] = [
                (#"{"kind":"person"}"#, ["displayName"]),
                (#"{"displayName":"A","types":["wizard"]}"#, ["types[0]"]),
                (#"{"displayName":"A","level":"galactic"}"#, ["level"]),
                (#"{"displayName":"A","influence":6,"interest":0}"#, ["influence", "interest"]),
                (#"{"displayName":"A","influence":2.5}"#, ["influence"]),
                (#"{"displayName":"A","emails":[{"value":"ana@"}]}"#, ["emails[0].value"]),
                (#"{"displayName":"A","consent":{"status":"granted","channels":["email"],"since":"2026-02-30"}}"#, ["consent.since"]),
                (#"{"displayName":"A","affiliationId":"nosuchid"}"#, ["affiliationId"]),
                (#"{"displayName":"A","favouriteColour":"blue"}"#, ["favouriteColour"]),
                (#"{"displayName":42,"tags":"x"}"#, ["displayName", "tags"]),
                (#"{"displayName":"A","phones":[{"value":"call me"}],"links":[{"value":"javascript:alert(1)"}]}"#, ["phones[0].value", "links[0].value"]),
            ]
            for (body, fields) in cases {
                let r = try await client.send(.post, "/api/v1/stakeholders", token: staff.token, json: body)
                #expect(r.status == .unprocessableContent, "\(body)")
                #expect(r.headers[.contentType] == "application/problem+json")
                let named = Set(r.errorFields)
                #expect(named == Set(fields), "\(body) named \(named)")
            }
            let malformed = try await client.send(.post, "/api/v1/stakeholders", token: staff.token, json: #"{"displayName": "#)
            #expect(malformed.status == .badRequest)
            let notObject = try await client.send(.post, "/api/v1/stakeholders", token: staff.token, json: "[1,2]")
            #expect(notObject.status == .badRequest)
            let wrongType = try await client.send(.post, "/api/v1/stakeholders", token: staff.token, json: "{}", headers: [.contentType: "text/plain"])
            #expect(wrongType.status == .unsupportedMediaType)
            #expect(try await app.store.countStakeholders() == 0)
        }
    }

    @Test("hostile input never gets a 500, and HTML is escaped")
    func hostile() async throws {
        let app = try TestApp.make()
        let admin = try await app.user(.admin)
        try await app.test { client in
            let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
            let huge = "{\"displayName\":\"" + String(repeating: "a", count: 2_000_000) + "\"}"
            let bodies = [deep, huge, "{\"displayName\":\"\u{0}\u{7}\"}", "{\"displayName\":\"\\ud800\"}", "\u{FEFF}{}", "null", "\"str\"",
                          #"{"displayName":"'; DROP TABLE stakeholders; --","notes":"<script>alert(1)</script>"}"#]
            for body in bodies {
                let r = try await client.send(.post, "/api/v1/stakeholders", token: admin.token, json: body)
                #expect(r.status.code < 500, "\(body.prefix(40)) gave \(r.status.code)")
            }
            let list = try await client.send(.get, "/api/v1/stakeholders?q=%22%28%29*%3A%5E&limit=500&cursor=%%%", token: admin.token)
            #expect(list.status.code < 500)
            for path in ["/api/v1/stakeholders/..%2F..%2Fetc", "/api/v1/stakeholders/%00", "/api/v1/stakeholders/" + String(repeating: "x", count: 5000)] {
                #expect(try await client.send(.get, path, token: admin.token).status == .notFound)
            }
            let s = try await app.registry.search(StakeholderQuery(text: SearchText(parsing: "drop table")))
            let id = try #require(s.items.first?.id)
            let (cookie, _) = try await client.signIn(email: admin.user.email)
            let page = try await client.get("/stakeholders", cookie: cookie)
            #expect(page.text.contains("&#39;; DROP TABLE stakeholders; --"))
            #expect(!page.text.contains("<script>alert(1)</script>"))
            _ = id
        }
    }

    @Test("pages walk the whole list with cursors")
    func paging() async throws {
        let app = try TestApp.make()
        let viewer = try await app.user(.viewer)
        for i in 0..<7 { _ = try await app.registry.create(Make.person("P\(i)", "Family\(i)"), actor: .system) }
        try await app.test { client in
            var seen: [String] = []
            var uri = "/api/v1/stakeholders?limit=3"
            while true {
                let r = try await client.send(.get, uri, token: viewer.token)
                guard case .array(let items) = r.json?["items"] ?? .null else { break }
                seen += items.compactMap { $0["id"]?.stringValue }
                guard let next = r.json?["nextCursor"]?.stringValue else { break }
                uri = "/api/v1/stakeholders?limit=3&cursor=\(next)"
            }
            #expect(seen.count == 7)
            #expect(Set(seen).count == 7)
            #expect(try await client.send(.get, "/api/v1/stakeholders?limit=501", token: viewer.token).status == .unprocessableContent)
        }
    }
}
