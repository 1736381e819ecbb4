import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// A `postgres://` URL read the way libpq users expect: user, password, host, port,
/// database, and `sslmode` (`disable`, `prefer`, `require`, `verify-full`); a `host` query
/// parameter naming a folder means a Unix socket there. `PGPASSWORD` fills a missing password.
struct PostgresURL: Sendable {
    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var socketDirectory: String?
    var sslMode: String

    init(_ text: String) throws {
        guard let c = URLComponents(string: text), c.scheme == "postgres" || c.scheme == "postgresql" else {
            throw PostgresStoreError.badURL("expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        let query = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
        user = c.user?.removingPercentEncoding ?? c.user ?? ProcessInfo.processInfo.environment["PGUSER"] ?? "postgres"
        password = c.password?.removingPercentEncoding ?? query["password"] ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        host = c.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        port = c.port ?? query["port"].flatMap(Int.init) ?? 5432
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = path.isEmpty ? user : path
        if let h = query["host"], h.hasPrefix("/") { socketDirectory = h }
        sslMode = query["sslmode"] ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw PostgresStoreError.badURL("sslmode must be disable, prefer, require or verify-full, not \(sslMode)")
        }
    }

    /// The TLS settings `sslmode` asks for, nil for none. Only `verify-full` checks the
    /// certificate, as in libpq; `require` and `prefer` encrypt without checking it.
    var tlsConfiguration: TLSConfiguration? {
        if sslMode == "disable" || sslMode == "allow" { return nil }
        var config = TLSConfiguration.makeClientConfiguration()
        if sslMode != "verify-full" { config.certificateVerification = .none }
        return config
    }

    /// Whether a connection without TLS must be refused.
    var requiresTLS: Bool { ["require", "verify-ca", "verify-full"].contains(sslMode) }

    /// The pool's settings. Throws when the TLS settings cannot be made, rather than falling
    /// back to an unencrypted connection.
    func configuration() throws -> PostgresClient.Configuration {
        if let socketDirectory {
            return .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let tls: PostgresClient.Configuration.TLS = if let t = tlsConfiguration { requiresTLS ? try .require(t) : try .prefer(t) } else { .disable }
        var c = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        c.options.connectTimeout = .seconds(10)
        return c
    }

    /// One direct connection, made and closed before the pool starts: it fails at once, with
    /// the server's own words, where the pool would retry for a minute.
    func probe(logger: Logger) async throws {
        var config: PostgresConnection.Configuration
        if let socketDirectory {
            config = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            var tls = PostgresConnection.Configuration.TLS.disable
            if let t = tlsConfiguration {
                let context = try NIOSSLContext(configuration: t)
                tls = requiresTLS ? .require(context) : .prefer(context)
            }
            config = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        config.options.connectTimeout = .seconds(10)
        let connection = try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
        try? await connection.close()
    }

    /// The URL without its password, for messages.
    var redacted: String { "postgres://\(user)@\(socketDirectory ?? host):\(port)/\(database)" }
}

/// Why the PostgreSQL store could not start, said in one line.
public enum PostgresStoreError: Error, CustomStringConvertible {
    case badURL(String)
    case unreachable(String)
    case rejected(String)
    case newerSchema(String)

    public var description: String {
        switch self {
        case .badURL(let m): "the database URL is not usable: \(m)"
        case .unreachable(let m), .rejected(let m), .newerSchema(let m): m
        }
    }

    static func describe(_ error: any Error, settings: PostgresURL) -> any Error {
        if error is PostgresStoreError { return error }
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] {
                let code = e.serverInfo?[.sqlState] ?? ""
                if code == "28P01" || code == "28000" { return PostgresStoreError.rejected("PostgreSQL at \(settings.redacted) refused the sign-in: \(message)") }
                if code == "3D000" { return PostgresStoreError.rejected("PostgreSQL at \(settings.redacted): \(message)") }
                return PostgresStoreError.rejected("PostgreSQL at \(settings.redacted) said: \(message)")
            }
            var reason = e.underlying.map { String(describing: $0) } ?? "\(e.code)"
            if reason.contains("Connection refused") { reason = "connection refused (is the server running, on that host and port?)" }
            return PostgresStoreError.unreachable("cannot reach PostgreSQL at \(settings.redacted): \(reason)")
        }
        return PostgresStoreError.unreachable("cannot reach PostgreSQL at \(settings.redacted): \(error)")
    }
}
