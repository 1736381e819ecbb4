import Foundation

/// Principal components of the vote matrix, with Pol.is's mean imputation and sparsity-aware projection.
///
/// **Imputation and centring (as Pol.is).** A missing vote is replaced by its statement's mean
/// vote μⱼ (the mean of the votes cast, agree 1, disagree −1, pass 0), and the columns are
/// centred by the same μⱼ. So the centred imputed matrix C has entries vᵢⱼ − μⱼ where a vote was
/// cast and exactly 0 where none was: it is as sparse as the votes. Nothing dense is built;
/// every product with C walks the stored votes only.
///
/// **Components.** The top two eigenvectors of CᵀC (the covariance up to a factor), found by
/// block subspace iteration with a Rayleigh–Ritz step: a block of four vectors (two wanted, two
/// guard vectors that speed convergence when λ₂ and λ₃ are close), each iteration forming
/// Y = Cᵀ(C Q) in one pass over the votes, then solving the 4 × 4 problem QᵀY by Jacobi and
/// re-orthonormalising. It stops when both wanted vectors move by less than `tolerance` (1 − |cos|)
/// or after `maxIterations`. Pol.is runs 100 single-vector power iterations with deflation
/// (`pca.clj`, `powerit-pca`), starting from the previous components or a random vector; we start
/// from a vector drawn from `seed`, so the result depends only on the votes and the seed.
/// The sign of each component is fixed so that its largest-magnitude loading is positive (ties:
/// the lowest statement); Pol.is leaves the sign to the iteration.
///
/// **Explained variance.** λₖ / Σ(vᵢⱼ − μⱼ)², the share of the imputed matrix's total variance,
/// as scikit-learn's `explained_variance_ratio_` (Pol.is does not report it).
///
/// **Projection (as Pol.is `sparsity-aware-project-ptpt`).** A participant who voted on nᵢ of
/// the N statements lands at √(N / nᵢ) · Σⱼ (vᵢⱼ − μⱼ) · (pc1ⱼ, pc2ⱼ), the sum running over the
/// votes cast: the scaling keeps people who voted little from bunching at the centre.
///
/// **Extremity (as Pol.is `pca-project-cmnts`).** Where a participant who agreed with statement j
/// alone would land: √N · |1 − μⱼ| · ‖(pc1ⱼ, pc2ⱼ)‖. (Pol.is stores agree as −1 and projects a −1
/// vote; with agree as +1 this is the same number.)
public enum OpinionPCA {
    /// The fitted components and the participants' positions.
    public struct Fit: Sendable, Equatable {
        /// Mean vote of each column.
        public var center: [Double]
        /// Two rows of one loading per column (fewer rows when the matrix has fewer dimensions).
        public var components: [[Double]]
        /// Eigenvalues of CᵀC for each component.
        public var eigenvalues: [Double]
        /// Share of the total variance along each component.
        public var explainedVariance: [Double]
        /// Sparsity-aware position of each participant; nil for those with no vote.
        public var projection: [OpinionPoint?]
        /// Extremity of each column.
        public var extremity: [Double]
        /// Iterations used.
        public var iterations: Int
    }

