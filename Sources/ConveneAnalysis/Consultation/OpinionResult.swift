import Foundation

/// What `OpinionAnalysis.analyze` finds in a consultation's votes: the map, the groups and the statements that matter.
public struct OpinionResult: Sendable, Equatable {
    /// Votes counted after removing duplicates, votes out of range and votes on moderated-out statements.
    public var votesAnalyzed: Int
    /// Participants (indices) that took part in clustering: enough votes, see `Configuration.minimumVotes`.
    public var participantsClustered: [Int]
    /// Every participant with at least one counted vote, on the sparsity-aware opinion map.
    public var projection: [Int: OpinionPoint]
    /// The two principal axes, each with one loading per statement (`0` for moderated-out statements).
    public var components: [[Double]]
    /// The share of the total variance of the imputed vote matrix along each axis.
    public var explainedVariance: [Double]
    /// The opinion groups, largest first.
    public var groups: [OpinionGroup]
    /// Silhouette of the grouping tried for each k.
    public var silhouette: [Int: Double]
    /// Statements every group agrees on (or every group disagrees with), strongest first.
    public var consensus: [ConsensusStatement]
    /// Statement → product over groups of the group's Laplace-smoothed agree probability.
    public var groupAwareConsensus: [Int: Double]
    /// Statements on which the groups differ most, most divisive first.
    public var divisive: [DivisiveStatement]
    /// Counts, extremity and next-statement priority of every statement not moderated out.
    public var statementStats: [StatementStats]

    public init(
        votesAnalyzed: Int = 0, participantsClustered: [Int] = [], projection: [Int: OpinionPoint] = [:],
        components: [[Double]] = [], explainedVariance: [Double] = [], groups: [OpinionGroup] = [],
        silhouette: [Int: Double] = [:], consensus: [ConsensusStatement] = [], groupAwareConsensus: [Int: Double] = [:],
        divisive: [DivisiveStatement] = [], statementStats: [StatementStats] = []
    ) {
        self.votesAnalyzed = votesAnalyzed
        self.participantsClustered = participantsClustered
        self.projection = projection
        self.components = components
        self.explainedVariance = explainedVariance
        self.groups = groups
        self.silhouette = silhouette
        self.consensus = consensus
        self.groupAwareConsensus = groupAwareConsensus
        self.divisive = divisive
        self.statementStats = statementStats
    }
}

/// One opinion group: its members, where it sits on the map, and the statements that set it apart.
public struct OpinionGroup: Sendable, Equatable {
    /// Position of the group in `OpinionResult.groups` (0 is the largest).
    public var id: Int
    /// Participant indices, ascending.
    public var participants: [Int]
    /// Mean position of the members on the opinion map.
    public var centroid: OpinionPoint
    /// Up to `Configuration.representativeCount` statements, agrees before disagrees.
    public var representative: [RepresentativeStatement]

    public init(id: Int, participants: [Int], centroid: OpinionPoint, representative: [RepresentativeStatement]) {
        self.id = id
        self.participants = participants
        self.centroid = centroid
        self.representative = representative
    }
}

/// A statement that represents a group, with the Pol.is representativeness numbers behind it.
public struct RepresentativeStatement: Sendable, Equatable {
    public var statement: Int
    public var direction: OpinionDirection
    /// `ra` or `rd`: the group's smoothed probability over the rest's.
    public var repness: Double
    /// Two-proportion z of the group against the rest.
    public var repnessTest: Double
    /// `pa` or `pd`: the group's Laplace-smoothed probability, (n + 1) / (seen + 2).
    public var probability: Double
    /// One-proportion z of that probability against one half.
    public var probabilityTest: Double
    /// Raw share of the group's votes in `direction`, 0…1.
    public var percentInGroup: Double
    /// Raw share of the other groups' votes in `direction`, 0…1.
    public var percentInOthers: Double
    /// Votes of the group in `direction`, and votes of the group on the statement.
    public var count: Int
    public var seen: Int

    public init(
        statement: Int, direction: OpinionDirection, repness: Double, repnessTest: Double, probability: Double,
        probabilityTest: Double, percentInGroup: Double, percentInOthers: Double, count: Int, seen: Int
    ) {
        self.statement = statement
        self.direction = direction
        self.repness = repness
        self.repnessTest = repnessTest
        self.probability = probability
        self.probabilityTest = probabilityTest
        self.percentInGroup = percentInGroup
        self.percentInOthers = percentInOthers
        self.count = count
        self.seen = seen
    }

    /// Pol.is's ranking metric: repness × repness test × probability × probability test.
    public var metric: Double { repness * repnessTest * probability * probabilityTest }
}

/// A statement on which every group leans the same way.
public struct ConsensusStatement: Sendable, Equatable {
    public var statement: Int
    public var direction: OpinionDirection
    /// Group id → the group's smoothed probability of agreeing, (agrees + 1) / (seen + 2).
    public var groupAgreeProbability: [Int: Double]
    /// Product over groups of the smoothed probability in `direction`.
    public var score: Double

    public init(statement: Int, direction: OpinionDirection, groupAgreeProbability: [Int: Double], score: Double) {
        self.statement = statement
        self.direction = direction
        self.groupAgreeProbability = groupAgreeProbability
        self.score = score
    }
}

/// A statement that splits the groups.
public struct DivisiveStatement: Sendable, Equatable {
    public var statement: Int
    /// Group id → the group's smoothed probability of agreeing.
    public var groupAgreeProbability: [Int: Double]
    /// 2 × the vote-weighted standard deviation of the groups' agree probabilities, 0…1.
    public var divisiveness: Double

    public init(statement: Int, groupAgreeProbability: [Int: Double], divisiveness: Double) {
        self.statement = statement
        self.groupAgreeProbability = groupAgreeProbability
        self.divisiveness = divisiveness
    }
}

/// Vote counts of one statement over all participants, with its PCA extremity and next-statement priority.
public struct StatementStats: Sendable, Equatable {
    public var statement: Int
    public var agrees: Int
    public var disagrees: Int
    public var passes: Int
    /// Votes of any kind: agrees + disagrees + passes.
    public var seen: Int
    /// How far a participant who agreed with this statement alone would land from the centre of the map.
    public var extremity: Double
    /// Pol.is's next-statement priority, see `StatementPriority`.
    public var priority: Double

    public init(statement: Int, agrees: Int, disagrees: Int, passes: Int, seen: Int, extremity: Double, priority: Double) {
        self.statement = statement
        self.agrees = agrees
        self.disagrees = disagrees
        self.passes = passes
        self.seen = seen
        self.extremity = extremity
        self.priority = priority
    }
}
