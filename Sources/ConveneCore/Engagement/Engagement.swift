import ConveneAnalysis
import Foundation

/// Relationships over time (F2) and events (F3): interactions, follow-ups, events with
/// invitations and attendance, relationship health, coverage and the dashboard. Every change
/// is validated and audited, in the same transaction as the change.
public struct Engagement: Sendable {
    public let store: any ConveneStore
    let cache = EngagementCache()

    public init(store: any ConveneStore) { self.store = store }

    // MARK: Interactions

    public func interaction(id: String) async throws -> Interaction {
        guard Identifier.isPlausible(id), let i = try await store.interaction(id: id) else { throw ConveneError.notFound(entity: "interaction", id: id) }
        return i
    }

    public func interactions(_ query: InteractionQuery) async throws -> [Interaction] {
        var q = query
        q.limit = min(max(q.limit, 1), 500)
        q.offset = max(q.offset, 0)
        return try await store.interactions(q)
    }

    public func createInteraction(_ patch: InteractionPatch, actor: Actor, now: Date = Date()) async throws -> Interaction {
        var errors: [FieldError] = []
        if patch.kind == nil { errors.append(FieldError("kind", "is required (one of \(InteractionKind.allCases.map(\.rawValue).joined(separator: ", ")))")) }
        if patch.stakeholderIds == nil { errors.append(FieldError("stakeholderIds", "is required: name at least one stakeholder")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        let at = now.wholeMilliseconds
        var draft = Interaction(occurredAt: at, createdBy: actor.userId, createdAt: at, updatedAt: at)
        if let user = actor.userId, patch.userIds == nil { draft.userIds = [user] }
        let i = try await validated(patch, draft)
        try await store.insertInteractions([i], audit: [AuditEntry(at: at, actor: actor, action: "create", entityType: "interaction", entityId: i.id, after: .from(i))])
        return i
    }

    public func updateInteraction(id: String, _ patch: InteractionPatch, actor: Actor, now: Date = Date()) async throws -> Interaction {
        let before = try await interaction(id: id)
        var i = try await validated(patch, before)
        if i == before { return i }
        i.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateInteraction(i, audit: AuditEntry(at: i.updatedAt, actor: actor, action: "update", entityType: "interaction", entityId: id, before: .from(before), after: .from(i)))
        return i
    }

    public func deleteInteraction(id: String, actor: Actor) async throws {
        let i = try await interaction(id: id)
        try await store.deleteInteraction(id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: "interaction", entityId: id, before: .from(i)))
    }

    func validated(_ patch: InteractionPatch, _ original: Interaction) async throws -> Interaction {
        var i = original
        if let v = patch.kind { i.kind = v }
        if let v = patch.occurredAt { i.occurredAt = v.wholeMilliseconds }
        if let v = patch.direction { i.direction = v }
        if let v = patch.subject { i.subject = Text.trimmed(v) }
        if let v = patch.notes { i.notes = Text.tidy(v) }
        if let v = patch.topics { i.topics = Text.dedupe(v.compactMap(Text.tidy)) }
        if let v = patch.stakeholderIds { i.stakeholderIds = Text.dedupe(v) }
        if let v = patch.userIds { i.userIds = Text.dedupe(v) }
        if let v = patch.eventId { i.eventId = v }
        var errors: [FieldError] = []
        if i.subject.isEmpty && i.kind != .event { errors.append(FieldError("subject", "is required: say in a few words what it was about")) }
        if i.subject.count > 300 { errors.append(FieldError("subject", "must be at most 300 characters")) }
        if let n = i.notes, n.count > 20_000 { errors.append(FieldError("notes", "must be at most 20000 characters")) }
        if i.topics.count > 50 { errors.append(FieldError("topics", "must have at most 50 entries")) }
        if i.stakeholderIds.isEmpty { errors.append(FieldError("stakeholderIds", "must name at least one stakeholder")) }
        if i.stakeholderIds.count > 1000 { errors.append(FieldError("stakeholderIds", "must have at most 1000 entries")) }
        errors += try await missingStakeholders(i.stakeholderIds, field: "stakeholderIds")
        errors += try await missingUsers(i.userIds, field: "userIds")
        if let e = i.eventId, try await (Identifier.isPlausible(e) ? store.event(id: e) : nil) == nil {
            errors.append(FieldError("eventId", "no event has id \"\(Text.clip(e))\""))
        }
        if i.occurredAt.timeIntervalSince1970 < -2_208_988_800 || i.occurredAt > Date().addingTimeInterval(5 * 365 * 86_400) {
            errors.append(FieldError("occurredAt", "must be between 1900 and five years from now"))
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return i
    }

    func missingStakeholders(_ ids: [String], field: String) async throws -> [FieldError] {
        let plausible = ids.filter(Identifier.isPlausible)
        let found = Set(try await store.stakeholders(ids: plausible).map(\.id))
        return ids.enumerated().filter { !found.contains($0.element) }.prefix(5).map { n, id in
            FieldError("\(field)[\(n)]", "no stakeholder has id \"\(Text.clip(id))\"")
        }
    }

    func missingUsers(_ ids: [String], field: String) async throws -> [FieldError] {
        var out: [FieldError] = []
        for (n, id) in ids.enumerated() where out.count < 5 {
            if try await (Identifier.isPlausible(id) ? store.user(id: id) : nil) == nil {
                out.append(FieldError("\(field)[\(n)]", "no user has id \"\(Text.clip(id))\""))
            }
        }
        return out
    }

    // MARK: Follow-ups

    public func followUp(id: String) async throws -> FollowUp {
        guard Identifier.isPlausible(id), let f = try await store.followUp(id: id) else { throw ConveneError.notFound(entity: "follow-up", id: id) }
        return f
    }

    public func followUps(_ query: FollowUpQuery) async throws -> [FollowUp] {
        var q = query
        q.limit = min(max(q.limit, 1), 500)
        q.offset = max(q.offset, 0)
        return try await store.followUps(q)
    }

    public func createFollowUp(_ patch: FollowUpPatch, actor: Actor, now: Date = Date()) async throws -> FollowUp {
        var errors: [FieldError] = []
        if patch.title == nil { errors.append(FieldError("title", "is required")) }
        if patch.ownerId == nil { errors.append(FieldError("ownerId", "is required: say which user owes it")) }
        if patch.dueOn == nil { errors.append(FieldError("dueOn", "is required (YYYY-MM-DD)")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        let at = now.wholeMilliseconds
        let f = try await validated(patch, FollowUp(dueOn: CalendarDate(date: at), createdAt: at, updatedAt: at), now: at)
        try await store.insertFollowUp(f, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "follow-up", entityId: f.id, after: .from(f)))
        return f
    }

    public func updateFollowUp(id: String, _ patch: FollowUpPatch, actor: Actor, now: Date = Date()) async throws -> FollowUp {
        let before = try await followUp(id: id)
        var f = try await validated(patch, before, now: now.wholeMilliseconds)
        if f == before { return f }
        f.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        let action = before.status != f.status ? (f.status == .done ? "complete" : f.status == .cancelled ? "cancel" : "reopen") : "update"
        try await store.updateFollowUp(f, audit: AuditEntry(at: f.updatedAt, actor: actor, action: action, entityType: "follow-up", entityId: id, before: .from(before), after: .from(f)))
        return f
    }

    public func deleteFollowUp(id: String, actor: Actor) async throws {
        let f = try await followUp(id: id)
        try await store.deleteFollowUp(id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: "follow-up", entityId: id, before: .from(f)))
    }

    func validated(_ patch: FollowUpPatch, _ original: FollowUp, now: Date) async throws -> FollowUp {
        var f = original
        if let v = patch.title { f.title = Text.trimmed(v) }
        if let v = patch.ownerId { f.ownerId = v }
        if let v = patch.dueOn { f.dueOn = v }
        if let v = patch.status {
            if v != f.status { f.completedAt = v == .open ? nil : now }
            f.status = v
        }
        if let v = patch.stakeholderIds { f.stakeholderIds = Text.dedupe(v) }
        if let v = patch.interactionId { f.interactionId = v }
        if let v = patch.notes { f.notes = Text.tidy(v) }
        var errors: [FieldError] = []
        if f.title.isEmpty { errors.append(FieldError("title", "must not be empty")) }
        if f.title.count > 300 { errors.append(FieldError("title", "must be at most 300 characters")) }
        if let n = f.notes, n.count > 20_000 { errors.append(FieldError("notes", "must be at most 20000 characters")) }
        if f.ownerId.isEmpty { errors.append(FieldError("ownerId", "is required")) } else { errors += try await missingUsers([f.ownerId], field: "ownerId").map { FieldError("ownerId", $0.message) } }
        if f.stakeholderIds.count > 1000 { errors.append(FieldError("stakeholderIds", "must have at most 1000 entries")) }
        errors += try await missingStakeholders(f.stakeholderIds, field: "stakeholderIds")
        if let i = f.interactionId, try await (Identifier.isPlausible(i) ? store.interaction(id: i) : nil) == nil {
            errors.append(FieldError("interactionId", "no interaction has id \"\(Text.clip(i))\""))
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return f
    }

    // MARK: Coverage targets

    public func createCoverageTarget(_ patch: CoverageTargetPatch, actor: Actor, knownTypes: Set<String>, now: Date = Date()) async throws -> CoverageTarget {
        if patch.heardPercent == nil { throw ConveneError.invalid("heardPercent", "is required (0 to 100)") }
        let at = now.wholeMilliseconds
        let t = try validated(patch, CoverageTarget(createdAt: at, updatedAt: at), knownTypes: knownTypes)
        try await store.insertCoverageTarget(t, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "coverage-target", entityId: t.id, after: .from(t)))
        return t
    }

    public func updateCoverageTarget(id: String, _ patch: CoverageTargetPatch, actor: Actor, knownTypes: Set<String>, now: Date = Date()) async throws -> CoverageTarget {
        let before = try await coverageTarget(id: id)
        var t = try validated(patch, before, knownTypes: knownTypes)
        if t == before { return t }
        t.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateCoverageTarget(t, audit: AuditEntry(at: t.updatedAt, actor: actor, action: "update", entityType: "coverage-target", entityId: id, before: .from(before), after: .from(t)))
        return t
    }

    public func deleteCoverageTarget(id: String, actor: Actor) async throws {
        let t = try await coverageTarget(id: id)
        try await store.deleteCoverageTarget(id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: "coverage-target", entityId: id, before: .from(t)))
    }

    public func coverageTarget(id: String) async throws -> CoverageTarget {
        guard let t = try await store.coverageTargets().first(where: { $0.id == id }) else { throw ConveneError.notFound(entity: "coverage target", id: id) }
        return t
    }

    func validated(_ patch: CoverageTargetPatch, _ original: CoverageTarget, knownTypes: Set<String>) throws -> CoverageTarget {
        var t = original
        if let v = patch.stakeholderType { t.stakeholderType = Text.tidy(v)?.lowercased() }
        if let v = patch.area { t.area = Text.tidy(v) }
        if let v = patch.language { t.language = Text.tidy(v) }
        if let v = patch.heardPercent { t.heardPercent = v }
        var errors: [FieldError] = []
        if let type = t.stakeholderType, !knownTypes.contains(type) { errors.append(FieldError("stakeholderType", "\"\(Text.clip(type))\" is not a stakeholder type")) }
        if !(0...100).contains(t.heardPercent) { errors.append(FieldError("heardPercent", "must be from 0 to 100")) }
        if let a = t.area, a.count > 200 { errors.append(FieldError("area", "must be at most 200 characters")) }
        if let l = t.language, l.count > 35 || !l.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            errors.append(FieldError("language", "\"\(Text.clip(l))\" is not a language tag (use BCP 47, such as es or es-MX)"))
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return t
    }
}

/// Small text helpers shared by the engagement rules.
enum Text {
    static func tidy(_ text: String?) -> String? { StakeholderValidation.tidy(text) }
    static func trimmed(_ text: String) -> String { StakeholderValidation.trimmed(text) }
    static func clip(_ text: String) -> String { StakeholderValidation.clip(text) }
    static func dedupe<T: Hashable>(_ list: [T]) -> [T] { StakeholderValidation.dedupe(list) }
}
