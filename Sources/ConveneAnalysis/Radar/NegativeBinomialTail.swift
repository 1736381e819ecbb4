import Foundation

/// The chance of seeing `count` or more items in a week when the usual number has the given
/// mean and variance: negative binomial when the history is more variable than Poisson,
/// Poisson otherwise.
///
/// Terms are summed outward from `count` in log space, so a mean of 1,000 or a tail of 10⁻³⁰⁰
/// neither underflows nor takes more than a few hundred steps.
enum NegativeBinomialTail {
    static func upper(count: Int, mean: Double, variance: Double) -> Double {
        guard count > 0 else { return 1 }
        guard mean > 0 else { return 0 }
        let overdispersed = variance > mean * (1 + 1e-9)
        // Negative binomial as Poisson–gamma: size r, success probability q = r / (r + mean).
        let r = overdispersed ? mean * mean / (variance - mean) : .infinity
        let q = overdispersed ? r / (r + mean) : 1
        func logPMF(_ k: Int) -> Double {
            let x = Double(k)
            if !overdispersed { return -mean + x * log(mean) - logGamma(x + 1) }
            return logGamma(x + r) - logGamma(r) - logGamma(x + 1) + r * log(q) + x * log1p(-q)
        }
        /// pmf(k + 1) / pmf(k).
        func ratioUp(_ k: Int) -> Double {
            overdispersed ? (Double(k) + r) / Double(k + 1) * (1 - q) : mean / Double(k + 1)
        }
        if Double(count) > mean {
            var term = exp(logPMF(count)), sum = 0.0, k = count
            while term > 0 {
                sum += term
                if term < sum * 1e-17 || k - count > 1_000_000 { break }
                term *= ratioUp(k)
                k += 1
            }
            return min(1, sum)
        }
        // At or below the mean: one minus the lower tail, summed down from count − 1.
        var k = count - 1, term = exp(logPMF(count - 1)), sum = 0.0
        while term > 0 {
            sum += term
            if k == 0 || term < sum * 1e-17 { break }
            term /= ratioUp(k - 1)
            k -= 1
        }
        return max(0, min(1, 1 - sum))
    }

    private static func logGamma(_ x: Double) -> Double {
        let value: Double = lgamma(x)
        return value
    }
}
