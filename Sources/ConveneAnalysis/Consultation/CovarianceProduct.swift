import Foundation

/// Y = Cᵀ(C Q) for a block of four vectors, C being the centred imputed vote matrix, in one pass over the votes.
///
/// Each participant's row gives z = Σ (v − μ)·q over its votes, then adds (v − μ)·z to Y at the
/// same columns. The rows are split into contiguous chunks of about equal vote counts, one per
/// core, each with its own Y; the chunk sums are added in a fixed order, so the result does not
/// depend on scheduling.
enum CovarianceProduct {
    static func apply(_ matrix: VoteMatrix, center: [Double], to q: [SIMD4<Double>]) -> [SIMD4<Double>] {
        let n = q.count
        let chunks = chunkBounds(matrix)
        var partials = [[SIMD4<Double>]](repeating: [], count: chunks.count - 1)
        partials.withUnsafeMutableBufferPointer { out in
            let sink = ChunkSink(base: out.baseAddress)
            DispatchQueue.concurrentPerform(iterations: chunks.count - 1) { chunk in
                let y = product(matrix, center: center, q: q, rows: chunks[chunk]..<chunks[chunk + 1])
                sink.store(y, at: chunk)
            }
        }
        var y = [SIMD4<Double>](repeating: .zero, count: n)
        for partial in partials {
            for j in 0..<n { y[j] += partial[j] }
        }
        return y
    }

    private static func product(_ matrix: VoteMatrix, center: [Double], q: [SIMD4<Double>], rows: Range<Int>) -> [SIMD4<Double>] {
        var y = [SIMD4<Double>](repeating: .zero, count: q.count)
        matrix.columns.withUnsafeBufferPointer { columns in
            matrix.values.withUnsafeBufferPointer { values in
                center.withUnsafeBufferPointer { mu in
                    q.withUnsafeBufferPointer { qp in
                        y.withUnsafeMutableBufferPointer { yp in
                            for row in rows {
                                let start = matrix.rowStart[row], end = matrix.rowStart[row + 1]
                                var z = SIMD4<Double>.zero
                                for slot in start..<end {
                                    let column = Int(columns[slot])
                                    z += (Double(values[slot]) - mu[column]) * qp[column]
                                }
                                for slot in start..<end {
                                    let column = Int(columns[slot])
                                    yp[column] += (Double(values[slot]) - mu[column]) * z
                                }
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    /// Row boundaries of chunks with about equal numbers of votes, one per active processor (at most 8).
    static func chunkBounds(_ matrix: VoteMatrix) -> [Int] {
        let cores = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        let count = matrix.voteCount < 50_000 ? 1 : cores
        var bounds = [0]
        var row = 0
        for chunk in 1..<count {
            let target = matrix.voteCount * chunk / count
            while row < matrix.participants, matrix.rowStart[row] < target { row += 1 }
            bounds.append(row)
        }
        bounds.append(matrix.participants)
        return bounds
    }
}

/// Where the parallel chunks of `CovarianceProduct` leave their partial sums.
///
/// `@unchecked Sendable` is safe here: each chunk writes only the slot of its own index, the
/// buffer outlives `concurrentPerform` (which returns after every chunk has finished), and the
/// slots are read only after it returns.
private struct ChunkSink: @unchecked Sendable {
    let base: UnsafeMutablePointer<[SIMD4<Double>]>?

    func store(_ value: [SIMD4<Double>], at index: Int) {
        base?.advanced(by: index).pointee = value
    }
}
