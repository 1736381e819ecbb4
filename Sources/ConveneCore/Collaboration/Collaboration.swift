import Foundation

/// Working groups, partnerships, advocacy and the resource library (F3), and initiatives with
/// their engagement plans and decisions (F6). Every kind is changed the same way: the request's
/// fields are merged into the record (a JSON merge patch: only the fields given change, `null`
/// clears), the record is tidied and checked — its own rules, then that everything it links to
/// exists — and written with an audit entry. A failed write changes nothing.
public struct Collaboration: Sendable {
    public let store: any ConveneStore
    /// Public pages already built, for a short while (see `PublicViewCache`).
    let publicViews = PublicViewCache()

    public init(store: any ConveneStore) { self.store = store }

    /// Fields a client may send back from a read without setting them.
    static let readOnly: Set<String> = ["id", "createdAt", "updatedAt", "publishedAt", "stageHistory"]

    // MARK: Reading

    public func record<R: WorkRecord>(_ type: R.Type, id: String) async throws -> R {
        guard Identifier.isPlausible(id), let json = try await store.workRecord(kind: R.kind, id: id) else { throw ConveneError.notFound(entity: R.kind.label, id: id) }
        return try EngagementCoding.decode(R.self, json)
    }

    /// Every record of a kind, most recently changed first; with `query`, those whose words
    /// hold every word of it (case and accents aside); with `linkedTo`, those pointing at it.
    public func records<R: WorkRecord>(_ type: R.Type, query: String? = nil, linkedTo: WorkLink? = nil) async throws -> [R] {
        let rows: [String]
        if let linkedTo { rows = try await store.workRecords(kind: R.kind, linkingTo: linkedTo) } else { rows = try await store.workRecords(kind: R.kind) }
        let all = try rows.map { try EngagementCoding.decode(R.self, $0) }
        let words = Self.fold(query ?? "").split(separator: " ").map(String.init)
        if words.isEmpty { return all }
        return all.filter { r in
            let text = Self.fold(r.searchText)
            return words.allSatisfy { text.contains($0) }
        }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .map { $0.isLetter || $0.isNumber ? $0 : " " }.reduce(into: "") { $0.append($1) }
    }

    // MARK: Writing

    public func create<R: WorkRecord>(_ type: R.Type, fields: [String: JSONValue], actor: Actor, now: Date = Date()) async throws -> R {
        let at = now.wholeMilliseconds
        let record = try await checked(try Self.merged(R.blank(id: Identifier.make(), at: at), fields), before: nil, now: at)
        try await store.insertWorkRecord(try row(record), audit: AuditEntry(at: at, actor: actor, action: "create", entityType: R.kind.rawValue,
                                                                           entityId: record.id, after: .from(record)))
        return record
    }

    /// With `ifVersion` (the `ETag` of the record as read), refuses when someone changed it since.
    public func update<R: WorkRecord>(_ type: R.Type, id: String, fields: [String: JSONValue], actor: Actor, ifVersion: String? = nil, now: Date = Date()) async throws -> R {
        let before = try await record(R.self, id: id)
        if let ifVersion, ifVersion != Registry.version(of: before.updatedAt) {
            throw ConveneError.conflict("\(R.kind.label) \(id) was changed by someone else; reload it and try again")
        }
        var record = try await checked(try Self.merged(before, fields), before: before, now: now.wholeMilliseconds)
        if record == before { return record }
        record.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateWorkRecord(try row(record), audit: AuditEntry(at: record.updatedAt, actor: actor, action: Self.action(before, record),
                                                                           entityType: R.kind.rawValue, entityId: id, before: .from(before), after: .from(record)))
        return record
    }

