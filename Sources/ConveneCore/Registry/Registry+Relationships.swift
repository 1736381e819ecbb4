import Foundation

/// A change to a relationship; nil fields are kept, `.some(nil)` clears.
public struct RelationshipPatch: Sendable, Equatable {
    public var fromId: String?
    public var toId: String?
    public var type: RelationshipType?
    public var startsOn: CalendarDate??
    public var endsOn: CalendarDate??
    public var notes: String??
    public init() {}
}

extension Registry {
    public func relationship(id: String) async throws -> Relationship {
        guard Identifier.isPlausible(id), let r = try await store.relationship(id: id) else {
            throw ConveneError.notFound(entity: "relationship", id: id)
        }
        return r
    }

    public func relationships(of stakeholderId: String) async throws -> [Relationship] {
        _ = try await stakeholder(id: stakeholderId)
        return try await store.relationships(stakeholderId: stakeholderId)
    }

    public func createRelationship(_ patch: RelationshipPatch, actor: Actor, now: Date = Date()) async throws -> Relationship {
        var errors: [FieldError] = []
        if patch.fromId == nil { errors.append(FieldError("fromId", "is required")) }
        if patch.toId == nil { errors.append(FieldError("toId", "is required")) }
        if patch.type == nil { errors.append(FieldError("type", "is required")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        let at = now.wholeMilliseconds
        let r = try await validated(applying: patch, to: Relationship(fromId: "", toId: "", type: .other, createdAt: at, updatedAt: at))
        try await store.insertRelationship(r, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "relationship", entityId: r.id, after: .from(r)))
        return r
    }

    public func updateRelationship(id: String, _ patch: RelationshipPatch, actor: Actor, now: Date = Date()) async throws -> Relationship {
        let before = try await relationship(id: id)
        var r = try await validated(applying: patch, to: before)
        if r == before { return r }
        r.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateRelationship(r, audit: AuditEntry(at: r.updatedAt, actor: actor, action: "update", entityType: "relationship", entityId: id, before: .from(before), after: .from(r)))
        return r
    }

    public func deleteRelationship(id: String, actor: Actor) async throws {
        let r = try await relationship(id: id)
        try await store.deleteRelationship(id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: "relationship", entityId: id, before: .from(r)))
    }

    func validated(applying patch: RelationshipPatch, to original: Relationship) async throws -> Relationship {
        var r = original
        if let v = patch.fromId { r.fromId = v }
        if let v = patch.toId { r.toId = v }
        if let v = patch.type { r.type = v }
        if let v = patch.startsOn { r.startsOn = v }
        if let v = patch.endsOn { r.endsOn = v }
        if let v = patch.notes { r.notes = StakeholderValidation.tidy(v) }
        var errors: [FieldError] = []
        for (field, id) in [("fromId", r.fromId), ("toId", r.toId)] {
            let exists = Identifier.isPlausible(id) ? try await store.stakeholder(id: id) != nil : false
            if !exists {
                errors.append(FieldError(field, "no stakeholder has id \"\(StakeholderValidation.clip(id))\""))
            }
        }
        if r.fromId == r.toId { errors.append(FieldError("toId", "a stakeholder cannot be related to itself")) }
        if let s = r.startsOn, let e = r.endsOn, e < s { errors.append(FieldError("endsOn", "must not be before startsOn")) }
        if let n = r.notes, n.count > 5000 { errors.append(FieldError("notes", "must be at most 5000 characters")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return r
    }
}
