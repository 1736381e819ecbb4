import ConveneCore
import Foundation

/// The briefing as Markdown and as an e-mail-ready HTML file: one self-contained document,
/// inline styles only, a single 640-pixel column, absolute links, no scripts or images.
public enum BriefingRenderer {
    static func day(_ date: Date, _ zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "EEE d MMM yyyy"
        return f.string(from: date)
    }

    static func dayTime(_ date: Date, _ zone: TimeZone) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "EEE d MMM, HH:mm zzz"
        return f.string(from: date)
    }

    static func period(_ b: Briefing) -> String { "\(day(b.from, b.zone)) – \(day(b.to.addingTimeInterval(-1), b.zone))" }

    static func markdownText(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_[]<>#|".contains(ch) { out.append("\\") }
            out.append(ch == "\n" || ch == "\r" || ch == "\r\n" ? " " : ch)
        }
        return out
    }

    public static func markdown(_ b: Briefing, baseURL: String) -> String {
        var lines = ["# Issue radar briefing, \(b.week)", "", "\(period(b))", ""]
        if !b.rising.isEmpty {
            lines += ["## Rising", ""]
            lines += b.rising.map { "- **\(markdownText($0.issue.name))**: \(markdownText($0.explanation))" }
            lines.append("")
        }
        lines += ["## New items by issue", ""]
        if b.sections.isEmpty { lines += ["Nothing new matched the issues this week.", ""] }
        for s in b.sections {
            lines.append("### \(markdownText(s.issue.name))\(s.trend?.isRising == true ? " (rising)" : "")")
            lines.append("")
            lines.append("\(s.newItems) new item\(s.newItems == 1 ? "" : "s")" + (s.trend.map { "; \(markdownText($0.explanation))" } ?? "") + ".")
            lines.append("")
            for l in s.items {
                let title = markdownText(l.item.title)
                let link = l.item.link.map { "[\(title)](<\($0)>)" } ?? title
                let why = l.item.matches.first { $0.issueId == s.issue.id }?.reasons.first.map { " — \(markdownText($0))" } ?? ""
                lines.append("- \(link) · \(markdownText(b.sourceNames[l.item.sourceId] ?? "source")), \(day(l.item.at, b.zone))\(why)")
            }
            if s.newItems > s.items.count { lines.append("- [\(s.newItems - s.items.count) more](<\(baseURL)/radar?issue=\(s.issue.id)>)") }
            lines.append("")
        }
        if !b.quiet.isEmpty { lines += ["Quiet this week: " + b.quiet.map { markdownText($0.name) }.joined(separator: ", ") + ".", ""] }
        lines += ["## Upcoming events", ""]
        if b.upcomingEvents.isEmpty { lines.append("None in the calendar for the next two weeks.") }
        for e in b.upcomingEvents {
            lines.append("- \(dayTime(e.startsAt, TimeZone(identifier: e.timeZone) ?? b.zone)): [\(markdownText(e.title))](<\(baseURL)/events/\(e.id)>)"
                         + (e.location.map { " · \(markdownText($0))" } ?? ""))
        }
        lines += ["", "From Convene: \(baseURL)/radar/briefing?week=\(b.week)", ""]
        return lines.joined(separator: "\n")
    }

    static func e(_ s: String) -> String { HTML.escape(s) }

    public static func html(_ b: Briefing, baseURL: String) -> String {
        let font = "font-family:Arial,Helvetica,sans-serif;color:#1b1f24"
        let link = "color:#0b5cad"
        var body = ""
        body += "<h1 style=\"\(font);font-size:22px;margin:0 0 4px\">Issue radar briefing, \(e(b.week))</h1>"
        body += "<p style=\"\(font);font-size:14px;color:#57606a;margin:0 0 16px\">\(e(period(b)))</p>"
        if !b.rising.isEmpty {
            body += "<h2 style=\"\(font);font-size:18px;margin:16px 0 8px\">Rising</h2><ul style=\"\(font);font-size:15px;padding-left:20px\">"
            for t in b.rising { body += "<li><strong>\(e(t.issue.name))</strong>: \(e(t.explanation))</li>" }
            body += "</ul>"
        }
        body += "<h2 style=\"\(font);font-size:18px;margin:16px 0 8px\">New items by issue</h2>"
        if b.sections.isEmpty { body += "<p style=\"\(font);font-size:15px\">Nothing new matched the issues this week.</p>" }
        for s in b.sections {
            body += "<h3 style=\"\(font);font-size:16px;margin:14px 0 4px\">\(e(s.issue.name))\(s.trend?.isRising == true ? " <span style=\"color:#b42318\">(rising)</span>" : "")</h3>"
            body += "<p style=\"\(font);font-size:14px;color:#57606a;margin:0 0 6px\">\(s.newItems) new item\(s.newItems == 1 ? "" : "s")\(s.trend.map { "; " + e($0.explanation) } ?? "").</p>"
            body += "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse\">"
            for l in s.items {
                let title = l.item.link.map { "<a href=\"\(e($0))\" style=\"\(link)\">\(e(l.item.title))</a>" } ?? e(l.item.title)
                let why = l.item.matches.first { $0.issueId == s.issue.id }?.reasons.first ?? ""
                body += "<tr><td style=\"\(font);font-size:15px;padding:6px 0;border-bottom:1px solid #d0d7de\">\(title)<br>"
                body += "<span style=\"font-size:13px;color:#57606a\">\(e(b.sourceNames[l.item.sourceId] ?? "source")), \(e(day(l.item.at, b.zone)))\(why.isEmpty ? "" : " — " + e(why))</span></td></tr>"
            }
            body += "</table>"
            if s.newItems > s.items.count {
                body += "<p style=\"\(font);font-size:14px;margin:6px 0\"><a href=\"\(e(baseURL))/radar?issue=\(e(s.issue.id))\" style=\"\(link)\">\(s.newItems - s.items.count) more</a></p>"
            }
        }
        if !b.quiet.isEmpty { body += "<p style=\"\(font);font-size:14px;color:#57606a\">Quiet this week: \(e(b.quiet.map(\.name).joined(separator: ", "))).</p>" }
        body += "<h2 style=\"\(font);font-size:18px;margin:16px 0 8px\">Upcoming events</h2>"
        if b.upcomingEvents.isEmpty { body += "<p style=\"\(font);font-size:15px\">None in the calendar for the next two weeks.</p>" }
        else {
            body += "<ul style=\"\(font);font-size:15px;padding-left:20px\">"
            for ev in b.upcomingEvents {
                body += "<li>\(e(dayTime(ev.startsAt, TimeZone(identifier: ev.timeZone) ?? b.zone))): <a href=\"\(e(baseURL))/events/\(e(ev.id))\" style=\"\(link)\">\(e(ev.title))</a>\(ev.location.map { " · " + e($0) } ?? "")</li>"
            }
            body += "</ul>"
        }
        body += "<p style=\"\(font);font-size:13px;color:#57606a;margin-top:24px\">From Convene · <a href=\"\(e(baseURL))/radar/briefing?week=\(e(b.week))\" style=\"\(link)\">Open in Convene</a></p>"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Issue radar briefing, \(e(b.week))</title></head>
            <body style="margin:0;padding:0;background:#f6f8fa">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f8fa"><tr><td align="center" style="padding:16px">
            <table role="presentation" width="640" cellpadding="0" cellspacing="0" style="max-width:640px;width:100%;background:#ffffff;border:1px solid #d0d7de"><tr><td style="padding:20px">
            \(body)
            </td></tr></table>
            </td></tr></table>
            </body></html>
            """
    }
}
