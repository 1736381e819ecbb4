import Foundation

/// The body of `convene consultation bench`: a planted consultation, optionally written as CSV, analysed and timed.
public enum OpinionBenchmark {
    /// Generates `votes` votes of `participants` in three planted groups over `statements`
    /// (see `PlantedConsultation`, 10 % noise), writes them to `csvPath` (columns
    /// participant_id,statement_id,vote) and the groups found to `csvPath` + `.groups.csv`
    /// (participant_id,convene_group,planted_group) when a path is given, runs
    /// `OpinionAnalysis.analyze` and returns one line beginning `analysis: X.XX s, k=K`, with the
    /// adjusted Rand index of the groups against the planted ones.
    public static func run(participants: Int, statements: Int, votes: Int, seed: UInt64, csvPath: String?) -> String {
        let clock = ContinuousClock()
        let generationStart = clock.now
        let planted = PlantedConsultation(participants: participants, statements: statements, votes: votes, seed: seed)
        let generation = seconds(clock.now - generationStart)
        var written = ""
        if let csvPath {
            let ok = writeVotes(planted.votes, to: csvPath)
            written = ok ? ", csv=\(csvPath)" : ", csv write failed: \(csvPath)"
        }
        let start = clock.now
        let result = OpinionAnalysis.analyze(
            votes: planted.votes, participants: planted.participants, statements: planted.statements,
            configuration: .init(seed: seed))
        let elapsed = seconds(clock.now - start)

        var found = [Int](repeating: -1, count: planted.participants)
        for group in result.groups { for p in group.participants { found[p] = group.id } }
        let clustered = result.participantsClustered
        let ari = ClusterAgreement.adjustedRandIndex(clustered.map { found[$0] }, clustered.map { planted.labels[$0] })
        if let csvPath {
            var lines = "participant_id,convene_group,planted_group\n"
            for p in clustered { lines += "\(p),\(found[p]),\(planted.labels[p])\n" }
            try? lines.write(toFile: csvPath + ".groups.csv", atomically: true, encoding: .utf8)
        }
        let sizes = result.groups.map { String($0.participants.count) }.joined(separator: "/")
        let variance = result.explainedVariance.map { format($0, 3) }.joined(separator: "/")
        let consensusFound = result.consensus.contains { $0.statement == planted.consensusStatement && $0.direction == .agree }
        return "analysis: \(format(elapsed, 2)) s, k=\(result.groups.count), groups=\(sizes), ari=\(format(ari, 4)), "
            + "consensus=\(consensusFound ? "found" : "missed"), votes=\(result.votesAnalyzed), participants=\(planted.participants), "
            + "statements=\(planted.statements), explained=\(variance), generate: \(format(generation, 2)) s\(written)"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    private static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// Writes the votes as CSV in 1 MiB chunks; false when the file cannot be written.
    static func writeVotes(_ votes: [VoteRecord], to path: String) -> Bool {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            return false
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = Array("participant_id,statement_id,vote\n".utf8)
        buffer.reserveCapacity(1 << 20 + 64)
        func append(_ value: Int) {
            if value < 0 { buffer.append(UInt8(ascii: "-")) }
            var digits: [UInt8] = []
            var v = abs(value)
            repeat {
                digits.append(UInt8(ascii: "0") + UInt8(v % 10))
                v /= 10
            } while v > 0
            buffer.append(contentsOf: digits.reversed())
        }
        do {
            for vote in votes {
                append(vote.participant)
                buffer.append(UInt8(ascii: ","))
                append(vote.statement)
                buffer.append(UInt8(ascii: ","))
                append(Int(vote.vote))
                buffer.append(UInt8(ascii: "\n"))
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
        } catch {
            return false
        }
        return true
    }
}
