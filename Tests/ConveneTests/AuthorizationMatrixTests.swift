import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every route, every role: anonymous callers are turned away, lower roles are refused, and
/// the roles a route allows are let through (to whatever answer the route then gives).
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    static func concrete(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") || part.hasPrefix(":") ? "nosuchid" : String(part)
        }.joined(separator: "/")
    }

    @Test("every API endpoint checks its role")
    func api() async throws {
        let app = try TestApp.make()
        let users: [Role: String] = [.viewer: try await app.user(.viewer).token, .staff: try await app.user(.staff).token, .admin: try await app.user(.admin).token]
        let endpoints = APIController(services: app.services).endpoints
        #expect(endpoints.count >= 30)
        try await app.test { client in
            for e in endpoints {
                let uri = Self.concrete(e.path)
                let body = [.post, .patch].contains(e.method) ? "{}" : nil
                let anonymous = try await client.send(e.method, uri, json: body)
                if let role = e.role {
                    #expect(anonymous.status == .unauthorized, "\(e.method) \(e.path) anonymous gave \(anonymous.status.code)")
                    for (userRole, token) in users {
                        let r = try await client.send(e.method, uri, token: token, json: body)
                        if userRole >= role {
                            #expect(r.status != .unauthorized && r.status != .forbidden, "\(e.method) \(e.path) as \(userRole) gave \(r.status.code)")
                        } else {
                            #expect(r.status == .forbidden, "\(e.method) \(e.path) as \(userRole) gave \(r.status.code)")
                        }
                        #expect(r.status.code < 500, "\(e.method) \(e.path) as \(userRole) gave \(r.status.code)")
                    }
                } else if e.path.hasPrefix("/api/public/") {
                    // Public participation: no sign-in needed; an unknown consultation is simply not found.
                    #expect(anonymous.status != .forbidden && anonymous.status.code < 500, "public \(e.path) gave \(anonymous.status.code)")
                } else {
                    #expect(anonymous.status == .ok, "public \(e.path) gave \(anonymous.status.code)")
                }
            }
            let revoked = try await client.send(.get, "/api/v1/stakeholders", token: "cvn_not-a-real-token")
            #expect(revoked.status == .unauthorized)
        }
    }

    @Test("every web route checks its role, and every form its CSRF token")
    func web() async throws {
        let app = try TestApp.make()
        var people: [Role: User] = [:]
        for role in Role.allCases { people[role] = try await app.user(role, email: "\(role.rawValue)@example.org").user }
        // Sign-out last, or it would end the session the other checks use.
        let routes = WebController(services: app.services).routes.sorted { a, _ in a.path != "/logout" }
        #expect(routes.count >= 20)
        let accounts = people
        try await app.test { client in
            for route in routes where route.role != nil {
                let uri = Self.concrete(route.path)
                let anonymous = route.method == .get ? try await client.get(uri, cookie: nil) : try await client.postForm(uri, [], cookie: nil)
                if route.method == .get {
                    #expect(anonymous.status == .seeOther, "GET \(route.path) anonymous gave \(anonymous.status.code)")
                    #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true)
                } else {
                    #expect(anonymous.status == .unauthorized, "POST \(route.path) anonymous gave \(anonymous.status.code)")
                }
            }
            for role in Role.allCases {
                guard let user = accounts[role] else { continue }
                let (cookie, csrf) = try await client.signIn(email: user.email)
                for route in routes {
                    guard let needed = route.role else { continue }
                    let uri = Self.concrete(route.path)
                    let r = route.method == .get ? try await client.get(uri, cookie: cookie) : try await client.postForm(uri, [("_csrf", csrf)], cookie: cookie)
                    if role >= needed {
                        #expect(r.status != .unauthorized && r.status != .forbidden, "\(route.method) \(route.path) as \(role) gave \(r.status.code)")
                    } else {
                        #expect(r.status == .forbidden, "\(route.method) \(route.path) as \(role) gave \(r.status.code)")
                    }
                    #expect(r.status.code < 500, "\(route.method) \(route.path) as \(role) gave \(r.status.code)")
                    if route.method == .post, role >= needed, route.path != "/logout" {
                        let forged = try await client.postForm(uri, [("_csrf", "forged")], cookie: cookie)
                        #expect(forged.status == .forbidden, "POST \(route.path) with a forged CSRF token gave \(forged.status.code)")
                    }
                }
            }
        }
    }

    @Test("a session cookie on the API needs the CSRF header to change anything")
    func apiWithSession() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let body = #"{"displayName":"Riverside Rotary","kind":"organization"}"#
            let read = try await client.send(.get, "/api/v1/stakeholders", json: nil, headers: [.cookie: cookie])
            #expect(read.status == .ok)
            let noHeader = try await client.send(.post, "/api/v1/stakeholders", json: body, headers: [.cookie: cookie])
            #expect(noHeader.status == .forbidden)
            var headers: HTTPFields = [.cookie: cookie]
            if let name = HTTPField.Name("X-CSRF-Token") { headers[name] = csrf }
            let ok = try await client.send(.post, "/api/v1/stakeholders", json: body, headers: headers)
            #expect(ok.status == .created)
            #expect(try await app.store.countStakeholders() == 1)
        }
    }
}
