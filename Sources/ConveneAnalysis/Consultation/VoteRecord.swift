import Foundation

/// One participant's vote on one statement, by index: `1` agree, `-1` disagree, `0` pass.
///
/// The application maps its own participant and statement ids to the indices `0..<participants`
/// and `0..<statements` given to `OpinionAnalysis.analyze`. When the same participant votes on the
/// same statement more than once, the record that comes later in the array wins.
public struct VoteRecord: Sendable, Equatable, Hashable {
    public var participant: Int
    public var statement: Int
    /// `1` agree, `-1` disagree, `0` pass; any other value is ignored.
    public var vote: Int8

    public init(participant: Int, statement: Int, vote: Int8) {
        self.participant = participant
        self.statement = statement
        self.vote = vote
    }
}

/// A point on the opinion map (the two principal components).
public struct OpinionPoint: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Whether a statement stands for a group (or for everyone) by agreement or by disagreement.
public enum OpinionDirection: String, Sendable, Equatable, Hashable {
    case agree
    case disagree
}
