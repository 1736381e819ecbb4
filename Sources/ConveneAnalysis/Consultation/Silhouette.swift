import Foundation

/// The silhouette coefficient of a clustering of map points, optionally with point weights.
///
/// For a point i of cluster A: a(i) is its mean distance to the other members of A, b(i) the
/// least mean distance to the members of another cluster, s(i) = (b − a) / max(a, b), and 0 when
/// i is alone in its cluster (Rousseeuw 1987; Pol.is `clusters.clj`, `silhouette`; scikit-learn
/// `silhouette_score`). The score is the mean of s(i).
///
/// With weights, point i stands for wᵢ participants at the same place (a base cluster and its
/// member count): a(i) = Σⱼ∈A wⱼ dᵢⱼ / (W_A − 1), b(i) = min_B Σⱼ∈B wⱼ dᵢⱼ / W_B, and the score is
/// Σ wᵢ s(i) / Σ wᵢ — the exact silhouette of the participants when each sits at its base
/// cluster's centre. Pol.is takes the unweighted silhouette of the base clusters, which lets a
/// base cluster of 3 count as much as one of 300; we weight them.
public enum Silhouette {
    public static func score(_ points: [OpinionPoint], labels: [Int], weights: [Double]? = nil) -> Double {
        let n = points.count
        guard n > 1, labels.count == n else { return 0 }
        let w = weights ?? [Double](repeating: 1, count: n)
        let clusterIDs = Array(Set(labels)).sorted()
        guard clusterIDs.count > 1 else { return 0 }
        var slot: [Int: Int] = [:]
        for (position, id) in clusterIDs.enumerated() { slot[id] = position }
        let member = labels.map { slot[$0] ?? 0 }
        var clusterWeight = [Double](repeating: 0, count: clusterIDs.count)
        for i in 0..<n { clusterWeight[member[i]] += w[i] }

        var total = 0.0, totalWeight = 0.0
        var sums = [Double](repeating: 0, count: clusterIDs.count)
        for i in 0..<n {
            for c in sums.indices { sums[c] = 0 }
            for j in 0..<n where j != i {
                let dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
                sums[member[j]] += w[j] * (dx * dx + dy * dy).squareRoot()
            }
            let own = member[i]
            let rest = clusterWeight[own] - 1
            var s = 0.0
            if rest > 1e-12 {
                let a = sums[own] / rest
                var b = Double.infinity
                for c in sums.indices where c != own && clusterWeight[c] > 0 { b = min(b, sums[c] / clusterWeight[c]) }
                let m = max(a, b)
                s = m > 0 && m.isFinite ? (b - a) / m : 0
            }
            total += w[i] * s
            totalWeight += w[i]
        }
        return totalWeight > 0 ? total / totalWeight : 0
    }
}
