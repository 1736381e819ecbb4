import Foundation

/// A unit of background work, kept in the database so that several servers share one queue
/// and each job runs once, on whichever server claims it first.
public struct Job: Sendable, Equatable {
    public var id: String
    public var kind: String
    /// At most one job exists per key (`session-cleanup:2026-11-29T07`), so servers that all
    /// schedule the same periodic work make one job between them.
    public var key: String
    public var payload: String?
    public var runAfter: Date
    public var claimedBy: String?
    public var claimedAt: Date?
    public var finishedAt: Date?
    public var attempts: Int
    public var lastError: String?

    public init(id: String = Identifier.make(), kind: String, key: String, payload: String? = nil, runAfter: Date,
                claimedBy: String? = nil, claimedAt: Date? = nil, finishedAt: Date? = nil, attempts: Int = 0, lastError: String? = nil) {
        self.id = id; self.kind = kind; self.key = key; self.payload = payload; self.runAfter = runAfter; self.claimedBy = claimedBy
        self.claimedAt = claimedAt; self.finishedAt = finishedAt; self.attempts = attempts; self.lastError = lastError
    }

    /// A claim older than this is taken to belong to a server that died, and may be taken over.
    public static let claimTimeout: TimeInterval = 300
    /// A failing job is tried this many times, with doubling waits, then left with its error.
    public static let maxAttempts = 5
}

/// The shared job queue.
public protocol JobStore: Sendable {
    /// Adds a job unless one with the same key exists; true when it was added.
    func enqueueJob(_ job: Job) async throws -> Bool
    /// Atomically claims the next due job (unclaimed, or claimed longer ago than the timeout)
    /// for `worker`: two workers never claim the same job.
    func claimJob(worker: String, now: Date) async throws -> Job?
    /// Marks a claimed job done, or, with an error, schedules a retry or gives up.
    func finishJob(id: String, at: Date, error: String?) async throws
    func job(key: String) async throws -> Job?
}
