import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server: web interface, JSON API, health and metrics.")

    @OptionGroup var db: DatabaseOptions
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let store = try await db.open()
        let config = try server.configuration()
        try await Serve.run(store: store, configuration: config) { port in
            say("Convene is listening on http://\(config.host):\(port) (database: \(db.location))")
        }
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and stops.
    static func run(store: any ConveneStore, configuration: ServerConfiguration, onRunning: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "convene")
        logger.logLevel = configuration.logLevel
        let services = Services(store: store, configuration: configuration, logger: logger)
        let app = buildApplication(services: services) { port in
            onRunning(port)
        }
        try await app.runService()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database to the current schema (serve does this too).")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        _ = try await db.open()
        print("The database at \(db.location) is at the current schema.")
    }
}

/// Writes a line to standard output at once (print is buffered when stdout is a pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
