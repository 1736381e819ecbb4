import ConveneAnalysis
import ConveneFormats
import Foundation

/// The issue radar (F5): the issues the leader follows, the sources that publish about them,
/// and the items read from those sources, matched to the issues. Changes people make are
/// validated and audited; what the poller records is the machine's and is not audited.
public struct Radar: Sendable {
    public let store: any ConveneStore

    public init(store: any ConveneStore) { self.store = store }

    /// Polling intervals a source may have, in minutes.
    public static let pollMinutesRange = 15...10_080

    // MARK: Issues

    public func issue(id: String) async throws -> RadarIssue {
        guard Identifier.isPlausible(id), let i = try await store.radarIssue(id: id) else { throw ConveneError.notFound(entity: "issue", id: id) }
        return i
    }

    public func issues() async throws -> [RadarIssue] { try await store.radarIssues() }

    public func createIssue(_ patch: RadarIssuePatch, actor: Actor, now: Date = Date()) async throws -> RadarIssue {
        if patch.name == nil { throw ConveneError.invalid("name", "is required: name the issue, such as \"Chronic absenteeism\"") }
        let at = now.wholeMilliseconds
        var draft = RadarIssue(createdAt: at, updatedAt: at)
        if patch.keywords == nil, let name = patch.name { draft.keywords = [StakeholderValidation.trimmed(name)] }
        let issue = try await validated(patch, draft)
        try await store.insertRadarIssue(issue, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "issue", entityId: issue.id, after: .from(issue)))
        try await rematch(issue)
        return issue
    }

    public func updateIssue(id: String, _ patch: RadarIssuePatch, actor: Actor, now: Date = Date()) async throws -> RadarIssue {
        let before = try await issue(id: id)
        var issue = try await validated(patch, before)
        if issue == before { return issue }
        issue.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateRadarIssue(issue, audit: AuditEntry(at: issue.updatedAt, actor: actor, action: "update", entityType: "issue", entityId: id,
                                                                  before: .from(before), after: .from(issue)))
        if issue.keywords != before.keywords || issue.exclusions != before.exclusions || issue.name != before.name || issue.summary != before.summary {
            try await rematch(issue)
        }
        return issue
    }

    public func deleteIssue(id: String, actor: Actor) async throws {
        let issue = try await issue(id: id)
        try await store.deleteRadarIssue(id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: "issue", entityId: id, before: .from(issue)))
    }

    func validated(_ patch: RadarIssuePatch, _ original: RadarIssue) async throws -> RadarIssue {
        var i = original
        if let v = patch.name { i.name = Text.trimmed(v) }
        if let v = patch.summary { i.summary = Text.tidy(v) }
        if let v = patch.keywords { i.keywords = Text.dedupe(v.compactMap(Text.tidy)) }
        if let v = patch.exclusions { i.exclusions = Text.dedupe(v.compactMap(Text.tidy)) }
        if let v = patch.status { i.status = v }
        if let v = patch.priority { i.priority = v }
        if let v = patch.ownerId { i.ownerId = Text.tidy(v) }
        if let v = patch.stakeholderIds { i.stakeholderIds = Text.dedupe(v) }
        var errors: [FieldError] = []
        if i.name.isEmpty { errors.append(FieldError("name", "must not be empty")) }
        if i.name.count > 200 { errors.append(FieldError("name", "must be at most 200 characters")) }
        if let s = i.summary, s.count > 5000 { errors.append(FieldError("summary", "must be at most 5000 characters")) }
        if i.keywords.isEmpty { errors.append(FieldError("keywords", "must have at least one word or phrase that finds the issue")) }
        for (field, list) in [("keywords", i.keywords), ("exclusions", i.exclusions)] {
            if list.count > 100 { errors.append(FieldError(field, "must have at most 100 entries")) }
            for (n, k) in list.enumerated() where k.count > 100 { errors.append(FieldError("\(field)[\(n)]", "must be at most 100 characters")) }
        }
        if i.stakeholderIds.count > 1000 { errors.append(FieldError("stakeholderIds", "must have at most 1000 entries")) }
        errors += try await Engagement(store: store).missingStakeholders(i.stakeholderIds, field: "stakeholderIds")
        if let owner = i.ownerId { errors += try await Engagement(store: store).missingUsers([owner], field: "ownerId").map { FieldError("ownerId", $0.message) } }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return i
    }

    // MARK: Sources

    public func source(id: String) async throws -> FeedSource {
        guard Identifier.isPlausible(id), let s = try await store.feedSource(id: id) else { throw ConveneError.notFound(entity: "source", id: id) }
        return s
    }

    public func sources() async throws -> [FeedSource] { try await store.feedSources() }

    public func createSource(_ patch: FeedSourcePatch, actor: Actor, now: Date = Date()) async throws -> FeedSource {
        try await createSources([patch], actor: actor, now: now)[0]
    }

    /// Adds several sources in one transaction (an OPML file); any invalid one adds none.
    public func createSources(_ patches: [FeedSourcePatch], actor: Actor, now: Date = Date(), fieldPrefix: String? = nil) async throws -> [FeedSource] {
        let at = now.wholeMilliseconds
        var made: [FeedSource] = [], errors: [FieldError] = [], urls = Set<String>()
        for (n, patch) in patches.enumerated() {
            let prefix = fieldPrefix.map { "\($0)[\(n)]." } ?? ""
            if patch.url == nil { errors.append(FieldError(prefix + "url", "is required: the address of the feed")); continue }
            do {
                var s = try await validated(patch, FeedSource(fetch: FetchState(nextPollAt: at), createdAt: at, updatedAt: at))
                if s.title.isEmpty { s.title = URL(string: s.url)?.host ?? s.url }
                let known = try await store.feedSource(url: s.url) != nil
                if !urls.insert(s.url).inserted || known {
                    errors.append(FieldError(prefix + "url", "a source with the address \(Text.clip(s.url)) exists already"))
                }
                made.append(s)
            } catch ConveneError.invalid(let list) {
                errors += list.map { FieldError(prefix + $0.field, $0.message) }
            }
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        try await store.insertFeedSources(made, audit: made.map { AuditEntry(at: at, actor: actor, action: "create", entityType: "source", entityId: $0.id, after: .from($0)) })
        return made
    }

    public func updateSource(id: String, _ patch: FeedSourcePatch, actor: Actor, now: Date = Date()) async throws -> FeedSource {
        let before = try await source(id: id)
        var s = try await validated(patch, before)
        if s == before { return s }
        if s.url != before.url { s.fetch = FetchState(nextPollAt: now.wholeMilliseconds); s.kind = nil }
        s.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateFeedSource(s, audit: AuditEntry(at: s.updatedAt, actor: actor, action: "update", entityType: "source", entityId: id,
                                                              before: .from(before), after: .from(s)))
        return s
    }

    public func deleteSource(id: String, actor: Actor) async throws {
        let s = try await source(id: id)
        try await store.deleteFeedSource(id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: "source", entityId: id, before: .from(s)))
    }

    /// Asks for a poll as soon as the poller next looks.
    public func pollSoon(id: String, now: Date = Date()) async throws -> FeedSource {
        var s = try await source(id: id)
        s.fetch.nextPollAt = now.wholeMilliseconds
        try await store.recordFetch(sourceId: id, kind: nil, state: s.fetch)
        return s
    }

    func validated(_ patch: FeedSourcePatch, _ original: FeedSource) async throws -> FeedSource {
        var s = original
        if let v = patch.title { s.title = Text.trimmed(v) }
        if let v = patch.url { s.url = Text.trimmed(v) }
        if let v = patch.pollMinutes { s.pollMinutes = v }
        if let v = patch.organizationId { s.organizationId = Text.tidy(v) }
        if let v = patch.isPaused { s.isPaused = v }
        if let v = patch.oaiSet { s.oaiSet = Text.tidy(v) }
        var errors: [FieldError] = []
        if s.title.count > 300 { errors.append(FieldError("title", "must be at most 300 characters")) }
        if let problem = Self.urlProblem(s.url) { errors.append(FieldError("url", problem)) }
        if !Self.pollMinutesRange.contains(s.pollMinutes) {
            errors.append(FieldError("pollMinutes", "must be from \(Self.pollMinutesRange.lowerBound) to \(Self.pollMinutesRange.upperBound) (a week)"))
        }
        if let set = s.oaiSet, set.count > 200 { errors.append(FieldError("oaiSet", "must be at most 200 characters")) }
        if let org = s.organizationId {
            let found = Identifier.isPlausible(org) ? try await store.stakeholder(id: org) : nil
            if found == nil { errors.append(FieldError("organizationId", "no stakeholder has id \"\(Text.clip(org))\"")) }
            else if found?.kind != .organization { errors.append(FieldError("organizationId", "\"\(found?.displayName ?? org)\" is a person, not an organization")) }
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return s
    }

    /// Why `text` cannot be a source's address, or nil. `file:` addresses are for sources
    /// read once from the command line (`convene ingest FILE`).
    static func urlProblem(_ text: String) -> String? {
        if text.isEmpty { return "is required: the address of the feed" }
        if text.count > 2000 { return "must be at most 2000 characters" }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return "\"\(Text.clip(text))\" is not an address (use https://…)" }
        switch scheme {
        case "http", "https":
            guard let host = url.host, !host.isEmpty else { return "\"\(Text.clip(text))\" has no host name" }
            if url.user != nil || url.password != nil { return "must not carry a user name or password" }
            return nil
        case "file": return nil
        default: return "must be an http or https address, not \(scheme):"
        }
    }
}
