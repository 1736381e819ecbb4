import Foundation

/// What the public "you said, we did" page of an initiative shows. Built only from what may be
/// public: the initiative's own words, consultation questions and approved statements, counts
/// by stakeholder type, decisions, and evidence that is public by nature (consultations,
/// resources, research items). Stakeholders, groups, interactions and events given as evidence
/// appear only as counts; no one is ever named.
public struct PublicInitiative: Sendable, Equatable, Codable {
    public struct Asked: Sendable, Equatable, Codable {
        public var title: String
        public var kind: ActivityKind
        public var on: CalendarDate?
        public var question: String?
        public var consultationSlug: String?
        public var isOpen: Bool
    }
    public struct Theme: Sendable, Equatable, Codable {
        public var keywords: [String]
        public var statements: [String]
    }
    public struct Agreed: Sendable, Equatable, Codable {
        public var text: String
        public var agreePercent: Int
        public var disagreePercent: Int
    }
    public struct Heard: Sendable, Equatable, Codable {
        public var title: String
        public var question: String
        public var participants: Int
        public var votes: Int
        public var statements: Int
        public var opinionGroups: Int
        public var themes: [Theme]
        public var consensus: [Agreed]
    }
    public struct Promise: Sendable, Equatable, Codable {
        public var planId: String
        /// A stakeholder type (`parent`) or a group's name.
        public var audience: String
        public var isType: Bool
        public var level: IAP2Level
        public var outcome: String?
    }
    public struct Source: Sendable, Equatable, Codable {
        public var kind: LinkKind
        public var title: String
        public var url: String?
    }
    public struct Decided: Sendable, Equatable, Codable {
        public var title: String
        public var decidedOn: CalendarDate?
        public var decidedBy: String?
        public var rationale: String
        public var optionsConsidered: [String]
        public var chosenOption: String?
        public var promises: [Promise]
        public var sources: [Source]
        /// Evidence that is about people, as counts by kind: `stakeholder`, `group`, `interaction`, `event`.
        public var consulted: [String: Int]
    }
    public var slug: String
    public var title: String
    public var summary: String?
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?
    public var asked: [Asked]
    /// People who took part, by stakeholder type.
    public var tookPart: [String: Int]
    public var tookPartTotal: Int
    public var votes: Int
    public var heard: [Heard]
    public var promises: [Promise]
    public var decisions: [Decided]
}

extension Collaboration {
    /// The public page of a published initiative, in English or Spanish. A page built less than
    /// `PublicViewCache.seconds` ago is served again while no audited change was made since
    /// (votes are not audited, so their counts can lag by that much); `fresh` builds it anew.
    public func publicView(slug: String, spanish: Bool, consultations: Consultations, now: Date = Date(), fresh: Bool = false) async throws -> PublicInitiative {
        let key = "\(slug.lowercased())|\(spanish ? "es" : "en")", version = try await store.changeVersion()
        if !fresh, let hit = publicViews.get(key, version: version, now: now) { return hit }
        let view = try await buildPublicView(slug: slug, spanish: spanish, consultations: consultations, now: now)
        publicViews.put(key, version: version, at: now, view)
        return view
    }

    func buildPublicView(slug: String, spanish: Bool, consultations: Consultations, now: Date) async throws -> PublicInitiative {
        let i = try await publishedInitiative(slug: slug)
        let progress = try await progress(of: i, now: now, groupMembers: false)
        var asked: [PublicInitiative.Asked] = [], heard: [PublicInitiative.Heard] = []
        var heardIds = Set<String>()
        for a in i.activities {
            var row = PublicInitiative.Asked(title: a.title, kind: a.kind, on: a.plannedOn, question: nil, consultationSlug: nil, isOpen: false)
            if let cid = a.consultationId, let c = try await store.consultation(id: cid) {
                row.question = c.question; row.consultationSlug = c.slug; row.isOpen = c.isOpen(at: now)
                if heardIds.insert(c.id).inserted { heard.append(try await self.heard(c, consultations: consultations, now: now, recompute: false)) }
            } else if let eid = a.eventId, let e = try await store.event(id: eid), row.on == nil {
                row.on = CalendarDate(date: e.startsAt, timeZone: TimeZone(identifier: e.timeZone))
            }
            asked.append(row)
        }
        // A group is named only by the label staff wrote for the public; its own name stays inside.
        let promises = i.plan.map { p in
            PublicInitiative.Promise(planId: p.id ?? "", audience: p.stakeholderType ?? p.publicLabel ?? "", isType: p.stakeholderType != nil, level: p.level, outcome: nil)
        }
        var decided: [PublicInitiative.Decided] = []
        for d in try await decisions(initiativeId: i.id) {
            var sources: [PublicInitiative.Source] = [], consulted: [String: Int] = [:]
            for ev in d.evidence {
                switch ev.kind {
                case .consultation:
                    if let c = try await store.consultation(id: ev.id) { sources.append(.init(kind: .consultation, title: c.title, url: "/c/\(c.slug)")) }
                case .resource:
                    if let r = try? await record(Resource.self, id: ev.id) { sources.append(.init(kind: .resource, title: r.title, url: r.url)) }
                case .item:
                    if let item = try await store.radarItem(id: ev.id, userId: nil)?.item { sources.append(.init(kind: .item, title: item.title, url: item.link)) }
                case .statement:
                    if let s = try await store.statement(id: ev.id), s.status == .approved { sources.append(.init(kind: .statement, title: s.text, url: nil)) }
                case .partnership:
                    if let p = try? await record(Partnership.self, id: ev.id) {
                        sources.append(.init(kind: .partnership, title: p.outputs.first.map { "\(p.name): \($0.title)" } ?? p.name, url: p.outputs.first?.url))
                    }
                default:
                    consulted[ev.kind.rawValue, default: 0] += 1
                }
            }
            let outcomes = Dictionary(d.promiseOutcomes.map { ($0.planId, $0.outcome) }, uniquingKeysWith: { a, _ in a })
            decided.append(PublicInitiative.Decided(title: d.title, decidedOn: d.decidedOn, decidedBy: d.decidedBy, rationale: d.rationale,
                                                    optionsConsidered: d.optionsConsidered, chosenOption: d.chosenOption,
                                                    promises: promises.compactMap { p in outcomes[p.planId].map { var q = p; q.outcome = $0; return q } },
                                                    sources: sources, consulted: consulted))
        }
        return PublicInitiative(slug: i.slug, title: spanish ? (i.titleEs ?? i.title) : i.title, summary: spanish ? (i.summaryEs ?? i.summary) : i.summary,
                                startsOn: i.startsOn, endsOn: i.endsOn, asked: asked, tookPart: Self.withoutSmallCounts(progress.participantsByType),
                                tookPartTotal: progress.participantsByType.values.reduce(0, +), votes: progress.votes, heard: heard, promises: promises, decisions: decided)
    }

