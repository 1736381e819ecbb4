import ConveneFormats
import Foundation

/// The files Pol.is exports, so other tools can read a consultation: `comments.csv`,
/// `votes.csv`, `participants-votes.csv` and `summary.csv`, with Pol.is's column names.
/// Participants appear only by number; statement text is spreadsheet-safe.
public enum ConsultationExportFile: String, Sendable, CaseIterable {
    case comments, votes, participantsVotes = "participants-votes", summary
}

/// A whole consultation as one JSON document: the consultation, its statements, participants
/// (by number, type and area only), votes and the latest analysis.
public struct ConsultationExport: Sendable, Codable {
    public struct Vote: Sendable, Codable { public var participant: Int, statement: Int, vote: Int, at: Date }
    public struct Person: Sendable, Codable { public var participant: Int, stakeholderType: String, area: String? }
    public var consultation: Consultation
    public var statements: [ConsultationStatement]
    public var participants: [Person]
    public var votes: [Vote]
    public var analysis: AnalysisSummary
}

extension Consultations {
    public func exportJSON(consultationId: String) async throws -> ConsultationExport {
        let c = try await consultation(id: consultationId)
        var statements = try await store.statements(consultationId: c.id, status: nil)
        // Who wrote a statement stays out of the file: participants are numbers only.
        for n in statements.indices { statements[n].participantId = nil }
        let people = try await store.participants(consultationId: c.id).map { ConsultationExport.Person(participant: $0.seq, stakeholderType: $0.stakeholderType, area: $0.area) }
        let votes = try await store.votes(consultationId: c.id).map { ConsultationExport.Vote(participant: $0.participantSeq, statement: $0.statementSeq, vote: $0.vote, at: $0.at) }
        return ConsultationExport(consultation: c, statements: statements, participants: people, votes: votes, analysis: try await analysis(consultationId: c.id))
    }

    public func export(_ file: ConsultationExportFile, consultationId: String, publicURL: String) async throws -> String {
        let c = try await consultation(id: consultationId)
        let statements = try await store.statements(consultationId: c.id, status: nil)
        let participants = try await store.participants(consultationId: c.id)
        let votes = try await store.votes(consultationId: c.id)
        let authorSeq = Dictionary(participants.map { ($0.id, $0.seq) }, uniquingKeysWith: { a, _ in a })
        func stamp(_ d: Date) -> [String] { [String(d.millisecondsSince1970), Timestamp.format(d)] }
        func safe(_ s: String) -> String { CSV.spreadsheetSafe(s) }
        switch file {
        case .comments:
            var tally: [Int: (Int, Int)] = [:]
            for v in votes where v.vote != 0 { tally[v.statementSeq, default: (0, 0)].0 += v.vote == 1 ? 1 : 0; tally[v.statementSeq, default: (0, 0)].1 += v.vote == -1 ? 1 : 0 }
            var rows = [["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"]]
            for s in statements {
                let moderated = s.status == .approved ? "1" : s.status == .rejected ? "-1" : "0"
                rows.append(stamp(s.createdAt) + [String(s.seq), s.participantId.flatMap { authorSeq[$0] }.map(String.init) ?? "", String(tally[s.seq]?.0 ?? 0),
                                                  String(tally[s.seq]?.1 ?? 0), moderated, safe(s.text)])
            }
            return CSV.write(rows)
        case .votes:
            var rows = [["timestamp", "datetime", "comment-id", "voter-id", "vote"]]
            for v in votes { rows.append(stamp(v.at) + [String(v.statementSeq), String(v.participantSeq), String(v.vote)]) }
            return CSV.write(rows)
        case .participantsVotes:
            let summary = try await analysis(consultationId: c.id)
            var groupOf: [String: Int] = [:]
            for g in summary.groups { for p in g.participantIds { groupOf[p] = g.id } }
            let ordered = statements.filter { $0.status == .approved }
            var byParticipant: [Int: [Int: Int]] = [:]
            for v in votes { byParticipant[v.participantSeq, default: [:]][v.statementSeq] = v.vote }
            let written = Dictionary(grouping: statements.compactMap(\.participantId), by: { $0 }).mapValues(\.count)
            var rows = [["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", "stakeholder-type", "area"] + ordered.map { String($0.seq) }]
            for p in participants {
                let mine = byParticipant[p.seq] ?? [:]
                rows.append([String(p.seq), groupOf[p.id].map(String.init) ?? "", String(written[p.id] ?? 0), String(mine.count),
                             String(mine.values.filter { $0 == 1 }.count), String(mine.values.filter { $0 == -1 }.count), safe(p.stakeholderType), safe(p.area ?? "")]
                            + ordered.map { s in mine[s.seq].map(String.init) ?? "" })
            }
            return CSV.write(rows)
        case .summary:
            let summary = try await analysis(consultationId: c.id)
            let voters = Set(votes.map(\.participantSeq)).count
            let rows = [["topic", safe(c.title)], ["url", "\(publicURL)/c/\(c.slug)"], ["voters", String(voters)],
                        ["voters-in-conv", String(summary.participantsClustered)], ["commenters", String(Set(statements.compactMap(\.participantId)).count)],
                        ["comments", String(statements.count)], ["groups", String(summary.groups.count)], ["conversation-description", safe(c.question)]]
            return CSV.write(rows)
        }
    }
}
