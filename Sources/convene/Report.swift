import ArgumentParser
import ConveneAnalysis
import ConveneCore
import Foundation

/// `convene report coverage|health`: district-wide figures for scripts and board packets.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a report: coverage (who was engaged and heard), health (every relationship's score), the radar briefing, or the board report.",
        subcommands: [CoverageReportCommand.self, HealthReportCommand.self, BriefingReportCommand.self, BoardReportCommand.self]
    )
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json
}

/// A CSV field, quoted when it must be (RFC 4180), with formula-leading characters neutralised
/// so a spreadsheet never runs a cell as a formula.
func csvField(_ text: String) -> String {
    var t = text
    if let first = t.first, "=+-@\t\r".contains(first), Double(t) == nil { t = "'" + t }
    if t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) { return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    return t
}

func percent(_ x: Double) -> String { String(format: "%.1f", x) }

struct CoverageReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "coverage", abstract: "Who has been engaged and heard from, by type and by school or area, against the targets.")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "term (default: this school term), year, 90d, or 2026-08-01..2026-12-31.") var period = "term"
    @Option(help: "text, csv or json.") var format: ReportFormat = .text
    @Option(help: "The day the period is counted from (YYYY-MM-DD; default today).") var today: String?

    func run() async throws {
        let store = try await db.open()
        let day: CalendarDate
        if let today {
            guard let d = CalendarDate(today) else { throw CLIError("--today must be a date (YYYY-MM-DD), not \"\(today)\"") }
            day = d
        } else { day = CalendarDate(date: Date()) }
        let p: Period
        do { p = try Period.parse(period, today: day) } catch { throw CLIError("--period: \(error)") }
        let started = Date()
        let report = try await Engagement(store: store).coverage(p, now: Date(), fresh: true)
        let seconds = Date().timeIntervalSince(started)
        switch format {
        case .json:
            let rows = { (rows: [Coverage.Row]) -> JSONValue in .array(rows.map(Self.json)) }
            let doc: JSONValue = ["period": ["from": .string(p.from.description), "to": .string(p.to.description), "label": .string(p.label)],
                                  "overall": Self.json(report.overall), "byType": rows(report.byType), "byArea": rows(report.byArea),
                                  "targets": .array(report.targets.map { t in
                                      ["label": .string(t.target.label), "heardPercentTarget": .number(Double(t.target.heardPercent)),
                                       "result": Self.json(t.row), "met": .bool(t.met), "shortfall": .number(Double(t.shortfall))]
                                  }),
                                  "computeSeconds": .number((seconds * 1000).rounded() / 1000)]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            say(String(decoding: try encoder.encode(doc), as: UTF8.self))
        case .csv:
            var lines = ["dimension,value,total,engaged,heard,engaged_percent,heard_percent,target_percent,met"]
            let all = [report.overall] + report.byType + report.byArea
            for r in all { lines.append([r.dimension, r.value, String(r.total), String(r.engaged), String(r.heard), percent(r.engagedPercent), percent(r.heardPercent), "", ""].map(csvField).joined(separator: ",")) }
            for t in report.targets {
                let r = t.row
                lines.append(["target", t.target.label, String(r.total), String(r.engaged), String(r.heard), percent(r.engagedPercent), percent(r.heardPercent),
                              String(t.target.heardPercent), t.met ? "yes" : "no"].map(csvField).joined(separator: ","))
            }
            say(lines.joined(separator: "\n"))
        case .text:
            var out = ["Coverage — \(p.label) (\(p.from) to \(p.to))",
                       "Engaged: at least one contact. Heard: at least one contact where they spoke to us.", ""]
            func table(_ title: String, _ rows: [Coverage.Row], label: (Coverage.Row) -> String) {
                out.append(title)
                let width = max(24, (rows.map { label($0).count }.max() ?? 0) + 2)
                for r in rows {
                    let name = label(r).padding(toLength: width, withPad: " ", startingAt: 0)
                    out.append("  \(name)\(String(format: "%7d total %7d engaged (%5.1f%%) %7d heard (%5.1f%%)", r.total, r.engaged, r.engagedPercent, r.heard, r.heardPercent))")
                }
                out.append("")
            }
            table("Overall", [report.overall]) { _ in "Everyone" }
            table("By stakeholder type", report.byType) { StakeholderType.label($0.value) }
            table("By school or area", report.byArea) { $0.value }
            if !report.targets.isEmpty {
                out.append("Targets")
                for t in report.targets {
                    let status = t.met ? "met" : "NOT MET — \(t.shortfall) more to hear from"
                    out.append("  \(t.target.label): \(percent(t.row.heardPercent))% heard of \(t.target.heardPercent)% (\(t.row.heard) of \(t.row.total)) — \(status)")
                }
                out.append("")
            }
            out.append(String(format: "computed in %.3f s", seconds))
            say(out.joined(separator: "\n"))
        }
    }

    static func json(_ r: Coverage.Row) -> JSONValue {
        ["dimension": .string(r.dimension), "value": .string(r.value), "total": .number(Double(r.total)), "engaged": .number(Double(r.engaged)),
         "heard": .number(Double(r.heard)), "engagedPercent": .number((r.engagedPercent * 10).rounded() / 10), "heardPercent": .number((r.heardPercent * 10).rounded() / 10)]
    }
}

struct HealthReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "health",
                                                    abstract: "Every stakeholder's relationship health (0–100), most urgent to contact first.")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "text, csv or json.") var format: ReportFormat = .text
    @Option(help: "Print at most this many (0: all).") var limit = 0

    func run() async throws {
        let store = try await db.open()
        let started = Date()
        var all = try await Engagement(store: store).healthOfAll(now: Date(), fresh: true)
        let seconds = Date().timeIntervalSince(started)
        if limit > 0 { all = Array(all.prefix(limit)) }
        switch format {
        case .json:
            let doc: JSONValue = ["computeSeconds": .number((seconds * 1000).rounded() / 1000), "stakeholders": .array(all.map { d in
                ["id": .string(d.stakeholderId), "name": .string(d.displayName), "score": .number(Double(d.health.score)), "band": .string(d.health.band),
                 "explanation": .string(d.health.explanation), "priority": .number((d.priority * 10).rounded() / 10)]
            })]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            say(String(decoding: try encoder.encode(doc), as: UTF8.self))
        case .csv:
            var lines = ["id,name,score,band,days_since_last_contact,contacts_this_year,started_by_them,priority"]
            for d in all {
                lines.append([d.stakeholderId, d.displayName, String(d.health.score), d.health.band, d.health.daysSinceLastContact.map(String.init) ?? "",
                              String(d.health.contactsThisYear), String(d.health.startedByThem), String(format: "%.1f", d.priority)].map(csvField).joined(separator: ","))
            }
            say(lines.joined(separator: "\n"))
        case .text:
            var out = ["Relationship health — most urgent to contact first",
                       "Score = recency (≤50, half-life 90 days) + frequency (≤30, six contacts a year) + two-way (≤20, a third started by them).", ""]
            for d in all { out.append("\(String(format: "%3d", d.health.score))  \(d.displayName)  — \(d.health.explanation)") }
            out.append("")
            out.append(String(format: "%d stakeholders; computed in %.3f s", all.count, seconds))
            say(out.joined(separator: "\n"))
        }
    }
}
