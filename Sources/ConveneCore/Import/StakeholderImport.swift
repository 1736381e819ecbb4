import Foundation

/// What to do with a row that matches a record already in the registry (same email or
/// phone, or a very similar name at the same organization — the registry's duplicate rules).
public enum ImportPolicy: String, Sendable, Codable, CaseIterable {
    /// Leave the existing record alone.
    case skip
    /// Fill the existing record in: values from the file replace single fields, lists are joined.
    case update
    /// Make a new record anyway (the duplicates page will offer to merge them).
    case create
}

public enum ImportAction: String, Sendable, Codable, CaseIterable {
    case create, update, merge, skip, reject
}

/// One row's fate, as the dry run and the import report show it.
public struct ImportRowResult: Sendable, Equatable {
    public var line: Int
    public var action: ImportAction
    public var name: String
    /// The record it matched or made (after the import; nil in a dry run for new records).
    public var stakeholderId: String?
    /// For a merge: the earlier line of the file this row was folded into.
    public var matchedLine: Int?
    public var reasons: [String]
}

/// What an import did (or, in a dry run, would do).
public struct ImportReport: Sendable, Equatable {
    public var counts: [ImportAction: Int] = [:]
    /// Every rejected row, and the first `keep` rows of each other action.
    public var rows: [ImportRowResult] = []
    public var organizationsCreated: [String] = []
    public var applied = false
    public var dryRun = false
    public var total: Int { counts.values.reduce(0, +) }
    public var rejected: Int { counts[.reject] ?? 0 }
    public static let keepPerAction = 200
    public static let keepRejected = 5000

    mutating func record(_ r: ImportRowResult) {
        let n = counts[r.action, default: 0]
        counts[r.action] = n + 1
        if n < (r.action == .reject ? Self.keepRejected : Self.keepPerAction) { rows.append(r) }
    }
}

/// One incoming record: a draft stakeholder from a CSV row or a vCard, with the name of its
/// organization (looked up, or created) and the problems found while reading it.
public struct ImportCandidate: Sendable {
    public var line: Int
    public var draft: Stakeholder
    public var organizationName: String?
    public var problems: [String]
    /// A Convene id from the file (an earlier export): the record to fill in.
    public var existingId: String?
    public init(line: Int, draft: Stakeholder, organizationName: String? = nil, problems: [String] = []) {
        self.line = line; self.draft = draft; self.organizationName = organizationName; self.problems = problems
    }
}

/// Writes of one batch of an import, applied by the store inside the import's transaction.
public struct ImportBatch: Sendable {
    public var creates: [Stakeholder] = []
    /// Incoming drafts whose `id` names the record to fill in (see `StakeholderImport.merge`).
    public var updates: [Stakeholder] = []
    public init() {}
    public var isEmpty: Bool { creates.isEmpty && updates.isEmpty }
}

/// What the registry already holds that matching needs, read once before an import.
public struct ImportIndex: Sendable {
    /// Normalized email or phone key → stakeholder id.
    public var contacts: [String: String]
    /// Folded organization name → id.
    public var organizations: [String: String]
    /// Organization id → (id, folded name) of the people affiliated with it.
    public var people: [String: [(id: String, name: String)]]
    /// Every stakeholder id, for files that name them (exports edited and brought back).
    public var ids: Set<String>

    public init(contacts: [String: String], organizations: [String: String], people: [String: [(id: String, name: String)]], ids: Set<String>) {
        self.contacts = contacts; self.organizations = organizations; self.people = people; self.ids = ids
    }
}

/// Decides, row by row, what an import does. Deterministic: the same rows against the same
/// registry give the same decisions, so a dry run shows exactly what the import will do.
public struct StakeholderImportPlanner: Sendable {
    public var policy: ImportPolicy
    public var knownTypes: Set<String>
    public var actor: Actor
    public var now: Date
    var index: ImportIndex
    /// Contact keys and names seen earlier in this file → (line, id of the record it became).
    var seenContacts: [String: (line: Int, id: String, skipped: Bool)] = [:]
    var createdOrganizations: [String: String] = [:]
    public private(set) var report = ImportReport()

    public init(index: ImportIndex, policy: ImportPolicy, knownTypes: Set<String>, actor: Actor, now: Date = Date()) {
        self.index = index; self.policy = policy; self.knownTypes = knownTypes; self.actor = actor; self.now = now.wholeMilliseconds
    }

