import ConveneAnalysis
import Foundation
import Testing

@Suite("Consultation analysis: formulas worked by hand")
struct OpinionFormulaTests {
    @Test("silhouette of {0, 1} against {4, 5}: (7/9 + 5/7) / 2")
    func silhouette() {
        // 0: a = 1, b = (4 + 5)/2 = 4.5, s = 3.5/4.5 = 7/9; 1: a = 1, b = 3.5, s = 5/7; the other
        // cluster mirrors it.
        let points = [0.0, 1, 4, 5].map { OpinionPoint(x: $0, y: 0) }
        let score = Silhouette.score(points, labels: [0, 0, 1, 1])
        #expect(abs(score - (7.0 / 9 + 5.0 / 7) / 2) < 1e-12)
    }

    @Test("a weighted point counts as that many participants at the same place")
    func weightedSilhouette() {
        let repeated = [0.0, 0, 1, 4, 5].map { OpinionPoint(x: $0, y: 0) }
        let weighted = [0.0, 1, 4, 5].map { OpinionPoint(x: $0, y: 0) }
        let plain = Silhouette.score(repeated, labels: [0, 0, 0, 1, 1])
        let byWeight = Silhouette.score(weighted, labels: [0, 0, 1, 1], weights: [2, 1, 1, 1])
        #expect(abs(plain - byWeight) < 1e-12)
        #expect(Silhouette.score(weighted, labels: [0, 0, 0, 0]) == 0)
    }

    @Test("repness of a group with 8 agrees and 1 disagree in 10 votes against 5 and 20 in 30")
    func repness() {
        let stats = Representativeness.Stats(statement: 4, agrees: 8, disagrees: 1, seen: 10, othersAgree: 5, othersDisagree: 20, othersSeen: 30)
        // pa = 9/12; pat = 2·√11·(9/11 − ½) = 2.1106; ra = 0.75 / (6/32) = 4;
        // rat: p₁ = 9/11, p₂ = 6/31, p̂ = 15/42, z = (p₁ − p₂)/√(p̂(1 − p̂)(1/11 + 1/31)) = 3.7145.
        #expect(abs(stats.pa - 0.75) < 1e-12)
        #expect(abs(stats.pat - 2.110579) < 1e-6)
        #expect(abs(stats.ra - 4) < 1e-12)
        #expect(abs(stats.rat - 3.714493) < 1e-6)
        #expect(abs(stats.pd - 2.0 / 12) < 1e-12)
        #expect(abs(stats.rd - (2.0 / 12) / (21.0 / 32)) < 1e-12)
        #expect(abs(stats.rdt + 2.837223) < 1e-6)
        #expect(stats.isSignificant)
        let chosen = stats.finalized
        #expect(chosen.direction == .agree && chosen.statement == 4)
        #expect(abs(chosen.percentInGroup - 0.8) < 1e-12 && abs(chosen.percentInOthers - 5.0 / 30) < 1e-12)
        #expect(abs(chosen.metric - 4 * 3.714493 * 0.75 * 2.110579) < 1e-4)
        #expect(Representativeness.twoProportionTest(successesIn: 5, successesOut: 5, trialsIn: 5, trialsOut: 5) == 0)
    }

    @Test("representative statements: significant ones ranked by metric, the best agree first, agrees before disagrees")
    func selectRepresentative() {
        let strongAgree = Representativeness.Stats(statement: 0, agrees: 18, disagrees: 1, seen: 20, othersAgree: 5, othersDisagree: 30, othersSeen: 40)
        let disagree = Representativeness.Stats(statement: 1, agrees: 1, disagrees: 19, seen: 20, othersAgree: 30, othersDisagree: 5, othersSeen: 40)
        let neutral = Representativeness.Stats(statement: 2, agrees: 10, disagrees: 10, seen: 20, othersAgree: 20, othersDisagree: 20, othersSeen: 40)
        let chosen = Representativeness.select([neutral, disagree, strongAgree])
        #expect(chosen.map(\.statement) == [0, 1])
        #expect(chosen.map(\.direction) == [.agree, .disagree])
        // Nothing significant: the best agree alone.
        #expect(Representativeness.select([neutral]).map(\.statement) == [2])
    }

