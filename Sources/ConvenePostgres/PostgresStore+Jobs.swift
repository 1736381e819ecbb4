import ConveneCore
import Foundation
import PostgresNIO

extension PostgresStore {
    func jobs(_ query: PostgresQuery) async throws -> [Job] {
        var out: [Job] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, kind, key, payload, runAfter, claimedBy, claimedAt, finishedAt, attempts, lastError)
            in rows.decode((String, String, String, String?, Int64, String?, Int64?, Int64?, Int32, String?).self) {
            out.append(Job(id: id, kind: kind, key: key, payload: payload, runAfter: Date(millisecondsSince1970: runAfter), claimedBy: claimedBy,
                           claimedAt: claimedAt.map(Date.init(millisecondsSince1970:)), finishedAt: finishedAt.map(Date.init(millisecondsSince1970:)),
                           attempts: Int(attempts), lastError: lastError))
        }
        return out
    }

    public func enqueueJob(_ job: Job) async throws -> Bool {
        try await scalarInt("""
            WITH i AS (INSERT INTO jobs (id, kind, key, payload, run_after) VALUES (\(job.id), \(job.kind), \(job.key), \(job.payload), \(job.runAfter.millisecondsSince1970))
                ON CONFLICT (key) DO NOTHING RETURNING 1) SELECT count(*) FROM i
            """) == 1
    }

    public func claimJob(worker: String, now: Date) async throws -> Job? {
        // SKIP LOCKED: servers polling at once each take a different job, or none; never the same.
        try await jobs("""
            UPDATE jobs SET claimed_by = \(worker), claimed_at = \(now.millisecondsSince1970), attempts = attempts + 1
            WHERE id = (SELECT id FROM jobs WHERE finished_at IS NULL AND run_after <= \(now.millisecondsSince1970)
                          AND (claimed_at IS NULL OR claimed_at < \(now.addingTimeInterval(-Job.claimTimeout).millisecondsSince1970))
                        ORDER BY run_after, id COLLATE "C" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, key, payload, run_after, claimed_by, claimed_at, finished_at, attempts, last_error
            """).first
    }

    public func finishJob(id: String, at: Date, error: String?) async throws {
        guard let error else {
            try await client.query("UPDATE jobs SET finished_at = \(at.millisecondsSince1970), last_error = NULL WHERE id = \(id)", logger: logger)
            return
        }
        try await transaction { conn in
            let attempts = try await self.scalarInt("SELECT attempts FROM jobs WHERE id = \(id) FOR UPDATE", on: conn)
            if attempts >= Job.maxAttempts {
                try await conn.query("UPDATE jobs SET finished_at = \(at.millisecondsSince1970), last_error = \(error) WHERE id = \(id)", logger: self.logger)
            } else {
                let retry = at.addingTimeInterval(30 * pow(2, Double(attempts - 1))).millisecondsSince1970
                try await conn.query("UPDATE jobs SET claimed_by = NULL, claimed_at = NULL, run_after = \(retry), last_error = \(error) WHERE id = \(id)", logger: self.logger)
            }
        }
    }

    public func job(key: String) async throws -> Job? {
        try await jobs("SELECT id, kind, key, payload, run_after, claimed_by, claimed_at, finished_at, attempts, last_error FROM jobs WHERE key = \(key)").first
    }
}