    public static func fit(_ matrix: VoteMatrix, seed: UInt64 = 0, maxIterations: Int = 200, tolerance: Double = 1e-12) -> Fit {
        let n = matrix.columnCount
        let center = columnMeans(matrix)
        var total = 0.0
        for row in 0..<matrix.participants {
            for slot in matrix.rowStart[row]..<matrix.rowStart[row + 1] {
                let c = Double(matrix.values[slot]) - center[Int(matrix.columns[slot])]
                total += c * c
            }
        }
        let wanted = min(2, n, matrix.participants)
        guard wanted > 0, total > 1e-12 else {
            return finish(matrix, center: center, vectors: [], eigenvalues: [], total: total, iterations: 0)
        }

        var rng = SplitMix64(seed: seed)
        var q = (0..<n).map { _ in
            SIMD4<Double>(rng.nextUnit() - 0.5, rng.nextUnit() - 0.5, rng.nextUnit() - 0.5, rng.nextUnit() - 0.5)
        }
        orthonormalize(&q)
        var ritzValues = [Double](repeating: 0, count: 4)
        var previous: [SIMD4<Double>] = []
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            let y = CovarianceProduct.apply(matrix, center: center, to: q)
            var h = [Double](repeating: 0, count: 16)
            for j in 0..<n {
                for a in 0..<4 { for b in 0..<4 { h[a * 4 + b] += q[j][a] * y[j][b] } }
            }
            for a in 0..<4 { for b in (a + 1)..<4 { let m = (h[a * 4 + b] + h[b * 4 + a]) / 2; h[a * 4 + b] = m; h[b * 4 + a] = m } }
            let (values, w) = SymmetricEigen.decompose(h, size: 4)
            ritzValues = values
            // Ritz vectors Q·W (current estimate) and the next block orth(Y·W).
            let ritz = rotate(q, by: w)
            var next = rotate(y, by: w)
            orthonormalize(&next)
            if !previous.isEmpty, converged(previous, ritz, count: wanted, tolerance: tolerance) {
                q = ritz
                break
            }
            previous = ritz
            q = next
        }
        var vectors: [[Double]] = []
        for k in 0..<wanted where ritzValues[k] > 1e-12 * total {
            var v = q.map { $0[k] }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            var largest = 0
            for j in 1..<max(1, v.count) where abs(v[j]) > abs(v[largest]) + 1e-12 { largest = j }
            let sign = v[largest] < 0 ? -1.0 : 1.0
            for j in 0..<v.count { v[j] = v[j] * sign / norm }
            vectors.append(v)
        }
        return finish(
            matrix, center: center, vectors: vectors, eigenvalues: Array(ritzValues.prefix(vectors.count)),
            total: total, iterations: iterations
        )
    }

    static func columnMeans(_ matrix: VoteMatrix) -> [Double] {
        var sums = [Double](repeating: 0, count: matrix.columnCount)
        var counts = [Int](repeating: 0, count: matrix.columnCount)
        for slot in 0..<matrix.voteCount {
            let column = Int(matrix.columns[slot])
            sums[column] += Double(matrix.values[slot])
            counts[column] += 1
        }
        return zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : 0 }
    }

    private static func finish(
        _ matrix: VoteMatrix, center: [Double], vectors: [[Double]], eigenvalues: [Double], total: Double, iterations: Int
    ) -> Fit {
        let n = matrix.columnCount
        let pc1 = vectors.first ?? [Double](repeating: 0, count: n)
        let pc2 = vectors.count > 1 ? vectors[1] : [Double](repeating: 0, count: n)
        var projection = [OpinionPoint?](repeating: nil, count: matrix.participants)
        for row in 0..<matrix.participants {
            let start = matrix.rowStart[row], end = matrix.rowStart[row + 1]
            guard end > start else { continue }
            var x = 0.0, y = 0.0
            for slot in start..<end {
                let column = Int(matrix.columns[slot])
                let c = Double(matrix.values[slot]) - center[column]
                x += c * pc1[column]
                y += c * pc2[column]
            }
            let scale = (Double(n) / Double(end - start)).squareRoot()
            projection[row] = OpinionPoint(x: x * scale, y: y * scale)
        }
        let root = Double(n).squareRoot()
        let extremity = (0..<n).map { j in
            root * abs(1 - center[j]) * (pc1[j] * pc1[j] + pc2[j] * pc2[j]).squareRoot()
        }
        return Fit(
            center: center, components: vectors, eigenvalues: eigenvalues,
            explainedVariance: eigenvalues.map { total > 0 ? $0 / total : 0 },
            projection: projection, extremity: extremity, iterations: iterations
        )
    }

    private static func rotate(_ block: [SIMD4<Double>], by w: [Double]) -> [SIMD4<Double>] {
        let c0 = SIMD4(w[0], w[4], w[8], w[12]), c1 = SIMD4(w[1], w[5], w[9], w[13])
        let c2 = SIMD4(w[2], w[6], w[10], w[14]), c3 = SIMD4(w[3], w[7], w[11], w[15])
        return block.map { r in SIMD4((r * c0).sum(), (r * c1).sum(), (r * c2).sum(), (r * c3).sum()) }
    }

    /// Gram–Schmidt on the four lanes, each projection done twice for stability; a lane left with
    /// less than 10⁻¹⁰ of its length (it lay in the span of the lanes before it) becomes zero.
    private static func orthonormalize(_ block: inout [SIMD4<Double>]) {
        for a in 0..<4 {
            var original = 0.0
            for r in block { original += r[a] * r[a] }
            for _ in 0..<2 {
                for b in 0..<a {
                    var dot = 0.0
                    for r in block { dot += r[a] * r[b] }
                    for j in block.indices { block[j][a] -= dot * block[j][b] }
                }
            }
            var norm = 0.0
            for r in block { norm += r[a] * r[a] }
            let inverse = norm > 1e-20 * original && norm > 0 ? 1 / norm.squareRoot() : 0
            for j in block.indices { block[j][a] *= inverse }
        }
    }

    private static func converged(_ old: [SIMD4<Double>], _ new: [SIMD4<Double>], count: Int, tolerance: Double) -> Bool {
        for k in 0..<count {
            var dot = 0.0
            for j in old.indices { dot += old[j][k] * new[j][k] }
            if 1 - abs(dot) > tolerance { return false }
        }
        return true
    }
}
