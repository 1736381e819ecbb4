import ConveneCore
import Foundation
import PostgresNIO

// Consultations on PostgreSQL: the same tables and behaviour as SQLite's. Numbers (`seq`) are
// taken under a lock on the consultation row, so two writers never take the same one.

extension PostgresStore {
    func decodeAll<T: Decodable>(_ type: T.Type, _ query: PostgresQuery, on conn: PostgresConnection? = nil) async throws -> [T] {
        var out: [T] = []
        for try await data in try await run(query, on: conn).decode(String.self) { out.append(try EngagementCoding.decode(type, data)) }
        return out
    }

    public func consultation(id: String) async throws -> Consultation? {
        try await decodeAll(Consultation.self, "SELECT data FROM consultations WHERE id = \(id)").first
    }

    public func consultation(slug: String) async throws -> Consultation? {
        try await decodeAll(Consultation.self, "SELECT data FROM consultations WHERE slug = \(slug)").first
    }

    public func consultations() async throws -> [Consultation] {
        try await decodeAll(Consultation.self, "SELECT data FROM consultations ORDER BY created_at DESC, id COLLATE \"C\"")
    }

    public func insertConsultation(_ c: Consultation, audit: AuditEntry) async throws {
        try await transaction { conn in
            if try await self.scalarInt("SELECT count(*) FROM consultations WHERE slug = \(c.slug)", on: conn) > 0 {
                throw ConveneError.invalid("slug", "\"\(c.slug)\" is taken by another consultation")
            }
            try await conn.query("""
                INSERT INTO consultations (id, slug, data, created_at, updated_at)
                VALUES (\(c.id), \(c.slug), \(try EngagementCoding.encode(c)), \(c.createdAt.millisecondsSince1970), \(c.updatedAt.millisecondsSince1970))
                """, logger: self.logger)
            try await self.insert(audit, conn)
        }
    }

