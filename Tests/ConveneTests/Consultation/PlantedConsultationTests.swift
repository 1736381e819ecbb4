import ConveneAnalysis
import Foundation
import Testing

@Suite("Consultation analysis: planted opinion groups")
struct PlantedConsultationTests {
    /// Three groups of 200, 60 statements, 20 % of votes missing (48 of 60 each), 10 % noise,
    /// statement 0 agreed by everyone.
    static let planted = PlantedConsultation(participants: 600, statements: 60, votes: 600 * 48, groups: 3, noise: 0.1, seed: 7)

    @Test("finds the three groups (ARI ≥ 0.9), the planted consensus, and the same result twice")
    func findsPlantedGroups() {
        let result = OpinionAnalysis.analyze(votes: Self.planted.votes, participants: 600, statements: 60)
        #expect(result.votesAnalyzed == 600 * 48)
        #expect(result.groups.count == 3)
        #expect((result.silhouette[3] ?? -1) == result.silhouette.values.max())
        #expect(result.participantsClustered.count == 600)
        var found = [Int](repeating: -1, count: 600)
        for group in result.groups { for p in group.participants { found[p] = group.id } }
        let ari = ClusterAgreement.adjustedRandIndex(found, Self.planted.labels)
        #expect(ari >= 0.9)
        #expect(result.consensus.contains { $0.statement == 0 && $0.direction == .agree })
        #expect((result.groupAwareConsensus[0] ?? 0) > 0.7)
        #expect(!result.divisive.contains { $0.statement == 0 })
        #expect(result.explainedVariance.count == 2 && result.explainedVariance[0] >= result.explainedVariance[1])
        #expect(result.projection.count == 600)

        let again = OpinionAnalysis.analyze(votes: Self.planted.votes, participants: 600, statements: 60)
        #expect(again == result)
    }

    @Test("each group's representative statements follow the group's planted stance")
    func representativeStatements() {
        let result = OpinionAnalysis.analyze(votes: Self.planted.votes, participants: 600, statements: 60)
        for group in result.groups {
            // The planted group most of this group's members come from.
            var tally = [0, 0, 0]
            for p in group.participants { tally[Self.planted.labels[p]] += 1 }
            let planted = tally.firstIndex(of: tally.max() ?? 0) ?? 0
            #expect(!group.representative.isEmpty)
            for statement in group.representative {
                let stance = Self.planted.stance[planted][statement.statement]
                #expect(stance == (statement.direction == .agree ? 1 : -1))
                #expect(statement.percentInGroup > statement.percentInOthers)
            }
        }
    }

    @Test("statement stats count every vote and rank new statements first")
    func statementStats() {
        var votes = Self.planted.votes
        votes.append(VoteRecord(participant: 0, statement: 60, vote: 1))
        let result = OpinionAnalysis.analyze(votes: votes, participants: 600, statements: 61)
        #expect(result.statementStats.count == 61)
        #expect(result.statementStats.reduce(0) { $0 + $1.seen } == votes.count)
        let newest = result.statementStats.last
        #expect(newest?.seen == 1)
        let others = result.statementStats.dropLast().map(\.priority)
        #expect((newest?.priority ?? 0) > (others.max() ?? .infinity))
    }

    @Test("participants with fewer than 7 votes are projected but not clustered")
    func lightVotersNotClustered() {
        var votes = Self.planted.votes
        for s in 0..<3 { votes.append(VoteRecord(participant: 600, statement: s, vote: 1)) }
        let result = OpinionAnalysis.analyze(votes: votes, participants: 601, statements: 60)
        #expect(result.projection[600] != nil)
        #expect(!result.participantsClustered.contains(600))
        #expect(!result.groups.contains { $0.participants.contains(600) })
    }

    @Test("the benchmark line reports the time, k and agreement with the planted groups")
    func benchmarkLine() {
        let line = OpinionBenchmark.run(participants: 300, statements: 30, votes: 300 * 25, seed: 2, csvPath: nil)
        #expect(line.hasPrefix("analysis: "))
        #expect(line.contains("k=3"))
        #expect(line.contains("consensus=found"))
    }
}
