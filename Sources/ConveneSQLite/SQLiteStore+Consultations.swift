import ConveneCore
import Foundation
import GRDB

// Consultations on SQLite: records as JSON, numbered statements and participants, one vote per
// participant and statement (a later vote replaces it), and the latest analysis.

extension SQLiteStore {
    public func consultation(id: String) async throws -> Consultation? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT data FROM consultations WHERE id = ?", arguments: [id]).map { try EngagementCoding.decode(Consultation.self, $0) } }
    }

    public func consultation(slug: String) async throws -> Consultation? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT data FROM consultations WHERE slug = ?", arguments: [slug]).map { try EngagementCoding.decode(Consultation.self, $0) } }
    }

    public func consultations() async throws -> [Consultation] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT data FROM consultations ORDER BY created_at DESC, id").map { try EngagementCoding.decode(Consultation.self, $0) } }
    }

    public func insertConsultation(_ c: Consultation, audit: AuditEntry) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM consultations WHERE slug = ?", arguments: [c.slug]) == true {
                throw ConveneError.invalid("slug", "\"\(c.slug)\" is taken by another consultation")
            }
            try db.execute(sql: "INSERT INTO consultations (id, slug, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [c.id, c.slug, try EngagementCoding.encode(c), c.createdAt.millisecondsSince1970, c.updatedAt.millisecondsSince1970])
            try audit.insert(db)
        }
    }

    public func updateConsultation(_ c: Consultation, audit: AuditEntry) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM consultations WHERE slug = ? AND id <> ?", arguments: [c.slug, c.id]) == true {
                throw ConveneError.invalid("slug", "\"\(c.slug)\" is taken by another consultation")
            }
            try db.execute(sql: "UPDATE consultations SET slug = ?, data = ?, updated_at = ? WHERE id = ?",
                           arguments: [c.slug, try EngagementCoding.encode(c), c.updatedAt.millisecondsSince1970, c.id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "consultation", id: c.id) }
            try audit.insert(db)
        }
    }

    public func statements(consultationId: String, status: StatementStatus?) async throws -> [ConsultationStatement] {
        try await pool.read { db in
            let rows = status == nil
                ? try String.fetchAll(db, sql: "SELECT data FROM consultation_statements WHERE consultation_id = ? ORDER BY seq", arguments: [consultationId])
                : try String.fetchAll(db, sql: "SELECT data FROM consultation_statements WHERE consultation_id = ? AND status = ? ORDER BY seq",
                                      arguments: [consultationId, status?.rawValue])
            return try rows.map { try EngagementCoding.decode(ConsultationStatement.self, $0) }
        }
    }

    public func statement(id: String) async throws -> ConsultationStatement? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT data FROM consultation_statements WHERE id = ?", arguments: [id]).map { try EngagementCoding.decode(ConsultationStatement.self, $0) }
        }
    }

    public func insertStatement(_ s: ConsultationStatement, audit: AuditEntry?) async throws -> ConsultationStatement {
        try await pool.write { db in
            var made = s
            made.seq = try Int.fetchOne(db, sql: "SELECT COALESCE(max(seq) + 1, 0) FROM consultation_statements WHERE consultation_id = ?", arguments: [s.consultationId]) ?? 0
            try db.execute(sql: "INSERT INTO consultation_statements (id, consultation_id, seq, status, participant_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [made.id, made.consultationId, made.seq, made.status.rawValue, made.participantId, try EngagementCoding.encode(made),
                                       made.createdAt.millisecondsSince1970])
            if var a = audit { a.entityId = made.id; a.after = .from(made); try a.insert(db) }
            return made
        }
    }

    public func updateStatement(_ s: ConsultationStatement, audit: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE consultation_statements SET status = ?, data = ? WHERE id = ?", arguments: [s.status.rawValue, try EngagementCoding.encode(s), s.id])
            if db.changesCount == 0 { throw ConveneError.notFound(entity: "statement", id: s.id) }
            try audit.insert(db)
        }
    }

    public func insertParticipant(_ p: Participant, tokenHash: String, inviteHash: String?) async throws -> Participant {
        try await pool.write { db in
            var made = p
            made.seq = try Int.fetchOne(db, sql: "SELECT COALESCE(max(seq) + 1, 0) FROM consultation_participants WHERE consultation_id = ?", arguments: [p.consultationId]) ?? 0
            try db.execute(sql: "INSERT INTO consultation_participants (id, consultation_id, seq, token_hash, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [made.id, made.consultationId, made.seq, tokenHash, try EngagementCoding.encode(made), made.createdAt.millisecondsSince1970])
            if let inviteHash {
                try db.execute(sql: "UPDATE consultation_invites SET participant_id = ? WHERE code_hash = ? AND consultation_id = ? AND participant_id IS NULL",
                               arguments: [made.id, inviteHash, made.consultationId])
                if db.changesCount == 0 { throw ConveneError.invalid("inviteCode", "this invite code is not one of this consultation's, or it was used already") }
            }
            return made
        }
    }

    public func insertInvites(consultationId: String, hashes: [String], at: Date, audit: AuditEntry) async throws {
        try await pool.write { db in
            for h in hashes {
                try db.execute(sql: "INSERT INTO consultation_invites (code_hash, consultation_id, created_at) VALUES (?, ?, ?)", arguments: [h, consultationId, at.millisecondsSince1970])
            }
            try audit.insert(db)
        }
    }

    public func inviteCounts(consultationId: String) async throws -> (total: Int, used: Int) {
        try await pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), count(participant_id) FROM consultation_invites WHERE consultation_id = ?", arguments: [consultationId])
            return (total: row?[0] ?? 0, used: row?[1] ?? 0)
        }
    }

    public func participant(tokenHash: String) async throws -> Participant? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT data FROM consultation_participants WHERE token_hash = ?", arguments: [tokenHash]).map { try EngagementCoding.decode(Participant.self, $0) }
        }
    }

    public func participants(consultationId: String) async throws -> [Participant] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT data FROM consultation_participants WHERE consultation_id = ? ORDER BY seq", arguments: [consultationId])
                .map { try EngagementCoding.decode(Participant.self, $0) }
        }
    }

    public func countParticipants(consultationId: String) async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM consultation_participants WHERE consultation_id = ?", arguments: [consultationId]) ?? 0 }
    }

    public func recordVote(consultationId: String, participantId: String, statementId: String, vote: Int, at: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO consultation_votes (consultation_id, participant_id, statement_id, vote, at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (participant_id, statement_id) DO UPDATE SET vote = excluded.vote, at = excluded.at
                """, arguments: [consultationId, participantId, statementId, vote, at.millisecondsSince1970])
        }
    }

    public func votedStatementIds(participantId: String) async throws -> Set<String> {
        try await pool.read { db in Set(try String.fetchAll(db, sql: "SELECT statement_id FROM consultation_votes WHERE participant_id = ?", arguments: [participantId])) }
    }

    public func votes(consultationId: String) async throws -> [StoredVote] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.seq, s.seq, v.vote, v.at FROM consultation_votes v JOIN consultation_participants p ON p.id = v.participant_id
                JOIN consultation_statements s ON s.id = v.statement_id WHERE v.consultation_id = ? ORDER BY v.at, p.seq, s.seq
                """, arguments: [consultationId]).map { row in
                StoredVote(participantSeq: row[0], statementSeq: row[1], vote: row[2], at: Date(millisecondsSince1970: row[3] as Int64))
            }
        }
    }

    public func voteTallies(consultationId: String) async throws -> [String: VoteTally] {
        try await pool.read { db in
            var out: [String: VoteTally] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT statement_id, sum(vote = 1), sum(vote = -1), sum(vote = 0) FROM consultation_votes WHERE consultation_id = ? GROUP BY statement_id
                """, arguments: [consultationId]) {
                out[row[0]] = VoteTally(agrees: row[1], disagrees: row[2], passes: row[3])
            }
            return out
        }
    }

    public func countVotes(consultationId: String) async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM consultation_votes WHERE consultation_id = ?", arguments: [consultationId]) ?? 0 }
    }

    public func analysis(consultationId: String) async throws -> (votes: Int, computedAt: Date, json: String)? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT votes, computed_at, data FROM consultation_analyses WHERE consultation_id = ?", arguments: [consultationId]).map { row in
                (votes: row[0] as Int, computedAt: Date(millisecondsSince1970: row[1] as Int64), json: row[2] as String)
            }
        }
    }

    public func saveAnalysis(consultationId: String, votes: Int, computedAt: Date, json: String) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO consultation_analyses (consultation_id, votes, computed_at, data) VALUES (?, ?, ?, ?)
                ON CONFLICT (consultation_id) DO UPDATE SET votes = excluded.votes, computed_at = excluded.computed_at, data = excluded.data
                """, arguments: [consultationId, votes, computedAt.millisecondsSince1970, json])
        }
    }
}