    @Test("group-aware consensus is the product of (agrees + 1)/(seen + 2) over groups")
    func groupAwareConsensus() {
        // Statement 0: (9 + 1)/(10 + 2) · (4 + 1)/(4 + 2) = 10/12 · 5/6 = 25/36.
        // Statement 1: (0 + 1)/(10 + 2) · (4 + 1)/(4 + 2) = 1/12 · 5/6.
        let counts = GroupVoteCounts(agrees: [[9, 0], [4, 4]], disagrees: [[1, 10], [0, 0]], seen: [[10, 10], [4, 4]])
        let consensus = ConsensusFinder.groupAwareConsensus(counts, statementOfColumn: [0, 1])
        #expect(abs((consensus[0] ?? 0) - 25.0 / 36) < 1e-12)
        #expect(abs((consensus[1] ?? 0) - 5.0 / 72) < 1e-12)
        // In group 1, 4 of 4 agrees gives z = 2·√5·(5/5 − ½) = 2.236 > 1.2816: statement 0 is agree
        // consensus; statement 1 has group 0 disagreeing, so it is neither.
        let found = ConsensusFinder.consensus(counts, statementOfColumn: [0, 1])
        #expect(found.map(\.statement) == [0] && found.first?.direction == .agree)
        #expect(abs((found.first?.score ?? 0) - 25.0 / 36) < 1e-12)
        let divisive = ConsensusFinder.divisive(counts, statementOfColumn: [0, 1])
        #expect(divisive.first?.statement == 1)
    }

    @Test("priority: Pol.is's own examples (A, P, S, E) = (1, 0, 1, 0), (20, 3, 20, 0), (18, 3, 20, 1)")
    func priority() {
        // (1, 0, 1, 0): p = 1/3, a = 2/3, importance = 4/9, newness = 1 + 8·2^(−1/5) = 7.9644,
        // priority = (4/9 · 7.9644)² = 12.5297.
        #expect(abs(StatementPriority.priority(agrees: 1, passes: 0, seen: 1, extremity: 0) - 12.529726) < 1e-5)
        // (20, 3, 20, 0): (18/22 · 21/22 · (1 + 8/16))² = 1.372383.
        #expect(abs(StatementPriority.priority(agrees: 20, passes: 3, seen: 20, extremity: 0) - 1.372383) < 1e-5)
        #expect(abs(StatementPriority.priority(agrees: 18, passes: 3, seen: 20, extremity: 1) - 4.493699) < 1e-5)
        #expect(StatementPriority.priority(agrees: 0, passes: 0, seen: 0, extremity: 0, isMeta: true) == 49)
        // A new statement outranks a well-voted one of equal standing.
        let stats = [
            StatementStats(statement: 0, agrees: 50, disagrees: 40, passes: 10, seen: 100, extremity: 1, priority: 0),
            StatementStats(statement: 1, agrees: 0, disagrees: 0, passes: 0, seen: 0, extremity: 0, priority: 0),
        ]
        let priorities = StatementPriority.priorities(stats)
        #expect((priorities[1] ?? 0) > (priorities[0] ?? 0))
        #expect(StatementPriority.choose(from: priorities, excluding: [1], uniform: 0.99) == 0)
        #expect(StatementPriority.choose(from: priorities, excluding: [0, 1], uniform: 0.5) == nil)
    }

    @Test("adjusted Rand index of known labelings")
    func adjustedRand() {
        #expect(ClusterAgreement.adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0]) == 1)
        // Contingency [[2, 1, 0], [0, 1, 2]]: index 2, expected 6·3/15 = 1.2, max 4.5 → 0.8/3.3.
        #expect(abs(ClusterAgreement.adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 0.8 / 3.3) < 1e-12)
        #expect(ClusterAgreement.adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]) < 0)
    }

    @Test("weighted k-means separates two clumps and is reproducible from its seed")
    func kMeans() {
        let points = [0.0, 0.1, 0.2, 10, 10.1, 10.2].map { OpinionPoint(x: $0, y: 0) }
        let run = WeightedKMeans.cluster(points, k: 2, seed: 3)
        #expect(run.labels[0] == run.labels[2] && run.labels[3] == run.labels[5] && run.labels[0] != run.labels[3])
        #expect(abs(run.inertia - 4 * 0.01) < 1e-9)
        #expect(WeightedKMeans.cluster(points, k: 2, seed: 3) == run)
        #expect(WeightedKMeans.cluster(points, k: 9, seed: 3).centers.count == 6)
    }
}
