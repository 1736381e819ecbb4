import Foundation

extension OpinionAnalysis {
    /// The knobs of the analysis; the defaults are Pol.is's where Pol.is has one.
    public struct Configuration: Sendable, Equatable {
        /// Numbers of opinion groups tried (Pol.is: 2…5, and at most 2 + base clusters / 12).
        public var groupCounts: ClosedRange<Int> = 2...5
        /// Votes a participant needs to be clustered (Pol.is: 7, or every statement when fewer).
        public var minimumVotes: Int = 7
        /// When fewer participants qualify, the most active voters are added up to this many (Pol.is: 15).
        public var minimumClustered: Int = 15
        /// Number of base clusters (Pol.is: 100).
        public var baseClusters: Int = 100
        /// Seed of the PCA start vectors and of every k-means start.
        public var seed: UInt64 = 0
        /// Lloyd iterations for base and group k-means (Pol.is: 100).
        public var maxIterations: Int = 100
        /// k-means++ restarts for the opinion groups, the best inertia kept.
        public var restarts: Int = 10
        /// Subspace iterations of the PCA at most, and its convergence tolerance (1 − |cos|).
        public var pcaIterations: Int = 200
        public var pcaTolerance: Double = 1e-12
        /// Representative statements per group (Pol.is: 5).
        public var representativeCount: Int = 5
        /// Consensus statements per direction (Pol.is: 5).
        public var consensusCount: Int = 5
        /// Divisive statements kept.
        public var divisiveCount: Int = 10

        public init(
            groupCounts: ClosedRange<Int> = 2...5, minimumVotes: Int = 7, minimumClustered: Int = 15, baseClusters: Int = 100,
            seed: UInt64 = 0, maxIterations: Int = 100, restarts: Int = 10, pcaIterations: Int = 200, pcaTolerance: Double = 1e-12,
            representativeCount: Int = 5, consensusCount: Int = 5, divisiveCount: Int = 10
        ) {
            self.groupCounts = groupCounts
            self.minimumVotes = minimumVotes
            self.minimumClustered = minimumClustered
            self.baseClusters = baseClusters
            self.seed = seed
            self.maxIterations = maxIterations
            self.restarts = restarts
            self.pcaIterations = pcaIterations
            self.pcaTolerance = pcaTolerance
            self.representativeCount = representativeCount
            self.consensusCount = consensusCount
            self.divisiveCount = divisiveCount
        }
    }
}
