import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("System endpoints and the OpenAPI document")
struct SystemTests {
    @Test("the OpenAPI document lists every endpoint the server has, and only those")
    func openAPI() async throws {
        let app = try TestApp.make()
        try await app.test { client in
            let r = try await client.send(.get, "/api/v1/openapi.json")
            #expect(r.status == .ok)
            let doc = try #require(r.json)
            #expect(doc["openapi"] == "3.1.0")
            guard case .object(let paths) = doc["paths"] ?? .null else { Issue.record("no paths"); return }
            var documented = Set<String>()
            for (path, ops) in paths {
                guard case .object(let methods) = ops else { continue }
                for (method, op) in methods {
                    documented.insert("\(method.uppercased()) \(path)")
                    guard case .object(let responses) = op["responses"] ?? .null else { Issue.record("\(path) has no responses"); continue }
                    #expect(!responses.isEmpty)
                }
            }
            let served = Set(APIController(services: app.services).endpoints.map { "\($0.method.rawValue) \($0.path)" })
            #expect(documented == served)
            // Every $ref points at a schema that exists.
            guard case .object(let schemas) = doc["components"]?["schemas"] ?? .null else { Issue.record("no schemas"); return }
            for ref in Self.refs(in: doc) {
                #expect(schemas[String(ref.dropFirst("#/components/schemas/".count))] != nil, "dangling \(ref)")
            }
        }
    }

    static func refs(in value: JSONValue) -> [String] {
        switch value {
        case .object(let o): return (o["$ref"]?.stringValue.map { [$0] } ?? []) + o.values.flatMap(refs)
        case .array(let a): return a.flatMap(refs)
        default: return []
        }
    }

    @Test("health needs no account; metrics need an admin and count requests")
    func healthAndMetrics() async throws {
        let app = try TestApp.make()
        let admin = try await app.user(.admin), viewer = try await app.user(.viewer)
        try await app.test { client in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok)
            #expect(health.json?["database"] == "sqlite")
            #expect(try await client.send(.get, "/metrics").status == .unauthorized)
            #expect(try await client.send(.get, "/metrics", token: viewer.token).status == .forbidden)
            let metrics = try await client.send(.get, "/metrics", token: admin.token)
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("convene_http_requests_total{method=\"GET\",status=\"200\"}"))
            #expect(metrics.text.contains("convene_stakeholders 0"))
            let missing = try await client.send(.get, "/api/v1/nothing-here", token: admin.token)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("the server answers over real HTTP on loopback")
    func live() async throws {
        let app = try TestApp.make()
        let admin = try await app.user(.admin)
        try await buildApplication(services: app.services).test(.live) { client in
            let created = try await client.send(.post, "/api/v1/stakeholders", token: admin.token, json: #"{"displayName":"Riverside Chamber of Commerce","kind":"organization","types":["business"]}"#)
            #expect(created.status == .created)
            let list = try await client.send(.get, "/api/v1/stakeholders?q=chamber", token: admin.token)
            #expect(list.json?["total"] == 1)
        }
    }
}
