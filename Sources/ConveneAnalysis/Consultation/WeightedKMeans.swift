import Foundation

/// Weighted k-means on points of the opinion map, seeded k-means++ start and several restarts.
///
/// Start (Arthur & Vassilvitskii's k-means++, weighted): the first centre is drawn with
/// probability ∝ wᵢ, each next one ∝ wᵢ·D(i)², D being the distance to the nearest centre chosen
/// so far; all draws come from a `SplitMix64` seeded with `seed`. Then Lloyd iterations: each
/// point goes to its nearest centre (ties to the lower index), each centre moves to the weighted
/// mean of its points; a centre left without points is moved to the point that contributes most
/// to the inertia. It stops when no assignment changes, when no centre moves more than 10⁻³ of
/// the points' RMS spread, or after `maxIterations`. Of `restarts` runs the one with the least weighted inertia Σ wᵢ‖xᵢ − c(i)‖² is kept (ties: the earlier run).
///
/// Pol.is instead starts from the previous update's clusters (or the first k distinct points)
/// and runs one Lloyd descent (`clusters.clj`, `kmeans`); red-dwarf uses scikit-learn's
/// k-means++. A seeded k-means++ with restarts keeps results reproducible without carrying state
/// between updates.
public enum WeightedKMeans {
    /// Centres, the centre index of each point, and the weighted inertia.
    public struct Result: Sendable, Equatable {
        public var centers: [OpinionPoint]
        public var labels: [Int]
        public var inertia: Double
    }

    /// Clusters `points` (with `weights`, all 1 when nil) into at most `k` clusters; fewer when
    /// there are fewer distinct points.
    public static func cluster(
        _ points: [OpinionPoint], weights: [Double]? = nil, k: Int, seed: UInt64 = 0, restarts: Int = 10,
        maxIterations: Int = 100
    ) -> Result {
        guard !points.isEmpty, k > 0 else { return Result(centers: [], labels: [], inertia: 0) }
        let xs = points.map(\.x), ys = points.map(\.y)
        let w = weights ?? [Double](repeating: 1, count: points.count)
        let k = min(k, distinctCount(points, limit: k))
        var rng = SplitMix64(seed: seed)
        var best: Result?
        for _ in 0..<max(1, restarts) {
            let start = seedCenters(xs, ys, w, k: k, rng: &rng)
            let run = lloyd(xs, ys, w, centers: start, maxIterations: maxIterations)
            if best.map({ run.inertia < $0.inertia }) ?? true { best = run }
        }
        return best ?? Result(centers: [], labels: [], inertia: 0)
    }

    static func distinctCount(_ points: [OpinionPoint], limit: Int) -> Int {
        var seen = Set<OpinionPoint>()
        for point in points {
            seen.insert(point)
            if seen.count >= limit { break }
        }
        return seen.count
    }

    private static func seedCenters(_ xs: [Double], _ ys: [Double], _ w: [Double], k: Int, rng: inout SplitMix64) -> [OpinionPoint] {
        let n = xs.count
        let first = draw(w, rng: &rng)
        var centers = [OpinionPoint(x: xs[first], y: ys[first])]
        var nearest = [Double](repeating: .infinity, count: n)
        var score = [Double](repeating: 0, count: n)
        while centers.count < k {
            let last = centers[centers.count - 1]
            for i in 0..<n {
                let dx = xs[i] - last.x, dy = ys[i] - last.y
                nearest[i] = min(nearest[i], dx * dx + dy * dy)
                score[i] = w[i] * nearest[i]
            }
            let i = draw(score, rng: &rng)
            centers.append(OpinionPoint(x: xs[i], y: ys[i]))
        }
        return centers
    }

    /// An index drawn with probability ∝ its score; the first positive one when all round to zero.
    private static func draw(_ scores: [Double], rng: inout SplitMix64) -> Int {
        let total = scores.reduce(0, +)
        guard total > 0 else { return 0 }
        let target = rng.nextUnit() * total
        var sum = 0.0
        var lastPositive = 0
        for (i, s) in scores.enumerated() where s > 0 {
            sum += s
            lastPositive = i
            if sum > target { return i }
        }
        return lastPositive
    }

    /// Centres moving less than this share of the data's RMS spread count as settled (Pol.is stops
    /// when every centre moves less than 0.01, an absolute distance on its map).
    static let relativeTolerance = 1e-3

