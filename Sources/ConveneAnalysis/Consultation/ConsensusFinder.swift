import Foundation

/// Statements the groups share (consensus, group-aware consensus) and statements that split them (divisive).
///
/// **Group-aware consensus (as Pol.is `group-aware-consensus`).** For each statement,
/// Π over groups of (agrees_g + 1) / (seen_g + 2): high only when every group tends to agree,
/// whatever the groups' sizes.
///
/// **Consensus statements.** Pol.is's `select-consensus-comments` pools all participants and keeps
/// statements with pₐ > ½ and a one-proportion z above 1.2816, ranked by pₐ · z. We ask it of
/// every group instead: a statement is *agree* consensus when in each group pₐ = (nₐ+1)/(n_s+2) > ½
/// and `proportionTest(nₐ, n_s)` > 1.2816, and *disagree* consensus likewise with disagrees. This
/// is the brief's "every group agrees" and keeps a large group from carrying a statement alone.
/// They are ranked by the product over groups of the probability in their direction; at most
/// `count` of each direction are kept, agrees first.
///
/// **Divisiveness (ours; Pol.is has none).** With pₐ,g the groups' smoothed agree probabilities and
/// n_s,g their votes, 2 · √(Σ n_s,g (pₐ,g − p̄)² / Σ n_s,g), p̄ the vote-weighted mean: 0 when all groups
/// agree alike, 1 when two equal halves are at 0 and 1. Only statements seen by at least two
/// groups count; the `count` highest are kept.
public enum ConsensusFinder {
    public static func groupAwareConsensus(_ counts: GroupVoteCounts, statementOfColumn: [Int]) -> [Int: Double] {
        var result: [Int: Double] = [:]
        for column in statementOfColumn.indices {
            var product = 1.0
            for group in 0..<counts.groupCount { product *= counts.agreeProbability(group: group, column: column) }
            result[statementOfColumn[column]] = product
        }
        return result
    }

    public static func consensus(_ counts: GroupVoteCounts, statementOfColumn: [Int], count: Int = 5) -> [ConsensusStatement] {
        guard counts.groupCount > 0 else { return [] }
        var agree: [ConsensusStatement] = [], disagree: [ConsensusStatement] = []
        for column in statementOfColumn.indices {
            var agreeProduct = 1.0, disagreeProduct = 1.0
            var allAgree = true, allDisagree = true
            var probabilities: [Int: Double] = [:]
            for group in 0..<counts.groupCount {
                let n = counts.seen[group][column]
                let pa = counts.agreeProbability(group: group, column: column)
                let pd = counts.disagreeProbability(group: group, column: column)
                probabilities[group] = pa
                agreeProduct *= pa
                disagreeProduct *= pd
                let za = Representativeness.proportionTest(successes: counts.agrees[group][column], trials: n)
                let zd = Representativeness.proportionTest(successes: counts.disagrees[group][column], trials: n)
                allAgree = allAgree && pa > 0.5 && za > Representativeness.z90
                allDisagree = allDisagree && pd > 0.5 && zd > Representativeness.z90
            }
            let statement = statementOfColumn[column]
            if allAgree {
                agree.append(ConsensusStatement(statement: statement, direction: .agree, groupAgreeProbability: probabilities, score: agreeProduct))
            }
            if allDisagree {
                disagree.append(
                    ConsensusStatement(statement: statement, direction: .disagree, groupAgreeProbability: probabilities, score: disagreeProduct))
            }
        }
        func top(_ list: [ConsensusStatement]) -> [ConsensusStatement] {
            Array(list.sorted { $0.score > $1.score || ($0.score == $1.score && $0.statement < $1.statement) }.prefix(count))
        }
        return top(agree) + top(disagree)
    }

    public static func divisive(_ counts: GroupVoteCounts, statementOfColumn: [Int], count: Int = 10) -> [DivisiveStatement] {
        var found: [DivisiveStatement] = []
        for column in statementOfColumn.indices {
            var weight = 0.0, mean = 0.0, groupsSeen = 0
            var probabilities: [Int: Double] = [:]
            for group in 0..<counts.groupCount {
                let pa = counts.agreeProbability(group: group, column: column)
                probabilities[group] = pa
                let n = Double(counts.seen[group][column])
                if n > 0 { groupsSeen += 1 }
                weight += n
                mean += n * pa
            }
            guard groupsSeen >= 2, weight > 0 else { continue }
            mean /= weight
            var variance = 0.0
            for group in 0..<counts.groupCount {
                let d = counts.agreeProbability(group: group, column: column) - mean
                variance += Double(counts.seen[group][column]) * d * d
            }
            let divisiveness = 2 * (variance / weight).squareRoot()
            found.append(DivisiveStatement(statement: statementOfColumn[column], groupAgreeProbability: probabilities, divisiveness: divisiveness))
        }
        return Array(
            found.sorted { $0.divisiveness > $1.divisiveness || ($0.divisiveness == $1.divisiveness && $0.statement < $1.statement) }
                .prefix(count))
    }
}
