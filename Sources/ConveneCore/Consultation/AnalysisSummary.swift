import Foundation

/// A consultation's analysis as stored and served: the opinion groups with their
/// representative statements, consensus and division, per-statement counts, the opinion map,
/// and everything broken down by stakeholder type and area. Ids are the application's.
public struct AnalysisSummary: Sendable, Codable, Equatable {
    public struct Statement: Sendable, Codable, Equatable {
        public var statementId: String
        public var seq: Int
        public var text: String
        public var agrees: Int
        public var disagrees: Int
        public var passes: Int
        public var extremity: Double
        /// Agree share (agrees / votes) per stakeholder type.
        public var agreeByType: [String: Double]
        /// Agree share per school or area (of participants who named one).
        public var agreeByArea: [String: Double]
    }
    public struct Representative: Sendable, Codable, Equatable {
        public var statementId: String
        /// "agree" or "disagree".
        public var direction: String
        public var percentInGroup: Double
        public var percentInOthers: Double
        public var repness: Double
    }
    public struct Group: Sendable, Codable, Equatable {
        public var id: Int
        public var participantIds: [String]
        public var representativeStatementIds: [String]
        public var representative: [Representative]
        public var byType: [String: Int]
        public var byArea: [String: Int]
        public var centroid: [Double]
    }
    public struct Agreement: Sendable, Codable, Equatable {
        public var statementId: String
        public var direction: String?
        /// Agree probability per group id (as text, for JSON).
        public var groupAgree: [String: Double]
        public var score: Double
    }
    public struct Point: Sendable, Codable, Equatable {
        public var x: Double
        public var y: Double
        /// -1 when not clustered (too few votes).
        public var group: Int
        public var stakeholderType: String
    }

    public struct Theme: Sendable, Codable, Equatable {
        public var keywords: [String]
        public var statementIds: [String]
    }

    public var votesAnalyzed: Int
    public var participants: Int
    public var participantsClustered: Int
    public var computedAt: Date
    public var seconds: Double
    public var groups: [Group]
    public var consensusStatementIds: [String]
    public var divisiveStatementIds: [String]
    public var consensus: [Agreement]
    public var divisive: [Agreement]
    public var statements: [Statement]
    public var participantsByType: [String: Int]
    public var participantsByArea: [String: Int]
    public var map: [Point]
    public var silhouette: [String: Double]
    /// The words that say most about the statements, and themes of statements that say much the same.
    public var keywords: [String]
    public var themes: [Theme]
}