    /// Weighted root-mean-square distance of the points from their weighted mean.
    private static func spread(_ xs: [Double], _ ys: [Double], _ w: [Double]) -> Double {
        var total = 0.0, mx = 0.0, my = 0.0
        for i in xs.indices { total += w[i]; mx += w[i] * xs[i]; my += w[i] * ys[i] }
        guard total > 0 else { return 0 }
        mx /= total
        my /= total
        var sum = 0.0
        for i in xs.indices { sum += w[i] * ((xs[i] - mx) * (xs[i] - mx) + (ys[i] - my) * (ys[i] - my)) }
        return (sum / total).squareRoot()
    }

    /// Lloyd iterations with Hamerly's bounds: a point whose upper bound to its centre is below
    /// both its lower bound to any other centre and half the gap to the nearest other centre
    /// cannot change cluster, and is skipped. Same assignments as plain Lloyd, far fewer distances.
    private static func lloyd(_ xs: [Double], _ ys: [Double], _ w: [Double], centers start: [OpinionPoint], maxIterations: Int) -> Result {
        let n = xs.count, k = start.count
        var cx = start.map(\.x), cy = start.map(\.y)
        var labels = [Int](repeating: 0, count: n)
        var upper = [Double](repeating: .infinity, count: n)
        var lower = [Double](repeating: 0, count: n)
        var half = [Double](repeating: 0, count: k)
        var shift = [Double](repeating: 0, count: k)
        func distance(_ i: Int, _ c: Int) -> Double {
            let dx = xs[i] - cx[c], dy = ys[i] - cy[c]
            return (dx * dx + dy * dy).squareRoot()
        }
        func scan(_ i: Int) {
            var first = Double.infinity, second = Double.infinity, best = 0
            for c in 0..<k {
                let d = distance(i, c)
                if d < first { second = first; first = d; best = c } else if d < second { second = d }
            }
            labels[i] = best
            upper[i] = first
            lower[i] = second
        }
        for i in 0..<n { scan(i) }
        let tolerance = relativeTolerance * spread(xs, ys, w)
        for iteration in 0..<max(0, maxIterations) {
            // Move the centres to the weighted means of their points.
            var sx = [Double](repeating: 0, count: k), sy = sx, sw = sx
            for i in 0..<n {
                sx[labels[i]] += w[i] * xs[i]
                sy[labels[i]] += w[i] * ys[i]
                sw[labels[i]] += w[i]
            }
            var reseeded = false
            for c in 0..<k {
                let (ox, oy) = (cx[c], cy[c])
                if sw[c] > 0 {
                    cx[c] = sx[c] / sw[c]
                    cy[c] = sy[c] / sw[c]
                } else {
                    var far = 0
                    for i in 0..<n where w[i] * upper[i] * upper[i] > w[far] * upper[far] * upper[far] { far = i }
                    cx[c] = xs[far]
                    cy[c] = ys[far]
                    upper[far] = 0
                    reseeded = true
                }
                shift[c] = ((cx[c] - ox) * (cx[c] - ox) + (cy[c] - oy) * (cy[c] - oy)).squareRoot()
            }
            if reseeded {
                for i in 0..<n { scan(i) }
                continue
            }
            var largest = 0, secondLargest = 0.0
            for c in 1..<max(1, k) where shift[c] > shift[largest] { largest = c }
            for c in 0..<k where c != largest { secondLargest = max(secondLargest, shift[c]) }
            for i in 0..<n {
                upper[i] += shift[labels[i]]
                lower[i] -= labels[i] == largest ? secondLargest : shift[largest]
            }
            for c in 0..<k {
                var nearest = Double.infinity
                for other in 0..<k where other != c {
                    let dx = cx[c] - cx[other], dy = cy[c] - cy[other]
                    nearest = min(nearest, (dx * dx + dy * dy).squareRoot())
                }
                half[c] = nearest / 2
            }
            var changed = false
            for i in 0..<n {
                let bound = max(half[labels[i]], lower[i])
                if upper[i] <= bound { continue }
                upper[i] = distance(i, labels[i])
                if upper[i] <= bound { continue }
                let previous = labels[i]
                scan(i)
                if labels[i] != previous { changed = true }
            }
            if !changed || iteration == maxIterations - 1 || shift.max() ?? 0 <= tolerance { break }
        }
        var inertia = 0.0
        for i in 0..<n {
            let d = distance(i, labels[i])
            inertia += w[i] * d * d
        }
        let centers = (0..<k).map { OpinionPoint(x: cx[$0], y: cy[$0]) }
        return Result(centers: centers, labels: labels, inertia: inertia)
    }
}
