import Foundation

/// The stakeholder registry's use cases (F1): create, change, archive, search, group,
/// relate, find duplicates and merge. Every change is validated and audited.
public struct Registry: Sendable {
    public let store: any ConveneStore
    public var knownTypes: Set<String>
    let facetCache = FacetCache()

    public init(store: any ConveneStore, knownTypes: Set<String> = Set(StakeholderType.builtIn)) {
        self.store = store
        self.knownTypes = knownTypes
    }

    /// The version a client must name in `If-Match` to change a record.
    public static func version(of updatedAt: Date) -> String { String(updatedAt.millisecondsSince1970) }

    public func stakeholder(id: String) async throws -> Stakeholder {
        guard Identifier.isPlausible(id), let s = try await store.stakeholder(id: id) else {
            throw ConveneError.notFound(entity: "stakeholder", id: id)
        }
        return s
    }

    public func create(_ patch: StakeholderPatch, actor: Actor, now: Date = Date()) async throws -> Stakeholder {
        let at = now.wholeMilliseconds
        let draft = patch.applied(to: Stakeholder(createdAt: at, updatedAt: at))
        let s = try await validated(draft)
        try await store.insertStakeholder(s, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "stakeholder", entityId: s.id, after: .from(s)))
        return s
    }

    public func update(id: String, _ patch: StakeholderPatch, actor: Actor, ifVersion: String? = nil, now: Date = Date()) async throws -> Stakeholder {
        let before = try await stakeholder(id: id)
        if let ifVersion, ifVersion != Registry.version(of: before.updatedAt) {
            throw ConveneError.conflict("stakeholder \(id) was changed by someone else; reload it and try again")
        }
        var s = try await validated(patch.applied(to: before))
        if s == before { return before }
        s.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        let action = patch.isArchived.map { $0 ? "archive" : "restore" } ?? "update"
        try await store.updateStakeholder(s, audit: AuditEntry(at: s.updatedAt, actor: actor, action: before.isArchived != s.isArchived ? action : "update",
                                                               entityType: "stakeholder", entityId: s.id, before: .from(before), after: .from(s)))
        return s
    }

    public func setArchived(id: String, _ archived: Bool, actor: Actor) async throws -> Stakeholder {
        var patch = StakeholderPatch()
        patch.isArchived = archived
        return try await update(id: id, patch, actor: actor)
    }

    /// Erases a stakeholder for good (F7 erasure): relationships and memberships go with it.
    /// The audit keeps that it happened, not the personal data.
    public func delete(id: String, actor: Actor) async throws {
        let s = try await stakeholder(id: id)
        try await Collaboration(store: store).forget(stakeholderId: s.id, actor: actor)
        try await store.deleteStakeholder(id: s.id, audit: AuditEntry(actor: actor, action: "erase", entityType: "stakeholder", entityId: s.id,
                                                                      before: .object(["id": .string(s.id), "kind": .string(s.kind.rawValue)])))
    }

    public func search(_ query: StakeholderQuery) async throws -> StakeholderPage {
        var q = query
        try q.absorbTextFilters()
        q.limit = min(max(q.limit, 1), 500)
        q.offset = max(q.offset, 0)
        return try await store.searchStakeholders(q)
    }

    public func facets(_ query: StakeholderQuery, fields: [FacetField] = FacetField.allCases, limit: Int = 20) async throws -> [FacetField: [FacetCount]] {
        var q = query
        try q.absorbTextFilters()
        q.limit = 0
        q.offset = 0
        let key = "\(q)|\(fields.map(\.rawValue))|\(limit)"
        let version = try await store.changeVersion()
        if let cached = facetCache.get(key, version: version) { return cached }
        let facets = try await store.facets(q, fields: fields, limit: limit)
        facetCache.put(key, version: version, facets)
        return facets
    }

    /// Checks the rules, including those that need the store (affiliation, owner).
    func validated(_ draft: Stakeholder) async throws -> Stakeholder {
        let (s, rules) = StakeholderValidation.normalized(draft, knownTypes: knownTypes)
        var errors = rules
        if let affiliation = s.affiliationId, affiliation != s.id {
            if !Identifier.isPlausible(affiliation) {
                errors.append(FieldError("affiliationId", "no stakeholder has id \"\(StakeholderValidation.clip(affiliation))\""))
            } else if let org = try await store.stakeholder(id: affiliation) {
                if org.kind != .organization { errors.append(FieldError("affiliationId", "must be an organization, and \(org.displayName) is a person")) }
            } else {
                errors.append(FieldError("affiliationId", "no stakeholder has id \"\(affiliation)\""))
            }
        }
        if let owner = s.ownerId {
            let exists = Identifier.isPlausible(owner) ? try await store.user(id: owner) != nil : false
            if !exists {
                errors.append(FieldError("ownerId", "no user has id \"\(StakeholderValidation.clip(owner))\""))
            }
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return s
    }
}
