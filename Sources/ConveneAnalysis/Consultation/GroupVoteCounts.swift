import Foundation

/// Agree, disagree and seen counts of every statement within each opinion group.
public struct GroupVoteCounts: Sendable, Equatable {
    /// Indexed [group][column].
    public var agrees: [[Int]]
    public var disagrees: [[Int]]
    public var seen: [[Int]]

    public init(agrees: [[Int]], disagrees: [[Int]], seen: [[Int]]) {
        self.agrees = agrees
        self.disagrees = disagrees
        self.seen = seen
    }

    init(matrix: VoteMatrix, groups: [[Int]]) {
        agrees = []
        disagrees = []
        seen = []
        for members in groups {
            let counts = matrix.columnCounts(of: members)
            agrees.append(counts.agrees)
            disagrees.append(counts.disagrees)
            seen.append(zip(zip(counts.agrees, counts.disagrees), counts.passes).map { $0.0 + $0.1 + $1 })
        }
    }

    var groupCount: Int { agrees.count }

    /// (agrees + 1) / (seen + 2) of a group on a column.
    func agreeProbability(group: Int, column: Int) -> Double {
        Double(agrees[group][column] + 1) / Double(seen[group][column] + 2)
    }

    func disagreeProbability(group: Int, column: Int) -> Double {
        Double(disagrees[group][column] + 1) / Double(seen[group][column] + 2)
    }

    /// Repness stats of every column for one group against all the others together.
    func repnessStats(group: Int, statementOfColumn: [Int]) -> [Representativeness.Stats] {
        statementOfColumn.indices.map { column in
            var othersAgree = 0, othersDisagree = 0, othersSeen = 0
            for other in 0..<groupCount where other != group {
                othersAgree += agrees[other][column]
                othersDisagree += disagrees[other][column]
                othersSeen += seen[other][column]
            }
            return Representativeness.Stats(
                statement: statementOfColumn[column], agrees: agrees[group][column], disagrees: disagrees[group][column],
                seen: seen[group][column], othersAgree: othersAgree, othersDisagree: othersDisagree, othersSeen: othersSeen)
        }
    }
}
