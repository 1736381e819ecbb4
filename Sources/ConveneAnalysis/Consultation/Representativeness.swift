import Foundation

/// Pol.is's representativeness ("repness") of a statement for a group, and its choice of representative statements.
///
/// For group g and statement s, with nₐ agrees, n_d disagrees and n_s votes of any kind among the
/// group's members (`repness.clj`, `comment-stats`, `add-comparitive-stats`):
/// - pₐ = (nₐ + 1) / (n_s + 2), p_d = (n_d + 1) / (n_s + 2) — Laplace-smoothed probabilities;
/// - pₐ-test = `proportionTest(nₐ, n_s)`: 2·√(n_s + 1)·((nₐ + 1)/(n_s + 1) − ½), a one-proportion
///   z against one half (`stats.clj`, `prop-test`);
/// - rₐ = pₐ / ((Nₐ + 1) / (N_s + 2)), with Nₐ, N_s the counts of all other groups' members together;
/// - rₐ-test = `twoProportionTest(nₐ, Nₐ, n_s, N_s)`: with every count plus one, p₁ = (nₐ+1)/(n_s+1),
///   p₂ = (Nₐ+1)/(N_s+1), p̂ = (nₐ+Nₐ+2)/(n_s+N_s+2), z = (p₁ − p₂) / √(p̂(1 − p̂)(1/(n_s+1) + 1/(N_s+1)))
///   (0 when p̂ = 1) (`stats.clj`, `two-prop-test`); the same for disagree.
///
/// Selection (`select-rep-comments`), at 90 % one-sided (z > 1.2816): a statement is
/// representative when both its test values pass for agree, or both for disagree; its direction is
/// agree when rₐ-test > r_d-test. They are ranked by repness × repness-test × p × p-test, the
/// statement the group agrees with most (`beats-best-agr?`) is put first, the top
/// `count` are kept, agrees before disagrees. When none passes, the best agree (or else the
/// statement with the highest test value) is returned alone, so every group has at least one.
/// Pol.is counts agree as −1; the counts here are by meaning, so the numbers are the same.
public enum Representativeness {
    /// Pol.is's one-sided 90 % z threshold.
    public static let z90 = 1.2816

    /// The counts and test values of one statement in one group against the rest.
    public struct Stats: Sendable, Equatable {
        public var statement: Int
        public var agrees: Int, disagrees: Int, seen: Int
        public var othersAgree: Int, othersDisagree: Int, othersSeen: Int
        public var pa: Double, pd: Double, pat: Double, pdt: Double
        public var ra: Double, rd: Double, rat: Double, rdt: Double

        public init(statement: Int, agrees: Int, disagrees: Int, seen: Int, othersAgree: Int, othersDisagree: Int, othersSeen: Int) {
            self.statement = statement
            self.agrees = agrees
            self.disagrees = disagrees
            self.seen = seen
            self.othersAgree = othersAgree
            self.othersDisagree = othersDisagree
            self.othersSeen = othersSeen
            pa = Double(agrees + 1) / Double(seen + 2)
            pd = Double(disagrees + 1) / Double(seen + 2)
            pat = Representativeness.proportionTest(successes: agrees, trials: seen)
            pdt = Representativeness.proportionTest(successes: disagrees, trials: seen)
            ra = pa / (Double(othersAgree + 1) / Double(othersSeen + 2))
            rd = pd / (Double(othersDisagree + 1) / Double(othersSeen + 2))
            rat = Representativeness.twoProportionTest(successesIn: agrees, successesOut: othersAgree, trialsIn: seen, trialsOut: othersSeen)
            rdt = Representativeness.twoProportionTest(
                successesIn: disagrees, successesOut: othersDisagree, trialsIn: seen, trialsOut: othersSeen)
        }

        /// Pol.is `passes-by-test?`.
        public var isSignificant: Bool {
            (rat > z90 && pat > z90) || (rdt > z90 && pdt > z90)
        }

        /// Pol.is `finalize-cmt-stats`: the more representative direction and its numbers.
        public var finalized: RepresentativeStatement {
            let agree = rat > rdt
            let othersShare = othersSeen > 0 ? Double(agree ? othersAgree : othersDisagree) / Double(othersSeen) : 0
            return RepresentativeStatement(
                statement: statement, direction: agree ? .agree : .disagree, repness: agree ? ra : rd,
                repnessTest: agree ? rat : rdt, probability: agree ? pa : pd, probabilityTest: agree ? pat : pdt,
                percentInGroup: seen > 0 ? Double(agree ? agrees : disagrees) / Double(seen) : 0,
                percentInOthers: othersShare, count: agree ? agrees : disagrees, seen: seen
            )
        }
    }

    /// 2·√(n + 1)·((successes + 1)/(n + 1) − ½).
    public static func proportionTest(successes: Int, trials: Int) -> Double {
        let s = Double(successes + 1), n = Double(trials + 1)
        return 2 * n.squareRoot() * (s / n - 0.5)
    }

    /// The two-proportion z of Pol.is, with one added to each count.
    public static func twoProportionTest(successesIn: Int, successesOut: Int, trialsIn: Int, trialsOut: Int) -> Double {
        let s1 = Double(successesIn + 1), s2 = Double(successesOut + 1)
        let n1 = Double(trialsIn + 1), n2 = Double(trialsOut + 1)
        let pooled = (s1 + s2) / (n1 + n2)
        guard pooled < 1 else { return 0 }
        let spread = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        return spread > 0 ? (s1 / n1 - s2 / n2) / spread : 0
    }

    /// The representative statements of one group from its stats (in statement order).
    public static func select(_ stats: [Stats], count: Int = 5) -> [RepresentativeStatement] {
        var sufficient: [RepresentativeStatement] = []
        var best: RepresentativeStatement?
        var bestAgree: Stats?
        for stat in stats {
            if stat.isSignificant { sufficient.append(stat.finalized) }
            if sufficient.isEmpty, best.map({ max(stat.rat, stat.rdt) > $0.repnessTest }) ?? true {
                best = stat.finalized
            }
            if beatsBestAgree(stat, bestAgree) { bestAgree = stat }
        }
        let head = bestAgree?.finalized
        guard !sufficient.isEmpty else { return (head ?? best).map { [$0] } ?? [] }
        let ranked = sufficient.enumerated()
            .filter { $0.element.statement != head?.statement }
            .sorted { $0.element.metric > $1.element.metric || ($0.element.metric == $1.element.metric && $0.offset < $1.offset) }
            .map(\.element)
        let chosen = Array(((head.map { [$0] } ?? []) + ranked).prefix(count))
        return chosen.filter { $0.direction == .agree } + chosen.filter { $0.direction == .disagree }
    }

    /// Pol.is `beats-best-agr?`.
    private static func beatsBestAgree(_ stat: Stats, _ current: Stats?) -> Bool {
        if stat.agrees == 0 && stat.disagrees == 0 { return false }
        if let current, current.ra > 1 {
            return stat.ra * stat.rat * stat.pa * stat.pat > current.ra * current.rat * current.pa * current.pat
        }
        if let current { return stat.pa * stat.pat > current.pa * current.pat }
        return stat.pat > z90 || (stat.ra > 1 && stat.pa > 0.5)
    }
}
