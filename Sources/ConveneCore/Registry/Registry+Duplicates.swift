import Foundation

/// Two stakeholders that may be one, and why.
public struct DuplicatePair: Sendable, Equatable {
    public var firstId: String
    public var secondId: String
    public var reasons: [String]
    public var score: Double
    public init(firstId: String, secondId: String, reasons: [String], score: Double) {
        self.firstId = firstId; self.secondId = secondId; self.reasons = reasons; self.score = score
    }

    /// An order-free key for the pair.
    public static func key(_ a: String, _ b: String) -> String { a < b ? "\(a)|\(b)" : "\(b)|\(a)" }
}

extension Registry {
    /// Names at least this similar, with the same affiliation, are flagged.
    public static let nameThreshold = 0.93

    /// Pairs that may be duplicates: the same email or phone, or very similar names with the
    /// same affiliation. Pairs someone marked "not a duplicate" are left out. Strongest first.
    public func duplicatePairs(limit: Int = 200) async throws -> [DuplicatePair] {
        var pairs: [String: DuplicatePair] = [:]
        func add(_ a: String, _ b: String, _ reason: String, _ score: Double) {
            let key = DuplicatePair.key(a, b)
            let (first, second) = a < b ? (a, b) : (b, a)
            var pair = pairs[key] ?? DuplicatePair(firstId: first, secondId: second, reasons: [], score: 0)
            if !pair.reasons.contains(reason) { pair.reasons.append(reason) }
            pair.score = max(pair.score, score)
            pairs[key] = pair
        }
        for shared in try await store.sharedContactGroups() {
            let ids = shared.stakeholderIds.sorted()
            // A contact shared by a crowd (a school's front-desk number) is not evidence of identity.
            guard ids.count <= 5 else { continue }
            for i in 0..<ids.count { for j in (i + 1)..<ids.count { add(ids[i], ids[j], "same \(shared.kind)", 1) } }
        }
        let byAffiliation = Dictionary(grouping: try await store.affiliatedNames(), by: \.affiliationId)
        for (_, members) in byAffiliation {
            // Block on the first letter of the folded name's last word so large schools stay fast.
            let blocks = Dictionary(grouping: members.map { ($0, NameSimilarity.fold($0.name)) }) { $0.1.split(separator: " ").last?.first }
            for (_, block) in blocks where block.count > 1 {
                for i in 0..<block.count {
                    for j in (i + 1)..<block.count {
                        let s = NameSimilarity.jaroWinkler(Array(block[i].1), Array(block[j].1))
                        if s >= Registry.nameThreshold {
                            add(block[i].0.id, block[j].0.id, s >= 0.999 ? "same name and affiliation" : "similar name, same affiliation", s * 0.95)
                        }
                    }
                }
            }
        }
        let dismissed = try await store.dismissedDuplicatePairs()
        return pairs.filter { !dismissed.contains($0.key) }.values
            .sorted { ($0.score, $0.firstId, $0.secondId) > ($1.score, $1.firstId, $1.secondId) }
            .prefix(limit).map { $0 }
    }

    public func dismissDuplicate(_ a: String, _ b: String, actor: Actor) async throws {
        let first = try await stakeholder(id: a), second = try await stakeholder(id: b)
        try await store.dismissDuplicatePair(first.id, second.id, audit: AuditEntry(
            actor: actor, action: "not-duplicate", entityType: "stakeholder", entityId: first.id,
            after: .object(["otherId": .string(second.id)])))
    }

    /// Merges `removeId` into `keepId`: the kept record gains what only the other had (contact
    /// points, types, areas, topics, tags, empty fields), relationships and group memberships
    /// move over, and the other record goes. Both records' histories stay in the audit log.
    public func merge(keepId: String, removeId: String, actor: Actor, now: Date = Date()) async throws -> Stakeholder {
        if keepId == removeId { throw ConveneError.invalid("removeId", "cannot merge a stakeholder into itself") }
        let keep = try await stakeholder(id: keepId)
        let remove = try await stakeholder(id: removeId)
        var merged = Registry.combine(keep, remove)
        if merged.affiliationId == remove.id { merged.affiliationId = keep.affiliationId == remove.id ? nil : keep.affiliationId }
        merged = try await validated(merged)
        merged.updatedAt = max(now.wholeMilliseconds, keep.updatedAt.addingTimeInterval(0.001))
        let at = merged.updatedAt
        try await store.mergeStakeholders(kept: merged, removedId: remove.id, audit: [
            AuditEntry(at: at, actor: actor, action: "merge", entityType: "stakeholder", entityId: keep.id, before: .from(keep), after: .from(merged)),
            AuditEntry(at: at, actor: actor, action: "merged-into", entityType: "stakeholder", entityId: remove.id, before: .from(remove),
                       after: .object(["mergedInto": .string(keep.id)])),
        ])
        return merged
    }

    static func combine(_ a: Stakeholder, _ b: Stakeholder) -> Stakeholder {
        var m = a
        func union<T: Hashable>(_ x: [T], _ y: [T]) -> [T] { StakeholderValidation.dedupe(x + y) }
        m.givenName = a.givenName ?? b.givenName
        m.familyName = a.familyName ?? b.familyName
        m.title = a.title ?? b.title
        m.affiliationId = a.affiliationId ?? b.affiliationId
        m.level = a.level ?? b.level
        m.language = a.language ?? b.language
        m.engagementTarget = a.engagementTarget ?? b.engagementTarget
        m.ownerId = a.ownerId ?? b.ownerId
        m.influence = [a.influence, b.influence].compactMap { $0 }.max()
        m.interest = [a.interest, b.interest].compactMap { $0 }.max()
        m.types = union(a.types, b.types)
        m.areas = union(a.areas, b.areas)
        m.topics = union(a.topics, b.topics)
        m.tags = union(a.tags, b.tags)
        m.emails = StakeholderValidation.dedupe(a.emails + b.emails.filter { e in !a.emails.contains { $0.value == e.value } })
        m.phones = a.phones + b.phones.filter { p in !a.phones.contains { StakeholderValidation.phoneKey($0.value) == StakeholderValidation.phoneKey(p.value) } }
        m.addresses = union(a.addresses, b.addresses)
        m.links = a.links + b.links.filter { l in !a.links.contains { $0.value == l.value } }
        if a.consent.status == .unknown { m.consent = b.consent }
        // Withdrawn or denied consent on either record wins: merging must never widen consent.
        if [ConsentStatus.withdrawn, .denied].contains(b.consent.status), a.consent.status == .granted { m.consent = b.consent }
        switch (a.notes, b.notes) {
        case (nil, let n): m.notes = n
        case (let n, nil): m.notes = n
        case (let x?, let y?): m.notes = x == y ? x : x + "\n\n" + y
        }
        m.isArchived = a.isArchived && b.isArchived
        m.createdAt = min(a.createdAt, b.createdAt)
        return m
    }
}
