import Foundation

/// A change to a group; nil fields are kept, `.some(nil)` clears.
public struct GroupPatch: Sendable, Equatable {
    public var name: String?
    public var description: String??
    public var kind: StakeholderGroup.Kind?
    public var query: String??
    public init() {}
}

extension Registry {
    public func group(id: String) async throws -> StakeholderGroup {
        guard Identifier.isPlausible(id), let g = try await store.group(id: id) else {
            throw ConveneError.notFound(entity: "group", id: id)
        }
        return g
    }

    public func createGroup(_ patch: GroupPatch, actor: Actor, now: Date = Date()) async throws -> StakeholderGroup {
        let at = now.wholeMilliseconds
        let g = try validated(applying: patch, to: StakeholderGroup(name: "", createdAt: at, updatedAt: at))
        try await store.insertGroup(g, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "group", entityId: g.id, after: .from(g)))
        return g
    }

    public func updateGroup(id: String, _ patch: GroupPatch, actor: Actor, now: Date = Date()) async throws -> StakeholderGroup {
        let before = try await group(id: id)
        var g = try validated(applying: patch, to: before)
        if g == before { return g }
        g.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateGroup(g, audit: AuditEntry(at: g.updatedAt, actor: actor, action: "update", entityType: "group", entityId: id, before: .from(before), after: .from(g)))
        return g
    }

    public func deleteGroup(id: String, actor: Actor) async throws {
        let g = try await group(id: id)
        try await store.deleteGroup(id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: "group", entityId: id, before: .from(g)))
    }

    /// The members of a group: its list, or what its saved search finds now.
    public func members(of groupId: String, limit: Int = 50, offset: Int = 0) async throws -> StakeholderPage {
        let g = try await group(id: groupId)
        return try await search(memberQuery(g, limit: limit, offset: offset))
    }

    public func memberQuery(_ g: StakeholderGroup, limit: Int = 50, offset: Int = 0) -> StakeholderQuery {
        switch g.kind {
        case .static:
            return StakeholderQuery(groupId: g.id, archived: .include, limit: limit, offset: offset)
        case .savedSearch:
            return StakeholderQuery(text: SearchText(parsing: g.query ?? ""), limit: limit, offset: offset)
        }
    }

    public func addMembers(groupId: String, stakeholderIds: [String], actor: Actor) async throws -> Int {
        let g = try await staticGroup(groupId)
        let ids = try await existingIds(stakeholderIds)
        return try await store.addGroupMembers(groupId: g.id, stakeholderIds: ids, audit: AuditEntry(
            actor: actor, action: "add-members", entityType: "group", entityId: g.id, after: .object(["stakeholderIds": .array(ids.map(JSONValue.string))])))
    }

    public func removeMembers(groupId: String, stakeholderIds: [String], actor: Actor) async throws -> Int {
        let g = try await staticGroup(groupId)
        return try await store.removeGroupMembers(groupId: g.id, stakeholderIds: stakeholderIds, audit: AuditEntry(
            actor: actor, action: "remove-members", entityType: "group", entityId: g.id, before: .object(["stakeholderIds": .array(stakeholderIds.map(JSONValue.string))])))
    }

    func staticGroup(_ id: String) async throws -> StakeholderGroup {
        let g = try await group(id: id)
        guard g.kind == .static else { throw ConveneError.invalid("stakeholderIds", "\(g.name) is a saved search; its members follow from its query") }
        return g
    }

    func existingIds(_ ids: [String]) async throws -> [String] {
        if ids.isEmpty { throw ConveneError.invalid("stakeholderIds", "name at least one stakeholder") }
        if ids.count > 1000 { throw ConveneError.invalid("stakeholderIds", "at most 1000 at a time") }
        let unique = StakeholderValidation.dedupe(ids)
        let found = Set(try await store.stakeholders(ids: unique.filter(Identifier.isPlausible)).map(\.id))
        let errors = unique.enumerated().filter { !found.contains($0.element) }.map {
            FieldError("stakeholderIds[\($0.offset)]", "no stakeholder has id \"\(StakeholderValidation.clip($0.element))\"")
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return unique
    }

    func validated(applying patch: GroupPatch, to original: StakeholderGroup) throws -> StakeholderGroup {
        var g = original
        if let v = patch.name { g.name = v.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let v = patch.description { g.description = StakeholderValidation.tidy(v) }
        if let v = patch.kind { g.kind = v }
        if let v = patch.query { g.query = StakeholderValidation.tidy(v) }
        var errors: [FieldError] = []
        if g.name.isEmpty { errors.append(FieldError("name", "is required")) }
        if g.name.count > 200 { errors.append(FieldError("name", "must be at most 200 characters")) }
        if let d = g.description, d.count > 5000 { errors.append(FieldError("description", "must be at most 5000 characters")) }
        switch g.kind {
        case .savedSearch:
            if let q = g.query, q.count <= 1000 {
                var query = StakeholderQuery(text: SearchText(parsing: q))
                do { try query.absorbTextFilters() } catch {
                    if case .invalid(let e) = error { errors += e.map { FieldError("query", $0.message) } }
                }
            } else {
                errors.append(FieldError("query", g.query == nil ? "a saved search needs a query" : "must be at most 1000 characters"))
            }
        case .static:
            if g.query != nil { errors.append(FieldError("query", "only a saved search has a query")) }
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return g
    }
}
