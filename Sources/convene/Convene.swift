import ArgumentParser

/// The `convene` command: the server and everything an administrator scripts.
@main
struct Convene: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Convene: stakeholder engagement for education leaders.",
        subcommands: [Serve.self, Demo.self, UserCommand.self, TokenCommand.self, Migrate.self, Seed.self, BackupCommand.self, RestoreCommand.self, ReportCommand.self, ImportCommand.self, ExportCommand.self, ParseCommand.self, IngestCommand.self, FeedCommand.self, RadarCommand.self, ConsultationCommand.self, InitiativeCommand.self]
    )
}
