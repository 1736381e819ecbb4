import ConveneCore
import Foundation
import Testing

@Suite("Storage contract: the job queue")
struct JobQueueContractTests {
    @Test("one job per key, and concurrent claimers never share a job", arguments: Engine.available)
    func claimOnce(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let now = Date().wholeMilliseconds
        #expect(try await store.enqueueJob(Job(kind: "probe", key: "probe:1", runAfter: now)))
        #expect(try await !store.enqueueJob(Job(kind: "probe", key: "probe:1", runAfter: now)), "a second job with the same key is not added")
        _ = try await store.enqueueJob(Job(kind: "probe", key: "probe:later", runAfter: now.addingTimeInterval(3600)))
        let claims = try await withThrowingTaskGroup(of: Job?.self) { group in
            for i in 0..<12 { group.addTask { try await store.claimJob(worker: "w\(i)", now: now) } }
            var out: [Job?] = []
            for try await c in group { out.append(c) }
            return out
        }
        let won = claims.compactMap { $0 }
        #expect(won.count == 1)
        #expect(won.first?.key == "probe:1")
        #expect(won.first?.attempts == 1)
        #expect(try await store.claimJob(worker: "late", now: now) == nil, "the not-yet-due job is not claimed")
        try await store.finishJob(id: try #require(won.first).id, at: now, error: nil)
        let done = try #require(try await store.job(key: "probe:1"))
        #expect(done.finishedAt == now)
        #expect(done.claimedBy == won.first?.claimedBy)
    }

    @Test("a failure is retried later, then given up with its error; a dead server's claim is taken over", arguments: Engine.available)
    func retries(engine: Engine) async throws {
        let store = try await engine.makeStore()
        let start = Date().wholeMilliseconds
        _ = try await store.enqueueJob(Job(kind: "probe", key: "probe:fails", runAfter: start))
        var clock = start
        for attempt in 1...Job.maxAttempts {
            let job = try #require(try await store.claimJob(worker: "w", now: clock), "attempt \(attempt)")
            #expect(job.attempts == attempt)
            try await store.finishJob(id: job.id, at: clock, error: "FeedTimeout")
            #expect(try await store.claimJob(worker: "w", now: clock) == nil, "not retried at once")
            clock = clock.addingTimeInterval(3600 * 24)
        }
        let given = try #require(try await store.job(key: "probe:fails"))
        #expect(given.finishedAt != nil)
        #expect(given.lastError == "FeedTimeout")

        _ = try await store.enqueueJob(Job(kind: "probe", key: "probe:orphan", runAfter: start))
        let first = try #require(try await store.claimJob(worker: "dies", now: start))
        #expect(try await store.claimJob(worker: "other", now: start.addingTimeInterval(60)) == nil)
        let taken = try #require(try await store.claimJob(worker: "other", now: start.addingTimeInterval(Job.claimTimeout + 1)))
        #expect(taken.id == first.id)
        #expect(taken.claimedBy == "other")
    }
}
