import Foundation

extension DemoEngagement {
    /// Stores the generated records (events first, for the attendance records that point at
    /// them), with one audit entry per record, or per batch of interactions, saying "seed".
    public func store(into store: any ConveneStore) async throws {
        for event in events {
            try await store.insertEvent(event, audit: AuditEntry(at: event.createdAt, actor: .system, action: "seed", entityType: "event", entityId: event.id))
        }
        for start in stride(from: 0, to: interactions.count, by: 20_000) {
            let slice = Array(interactions[start..<min(start + 20_000, interactions.count)])
            try await store.insertInteractions(slice, audit: [AuditEntry(actor: .system, action: "seed", entityType: "interaction", entityId: "\(slice.count) generated")])
        }
        for f in followUps {
            try await store.insertFollowUp(f, audit: AuditEntry(at: f.createdAt, actor: .system, action: "seed", entityType: "follow-up", entityId: f.id))
        }
        for t in targets {
            try await store.insertCoverageTarget(t, audit: AuditEntry(at: t.createdAt, actor: .system, action: "seed", entityType: "coverage-target", entityId: t.id))
        }
    }
}