    static func contactKeys(_ s: Stakeholder) -> [String] {
        StakeholderCoding.contacts(s).map { "\($0.0):\($0.1)" }
    }

    /// Plans one row, adding what it writes to `batch`.
    public mutating func plan(_ c: ImportCandidate, into batch: inout ImportBatch) {
        var draft = c.draft
        draft.id = Identifier.make()
        draft.createdAt = now
        draft.updatedAt = now
        var reasons = c.problems
        var orgToCreate: Stakeholder?
        if let orgName = c.organizationName.flatMap(StakeholderValidation.tidy) {
            let key = NameSimilarity.fold(orgName)
            if let id = index.organizations[key] ?? createdOrganizations[key] {
                draft.affiliationId = id
            } else if orgName.count <= StakeholderValidation.maxNameLength {
                let org = Stakeholder(id: Identifier.make(), kind: .organization, displayName: orgName, createdAt: now, updatedAt: now)
                draft.affiliationId = org.id
                orgToCreate = org
            } else {
                reasons.append("organization: must be at most \(StakeholderValidation.maxNameLength) characters")
            }
        }
        let (clean, errors) = StakeholderValidation.normalized(draft, knownTypes: knownTypes)
        reasons += errors.map(\.description)
        let name = clean.displayName.isEmpty ? "(no name)" : clean.displayName
        guard reasons.isEmpty else {
            report.record(ImportRowResult(line: c.line, action: .reject, name: name, stakeholderId: nil, matchedLine: nil, reasons: reasons))
            return
        }
        let keys = Self.contactKeys(clean)
        // An earlier row of this file with the same email or phone: fold this one into it.
        var found: (line: Int, id: String, skipped: Bool)?
        for k in keys where found == nil { found = seenContacts[k] }
        if let earlier = found {
            if earlier.skipped {
                report.record(ImportRowResult(line: c.line, action: .skip, name: name, stakeholderId: earlier.id, matchedLine: earlier.line,
                                              reasons: ["same email or phone as line \(earlier.line), which matched an existing record"]))
                return
            }
            if let org = orgToCreate { addOrganization(org, to: &batch) }
            var incoming = clean
            incoming.id = earlier.id
            batch.updates.append(incoming)
            for k in keys where seenContacts[k] == nil { seenContacts[k] = earlier }
            report.record(ImportRowResult(line: c.line, action: .merge, name: name, stakeholderId: earlier.id, matchedLine: earlier.line,
                                          reasons: ["same email or phone as line \(earlier.line)"]))
            return
        }
        // An organization this file already named as someone's employer: this row is its own record.
        let knownId = c.existingId.map { index.ids.contains($0) } ?? false
        if clean.kind == .organization, !knownId, let made = createdOrganizations[NameSimilarity.fold(clean.displayName)] {
            var incoming = clean
            incoming.id = made
            batch.updates.append(incoming)
            for k in keys where seenContacts[k] == nil { seenContacts[k] = (c.line, made, false) }
            report.record(ImportRowResult(line: c.line, action: .merge, name: name, stakeholderId: made, matchedLine: nil,
                                          reasons: ["the organization an earlier row named"]))
            return
        }
        if let (existing, why) = match(clean, id: c.existingId, byContact: policy != .create) {
            if policy == .skip {
                report.record(ImportRowResult(line: c.line, action: .skip, name: name, stakeholderId: existing, matchedLine: nil, reasons: [why]))
            } else {
                if let org = orgToCreate { addOrganization(org, to: &batch) }
                var incoming = clean
                incoming.id = existing
                batch.updates.append(incoming)
                report.record(ImportRowResult(line: c.line, action: .update, name: name, stakeholderId: existing, matchedLine: nil, reasons: [why]))
            }
            for k in keys where seenContacts[k] == nil { seenContacts[k] = (c.line, existing, policy == .skip) }
            return
        }
        if let org = orgToCreate { addOrganization(org, to: &batch) }
        batch.creates.append(clean)
        if clean.kind == .organization, createdOrganizations[NameSimilarity.fold(clean.displayName)] == nil {
            createdOrganizations[NameSimilarity.fold(clean.displayName)] = clean.id
        }
        for k in keys where seenContacts[k] == nil { seenContacts[k] = (c.line, clean.id, false) }
        if let org = clean.affiliationId, clean.kind == .person {
            index.people[org, default: []].append((clean.id, NameSimilarity.fold(clean.displayName)))
        }
        report.record(ImportRowResult(line: c.line, action: .create, name: name, stakeholderId: clean.id, matchedLine: nil, reasons: []))
    }

