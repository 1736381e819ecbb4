import Foundation

/// Pol.is's next-statement priority: new statements and informative ones are shown first.
///
/// From Pol.is `conversation.clj` (`importance-metric`, `priority-metric`), with A agrees, P
/// passes, S votes of any kind and E the statement's extremity (see `OpinionPCA`):
/// - p = (P + 1) / (S + 2), a = (A + 1) / (S + 2) — pass and agree shares with a prior of one;
/// - importance = (1 − p) · (E + 1) · a — engaging, agreeable statements that move people on the map;
/// - priority = (importance · (1 + 8 · 2^(−S/5)))² — the newness factor starts at 9 and halves its
///   excess every five votes; squaring deepens the bias. A meta statement gets 7² = 49.
///
/// Departure: Pol.is sums A, P and S over the members of its groups (participants already
/// clustered); we count every vote, so a new statement's boost fades as soon as anyone votes.
/// The server picks the next statement at random with probability ∝ priority, as Pol.is does.
public enum StatementPriority {
    /// Pol.is's fixed priority of meta statements, before squaring.
    public static let metaPriority = 7.0

    public static func importance(agrees: Int, passes: Int, seen: Int, extremity: Double) -> Double {
        let p = Double(passes + 1) / Double(seen + 2)
        let a = Double(agrees + 1) / Double(seen + 2)
        return (1 - p) * (extremity + 1) * a
    }

    public static func priority(agrees: Int, passes: Int, seen: Int, extremity: Double, isMeta: Bool = false) -> Double {
        let base = isMeta
            ? metaPriority
            : importance(agrees: agrees, passes: passes, seen: seen, extremity: extremity) * (1 + 8 * pow(2, -Double(seen) / 5))
        return base * base
    }

    /// Statement → priority for the given stats (a statement added since the analysis can be
    /// given zero counts and extremity 0, which yields the full newness boost).
    public static func priorities(_ stats: [StatementStats], meta: Set<Int> = []) -> [Int: Double] {
        var result: [Int: Double] = [:]
        for stat in stats {
            result[stat.statement] = priority(
                agrees: stat.agrees, passes: stat.passes, seen: stat.seen, extremity: stat.extremity,
                isMeta: meta.contains(stat.statement))
        }
        return result
    }

    /// Draws the next statement with probability ∝ priority among those not in `excluding`;
    /// `uniform` is a number in [0, 1) from the caller's generator. Nil when none is left.
    public static func choose(from priorities: [Int: Double], excluding: Set<Int> = [], uniform: Double) -> Int? {
        let candidates = priorities.filter { !excluding.contains($0.key) }.sorted { $0.key < $1.key }
        guard !candidates.isEmpty else { return nil }
        let total = candidates.reduce(0) { $0 + max(0, $1.value) }
        guard total > 0 else { return candidates[min(candidates.count - 1, Int(uniform * Double(candidates.count)))].key }
        let target = uniform * total
        var sum = 0.0
        for candidate in candidates {
            sum += max(0, candidate.value)
            if sum > target { return candidate.key }
        }
        return candidates.last?.key
    }
}