    public func updateConsultation(_ c: Consultation, audit: AuditEntry) async throws {
        try await transaction { conn in
            if try await self.scalarInt("SELECT count(*) FROM consultations WHERE slug = \(c.slug) AND id <> \(c.id)", on: conn) > 0 {
                throw ConveneError.invalid("slug", "\"\(c.slug)\" is taken by another consultation")
            }
            let n = try await self.scalarInt("""
                WITH u AS (UPDATE consultations SET slug = \(c.slug), data = \(try EngagementCoding.encode(c)), updated_at = \(c.updatedAt.millisecondsSince1970)
                           WHERE id = \(c.id) RETURNING 1) SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "consultation", id: c.id) }
            try await self.insert(audit, conn)
        }
    }

    public func statements(consultationId: String, status: StatementStatus?) async throws -> [ConsultationStatement] {
        if let status {
            return try await decodeAll(ConsultationStatement.self,
                                       "SELECT data FROM consultation_statements WHERE consultation_id = \(consultationId) AND status = \(status.rawValue) ORDER BY seq")
        }
        return try await decodeAll(ConsultationStatement.self, "SELECT data FROM consultation_statements WHERE consultation_id = \(consultationId) ORDER BY seq")
    }

    public func statement(id: String) async throws -> ConsultationStatement? {
        try await decodeAll(ConsultationStatement.self, "SELECT data FROM consultation_statements WHERE id = \(id)").first
    }

    public func insertStatement(_ s: ConsultationStatement, audit: AuditEntry?) async throws -> ConsultationStatement {
        try await transaction { conn in
            try await conn.query("SELECT 1 FROM consultations WHERE id = \(s.consultationId) FOR UPDATE", logger: self.logger)
            var made = s
            made.seq = try await self.scalarInt("SELECT COALESCE(max(seq) + 1, 0) FROM consultation_statements WHERE consultation_id = \(s.consultationId)", on: conn)
            try await conn.query("""
                INSERT INTO consultation_statements (id, consultation_id, seq, status, participant_id, data, created_at)
                VALUES (\(made.id), \(made.consultationId), \(made.seq), \(made.status.rawValue), \(made.participantId), \(try EngagementCoding.encode(made)),
                        \(made.createdAt.millisecondsSince1970))
                """, logger: self.logger)
            if var a = audit { a.entityId = made.id; a.after = .from(made); try await self.insert(a, conn) }
            return made
        }
    }

    public func updateStatement(_ s: ConsultationStatement, audit: AuditEntry) async throws {
        try await transaction { conn in
            let n = try await self.scalarInt("""
                WITH u AS (UPDATE consultation_statements SET status = \(s.status.rawValue), data = \(try EngagementCoding.encode(s)) WHERE id = \(s.id) RETURNING 1)
                SELECT count(*) FROM u
                """, on: conn)
            if n == 0 { throw ConveneError.notFound(entity: "statement", id: s.id) }
            try await self.insert(audit, conn)
        }
    }

    public func insertParticipant(_ p: Participant, tokenHash: String, inviteHash: String?) async throws -> Participant {
        try await transaction { conn in
            try await conn.query("SELECT 1 FROM consultations WHERE id = \(p.consultationId) FOR UPDATE", logger: self.logger)
            var made = p
            made.seq = try await self.scalarInt("SELECT COALESCE(max(seq) + 1, 0) FROM consultation_participants WHERE consultation_id = \(p.consultationId)", on: conn)
            try await conn.query("""
                INSERT INTO consultation_participants (id, consultation_id, seq, token_hash, data, created_at)
                VALUES (\(made.id), \(made.consultationId), \(made.seq), \(tokenHash), \(try EngagementCoding.encode(made)), \(made.createdAt.millisecondsSince1970))
                """, logger: self.logger)
            if let inviteHash {
                let n = try await self.scalarInt("""
                    WITH u AS (UPDATE consultation_invites SET participant_id = \(made.id)
                               WHERE code_hash = \(inviteHash) AND consultation_id = \(made.consultationId) AND participant_id IS NULL RETURNING 1)
                    SELECT count(*) FROM u
                    """, on: conn)
                if n == 0 { throw ConveneError.invalid("inviteCode", "this invite code is not one of this consultation's, or it was used already") }
            }
            return made
        }
    }

    public func insertInvites(consultationId: String, hashes: [String], at: Date, audit: AuditEntry) async throws {
        try await transaction { conn in
            if !hashes.isEmpty {
                try await conn.query("""
                    INSERT INTO consultation_invites (code_hash, consultation_id, created_at)
                    SELECT h, \(consultationId), \(at.millisecondsSince1970) FROM unnest(\(hashes)::text[]) AS x(h)
                    """, logger: self.logger)
            }
            try await self.insert(audit, conn)
        }
    }

    public func inviteCounts(consultationId: String) async throws -> (total: Int, used: Int) {
        for try await (total, used) in try await run("SELECT count(*), count(participant_id) FROM consultation_invites WHERE consultation_id = \(consultationId)")
            .decode((Int64, Int64).self) {
            return (Int(total), Int(used))
        }
        return (0, 0)
    }

    public func participant(tokenHash: String) async throws -> Participant? {
        try await decodeAll(Participant.self, "SELECT data FROM consultation_participants WHERE token_hash = \(tokenHash)").first
    }

    public func participants(consultationId: String) async throws -> [Participant] {
        try await decodeAll(Participant.self, "SELECT data FROM consultation_participants WHERE consultation_id = \(consultationId) ORDER BY seq")
    }

    public func countParticipants(consultationId: String) async throws -> Int {
        try await scalarInt("SELECT count(*) FROM consultation_participants WHERE consultation_id = \(consultationId)")
    }

    public func recordVote(consultationId: String, participantId: String, statementId: String, vote: Int, at: Date) async throws {
        try await client.query("""
            INSERT INTO consultation_votes (consultation_id, participant_id, statement_id, vote, at)
            VALUES (\(consultationId), \(participantId), \(statementId), \(vote), \(at.millisecondsSince1970))
            ON CONFLICT (participant_id, statement_id) DO UPDATE SET vote = excluded.vote, at = excluded.at
            """, logger: logger)
    }

    public func votedStatementIds(participantId: String) async throws -> Set<String> {
        var out = Set<String>()
        for try await id in try await run("SELECT statement_id FROM consultation_votes WHERE participant_id = \(participantId)").decode(String.self) { out.insert(id) }
        return out
    }

    public func votes(consultationId: String) async throws -> [StoredVote] {
        var out: [StoredVote] = []
        for try await (p, s, v, at) in try await run("""
            SELECT p.seq, s.seq, v.vote, v.at FROM consultation_votes v JOIN consultation_participants p ON p.id = v.participant_id
            JOIN consultation_statements s ON s.id = v.statement_id WHERE v.consultation_id = \(consultationId) ORDER BY v.at, p.seq, s.seq
            """).decode((Int, Int, Int, Int64).self) {
            out.append(StoredVote(participantSeq: p, statementSeq: s, vote: v, at: Date(millisecondsSince1970: at)))
        }
        return out
    }

    public func voteTallies(consultationId: String) async throws -> [String: VoteTally] {
        var out: [String: VoteTally] = [:]
        for try await (id, a, d, p) in try await run("""
            SELECT statement_id, count(*) FILTER (WHERE vote = 1), count(*) FILTER (WHERE vote = -1), count(*) FILTER (WHERE vote = 0)
            FROM consultation_votes WHERE consultation_id = \(consultationId) GROUP BY statement_id
            """).decode((String, Int64, Int64, Int64).self) {
            out[id] = VoteTally(agrees: Int(a), disagrees: Int(d), passes: Int(p))
        }
        return out
    }

    public func countVotes(consultationId: String) async throws -> Int {
        try await scalarInt("SELECT count(*) FROM consultation_votes WHERE consultation_id = \(consultationId)")
    }

    public func analysis(consultationId: String) async throws -> (votes: Int, computedAt: Date, json: String)? {
        for try await (votes, at, data) in try await run("SELECT votes, computed_at, data FROM consultation_analyses WHERE consultation_id = \(consultationId)")
            .decode((Int, Int64, String).self) {
            return (votes, Date(millisecondsSince1970: at), data)
        }
        return nil
    }

    public func saveAnalysis(consultationId: String, votes: Int, computedAt: Date, json: String) async throws {
        try await client.query("""
            INSERT INTO consultation_analyses (consultation_id, votes, computed_at, data) VALUES (\(consultationId), \(votes), \(computedAt.millisecondsSince1970), \(json))
            ON CONFLICT (consultation_id) DO UPDATE SET votes = excluded.votes, computed_at = excluded.computed_at, data = excluded.data
            """, logger: logger)
    }
}
