import ConveneAnalysis
import Foundation

extension Consultations {
    /// How much one participant may do: votes and statements per window.
    public static let votesPerMinute = 60
    public static let statementsPerHour = 10

    /// Starts a participant: a stakeholder type the consultation asks for, and optionally a
    /// school or area. Returns the participant and the secret for its cookie (stored hashed).
    public func join(slug: String, stakeholderType: String?, area: String?, inviteCode: String? = nil, now: Date = Date()) async throws -> (Participant, String) {
        let c = try await consultation(slug: slug)
        guard c.isOpen(at: now) else { throw ConveneError.conflict("this consultation is closed") }
        var errors: [FieldError] = []
        let type = stakeholderType.flatMap(Text.tidy)?.lowercased()
        if type == nil { errors.append(FieldError("stakeholderType", "is required: say whether you are a parent, student, staff member, resident…")) }
        if let t = type {
            let allowed = c.audienceTypes.isEmpty ? StakeholderType.builtIn : c.audienceTypes
            if !allowed.contains(t) { errors.append(FieldError("stakeholderType", "must be one of \(allowed.joined(separator: ", "))")) }
        }
        let place = area.flatMap(Text.tidy)
        if let a = place {
            if a.count > 200 { errors.append(FieldError("area", "must be at most 200 characters")) }
            else if !c.audienceAreas.isEmpty && !c.audienceAreas.contains(a) { errors.append(FieldError("area", "must be one of \(c.audienceAreas.joined(separator: ", "))")) }
        }
        let code = inviteCode.flatMap(Text.tidy).map(Self.normalizedInvite)
        if c.isInviteOnly && code == nil { errors.append(FieldError("inviteCode", "is required: this consultation is for invited participants; enter the code you were given")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        let secret = "cvp_" + Secret.make()
        let p = try await store.insertParticipant(Participant(consultationId: c.id, stakeholderType: type ?? "", area: place, createdAt: now.wholeMilliseconds),
                                                  tokenHash: hashing.digest(secret), inviteHash: c.isInviteOnly ? code.map { hashing.digest($0) } : nil)
        return (p, secret)
    }

    /// Makes `count` invite codes (at most 5,000 at a time) and returns them: they are stored
    /// hashed, so this is the only time they can be read.
    public func createInvites(consultationId: String, count: Int, actor: Actor, now: Date = Date()) async throws -> [String] {
        let c = try await consultation(id: consultationId)
        guard (1...5000).contains(count) else { throw ConveneError.invalid("count", "must be a whole number from 1 to 5000") }
        // 10 characters from 31 that are easy to read aloud and type (no 0/O, 1/I/L): about 50 bits.
        let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
        var generator = SystemRandomNumberGenerator()
        let codes = (0..<count).map { _ in String((0..<10).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }) }
        try await store.insertInvites(consultationId: c.id, hashes: codes.map { hashing.digest($0) }, at: now.wholeMilliseconds,
                                      audit: AuditEntry(at: now.wholeMilliseconds, actor: actor, action: "create-invites", entityType: "consultation", entityId: c.id,
                                                        after: ["count": .number(Double(count))]))
        return codes
    }

    /// An invite code as typed: upper-case, without spaces or dashes.
    static func normalizedInvite(_ text: String) -> String { text.uppercased().filter { $0.isLetter || $0.isNumber } }

    /// The participant a cookie names, in this consultation.
    public func participant(secret: String?, consultation c: Consultation) async throws -> Participant {
        guard let secret, secret.hasPrefix("cvp_"), secret.count < 100, let p = try await store.participant(tokenHash: hashing.digest(secret)), p.consultationId == c.id else {
            throw ConveneError.unauthenticated("join the consultation first (POST …/participants): no participant cookie")
        }
        return p
    }

    /// The next statement for a participant (Pol.is priority: new and informative statements
    /// first, drawn at random in proportion to priority), or nil when none is left.
    public func next(for p: Participant, in c: Consultation, random: Double = Double.random(in: 0..<1)) async throws -> ConsultationStatement? {
        let approved = try await store.statements(consultationId: c.id, status: .approved)
        let voted = try await store.votedStatementIds(participantId: p.id)
        let open = approved.filter { !voted.contains($0.id) }
        guard !open.isEmpty else { return nil }
        let tallies = try await store.voteTallies(consultationId: c.id)
        let extremity = try await latestExtremity(c.id)
        var priorities: [Int: Double] = [:]
        for s in open {
            let t = tallies[s.id] ?? VoteTally()
            priorities[s.seq] = StatementPriority.priority(agrees: t.agrees, passes: t.passes, seen: t.seen, extremity: extremity[s.seq] ?? 0)
        }
        guard let seq = StatementPriority.choose(from: priorities, excluding: [], uniform: random) else { return open.first }
        return open.first { $0.seq == seq } ?? open.first
    }

    /// Records a vote (1 agree, −1 disagree, 0 pass); a later vote on the same statement replaces it.
    public func vote(_ p: Participant, in c: Consultation, statementId: String?, vote: Int?, now: Date = Date()) async throws {
        guard c.isOpen(at: now) else { throw ConveneError.conflict("this consultation is closed; votes are no longer taken") }
        var errors: [FieldError] = []
        if statementId == nil { errors.append(FieldError("statementId", "is required")) }
        if vote == nil || !(-1...1).contains(vote ?? 9) { errors.append(FieldError("vote", "must be 1 (agree), -1 (disagree) or 0 (pass)")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        guard let id = statementId, Identifier.isPlausible(id), let s = try await store.statement(id: id), s.consultationId == c.id else {
            throw ConveneError.invalid("statementId", "no statement of this consultation has id \"\(Text.clip(statementId ?? ""))\"")
        }
        guard s.status == .approved else { throw ConveneError.invalid("statementId", s.status == .rejected ? "this statement was removed" : "this statement awaits moderation") }
        let recent = try await store.recordAttempt(key: "consultation-vote:\(p.id)", at: now, since: now.addingTimeInterval(-60))
        if recent > Self.votesPerMinute { throw ConveneError.rateLimited(retryAfter: 60) }
        try await store.recordVote(consultationId: c.id, participantId: p.id, statementId: s.id, vote: vote ?? 0, at: now.wholeMilliseconds)
    }

    /// A participant's own statement: pending until approved, or shown at once, as the
    /// consultation's moderation mode says.
    public func write(_ p: Participant, in c: Consultation, text: String?, now: Date = Date()) async throws -> ConsultationStatement {
        guard c.isOpen(at: now) else { throw ConveneError.conflict("this consultation is closed") }
        guard let text else { throw ConveneError.invalid("text", "is required") }
        let clean = try Self.statementText(text, field: "text", limit: Self.maxStatementLength)
        let recent = try await store.recordAttempt(key: "consultation-statement:\(p.id)", at: now, since: now.addingTimeInterval(-3600))
        if recent > Self.statementsPerHour { throw ConveneError.rateLimited(retryAfter: 3600) }
        let known = Set(try await store.statements(consultationId: c.id, status: nil).map { Self.fold($0.text) })
        if known.contains(Self.fold(clean)) { throw ConveneError.invalid("text", "this statement is there already; vote on it instead") }
        let s = ConsultationStatement(consultationId: c.id, text: clean, source: .participant, status: c.moderation == .before ? .pending : .approved,
                                      participantId: p.id, createdAt: now.wholeMilliseconds)
        return try await store.insertStatement(s, audit: AuditEntry(at: now.wholeMilliseconds, actor: Actor(userId: nil, label: "participant \(p.seq)"), action: "create",
                                                                    entityType: "statement", entityId: s.id))
    }

    /// Each statement's extremity from the latest stored analysis (0 before there is one).
    func latestExtremity(_ consultationId: String) async throws -> [Int: Double] {
        guard let stored = try await store.analysis(consultationId: consultationId),
              let summary = try? EngagementCoding.decode(AnalysisSummary.self, stored.json) else { return [:] }
        return Dictionary(summary.statements.map { ($0.seq, $0.extremity) }, uniquingKeysWith: { a, _ in a })
    }
}