    /// The smallest count a public page shows for one stakeholder type: fewer people than this
    /// are counted together under `other`, so no one is picked out ("1 elected official").
    public static let smallestPublicCount = 3

    static func withoutSmallCounts(_ counts: [String: Int]) -> [String: Int] {
        var out: [String: Int] = [:], other = 0
        for (type, n) in counts { if n >= smallestPublicCount && type != "other" { out[type] = n } else { other += n } }
        if other > 0 { out["other"] = other }
        return out
    }

    /// What a consultation heard, from its latest analysis (only approved statements, and only
    /// theme words those statements hold). The public page reads the stored analysis and never
    /// runs one (`recompute: false`); staff reports bring it up to date first.
    func heard(_ c: Consultation, consultations: Consultations, now: Date, recompute: Bool) async throws -> PublicInitiative.Heard {
        let approved = Dictionary(try await store.statements(consultationId: c.id, status: .approved).map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        let participants = try await store.countParticipants(consultationId: c.id), votes = try await store.countVotes(consultationId: c.id)
        var out = PublicInitiative.Heard(title: c.title, question: c.question, participants: participants, votes: votes, statements: approved.count,
                                         opinionGroups: 0, themes: [], consensus: [])
        guard votes > 0 else { return out }
        let a: HeardAnalysis
        if recompute {
            a = HeardAnalysis(try await consultations.analysis(consultationId: c.id, now: now))
        } else {
            guard let stored = try await store.analysis(consultationId: c.id), let summary = try? EngagementCoding.decode(HeardAnalysis.self, stored.json) else { return out }
            a = summary
        }
        out.opinionGroups = a.groups.count
        out.themes = a.themes.prefix(6).compactMap { t in
            let texts = t.statementIds.compactMap { approved[$0] }
            // A word comes only from statements still approved (one rejected since the analysis may have given it).
            let folded = texts.map(Self.fold).joined(separator: " ")
            let words = t.keywords.filter { folded.contains(Self.fold($0)) }.prefix(5)
            return texts.isEmpty ? nil : PublicInitiative.Theme(keywords: Array(words), statements: Array(texts.prefix(3)))
        }
        let tallies = Dictionary(a.statements.map { ($0.statementId, $0) }, uniquingKeysWith: { x, _ in x })
        out.consensus = a.consensus.filter { $0.direction == "agree" }.prefix(5).compactMap { agreement in
            guard let text = approved[agreement.statementId], let s = tallies[agreement.statementId] else { return nil }
            let seen = max(1, s.agrees + s.disagrees + s.passes)
            return PublicInitiative.Agreed(text: text, agreePercent: Int((Double(s.agrees) * 100 / Double(seen)).rounded()),
                                           disagreePercent: Int((Double(s.disagrees) * 100 / Double(seen)).rounded()))
        }
        return out
    }

    /// The parts of a stored analysis the public page reads; decoding only these skips the
    /// participants' map points and group memberships, most of its size.
    struct HeardAnalysis: Decodable {
        struct Group: Decodable {}
        var groups: [Group]
        var consensus: [AnalysisSummary.Agreement]
        var statements: [AnalysisSummary.Statement]
        var themes: [AnalysisSummary.Theme]
        init(_ a: AnalysisSummary) { groups = a.groups.map { _ in Group() }; consensus = a.consensus; statements = a.statements; themes = a.themes }
    }

    /// The published initiative that carries out a consultation, for the consultation's page.
    public func publishedInitiative(consultationId: String) async throws -> Initiative? {
        try await records(Initiative.self, linkedTo: WorkLink(.consultation, consultationId)).first { $0.isPublished }
    }
}

/// Public initiative pages, kept for a few seconds: a page shared widely is built once a
/// moment, not once a visit. A copy is dropped as soon as any audited change is made (a
/// decision, publishing, unpublishing), and after `seconds` in any case.
final class PublicViewCache: @unchecked Sendable {
    // @unchecked: `entries` is read and written only while holding `lock`.
    private let lock = NSLock()
    private var entries: [String: (version: Int64, at: Date, view: PublicInitiative)] = [:]
    static let seconds: TimeInterval = 30

    func get(_ key: String, version: Int64, now: Date) -> PublicInitiative? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[key], e.version == version, now.timeIntervalSince(e.at) < Self.seconds, now >= e.at else { return nil }
        return e.view
    }

    func put(_ key: String, version: Int64, at: Date, _ view: PublicInitiative) {
        lock.lock(); defer { lock.unlock() }
        if entries.count > 256 { entries.removeAll(keepingCapacity: true) }
        entries[key] = (version, at, view)
    }
}
