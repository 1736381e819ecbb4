import Foundation

/// Consultations, their statements, participants and votes, and the latest analysis.
public protocol ConsultationStore: Sendable {
    func consultation(id: String) async throws -> Consultation?
    func consultation(slug: String) async throws -> Consultation?
    func consultations() async throws -> [Consultation]
    func insertConsultation(_ c: Consultation, audit: AuditEntry) async throws
    func updateConsultation(_ c: Consultation, audit: AuditEntry) async throws

    /// Oldest first; only those with `status` when given.
    func statements(consultationId: String, status: StatementStatus?) async throws -> [ConsultationStatement]
    func statement(id: String) async throws -> ConsultationStatement?
    /// Adds a statement with the next number of its consultation (its `seq` is set by the store).
    func insertStatement(_ s: ConsultationStatement, audit: AuditEntry?) async throws -> ConsultationStatement
    func updateStatement(_ s: ConsultationStatement, audit: AuditEntry) async throws

    /// Adds a participant with the next number of its consultation and a hashed cookie token;
    /// with `inviteHash`, in the same transaction takes that unused invite of the consultation
    /// (throws `ConveneError.invalid("inviteCode", …)` when there is none).
    func insertParticipant(_ p: Participant, tokenHash: String, inviteHash: String?) async throws -> Participant
    /// Stores new invite codes (hashed) for a consultation, with one audit entry.
    func insertInvites(consultationId: String, hashes: [String], at: Date, audit: AuditEntry) async throws
    /// How many invites exist and how many were used.
    func inviteCounts(consultationId: String) async throws -> (total: Int, used: Int)
    func participant(tokenHash: String) async throws -> Participant?
    func countParticipants(consultationId: String) async throws -> Int
    /// Records a vote, replacing the participant's earlier vote on the same statement.
    func recordVote(consultationId: String, participantId: String, statementId: String, vote: Int, at: Date) async throws
    /// The statements a participant has voted on (any vote, pass included).
    func votedStatementIds(participantId: String) async throws -> Set<String>
    func votes(consultationId: String) async throws -> [StoredVote]
    /// Agree, disagree and pass counts per statement id.
    func voteTallies(consultationId: String) async throws -> [String: VoteTally]
    func countVotes(consultationId: String) async throws -> Int
    func participants(consultationId: String) async throws -> [Participant]

    /// The latest analysis (as JSON) and how many votes it covered.
    func analysis(consultationId: String) async throws -> (votes: Int, computedAt: Date, json: String)?
    func saveAnalysis(consultationId: String, votes: Int, computedAt: Date, json: String) async throws
}

/// How a statement has been voted on so far.
public struct VoteTally: Sendable, Equatable {
    public var agrees: Int
    public var disagrees: Int
    public var passes: Int
    public var seen: Int { agrees + disagrees + passes }
    public init(agrees: Int = 0, disagrees: Int = 0, passes: Int = 0) { self.agrees = agrees; self.disagrees = disagrees; self.passes = passes }
}
