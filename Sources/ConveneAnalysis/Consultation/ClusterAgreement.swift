import Foundation

/// How well two labelings of the same items agree (to compare groupings with each other or with a reference).
public enum ClusterAgreement {
    /// Hubert & Arabie's adjusted Rand index: (RI − E[RI]) / (max RI − E[RI]) computed from the
    /// contingency table as (Σᵢⱼ C(nᵢⱼ, 2) − Σᵢ C(aᵢ, 2)·Σⱼ C(bⱼ, 2) / C(n, 2)) /
    /// (½(Σᵢ C(aᵢ, 2) + Σⱼ C(bⱼ, 2)) − Σᵢ C(aᵢ, 2)·Σⱼ C(bⱼ, 2) / C(n, 2)).
    /// 1 for identical partitions (whatever the label names), about 0 for chance agreement. When
    /// both labelings put everything in one cluster (or every item alone) the index is 1.
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        let n = min(a.count, b.count)
        guard n > 1 else { return 1 }
        var joint: [Int64: Int] = [:]
        var rows: [Int: Int] = [:], columns: [Int: Int] = [:]
        for i in 0..<n {
            joint[Int64(a[i]) << 32 ^ Int64(UInt32(truncatingIfNeeded: b[i])), default: 0] += 1
            rows[a[i], default: 0] += 1
            columns[b[i], default: 0] += 1
        }
        func pairs(_ m: Int) -> Double { Double(m) * Double(m - 1) / 2 }
        let index = joint.values.reduce(0) { $0 + pairs($1) }
        let sumRows = rows.values.reduce(0) { $0 + pairs($1) }
        let sumColumns = columns.values.reduce(0) { $0 + pairs($1) }
        let expected = sumRows * sumColumns / pairs(n)
        let maximum = (sumRows + sumColumns) / 2
        guard maximum - expected != 0 else { return 1 }
        return (index - expected) / (maximum - expected)
    }
}