    mutating func addOrganization(_ org: Stakeholder, to batch: inout ImportBatch) {
        batch.creates.append(org)
        createdOrganizations[NameSimilarity.fold(org.displayName)] = org.id
        report.organizationsCreated.append(org.displayName)
    }

    /// The registry's duplicate rules against what existed before the import.
    func match(_ s: Stakeholder, id: String?, byContact: Bool) -> (String, String)? {
        if let id, index.ids.contains(id) { return (id, "the same Convene id") }
        guard byContact else { return nil }
        if s.kind == .organization, let id = index.organizations[NameSimilarity.fold(s.displayName)] { return (id, "an organization with the same name") }
        for (kind, value) in StakeholderCoding.contacts(s) {
            if let id = index.contacts["\(kind):\(value)"] { return (id, "same \(kind) as an existing record") }
        }
        if s.kind == .person, let org = s.affiliationId, let people = index.people[org] {
            let name = NameSimilarity.fold(s.displayName)
            if let hit = people.first(where: { NameSimilarity.score($0.name, name) >= Registry.nameThreshold }) {
                return (hit.id, "a very similar name at the same organization")
            }
        }
        return nil
    }

    public mutating func finishReport(applied: Bool, dryRun: Bool) -> ImportReport {
        report.applied = applied
        report.dryRun = dryRun
        return report
    }
}

public enum StakeholderImport {
    /// Fills an existing record in from an incoming one: single values the file has replace
    /// the record's, lists are joined (nothing the record had is lost), consent never widens.
    public static func merge(_ existing: Stakeholder, with incoming: Stakeholder, now: Date) -> Stakeholder {
        var s = existing
        if incoming.kind == existing.kind, !incoming.displayName.isEmpty { s.displayName = incoming.displayName }
        s.givenName = incoming.givenName ?? s.givenName
        s.familyName = incoming.familyName ?? s.familyName
        s.title = incoming.title ?? s.title
        s.affiliationId = incoming.affiliationId ?? s.affiliationId
        s.level = incoming.level ?? s.level
        s.language = incoming.language ?? s.language
        s.influence = incoming.influence ?? s.influence
        s.interest = incoming.interest ?? s.interest
        s.engagementTarget = incoming.engagementTarget ?? s.engagementTarget
        if let n = incoming.notes { s.notes = s.notes.map { $0.contains(n) ? $0 : $0 + "\n\n" + n } ?? n }
        func join<T: Hashable>(_ a: [T], _ b: [T]) -> [T] { StakeholderValidation.dedupe(a + b) }
        s.types = join(s.types, incoming.types)
        s.areas = join(s.areas, incoming.areas)
        s.topics = join(s.topics, incoming.topics)
        s.tags = join(s.tags, incoming.tags)
        s.links = join(s.links, incoming.links)
        s.addresses = join(s.addresses, incoming.addresses)
        s.emails = s.emails + incoming.emails.filter { e in !s.emails.contains { $0.value == e.value } }
        s.phones = s.phones + incoming.phones.filter { p in !s.phones.contains { StakeholderValidation.phoneKey($0.value) == StakeholderValidation.phoneKey(p.value) } }
        // Consent only narrows: a file saying "granted" does not override a withdrawal.
        if existing.consent.status == .unknown, incoming.consent.status != .unknown { s.consent = incoming.consent }
        if incoming.consent.status == .withdrawn || incoming.consent.status == .denied { s.consent = incoming.consent }
        s.updatedAt = max(now.wholeMilliseconds, existing.updatedAt.addingTimeInterval(0.001))
        return s
    }

    public static func createAudit(_ s: Stakeholder, actor: Actor) -> AuditEntry {
        AuditEntry(at: s.createdAt, actor: actor, action: "import", entityType: "stakeholder", entityId: s.id, after: .from(s))
    }

    public static func updateAudit(before: Stakeholder, after: Stakeholder, actor: Actor) -> AuditEntry {
        AuditEntry(at: after.updatedAt, actor: actor, action: "import-update", entityType: "stakeholder", entityId: after.id, before: .from(before), after: .from(after))
    }
}
