import ConveneAnalysis
import ConveneCore
import Foundation

/// The board report as Markdown and as one printable HTML page (the browser's print makes the
/// PDF): the same blocks written two ways, so the two never say different things.
public enum BoardReportRenderer {
    enum Block {
        case heading(Int, String)
        case paragraph(String)
        case bullets([String])
        case table([String], [[String]])
    }

    static func percent(_ part: Int, of whole: Int) -> String { whole == 0 ? "–" : "\(Int((Double(part) * 100 / Double(whole)).rounded()))%" }

    static func blocks(_ r: BoardReport, zone: TimeZone) -> [Block] {
        var out: [Block] = [.heading(1, "Board report: \(r.title)"),
                            .paragraph("Period \(r.period.from) to \(r.period.to). Prepared \(CalendarDate(date: r.computedAt, timeZone: zone)).")]
        // Engagement coverage.
        let c = r.coverage
        out.append(.heading(2, "Engagement coverage"))
        out.append(.paragraph("Of \(c.overall.total) stakeholders, \(c.overall.engaged) were engaged (\(percent(c.overall.engaged, of: c.overall.total))) and "
                              + "\(c.overall.heard) were heard (\(percent(c.overall.heard, of: c.overall.total))) in the period."))
        if !c.byType.isEmpty {
            out.append(.table(["Stakeholder type", "People", "Engaged", "Heard"],
                              c.byType.map { [$0.value, String($0.total), percent($0.engaged, of: $0.total), percent($0.heard, of: $0.total)] }))
        }
        if !c.targets.isEmpty {
            out.append(.bullets(c.targets.map { t in
                "\(t.target.label): heard \(percent(t.row.heard, of: t.row.total)) against a target of \(t.target.heardPercent)% — "
                    + (t.met ? "met" : "not met, \(t.shortfall) more to hear")
            }))
        }
        // Initiatives.
        for part in r.initiatives {
            let i = part.initiative, p = part.progress
            out.append(.heading(2, "Initiative: \(i.title)"))
            if let s = i.summary { out.append(.paragraph(s)) }
            out.append(.paragraph("\(p.consultationParticipants) consultation participants cast \(p.votes) votes; \(p.stakeholdersEngaged) stakeholders took part in its meetings and forums; "
                                  + "\(part.decisions.count) decision\(part.decisions.count == 1 ? "" : "s") recorded."
                                  + (i.isPublished ? " Public page: /i/\(i.slug)." : " Not yet published.")))
            if !p.lines.isEmpty {
                out.append(.heading(3, "Engagement plan"))
                out.append(.table(["Audience", "Promise (IAP2)", "Target", "Reached", "Progress"], p.lines.map { l in
                    [l.stakeholderType ?? l.groupName ?? "group", l.level.rawValue, l.target.map(String.init) ?? "–", String(l.reached), l.percent.map { "\($0)%" } ?? "–"]
                }))
            }
            if !p.activities.isEmpty {
                out.append(.heading(3, "Activities"))
                out.append(.table(["Activity", "Kind", "Planned", "Status", "Taking part"], p.activities.map { a in
                    let taking = a.participants.map { "\($0) participants, \(a.votes ?? 0) votes" } ?? a.attended.map { "\($0) attended of \(a.invited ?? 0) invited" } ?? "–"
                    return [a.title, a.kind.rawValue, a.plannedOn?.description ?? "–", a.status, taking]
                }))
            }
        }
        // Consultations.
        out.append(.heading(2, "Consultations"))
        if r.consultations.isEmpty { out.append(.paragraph("No consultation in the period.")) }
        for h in r.consultations {
            out.append(.heading(3, h.title))
            out.append(.paragraph("“\(h.question)” — \(h.participants) participants, \(h.votes) votes on \(h.statements) statements"
                                  + (h.opinionGroups > 1 ? ", \(h.opinionGroups) groups of opinion." : ".")))
            if !h.themes.isEmpty {
                out.append(.paragraph("Themes:"))
                out.append(.bullets(h.themes.map { t in t.keywords.joined(separator: ", ") + (t.statements.first.map { " — “\($0)”" } ?? "") }))
            }
            if !h.consensus.isEmpty {
                out.append(.paragraph("Where people agreed across groups:"))
                out.append(.bullets(h.consensus.map { "“\($0.text)” — \($0.agreePercent)% agree, \($0.disagreePercent)% disagree" }))
            }
        }
        // Decisions.
        out.append(.heading(2, "Decisions"))
        if r.decisions.isEmpty { out.append(.paragraph("No decision recorded in the period.")) }
        for d in r.decisions {
            out.append(.heading(3, "\(d.decidedOn?.description ?? "") — \(d.title)"))
            if let by = d.decidedBy { out.append(.paragraph("Decided by \(by).")) }
            if !d.optionsConsidered.isEmpty {
                out.append(.paragraph("Options weighed:"))
                out.append(.bullets(d.optionsConsidered.map { $0 == d.chosenOption ? "\($0) (chosen)" : $0 }))
            }
            out.append(.paragraph("Why: " + d.rationale))
            if !d.evidence.isEmpty {
                let kinds = Dictionary(grouping: d.evidence, by: \.kind.rawValue).map { "\($0.value.count) \($0.key)" }.sorted()
                out.append(.paragraph("Evidence: " + kinds.joined(separator: ", ") + "."))
            }
        }
        return out
    }

    static func markdownText(_ s: String) -> String { BriefingRenderer.markdownText(s) }

    public static func markdown(_ r: BoardReport, zone: TimeZone) -> String {
        var lines: [String] = []
        for b in blocks(r, zone: zone) {
            switch b {
            case .heading(let level, let text): lines += [String(repeating: "#", count: level) + " " + markdownText(text), ""]
            case .paragraph(let text): lines += [markdownText(text), ""]
            case .bullets(let items): lines += items.map { "- " + markdownText($0) } + [""]
            case .table(let head, let rows):
                lines.append("| " + head.map(markdownText).joined(separator: " | ") + " |")
                lines.append("|" + head.map { _ in " --- |" }.joined())
                lines += rows.map { "| " + $0.map(markdownText).joined(separator: " | ") + " |" }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n")
    }

    public static func html(_ r: BoardReport, zone: TimeZone) -> String {
        let e = HTML.escape
        var body = ""
        for b in blocks(r, zone: zone) {
            switch b {
            case .heading(let level, let text): body += "<h\(level)>\(e(text))</h\(level)>\n"
            case .paragraph(let text): body += "<p>\(e(text))</p>\n"
            case .bullets(let items): body += "<ul>" + items.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            case .table(let head, let rows):
                body += "<table><thead><tr>" + head.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead><tbody>"
                body += rows.map { "<tr>" + $0.map { "<td>\(e($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>\n"
            }
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e("Board report: \(r.title)"))</title>
            <style>
            body { font: 11pt/1.45 Georgia, serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #999; margin-top: 2rem; } h3 { font-size: 1.05rem; }
            table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; } th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; }
            th { background: #eee; } h2, h3 { break-after: avoid; } table, ul { break-inside: avoid; }
            @media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
            </style></head><body>
            \(body)</body></html>

            """
    }
}
