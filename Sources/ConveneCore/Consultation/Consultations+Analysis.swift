import ConveneAnalysis
import Foundation

extension Consultations {
    /// The latest analysis, recomputed first when votes came in since (staff reading it, or the
    /// background job; never a participant's vote).
    public func analysis(consultationId: String, now: Date = Date()) async throws -> AnalysisSummary {
        let c = try await consultation(id: consultationId)
        let count = try await store.countVotes(consultationId: c.id)
        if let stored = try await store.analysis(consultationId: c.id), stored.votes == count,
           let summary = try? EngagementCoding.decode(AnalysisSummary.self, stored.json) {
            return summary
        }
        return try await recompute(c, now: now)
    }

    /// Runs the analysis on every vote now and stores it.
    @discardableResult
    public func recompute(_ c: Consultation, now: Date = Date()) async throws -> AnalysisSummary {
        let started = Date()
        let statements = try await store.statements(consultationId: c.id, status: nil)
        let participants = try await store.participants(consultationId: c.id)
        let votes = try await store.votes(consultationId: c.id)
        let statementCount = (statements.map(\.seq).max() ?? -1) + 1, participantCount = (participants.map(\.seq).max() ?? -1) + 1
        let records = votes.map { VoteRecord(participant: $0.participantSeq, statement: $0.statementSeq, vote: Int8(clamping: $0.vote)) }
        let out = Set(statements.filter { $0.status != .approved }.map(\.seq))
        let result = OpinionAnalysis.analyze(votes: records, participants: participantCount, statements: statementCount, moderatedOut: out)
        let summary = Self.summary(result, statements: statements, participants: participants, votes: votes, now: now, seconds: Date().timeIntervalSince(started))
        try await store.saveAnalysis(consultationId: c.id, votes: votes.count, computedAt: now.wholeMilliseconds, json: try EngagementCoding.encode(summary))
        return summary
    }

    static func summary(_ r: OpinionResult, statements: [ConsultationStatement], participants: [Participant], votes: [StoredVote], now: Date,
                        seconds: Double) -> AnalysisSummary {
        let sid = Dictionary(statements.map { ($0.seq, $0.id) }, uniquingKeysWith: { a, _ in a })
        let person = Dictionary(participants.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        var typeVotes: [Int: [String: (agree: Int, all: Int)]] = [:], areaVotes: [Int: [String: (agree: Int, all: Int)]] = [:]
        func count(_ table: inout [Int: [String: (agree: Int, all: Int)]], _ key: String, _ v: StoredVote) {
            var t = table[v.statementSeq, default: [:]][key, default: (0, 0)]
            t.all += 1
            if v.vote == 1 { t.agree += 1 }
            table[v.statementSeq, default: [:]][key] = t
        }
        for v in votes {
            guard let who = person[v.participantSeq] else { continue }
            count(&typeVotes, who.stakeholderType, v)
            if let area = who.area { count(&areaVotes, area, v) }
        }
        func shares(_ d: [String: (agree: Int, all: Int)]?) -> [String: Double] { (d ?? [:]).mapValues { $0.all == 0 ? 0 : Double($0.agree) / Double($0.all) } }
        let stats = Dictionary(r.statementStats.map { ($0.statement, $0) }, uniquingKeysWith: { a, _ in a })
        let rows = statements.filter { $0.status == .approved }.map { s in
            let st = stats[s.seq]
            return AnalysisSummary.Statement(statementId: s.id, seq: s.seq, text: s.text, agrees: st?.agrees ?? 0, disagrees: st?.disagrees ?? 0,
                                             passes: st?.passes ?? 0, extremity: st?.extremity ?? 0,
                                             agreeByType: shares(typeVotes[s.seq]), agreeByArea: shares(areaVotes[s.seq]))
        }
        var groupOf: [Int: Int] = [:]
        let groups = r.groups.map { g -> AnalysisSummary.Group in
            for p in g.participants { groupOf[p] = g.id }
            let members = g.participants.compactMap { person[$0] }
            let reps = g.representative.compactMap { rep -> AnalysisSummary.Representative? in
                guard let id = sid[rep.statement] else { return nil }
                return AnalysisSummary.Representative(statementId: id, direction: rep.direction == .agree ? "agree" : "disagree", percentInGroup: rep.percentInGroup,
                                                      percentInOthers: rep.percentInOthers, repness: rep.repness)
            }
            return AnalysisSummary.Group(id: g.id, participantIds: members.map(\.id), representativeStatementIds: reps.map(\.statementId), representative: reps,
                                         byType: Dictionary(grouping: members, by: \.stakeholderType).mapValues(\.count),
                                         byArea: Dictionary(grouping: members.compactMap(\.area), by: { $0 }).mapValues(\.count), centroid: [g.centroid.x, g.centroid.y])
        }
        func keyed(_ d: [Int: Double]) -> [String: Double] { Dictionary(d.map { (String($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }) }
        let consensus = r.consensus.compactMap { c in
            sid[c.statement].map { AnalysisSummary.Agreement(statementId: $0, direction: c.direction == .agree ? "agree" : "disagree", groupAgree: keyed(c.groupAgreeProbability), score: c.score) }
        }
        let divisive = r.divisive.compactMap { d in
            sid[d.statement].map { AnalysisSummary.Agreement(statementId: $0, direction: nil, groupAgree: keyed(d.groupAgreeProbability), score: d.divisiveness) }
        }
        let found = StatementThemes.find(Dictionary(statements.filter { $0.status == .approved }.map { ($0.seq, $0.text) }, uniquingKeysWith: { a, _ in a }))
        let map = r.projection.sorted { $0.key < $1.key }.map { seq, point in
            AnalysisSummary.Point(x: point.x, y: point.y, group: groupOf[seq] ?? -1, stakeholderType: person[seq]?.stakeholderType ?? "")
        }
        return AnalysisSummary(votesAnalyzed: r.votesAnalyzed, participants: participants.count, participantsClustered: r.participantsClustered.count,
                               computedAt: now.wholeMilliseconds, seconds: (seconds * 1000).rounded() / 1000, groups: groups,
                               consensusStatementIds: consensus.filter { $0.direction == "agree" }.map(\.statementId), divisiveStatementIds: divisive.map(\.statementId),
                               consensus: consensus, divisive: divisive, statements: rows,
                               participantsByType: Dictionary(grouping: participants, by: \.stakeholderType).mapValues(\.count),
                               participantsByArea: Dictionary(grouping: participants.compactMap(\.area), by: { $0 }).mapValues(\.count),
                               map: map, silhouette: Dictionary(r.silhouette.map { (String($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }),
                               keywords: found.keywords, themes: found.themes.map { t in AnalysisSummary.Theme(keywords: t.keywords, statementIds: t.statements.compactMap { sid[$0] }) })
    }
}
