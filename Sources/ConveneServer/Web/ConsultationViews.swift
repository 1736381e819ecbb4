import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// Every consultation, with the form to start one.
struct ConsultationListView {
    var items: [Consultation]
    var counts: [String: (Int, Int, Int)]
    var user: User
    var csrf: String?
    var notice: String?
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    func render() -> Response {
        let rows: [HTML] = items.map { c in
            let (people, votes, pending) = counts[c.id] ?? (0, 0, 0)
            return "<tr><td><a href=\"/consultations/\(c.id)\">\(c.title)</a></td><td>\(c.isOpen(at: Date()) ? "open" : "closed")</td><td>\(people)</td><td>\(votes)</td><td>\(pending)</td></tr>"
        }
        let form: HTML = user.role >= .staff ? """
            <h2>Start a consultation</h2>
            \(Layout.errorSummary(errors, anchor: { "f-" + $0 }, label: { $0 }))
            <form method="post" action="/consultations">\(Layout.csrfField(csrf))
            \(Layout.field("title", "Title", value: nil, errors: errors, required: true))
            \(Layout.field("question", "Question participants answer", value: nil, errors: errors, required: true))
            \(Layout.field("slug", "Public address /c/…", value: nil, errors: errors, hint: "Empty: made from the title."))
            \(Layout.textarea("description", "Description", value: "", errors: errors))
            \(Layout.checkboxes("audienceTypes", legend: "Who is asked (none ticked: everyone)", options: StakeholderType.builtIn.map { ($0, $0) }, checked: [], errors: errors))
            \(Layout.textarea("audienceAreas", "Schools or areas to choose from (one per line; empty: free text)", value: "", errors: errors))
            \(Layout.select("level", "IAP2 level promised", options: IAP2Level.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }, selected: "consult", errors: errors))
            \(Layout.select("moderation", "Participants' statements", options: [("before", "appear after approval"), ("after", "appear at once, can be removed")], selected: "before", errors: errors))
            <button type="submit">Create</button></form>
            """ : .empty
        return Layout.page("Consultations", user: user, csrf: csrf, current: "/consultations", status: status, """
            <h1>Consultations</h1>
            \(Layout.notice(notice, [:]))
            \(items.isEmpty ? "<p>No consultations yet.</p>" : "<table class=\"responsive\"><thead><tr><th>Title</th><th>State</th><th>Participants</th><th>Votes</th><th>Waiting for moderation</th></tr></thead><tbody>\(rows)</tbody></table>" as HTML)
            \(form)
            """)
    }
}

/// A consultation for staff: its public link, statements with their votes, the moderation
/// queue, adding statements, closing and reopening, exports.
struct ConsultationPageView {
    var consultation: Consultation
    var statements: [ConsultationStatement]
    var tallies: [String: VoteTally]
    var participants: Int
    var user: User
    var csrf: String?
    var notice: String?

    func render() -> Response {
        let c = consultation, staff = user.role >= .staff
        let approved: [HTML] = statements.filter { $0.status == .approved }.map { s in
            let t = tallies[s.id] ?? VoteTally()
            return "<tr><td>\(s.seq)</td><td>\(s.text)\(s.stakeholderType.map { " (heard from \($0))" } ?? "")</td><td>\(s.source.rawValue)</td><td>\(t.agrees)</td><td>\(t.disagrees)</td><td>\(t.passes)</td></tr>"
        }
        let queue: [HTML] = statements.filter { $0.status == .pending }.map { s in
            """
            <li>\(s.text)\(staff ? HTML(raw: """
                <form method="post" action="/consultations/\(HTML.escape(c.id))/statements/\(HTML.escape(s.id))/moderate" class="inline">\(Layout.csrfField(csrf).text)<button type="submit" name="decision" value="approve">Approve</button>
                <label>Reason <input name="reason" maxlength="500"></label><button type="submit" name="decision" value="reject" class="danger">Reject</button></form>
                """) : .empty)</li>
            """
        }
        let add: HTML = staff ? """
            <h2>Add a statement</h2>
            <form method="post" action="/consultations/\(c.id)/statements">\(Layout.csrfField(csrf))
            \(Layout.textarea("text", "Statement", value: "", errors: []))
            \(Layout.select("stakeholderType", "Heard elsewhere from (empty: a seed statement)", options: [("", "—")] + StakeholderType.builtIn.map { ($0, $0) }, selected: "", errors: []))
            <button type="submit">Add</button></form>
            <form method="post" action="/consultations/\(c.id)/state">\(Layout.csrfField(csrf))<input type="hidden" name="closed" value="\(c.isClosed ? "false" : "true")"><button type="submit" class="secondary">\(c.isClosed ? "Reopen" : "Close")</button></form>
            """ : .empty
        let exports: HTML = staff ? "<p>Export (Pol.is format): \(ConsultationExportFile.allCases.map { "<a href=\"/api/v1/consultations/\(c.id)/export/\($0.rawValue).csv\">\($0.rawValue).csv</a> " as HTML })</p>" : .empty
        return Layout.page(c.title, user: user, csrf: csrf, current: "/consultations", """
            <h1>\(c.title)</h1>
            \(Layout.notice(notice, ["created": "The consultation is set up; add seed statements, then share its public page.", "added": "The statement was added.",
                                     "duplicate": "That statement is there already.", "empty": "Write the statement first.", "moderated": "Done.",
                                     "reason-needed": "Say why a statement is rejected.", "closed": "The consultation is closed.", "reopened": "The consultation is open again."]))
            <p><strong>\(c.question)</strong></p>
            <p>Public page: <a href="/c/\(c.slug)">/c/\(c.slug)</a> · \(c.isOpen(at: Date()) ? "open" : "closed") · \(participants) participant\(participants == 1 ? "" : "s") · promise (\(c.level.rawValue)): \(c.level.promise(spanish: false))</p>
            <p><a href="/consultations/\(c.id)/report">Analysis report</a></p>
            \(exports)
            <h2 id="queue">Waiting for moderation (\(queue.count))</h2>
            \(queue.isEmpty ? "<p>Nothing waits.</p>" : "<ul>\(queue)</ul>" as HTML)
            <h2 id="statements">Statements</h2>
            <table class="responsive"><thead><tr><th>#</th><th>Statement</th><th>Source</th><th>Agree</th><th>Disagree</th><th>Pass</th></tr></thead><tbody>\(approved)</tbody></table>
            \(add)
            """)
    }
}

