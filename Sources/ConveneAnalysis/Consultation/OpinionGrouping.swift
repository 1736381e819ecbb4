import Foundation

/// Who is clustered, the base clusters, and the opinion groups chosen by silhouette.
///
/// **Who is clustered (as Pol.is `in-conv`).** Participants with at least min(7, statements)
/// votes; if fewer than 15 qualify, the most active other voters are added up to 15 (ties: lower
/// index). Pol.is keeps a participant in once they qualified; we recompute from the votes.
///
/// **Base clusters (as Pol.is).** Up to 100 k-means clusters of the clustered participants'
/// positions (one seeded k-means++ start, see `WeightedKMeans`); each is then a point weighted by
/// its member count.
///
/// **Groups.** Weighted k-means of the base clusters for each k from 2 up to
/// min(5, 2 + ⌊base clusters / 12⌋) (Pol.is `max-k-fn`), 10 seeded restarts each; the k with the
/// highest weighted silhouette wins (ties: the smaller k). Pol.is also smooths k over updates
/// (a new k must win 4 updates running); we are stateless and do not. Groups are numbered by
/// size, largest first.
enum OpinionGrouping {
    static func clusterable(_ matrix: VoteMatrix, configuration: OpinionAnalysis.Configuration) -> [Int] {
        let threshold = max(1, min(configuration.minimumVotes, matrix.columnCount))
        var chosen = (0..<matrix.participants).filter { matrix.voteCount(of: $0) >= threshold }
        if chosen.count < configuration.minimumClustered {
            let chosenSet = Set(chosen)
            let extra = (0..<matrix.participants)
                .filter { !chosenSet.contains($0) && matrix.voteCount(of: $0) > 0 }
                .sorted { matrix.voteCount(of: $0) > matrix.voteCount(of: $1) || (matrix.voteCount(of: $0) == matrix.voteCount(of: $1) && $0 < $1) }
                .prefix(configuration.minimumClustered - chosen.count)
            chosen = (chosen + extra).sorted()
        }
        return chosen
    }

    /// Group label (0 = largest group) of each point, and the silhouette of each k tried.
    static func group(_ points: [OpinionPoint], configuration: OpinionAnalysis.Configuration) -> (labels: [Int], silhouette: [Int: Double]) {
        guard !points.isEmpty else { return ([], [:]) }
        let base = WeightedKMeans.cluster(
            points, k: min(configuration.baseClusters, points.count), seed: configuration.seed, restarts: 1,
            maxIterations: configuration.maxIterations)
        // Keep the base clusters that have members, with their exact member means and counts.
        var sums = [OpinionPoint](repeating: OpinionPoint(x: 0, y: 0), count: base.centers.count)
        var counts = [Double](repeating: 0, count: base.centers.count)
        for (i, label) in base.labels.enumerated() {
            sums[label].x += points[i].x
            sums[label].y += points[i].y
            counts[label] += 1
        }
        var baseIndex = [Int](repeating: -1, count: base.centers.count)
        var centers: [OpinionPoint] = [], weights: [Double] = []
        for c in counts.indices where counts[c] > 0 {
            baseIndex[c] = centers.count
            centers.append(OpinionPoint(x: sums[c].x / counts[c], y: sums[c].y / counts[c]))
            weights.append(counts[c])
        }

        let distinct = WeightedKMeans.distinctCount(centers, limit: configuration.groupCounts.upperBound)
        let upper = min(configuration.groupCounts.upperBound, 2 + centers.count / 12, distinct)
        var silhouette: [Int: Double] = [:]
        var best: (k: Int, score: Double, labels: [Int])?
        if upper >= configuration.groupCounts.lowerBound {
            for k in max(2, configuration.groupCounts.lowerBound)...max(2, upper) where k <= upper {
                let run = WeightedKMeans.cluster(
                    centers, weights: weights, k: k, seed: configuration.seed &+ UInt64(k), restarts: configuration.restarts,
                    maxIterations: configuration.maxIterations)
                guard Set(run.labels).count == k else { continue }
                let score = Silhouette.score(centers, labels: run.labels, weights: weights)
                silhouette[k] = score
                if best.map({ score > $0.score }) ?? true { best = (k, score, run.labels) }
            }
        }
        let baseGroup = best?.labels ?? [Int](repeating: 0, count: centers.count)
        let raw = base.labels.map { baseGroup[baseIndex[$0]] }
        return (relabelBySize(raw, points: points), silhouette)
    }

    /// Renumbers labels so that 0 is the largest group (ties: smaller mean x, then y).
    static func relabelBySize(_ labels: [Int], points: [OpinionPoint]) -> [Int] {
        var size: [Int: Int] = [:], sx: [Int: Double] = [:], sy: [Int: Double] = [:]
        for (i, label) in labels.enumerated() {
            size[label, default: 0] += 1
            sx[label, default: 0] += points[i].x
            sy[label, default: 0] += points[i].y
        }
        let order = size.keys.sorted { a, b in
            let (na, nb) = (size[a] ?? 0, size[b] ?? 0)
            if na != nb { return na > nb }
            let (xa, xb) = ((sx[a] ?? 0) / Double(na), (sx[b] ?? 0) / Double(nb))
            if xa != xb { return xa < xb }
            let (ya, yb) = ((sy[a] ?? 0) / Double(na), (sy[b] ?? 0) / Double(nb))
            return ya != yb ? ya < yb : a < b
        }
        var rank: [Int: Int] = [:]
        for (position, label) in order.enumerated() { rank[label] = position }
        return labels.map { rank[$0] ?? 0 }
    }
}
