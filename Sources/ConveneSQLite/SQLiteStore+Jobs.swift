import ConveneCore
import Foundation
import GRDB

extension SQLiteStore {
    static func job(_ row: Row) -> Job {
        Job(id: row["id"], kind: row["kind"], key: row["key"], payload: row["payload"], runAfter: Date(millisecondsSince1970: row["run_after"]),
            claimedBy: row["claimed_by"], claimedAt: (row["claimed_at"] as Int64?).map(Date.init(millisecondsSince1970:)),
            finishedAt: (row["finished_at"] as Int64?).map(Date.init(millisecondsSince1970:)), attempts: row["attempts"], lastError: row["last_error"])
    }

    public func enqueueJob(_ job: Job) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO jobs (id, kind, key, payload, run_after) VALUES (?, ?, ?, ?, ?)",
                           arguments: [job.id, job.kind, job.key, job.payload, job.runAfter.millisecondsSince1970])
            return db.changesCount == 1
        }
    }

    public func claimJob(worker: String, now: Date) async throws -> Job? {
        try await pool.write { db in
            // One statement, so the choice and the claim cannot be split by another writer.
            try Row.fetchOne(db, sql: """
                UPDATE jobs SET claimed_by = ?, claimed_at = ?, attempts = attempts + 1
                WHERE id = (SELECT id FROM jobs WHERE finished_at IS NULL AND run_after <= ? AND (claimed_at IS NULL OR claimed_at < ?)
                            ORDER BY run_after, id LIMIT 1)
                RETURNING *
                """, arguments: [worker, now.millisecondsSince1970, now.millisecondsSince1970,
                                 now.addingTimeInterval(-Job.claimTimeout).millisecondsSince1970]).map(Self.job)
        }
    }

    public func finishJob(id: String, at: Date, error: String?) async throws {
        try await pool.write { db in
            if let error {
                let attempts = try Int.fetchOne(db, sql: "SELECT attempts FROM jobs WHERE id = ?", arguments: [id]) ?? Job.maxAttempts
                if attempts >= Job.maxAttempts {
                    try db.execute(sql: "UPDATE jobs SET finished_at = ?, last_error = ? WHERE id = ?", arguments: [at.millisecondsSince1970, error, id])
                } else {
                    let retry = at.addingTimeInterval(30 * pow(2, Double(attempts - 1)))
                    try db.execute(sql: "UPDATE jobs SET claimed_by = NULL, claimed_at = NULL, run_after = ?, last_error = ? WHERE id = ?",
                                   arguments: [retry.millisecondsSince1970, error, id])
                }
            } else {
                try db.execute(sql: "UPDATE jobs SET finished_at = ?, last_error = NULL WHERE id = ?", arguments: [at.millisecondsSince1970, id])
            }
        }
    }

    public func job(key: String) async throws -> Job? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE key = ?", arguments: [key]).map(Self.job) }
    }
}
