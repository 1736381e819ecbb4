import ArgumentParser
import ConveneAnalysis
import Foundation

/// `convene consultation`: measurement of the opinion analysis.
struct ConsultationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consultation", abstract: "Consultations: measure the opinion analysis.",
                                                    subcommands: [ConsultationBenchCommand.self])
}

/// `convene consultation bench`: planted-group votes, analyzed, timed.
struct ConsultationBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench",
                                                    abstract: "Generate a consultation with planted opinion groups, analyze it, and print the time and the agreement with the plan.")
    @Option(help: "Participants.") var participants = 10_000
    @Option(help: "Statements.") var statements = 1_000
    @Option(help: "Votes.") var votes = 1_000_000
    @Option(help: "Seed for the generator.") var seed: UInt64 = 1
    @Option(help: "Write the votes here as CSV (participant_id,statement_id,vote), for other tools.") var csv: String?

    func run() async throws {
        print(OpinionBenchmark.run(participants: participants, statements: statements, votes: votes, seed: seed, csvPath: csv))
    }
}
