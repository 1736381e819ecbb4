import ArgumentParser
import ConveneCore
import ConvenePostgres
import ConveneSQLite
import ConveneServer
import Foundation
import Logging

/// Where the data lives: `--database`, or `CONVENE_DATABASE` / `CONVENE_DATABASE_URL`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "A SQLite file, or postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…] (default: convene.sqlite in the working folder; env CONVENE_DATABASE or CONVENE_DATABASE_URL).")
    var database: String?

    var location: String {
        let env = ProcessInfo.processInfo.environment
        return database ?? env["CONVENE_DATABASE"] ?? env["CONVENE_DATABASE_URL"] ?? "convene.sqlite"
    }

    /// Opens the store, or exits with one clear line.
    func open() async throws -> any ConveneStore {
        let location = self.location
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            do {
                return try await PostgresStore(url: location)
            } catch let error as PostgresStoreError {
                throw CLIError(error.description)
            }
        }
        do {
            return try SQLiteStore(path: location)
        } catch let error as SQLiteStoreError {
            throw CLIError(error.description)
        } catch {
            throw CLIError("cannot open the database at \(location): \(error)")
        }
    }
}

/// Server settings: flags, or `CONVENE_*` environment variables.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (env CONVENE_HOST; default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on, 0 for any free one (env CONVENE_PORT; default 8080).") var port: Int?
    @Option(help: "bcrypt cost for new passwords, 4–31 (env CONVENE_BCRYPT_COST; default 12).") var bcryptCost: Int?
    @Flag(help: "Mark cookies Secure, for HTTPS (env CONVENE_SECURE_COOKIES=1).") var secureCookies = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error (env CONVENE_LOG_LEVEL; default info).") var logLevel: String?
    @Option(help: "The district's time zone, an IANA name such as America/Chicago (env CONVENE_TIME_ZONE; default the system's).") var timeZone: String?

    func configuration(defaultPort: Int = 8080) throws -> ServerConfiguration {
        let env = ProcessInfo.processInfo.environment
        var c = ServerConfiguration()
        c.host = host ?? env["CONVENE_HOST"] ?? "127.0.0.1"
        if let p = port { c.port = p } else if let text = env["CONVENE_PORT"] {
            guard let p = Int(text) else { throw CLIError("CONVENE_PORT must be a number, not \"\(text)\"") }
            c.port = p
        } else { c.port = defaultPort }
        guard (0...65535).contains(c.port) else { throw CLIError("the port must be from 0 to 65535") }
        if let cost = bcryptCost ?? env["CONVENE_BCRYPT_COST"].flatMap(Int.init) {
            guard (4...31).contains(cost) else { throw CLIError("the bcrypt cost must be from 4 to 31") }
            c.bcryptCost = UInt8(cost)
        }
        c.secureCookies = secureCookies || ["1", "true", "yes"].contains(env["CONVENE_SECURE_COOKIES"]?.lowercased() ?? "")
        if let level = logLevel ?? env["CONVENE_LOG_LEVEL"] {
            guard let l = Logger.Level(rawValue: level.lowercased()) else { throw CLIError("unknown log level \"\(level)\"") }
            c.logLevel = l
        }
        c.publicURL = env["CONVENE_PUBLIC_URL"]
        if let name = timeZone ?? env["CONVENE_TIME_ZONE"] {
            guard let zone = TimeZone(identifier: name) else { throw CLIError("\"\(name)\" is not a time zone (use an IANA name such as America/Chicago)") }
            c.timeZone = zone
        }
        if let text = env["CONVENE_JOB_INTERVAL"] {
            guard let seconds = Double(text), seconds >= 0.05 else { throw CLIError("CONVENE_JOB_INTERVAL must be a number of seconds, at least 0.05") }
            c.jobIntervalSeconds = seconds
        }
        if let text = env["CONVENE_POLL_INTERVAL"] {
            guard let seconds = Double(text), seconds == 0 || seconds >= 0.05 else {
                throw CLIError("CONVENE_POLL_INTERVAL must be a number of seconds (0 turns polling off)")
            }
            c.pollIntervalSeconds = seconds
        }
        if let text = env["CONVENE_PUBLIC_RATE_LIMIT"] {
            guard let n = Int(text), n >= 0 else { throw CLIError("CONVENE_PUBLIC_RATE_LIMIT must be a whole number of requests per minute (0 turns it off)") }
            c.publicRateLimit = n
        }
        return c
    }
}

/// A failure the user can act on, printed as one line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