    /// Removes a record nothing else points at (a decision's initiative, a campaign's bill).
    public func delete<R: WorkRecord>(_ type: R.Type, id: String, actor: Actor) async throws {
        let record = try await record(R.self, id: id)
        let referrers = try await store.workReferrers(to: WorkLink(kind: R.kind.rawValue, id: id)).filter { $0.id != id }
        if !referrers.isEmpty {
            let kinds = Dictionary(grouping: referrers, by: \.kind).map { "\($0.value.count) \(WorkKind(rawValue: $0.key)?.label ?? $0.key)\($0.value.count == 1 ? "" : "s")" }
            throw ConveneError.conflict("this \(R.kind.label) is referred to by \(kinds.sorted().joined(separator: " and ")); change or remove those first")
        }
        try await store.deleteWorkRecord(kind: R.kind, id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: R.kind.rawValue, entityId: id, before: .from(record)))
    }

    /// Takes a stakeholder being erased out of every record that names them (members, partners,
    /// coalition partners, asks, evidence), each change audited, so nothing points at them after.
    public func forget(stakeholderId: String, actor: Actor, now: Date = Date()) async throws {
        for link in try await store.workReferrers(to: WorkLink(.stakeholder, stakeholderId)) {
            switch WorkKind(rawValue: link.kind) {
            case .workingGroup: try await forget(WorkingGroup.self, link.id, stakeholderId, actor, now)
            case .partnership: try await forget(Partnership.self, link.id, stakeholderId, actor, now)
            case .campaign: try await forget(Campaign.self, link.id, stakeholderId, actor, now)
            case .decision: try await forget(Decision.self, link.id, stakeholderId, actor, now)
            default: continue
            }
        }
    }

    func forget<R: WorkRecord>(_ type: R.Type, _ id: String, _ stakeholderId: String, _ actor: Actor, _ now: Date) async throws {
        let before = try await record(R.self, id: id)
        var r = before
        guard r.forget(stakeholderId: stakeholderId) else { return }
        r.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateWorkRecord(try row(r), audit: AuditEntry(at: r.updatedAt, actor: actor, action: "forget-stakeholder", entityType: R.kind.rawValue,
                                                                     entityId: id, before: .from(before), after: .from(r)))
    }

    static func action<R: WorkRecord>(_ before: R, _ after: R) -> String {
        if let b = before as? Initiative, let a = after as? Initiative, b.isPublished != a.isPublished { return a.isPublished ? "publish" : "unpublish" }
        return "update"
    }

    func row<R: WorkRecord>(_ r: R) throws -> WorkRow {
        WorkRow(kind: R.kind, id: r.id, slug: r.publicSlug, json: try EngagementCoding.encode(r), links: r.links.map(\.link), createdAt: r.createdAt, updatedAt: r.updatedAt)
    }

    /// The record with the request's fields merged in; unknown fields are refused by name.
    static func merged<R: WorkRecord>(_ base: R, _ fields: [String: JSONValue]) throws -> R {
        let unknown = fields.keys.filter { !R.writable.contains($0) && !readOnly.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw ConveneError.invalid(unknown.map { FieldError($0, "is not a field of a \(R.kind.label); fields are " + R.writable.sorted().joined(separator: ", ")) })
        }
        guard case .object(var object) = JSONValue.from(base) else { throw ConveneError.invalid("body", "must be a JSON object") }
        for (key, value) in fields where R.writable.contains(key) {
            if value == .null { object.removeValue(forKey: key) } else { object[key] = value }
        }
        var record = try WorkCoding.decode(R.self, from: .object(object))
        record.id = base.id; record.createdAt = base.createdAt; record.updatedAt = base.updatedAt
        // Inside lists and objects too, a field the record does not have is refused, not dropped.
        let written = JSONValue.from(record)
        let strays = fields.filter { R.writable.contains($0.key) }.sorted { $0.key < $1.key }
            .flatMap { key, value in strayKeys(value, written[key] ?? .null, path: key) }
        if !strays.isEmpty { throw ConveneError.invalid(strays.prefix(20).map { FieldError($0, "is not a field here") }) }
        return record
    }

    /// Keys given in `input` (with a value other than null) that `output` does not have.
    static func strayKeys(_ input: JSONValue, _ output: JSONValue, path: String) -> [String] {
        switch (input, output) {
        case (.object(let i), .object(let o)):
            return i.keys.sorted().flatMap { key -> [String] in
                guard let value = i[key], value != .null else { return [] }
                guard let out = o[key] else { return ["\(path).\(key)"] }
                return strayKeys(value, out, path: "\(path).\(key)")
            }
        case (.array(let i), .array(let o)) where i.count == o.count:
            return zip(i, o).enumerated().flatMap { n, pair in strayKeys(pair.0, pair.1, path: "\(path)[\(n)]") }
        default:
            return []
        }
    }

    /// Tidies the record and applies every rule; throws all the problems found at once.
    func checked<R: WorkRecord>(_ draft: R, before: R?, now: Date) async throws -> R {
        var r = draft
        if var i = r as? Initiative, let old = before as? Initiative {
            // A plan line sent back without its id keeps the id it had, so decisions' answers still find it.
            var free = old.plan.filter { line in !i.plan.contains { $0.id == line.id } }
            for n in i.plan.indices where i.plan[n].id == nil {
                if let k = free.firstIndex(where: { $0.stakeholderType == i.plan[n].stakeholderType && $0.groupId == i.plan[n].groupId }) {
                    i.plan[n].id = free[k].id
                    free.remove(at: k)
                }
            }
            if let back = i as? R { r = back }
        }
        r.tidy(now: now)
        var errors = r.problems()
        // Only links the change adds are checked: a record whose old link lost its target (an
        // event removed elsewhere) can still be edited.
        let had = Set(before?.links.map(\.link) ?? [])
        errors += try await missing(r.links.filter { !had.contains($0.link) })
        errors += Self.nestedIdProblems(r)
        errors += try await crossChecks(r, before: before)
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return r
    }

    /// The links that point at nothing, each named by its field.
    func missing(_ links: [(field: String, link: WorkLink)]) async throws -> [FieldError] {
        var errors: [FieldError] = []
        let stakeholderLinks = links.filter { $0.link.kind == LinkKind.stakeholder.rawValue && !$0.link.id.isEmpty }
        let found = Set(try await store.stakeholders(ids: stakeholderLinks.map(\.link.id).filter(Identifier.isPlausible)).map(\.id))
        for l in stakeholderLinks where !found.contains(l.link.id) { errors.append(FieldError(l.field, "no stakeholder has id \"\(Text.clip(l.link.id))\"")) }
        for l in links where l.link.kind != LinkKind.stakeholder.rawValue && !l.link.id.isEmpty && errors.count < 20 {
            guard let kind = LinkKind(rawValue: l.link.kind) else { errors.append(FieldError(l.field, "\"\(Text.clip(l.link.kind))\" is not a kind of record")); continue }
            if try await !exists(kind, l.link.id) { errors.append(FieldError(l.field, "no \(kind.workKind?.label ?? kind.rawValue) has id \"\(Text.clip(l.link.id))\"")) }
        }
        return errors
    }

    /// Ids given to entries of a record's lists must look like ids and differ from each other.
    static func nestedIdProblems<R: WorkRecord>(_ r: R) -> [FieldError] {
        guard case .object(let o) = JSONValue.from(r) else { return [] }
        var errors: [FieldError] = []
        for (key, value) in o.sorted(by: { $0.key < $1.key }) {
            guard case .array(let entries) = value else { continue }
            var seen = Set<String>()
            for (n, e) in entries.enumerated() {
                guard let id = e["id"]?.stringValue else { continue }
                if !Identifier.isPlausible(id) { errors.append(FieldError("\(key)[\(n)].id", "must be 1 to 64 lower-case letters, digits, - or _")) }
                else if !seen.insert(id).inserted && key != "evidence" { errors.append(FieldError("\(key)[\(n)].id", "is the id of another entry")) }
            }
        }
        return errors
    }

    /// Whether the thing a link names is there.
    public func exists(_ kind: LinkKind, _ id: String) async throws -> Bool {
        guard Identifier.isPlausible(id) else { return false }
        switch kind {
        case .stakeholder: return try await !store.stakeholders(ids: [id]).isEmpty
        case .user: return try await store.user(id: id) != nil
        case .group: return try await store.group(id: id) != nil
        case .event: return try await store.event(id: id) != nil
        case .interaction: return try await store.interaction(id: id) != nil
        case .consultation: return try await store.consultation(id: id) != nil
        case .statement: return try await store.statement(id: id) != nil
        case .item: return try await store.radarItem(id: id, userId: nil) != nil
        case .issue: return try await store.radarIssue(id: id) != nil
        default:
            guard let w = kind.workKind else { return false }
            return try await store.workRecord(kind: w, id: id) != nil
        }
    }

    /// Rules that read other records.
    func crossChecks<R: WorkRecord>(_ r: R, before: R?) async throws -> [FieldError] {
        var errors: [FieldError] = []
        if let i = r as? Initiative, let old = before as? Initiative {
            // A promise a decision has answered stays in the plan until that answer goes.
            let removed = Set(old.plan.compactMap(\.id)).subtracting(i.plan.compactMap(\.id))
            if !removed.isEmpty {
                for d in try await decisions(initiativeId: i.id) where d.promiseOutcomes.contains(where: { removed.contains($0.planId) }) {
                    errors.append(FieldError("plan", "a line the decision \"\(Text.clip(d.title))\" answers was removed; take its answer out of the decision first"))
                }
            }
        }
        if let d = r as? Decision, Identifier.isPlausible(d.initiativeId),
           let json = try await store.workRecord(kind: .initiative, id: d.initiativeId) {
            let initiative = try EngagementCoding.decode(Initiative.self, json)
            if let on = d.decidedOn, let start = initiative.startsOn, on < start {
                errors.append(FieldError("decidedOn", "(\(on)) is before the initiative began (\(start))"))
            }
            let planIds = Set(initiative.plan.compactMap(\.id))
            for (n, p) in d.promiseOutcomes.enumerated() where !planIds.contains(p.planId) {
                errors.append(FieldError("promiseOutcomes[\(n)].planId", "is not a line of the initiative's engagement plan"))
            }
        }
        if let b = r as? Bill {
            let same = try await records(Bill.self).filter {
                $0.id != b.id && Self.fold($0.number) == Self.fold(b.number) && Self.fold($0.jurisdiction) == Self.fold(b.jurisdiction)
            }
            if !same.isEmpty { errors.append(FieldError("number", "\(b.number) of \(b.jurisdiction) is tracked already")) }
        }
        if let c = r as? Campaign, let pid = c.positionId, Identifier.isPlausible(pid), let bid = c.billId,
           let json = try await store.workRecord(kind: .position, id: pid), let p = try? EngagementCoding.decode(PolicyPosition.self, json),
           let pb = p.billId, pb != bid {
            errors.append(FieldError("positionId", "is a position on another bill than billId"))
        }
        return errors
    }
}
