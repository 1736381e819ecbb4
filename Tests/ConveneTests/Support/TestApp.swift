import ConveneCore
import ConveneSQLite
import ConveneServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A real Convene on a fresh SQLite file in a temporary folder, with bcrypt at its lowest
/// cost so tests stay quick. Each test gets its own.
struct TestApp {
    var services: Services
    let directory: URL

    static func make() throws -> TestApp {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir.appendingPathComponent("convene.sqlite").path)
        var config = ServerConfiguration()
        config.bcryptCost = 4
        config.port = 0
        config.logLevel = .error
        config.pollIntervalSeconds = 0
        return TestApp(services: Services(store: store, configuration: config), directory: dir)
    }

    /// A test app on the given engine (a scratch PostgreSQL database, or a SQLite file).
    static func make(engine: Engine) async throws -> TestApp {
        guard engine == .postgres else { return try make() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var config = ServerConfiguration()
        config.bcryptCost = 4
        config.port = 0
        config.logLevel = .error
        config.pollIntervalSeconds = 0
        return TestApp(services: Services(store: try await engine.makeStore(), configuration: config), directory: dir)
    }

    var store: any ConveneStore { services.store }
    var registry: Registry { services.registry }
    var accounts: Accounts { services.accounts }

    /// Makes a user with a role and an API token for them.
    func user(_ role: Role, email: String? = nil, password: String = "correct horse battery") async throws -> (user: User, token: String) {
        let u = try await accounts.createUser(email: email ?? "\(role.rawValue)-\(Identifier.make().prefix(6))@example.org", displayName: nil, role: role, password: password, actor: .system)
        let (secret, _) = try await accounts.createToken(for: u, name: "test", actor: .system)
        return (u, secret)
    }

    /// Runs `body` against the in-process router.
    func test<R: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> R) async throws -> R {
        let app = buildApplication(services: services)
        return try await app.test(.router) { client in try await body(client) }
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer token and JSON body.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Sends a request whose body is a file of the given media type.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String?, body: String, contentType: String) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a web form with a session cookie.
    @discardableResult
    func postForm(_ uri: String, _ fields: [(String, String)], cookie: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        let body = fields.map { "\(WebForm.encode($0.0))=\(WebForm.encode($0.1))" }.joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func get(_ uri: String, cookie: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await execute(uri: uri, method: .get, headers: headers)
    }

    /// Signs in through the web form; returns the Cookie header value and the session's CSRF token.
    func signIn(email: String, password: String = "correct horse battery") async throws -> (cookie: String, csrf: String) {
        let login = try await execute(uri: "/login", method: .get)
        let pre = WebForm.cookieValue(login.headers, "convene_csrf") ?? ""
        let csrf = WebForm.hiddenValue(String(buffer: login.body), "_csrf") ?? ""
        let r = try await postForm("/login", [("_csrf", csrf), ("email", email), ("password", password), ("next", "/stakeholders")], cookie: "convene_csrf=\(pre)")
        guard let session = WebForm.cookieValue(r.headers, "convene_session") else { throw TestFailure("sign-in failed with status \(r.status.code)") }
        let page = try await get("/stakeholders", cookie: "convene_session=\(session)")
        return ("convene_session=\(session)", WebForm.hiddenValue(String(buffer: page.body), "_csrf") ?? "")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Small readers for what a browser would see.
enum WebForm {
    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func cookieValue(_ headers: HTTPFields, _ name: String) -> String? {
        for value in headers[values: .setCookie] where value.hasPrefix(name + "=") {
            let v = value.dropFirst(name.count + 1).prefix { $0 != ";" }
            if v != "gone" { return String(v) }
        }
        return nil
    }

    /// The value of the first hidden input with this name.
    static func hiddenValue(_ html: String, _ name: String) -> String? {
        guard let r = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The fields a problem document's `errors` names.
    var errorFields: [String] {
        guard case .array(let items) = json?["errors"] ?? .null else { return [] }
        return items.compactMap { $0["field"]?.stringValue }
    }
    var json: JSONValue? { JSONValue.parse(Data(text.utf8)) }
}
