import ArgumentParser
import ConveneCore
import ConveneFormats
import Foundation

/// `convene export`: stakeholder lists as CSV or vCard.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write records out to files: stakeholders as CSV (every field, importable again) or vCard 4.0.",
        subcommands: [ExportStakeholders.self]
    )
}

extension StakeholderExporter.Format: ExpressibleByArgument {}

struct ExportStakeholders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stakeholders", abstract: "Export every stakeholder a search finds (all of them by default).")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "csv or vcard.") var format: StakeholderExporter.Format = .csv
    @Option(help: "A search, as the list takes it: words, \"phrases\", and filters such as type:parent area:\"Lincoln Elementary\".") var query = ""
    @Flag(help: "Include archived stakeholders.") var includeArchived = false
    @Option(help: "Write to this file (default: standard output).") var to: String?

    func run() async throws {
        let store = try await db.open()
        var q = StakeholderQuery(text: SearchText(parsing: query))
        if includeArchived { q.archived = .include }
        let handle: FileHandle
        if let to {
            guard FileManager.default.createFile(atPath: to, contents: nil), let h = FileHandle(forWritingAtPath: to) else { throw CLIError("cannot write \(to)") }
            handle = h
        } else {
            handle = FileHandle.standardOutput
        }
        let count: Int
        do {
            count = try await StakeholderExporter(registry: Registry(store: store)).export(q, format: format) { text in
                try handle.write(contentsOf: Data(text.utf8))
            }
        } catch let error as ConveneError {
            throw CLIError(error.description)
        }
        if to != nil {
            try handle.close()
            FileHandle.standardError.write(Data("exported \(count) stakeholders to \(to ?? "")\n".utf8))
        }
    }
}
