import ConveneAnalysis
import Foundation
import Testing

@Suite("Consultation analysis: PCA and projection")
struct OpinionPCATests {
    /// Four participants × three statements, every vote cast:
    ///   p0 [ 1,  1,  1], p1 [ 1,  1, −1], p2 [−1, −1,  1], p3 [−1, −1, −1].
    /// Every column mean is 0, so CᵀC = [[4, 4, 0], [4, 4, 0], [0, 0, 4]]: eigenvalues 8, 4, 0 with
    /// eigenvectors (1, 1, 0)/√2, (0, 0, 1), (1, −1, 0)/√2. The total variance is 12, so the axes
    /// explain 2/3 and 1/3; everyone voted on all three, so the projection is C·pc unscaled:
    /// p0 (√2, 1), p1 (√2, −1), p2 (−√2, 1), p3 (−√2, −1). Extremity of statement 0 is
    /// √3 · |1 − 0| · ‖(1/√2, 0)‖ = √(3/2), of statement 2 √3 · 1 · 1 = √3.
    static let votes: [VoteRecord] = {
        let rows: [[Int8]] = [[1, 1, 1], [1, 1, -1], [-1, -1, 1], [-1, -1, -1]]
        return rows.enumerated().flatMap { p, row in
            row.enumerated().map { s, vote in VoteRecord(participant: p, statement: s, vote: vote) }
        }
    }()

    @Test("a 4 × 3 matrix gives the components, variances and projections worked out by hand")
    func handWorkedPCA() {
        let fit = OpinionPCA.fit(VoteMatrix(votes: Self.votes, participants: 4, statements: 3))
        let r = 1 / 2.0.squareRoot()
        #expect(fit.components.count == 2)
        expectClose(fit.components[0], [r, r, 0])
        expectClose(fit.components[1], [0, 0, 1])
        expectClose(fit.eigenvalues, [8, 4])
        expectClose(fit.explainedVariance, [2.0 / 3, 1.0 / 3])
        let s = 2.0.squareRoot()
        expectClose(fit.projection.compactMap { $0?.x }, [s, s, -s, -s])
        expectClose(fit.projection.compactMap { $0?.y }, [1, -1, 1, -1])
        expectClose(fit.extremity, [(1.5).squareRoot(), (1.5).squareRoot(), (3.0).squareRoot()])
    }

    @Test("missing votes are imputed by the statement mean and the projection is scaled by √(N / n)")
    func sparsityAwareProjection() {
        // p4 voted only agree on statement 0; the column means become (1/5, 1/5, 0) … whatever the
        // components, p4's position must be √(3/1) · (1 − μ₀) · (pc1₀, pc2₀).
        let votes = Self.votes + [VoteRecord(participant: 4, statement: 0, vote: 1)]
        let fit = OpinionPCA.fit(VoteMatrix(votes: votes, participants: 5, statements: 3))
        #expect(abs(fit.center[0] - 0.2) < 1e-12 && abs(fit.center[1]) < 1e-12)
        let point = fit.projection[4]
        let scale = 3.0.squareRoot() * (1 - 0.2)
        #expect(abs((point?.x ?? .nan) - scale * fit.components[0][0]) < 1e-9)
        #expect(abs((point?.y ?? .nan) - scale * fit.components[1][0]) < 1e-9)
    }

    @Test("the largest loading of each component is positive, whatever the seed")
    func signConvention() {
        for seed: UInt64 in [0, 1, 99] {
            let fit = OpinionPCA.fit(VoteMatrix(votes: Self.votes, participants: 4, statements: 3), seed: seed)
            for component in fit.components {
                let largest = component.max { abs($0) < abs($1) } ?? 0
                #expect(largest > 0)
            }
            expectClose(fit.components[0], [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot(), 0])
        }
    }

    @Test("a later vote replaces an earlier one; moderated-out statements and bad votes are dropped")
    func voteMatrixCleaning() {
        let votes = [
            VoteRecord(participant: 0, statement: 0, vote: 1), VoteRecord(participant: 0, statement: 0, vote: -1),
            VoteRecord(participant: 0, statement: 1, vote: 1), VoteRecord(participant: 1, statement: 2, vote: 0),
            VoteRecord(participant: 7, statement: 0, vote: 1), VoteRecord(participant: 1, statement: 0, vote: 3),
        ]
        let matrix = VoteMatrix(votes: votes, participants: 2, statements: 3, moderatedOut: [1])
        #expect(matrix.voteCount == 2)
        #expect(matrix.statementOfColumn == [0, 2])
        #expect(matrix.values == [-1, 0])
        let result = OpinionAnalysis.analyze(votes: votes, participants: 2, statements: 3, moderatedOut: [1])
        #expect(result.votesAnalyzed == 2)
        #expect(result.statementStats.map(\.statement) == [0, 2])
        #expect(result.components.allSatisfy { $0.count == 3 && $0[1] == 0 })
    }

    @Test("no votes at all gives an empty, valid result")
    func empty() {
        let result = OpinionAnalysis.analyze(votes: [], participants: 3, statements: 2)
        #expect(result.votesAnalyzed == 0)
        #expect(result.groups.isEmpty && result.projection.isEmpty && result.consensus.isEmpty)
    }
}

private func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) <= tolerance, "\(actual) ≠ \(expected)", sourceLocation: sourceLocation)
    }
}
