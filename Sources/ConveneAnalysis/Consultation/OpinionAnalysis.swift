import Foundation

/// The opinion analysis of a consultation (the method of Pol.is): map, groups, representative, consensus and divisive statements.
///
/// Steps, each documented on the type that does it:
/// 1. `VoteMatrix` — participants × statements, agree 1, disagree −1, pass 0, missing unknown;
///    moderated-out statements are left out (Pol.is zeroes their column instead, which counts them
///    as passes in the projection's vote count; leaving them out does not).
/// 2. `OpinionPCA` — mean-imputed, centred PCA with two components, the sparsity-aware projection
///    and each statement's extremity.
/// 3. `OpinionGrouping` — who is clustered, 100 base clusters, opinion groups for k = 2…5 by
///    weighted k-means, k chosen by silhouette.
/// 4. `Representativeness` — each group's representative statements (Pol.is repness).
/// 5. `ConsensusFinder` — consensus, group-aware consensus and divisive statements, over the
///    votes of clustered participants (as Pol.is's group votes).
/// 6. `StatementPriority` — each statement's next-statement priority.
///
/// The result depends only on the votes, the sizes, the moderation and the configuration
/// (including its seed): the same input gives the same result.
public enum OpinionAnalysis {
    public static func analyze(
        votes: [VoteRecord], participants: Int, statements: Int, moderatedOut: Set<Int> = [],
        configuration: Configuration = .init()
    ) -> OpinionResult {
        let matrix = VoteMatrix(votes: votes, participants: participants, statements: statements, moderatedOut: moderatedOut)
        let pca = OpinionPCA.fit(
            matrix, seed: configuration.seed, maxIterations: configuration.pcaIterations, tolerance: configuration.pcaTolerance)
        let clustered = OpinionGrouping.clusterable(matrix, configuration: configuration)
        let points = clustered.map { pca.projection[$0] ?? OpinionPoint(x: 0, y: 0) }
        let (labels, silhouette) = OpinionGrouping.group(points, configuration: configuration)

        let groupCount = (labels.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: groupCount)
        for (i, label) in labels.enumerated() { members[label].append(clustered[i]) }
        let counts = GroupVoteCounts(matrix: matrix, groups: members)
        let groups = (0..<groupCount).map { g in
            var x = 0.0, y = 0.0
            for participant in members[g] {
                x += pca.projection[participant]?.x ?? 0
                y += pca.projection[participant]?.y ?? 0
            }
            let size = Double(max(1, members[g].count))
            return OpinionGroup(
                id: g, participants: members[g], centroid: OpinionPoint(x: x / size, y: y / size),
                representative: Representativeness.select(
                    counts.repnessStats(group: g, statementOfColumn: matrix.statementOfColumn),
                    count: configuration.representativeCount))
        }

        var projection: [Int: OpinionPoint] = [:]
        projection.reserveCapacity(matrix.participants)
        for (participant, point) in pca.projection.enumerated() {
            if let point { projection[participant] = point }
        }
        return OpinionResult(
            votesAnalyzed: matrix.voteCount,
            participantsClustered: clustered,
            projection: projection,
            components: pca.components.map { expand($0, matrix: matrix) },
            explainedVariance: pca.explainedVariance,
            groups: groups,
            silhouette: silhouette,
            consensus: ConsensusFinder.consensus(counts, statementOfColumn: matrix.statementOfColumn, count: configuration.consensusCount),
            groupAwareConsensus: ConsensusFinder.groupAwareConsensus(counts, statementOfColumn: matrix.statementOfColumn),
            divisive: ConsensusFinder.divisive(counts, statementOfColumn: matrix.statementOfColumn, count: configuration.divisiveCount),
            statementStats: statementStats(matrix, extremity: pca.extremity)
        )
    }

    /// Per-column values spread back over all statements, 0 for moderated-out ones.
    private static func expand(_ values: [Double], matrix: VoteMatrix) -> [Double] {
        var full = [Double](repeating: 0, count: matrix.statements)
        for (column, statement) in matrix.statementOfColumn.enumerated() { full[statement] = values[column] }
        return full
    }

    private static func statementStats(_ matrix: VoteMatrix, extremity: [Double]) -> [StatementStats] {
        let counts = matrix.columnCounts()
        return matrix.statementOfColumn.enumerated().map { column, statement in
            let agrees = counts.agrees[column], disagrees = counts.disagrees[column], passes = counts.passes[column]
            let seen = agrees + disagrees + passes
            return StatementStats(
                statement: statement, agrees: agrees, disagrees: disagrees, passes: passes, seen: seen,
                extremity: extremity[column],
                priority: StatementPriority.priority(agrees: agrees, passes: passes, seen: seen, extremity: extremity[column]))
        }
    }
}
