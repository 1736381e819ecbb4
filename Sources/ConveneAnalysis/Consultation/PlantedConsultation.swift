import Foundation

/// A synthetic consultation with planted opinion groups, to test and benchmark the analysis.
///
/// Participant p belongs to group p mod `groups`. Statement 0 is the planted consensus: every
/// group agrees with it. Every other statement gets, for each group, a stance — agree or disagree
/// (45 % each) or indifferent (10 %, voting pass) — drawn again until the groups do not all take
/// the same stance, so no other statement is a consensus by construction. Each participant votes
/// on `votes / participants` statements (the remainder spread over the first participants)
/// chosen uniformly without replacement; with probability `noise` a vote is agree, disagree or
/// pass at random, otherwise it follows the group's stance. Everything is drawn from one
/// `SplitMix64` seeded with `seed`.
public struct PlantedConsultation: Sendable {
    public var participants: Int
    public var statements: Int
    public var votes: [VoteRecord]
    /// The planted group of each participant.
    public var labels: [Int]
    /// The statement every group agrees with.
    public var consensusStatement: Int
    /// stance[group][statement]: 1 agree, −1 disagree, 0 indifferent.
    public var stance: [[Int8]]

    public init(participants: Int, statements: Int, votes: Int, groups: Int = 3, noise: Double = 0.1, seed: UInt64 = 1) {
        let participants = max(1, participants), statements = max(1, statements), groups = max(1, groups)
        var rng = SplitMix64(seed: seed)
        var stance = [[Int8]](repeating: [Int8](repeating: 1, count: statements), count: groups)
        for statement in 1..<max(1, statements) {
            while true {
                for g in 0..<groups {
                    let u = rng.nextUnit()
                    stance[g][statement] = u < 0.45 ? 1 : (u < 0.9 ? -1 : 0)
                }
                if groups < 2 || (1..<groups).contains(where: { stance[$0][statement] != stance[0][statement] }) { break }
            }
        }
        let total = min(max(0, votes), participants * statements)
        let each = total / participants, extra = total % participants
        var order = Array(0..<statements)
        var records: [VoteRecord] = []
        records.reserveCapacity(total)
        for p in 0..<participants {
            let group = p % groups
            let count = each + (p < extra ? 1 : 0)
            for i in 0..<count {
                order.swapAt(i, i + rng.nextInt(below: statements - i))
                let statement = order[i]
                let vote: Int8
                if rng.nextUnit() < noise {
                    vote = Int8(rng.nextInt(below: 3) - 1)
                } else {
                    vote = stance[group][statement]
                }
                records.append(VoteRecord(participant: p, statement: statement, vote: vote))
            }
        }
        self.participants = participants
        self.statements = statements
        self.votes = records
        self.labels = (0..<participants).map { $0 % groups }
        self.consensusStatement = 0
        self.stance = stance
    }
}
