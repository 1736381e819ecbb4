import ArgumentParser
import ConveneCore
import Foundation

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Write the whole database (every record, id, history and audit entry) to one JSON file.")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "The file to write.") var to: String

    func run() async throws {
        let store = try await db.open()
        let doc = BackupDocument(engine: store.engineName, migrations: try await store.appliedMigrations(), tables: try await store.exportTables())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(doc)
        let tmp = to + ".partial"
        do {
            try data.write(to: URL(fileURLWithPath: tmp))
            _ = try? FileManager.default.removeItem(atPath: to)
            try FileManager.default.moveItem(atPath: tmp, toPath: to)
        } catch {
            throw CLIError("cannot write \(to): \(error.localizedDescription)")
        }
        let counts = doc.counts
        say("Backed up \(counts["stakeholders"] ?? 0) stakeholders, \(counts["users"] ?? 0) users and \(counts["audit_log"] ?? 0) audit entries to \(to) (\(data.count / 1024) KiB).")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Load a backup into an empty database (SQLite or PostgreSQL), then check every table's count.")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "The backup file to read.") var from: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: from) else { throw CLIError("cannot read \(from)") }
        let doc: BackupDocument
        do { doc = try JSONDecoder().decode(BackupDocument.self, from: data) } catch {
            throw CLIError("\(from) is not a Convene backup: \(Self.describe(error))")
        }
        let store = try await db.open()
        do {
            try doc.validate(knownMigrations: try await store.appliedMigrations())
            try await store.importTables(doc.tables)
        } catch let e as ConveneError {
            throw CLIError("nothing was restored: \(e.description)")
        }
        let after = try await store.tableCounts()
        var mismatches: [String] = []
        for table in BackupSchema.tables {
            let expected = doc.counts[table.name] ?? 0, found = after[table.name] ?? 0
            say("\(table.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(expected).padding(toLength: 9, withPad: " ", startingAt: 0)) \(found == expected ? "ok" : "MISMATCH: \(found) in the database")")
            if found != expected { mismatches.append(table.name) }
        }
        if !mismatches.isEmpty { throw CLIError("the restore does not match the backup in \(mismatches.joined(separator: ", "))") }
        say("Restored \(from) into \(store.engineName); every table's count matches.")
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let ctx): "missing \((ctx.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx): "wrong type at \(ctx.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let ctx): ctx.codingPath.isEmpty ? "not valid JSON" : "bad value at \(ctx.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "unreadable"
        }
    }
}
