import Foundation

/// SplitMix64 with the few draws the demo generator needs.
///
/// The standard library's `random(in:using:)` may change its algorithm between releases, so every
/// draw here is spelled out: the same seed must give the same district on every toolchain.
struct DemoRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<n` (0 when `n` is not positive), by multiply-high to avoid modulo bias.
    mutating func below(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.upperBound - range.lowerBound + 1) }

    mutating func int64(below n: Int64) -> Int64 {
        guard n > 0 else { return 0 }
        return Int64(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(Int(truncatingIfNeeded: next() >> 11)) * 0x1p-53 < p }

    /// One element; callers only pass non-empty lists (the lists are constants in this folder).
    mutating func pick<T>(_ list: [T]) -> T { list[below(list.count)] }

    /// The same for strings, the common case: a concrete overload spares debug builds the
    /// generic dispatch that otherwise dominates generating 100 000 records.
    mutating func pick(_ list: [String]) -> String { list[below(list.count)] }

    /// Up to `count` distinct elements of a short list (at most 64), in draw order.
    mutating func pick(_ list: [String], count: Int) -> [String] {
        var out: [String] = []
        var taken: UInt64 = 0
        let wanted = min(count, list.count, 64)
        while out.count < wanted {
            let i = below(min(list.count, 64))
            if taken & (1 << UInt64(i)) == 0 {
                taken |= 1 << UInt64(i)
                out.append(list[i])
            }
        }
        return out
    }

    /// An index into `weights`, chosen in proportion to them.
    mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0, j = 0
        while j < weights.count {
            total += weights[j]
            j += 1
        }
        var roll = below(total), i = 0
        while i < weights.count - 1, roll >= weights[i] {
            roll -= weights[i]
            i += 1
        }
        return i
    }

    /// An id shaped like `Identifier.make()`: 26 characters of lowercase base 32.
    mutating func identifier() -> String {
        // 12 characters of 5 bits from each 64-bit draw; three draws cover the 26. (While loops
        // and plain words: range iteration is slow enough in debug builds to show up here.)
        var w0 = next(), w1 = next(), w2 = next()
        return demoIdAlphabet.withUnsafeBufferPointer { alphabet in
            String(unsafeUninitializedCapacity: 26) { buffer in
                var i = 0
                while i < 26 {
                    let word: UInt64
                    if i < 12 { word = w0; w0 >>= 5 } else if i < 24 { word = w1; w1 >>= 5 } else { word = w2; w2 >>= 5 }
                    buffer[i] = alphabet[Int(word & 31)]
                    i += 1
                }
                return 26
            }
        }
    }
}

private let demoIdAlphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

/// Calendar arithmetic on milliseconds since 1970, in UTC, without `Calendar`: it is fast enough
/// for 100 000 records in a debug build and cannot depend on the machine's time zone.
enum DemoClock {
    static let dayMs: Int64 = 86_400_000
    static let yearMs: Int64 = 365 * dayMs

    static func date(_ ms: Int64) -> Date { Date(millisecondsSince1970: ms).wholeMilliseconds }

    /// The UTC (year, month, day) containing `ms`.
    static func civil(ms: Int64) -> (Int, Int, Int) {
        civil(daysSince1970: Int(ms >= 0 ? ms / dayMs : (ms - dayMs + 1) / dayMs))
    }

    static func day(year: Int, month: Int, day: Int) -> CalendarDate? {
        let mm = month < 10 ? "0\(month)" : "\(month)", dd = day < 10 ? "0\(day)" : "\(day)"
        return CalendarDate("\(year)-\(mm)-\(dd)")
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
    static func civil(daysSince1970 days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