/// The analysis as a page that prints well: the opinion map, each group and what sets it
/// apart, what all groups agree on, what divides them, and who took part by type and area.
struct ConsultationReportView {
    var consultation: Consultation
    var analysis: AnalysisSummary
    var user: User
    var csrf: String?

    func render() -> Response {
        let a = analysis
        let text = Dictionary(a.statements.map { ($0.statementId, $0.text) }, uniquingKeysWith: { x, _ in x })
        func pct(_ v: Double) -> String { String(format: "%.0f%%", v * 100) }
        let groups: [HTML] = a.groups.map { g in
            let reps: [HTML] = g.representative.map { r in
                "<li>\(r.direction == "agree" ? "Agreed" : "Disagreed"): “\(text[r.statementId] ?? "")” — \(pct(r.percentInGroup)) of the group, \(pct(r.percentInOthers)) of the others</li>"
            }
            let types = g.byType.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "<section><h3>Group \(String(UnicodeScalar(UInt8(65 + g.id % 26)))) — \(g.participantIds.count) participant\(g.participantIds.count == 1 ? "" : "s")</h3><p class=\"hint\">\(types)</p><ul>\(reps)</ul></section>"
        }
        let consensus: [HTML] = a.consensus.map { "<li>\($0.direction == "agree" ? "Agreed" : "Disagreed") by every group: “\(text[$0.statementId] ?? "")”</li>" }
        let divisive: [HTML] = a.divisive.prefix(5).map { d in
            "<li>“\(text[d.statementId] ?? "")” — \(d.groupAgree.sorted { $0.key < $1.key }.map { "group \(String(UnicodeScalar(UInt8(65 + (Int($0.key) ?? 0) % 26)))) \(pct($0.value)) agree" }.joined(separator: ", "))</li>"
        }
        let byType: [HTML] = a.participantsByType.sorted { $0.value > $1.value }.map { "<tr><td>\($0.key)</td><td>\($0.value)</td></tr>" }
        let byArea: [HTML] = a.participantsByArea.sorted { $0.value > $1.value }.map { "<tr><td>\($0.key)</td><td>\($0.value)</td></tr>" }
        return Layout.page("Report: \(consultation.title)", user: user, csrf: csrf, current: "/consultations", """
            <style>@media print{header,.skip{display:none}main{max-width:none}section{break-inside:avoid}}</style>
            <h1>\(consultation.title)</h1>
            <p><strong>\(consultation.question)</strong></p>
            <p>\(a.participants) participant\(a.participants == 1 ? "" : "s"), \(a.votesAnalyzed) vote\(a.votesAnalyzed == 1 ? "" : "s"); \(a.groups.count) opinion groups among the \(a.participantsClustered) who voted on enough statements.</p>
            <figure>\(HTML(raw: OpinionMap.svg(a)))<figcaption>Each dot is a participant; people who voted alike are close together.</figcaption></figure>
            <h2>What every group agrees on</h2>
            \(consensus.isEmpty ? "<p>No statement is agreed on by every group yet.</p>" : "<ul>\(consensus)</ul>" as HTML)
            <h2>Themes</h2>
            \(a.themes.isEmpty ? "<p>No theme yet: the statements say different things.</p>" : "<ul>\(a.themes.map { t in "<li><strong>\(t.keywords.joined(separator: ", "))</strong>: \(t.statementIds.compactMap { text[$0] }.map { "“\($0)”" }.joined(separator: "; "))</li>" as HTML })</ul>" as HTML)
            \(a.keywords.isEmpty ? HTML.empty : "<p class=\"hint\">Words that say most: \(a.keywords.joined(separator: ", "))</p>" as HTML)
            <h2>Opinion groups</h2>
            \(groups.joined())
            <h2>What divides</h2>
            \(divisive.isEmpty ? "<p>Nothing divides the groups clearly yet.</p>" : "<ul>\(divisive)</ul>" as HTML)
            <h2>Who took part</h2>
            <table><thead><tr><th>Stakeholder type</th><th>Participants</th></tr></thead><tbody>\(byType)</tbody></table>
            \(byArea.isEmpty ? HTML.empty : "<table><thead><tr><th>School or area</th><th>Participants</th></tr></thead><tbody>\(byArea)</tbody></table>")
            <p class="hint">Method: the vote matrix's two main components (missing votes at each statement's mean), k-means groups with k from 2 to 5 chosen by silhouette, representative statements by Pol.is's representativeness test; see Sources/ConveneAnalysis/Consultation.</p>
            """)
    }
}
