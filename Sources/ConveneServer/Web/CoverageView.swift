import ConveneAnalysis
import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// The coverage page: the period picker, overall numbers, the targets, the tables by type
/// and by school or area, and contacts per month across the district.
struct CoverageView {
    var report: CoverageReport
    /// The period as it goes back into links (`term`, `2026-08-01..2026-12-31`).
    var periodText: String
    /// The period as typed, shown again when it could not be read.
    var typedPeriod: String
    var periodErrors: [FieldError]
    var months: [MonthCount]
    var monthsFrom: CalendarDate
    var knownTypes: Set<String>
    var user: User
    var csrf: String?
    var notice: String?
    var targetForm = CoverageTargetFormValues()
    var targetErrors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    static let notices = ["target-added": "Target added.", "target-removed": "Target removed."]

    var isAdmin: Bool { user.role == .admin }

    func render() -> Response {
        let r = report, o = r.overall
        let bars = MonthSeries.bars(months, from: monthsFrom, months: 12)
        let body: HTML = """
            <h1>Coverage</h1>
            \(Layout.notice(notice, Self.notices))
            \(picker)
            <p><strong>\(r.period.label)</strong> (\(r.period.from.description) to \(r.period.to.description)).
            <strong>Engaged</strong> means at least one contact in the period. <strong>Heard</strong> means at least one contact in which the
            stakeholder spoke to us: they reached out, or it was a meeting, call, visit, forum or event. Percentages are of the stakeholders
            (not archived) in each part.</p>
            <p class="big">\(WebNumber.percent(o.heardPercent)) heard</p>
            <p>Of \(o.total) stakeholders, \(o.engaged) engaged (\(WebNumber.percent(o.engagedPercent))) and \(o.heard) heard.
            See also <a href="/due-for-contact">who is due for contact</a> and the <a href="/grid">power/interest grid</a>.</p>
            \(targetSection)
            <h2 id="by-type">By stakeholder type</h2>
            \(Self.table(r.byType, heading: "Type", label: StakeholderType.label))
            <h2 id="by-area">By school or area</h2>
            \(Self.table(r.byArea, heading: "School or area", label: { $0 }))
            <h2 id="per-month">Contacts per month</h2>
            \(Layout.chart(Charts.bars(bars, title: "Contacts across the district, last 12 months", valueLabel: "Contacts", primaryName: "Not heard", secondaryName: "Heard")))
            """
        return Layout.page("Coverage", user: user, csrf: csrf, current: "/coverage", status: status, body)
    }

    var picker: HTML {
        let custom = typedPeriod.contains("..")
        let ends = custom ? typedPeriod.components(separatedBy: "..") : []
        var options: [(value: String, label: String)] = [("term", "This term"), ("year", "This school year"), ("90d", "Last 90 days"), ("365d", "Last 365 days"), ("custom", "Dates below")]
        let selected = custom ? "custom" : typedPeriod
        if !options.contains(where: { $0.value == selected }) { options.insert((selected, selected), at: 0) }
        return """
            <form method="get" action="/coverage" class="filters" novalidate>
            \(Layout.select("period", "Period", options: options, selected: selected, errors: periodErrors))
            <fieldset class="datetime"><legend>Or from and to (choose “Dates below”)</legend>
            <label for="f-from">From</label> <input type="date" id="f-from" name="from" value="\(ends.first ?? "")">
            <label for="f-to">To</label> <input type="date" id="f-to" name="to" value="\(ends.count > 1 ? ends[1] : "")">
            </fieldset>
            <button type="submit" class="secondary">Show</button>
            </form>
            """
    }

    static func table(_ rows: [Coverage.Row], heading: String, label: (String) -> String) -> HTML {
        guard !rows.isEmpty else { return "<p>No stakeholders recorded with one.</p>" }
        let body: [HTML] = rows.map { r in
            "<tr><td>\(label(r.value))</td><td>\(r.total)</td><td>\(r.engaged)</td><td>\(r.heard)</td><td>\(Layout.shareBar(r.heardPercent))</td></tr>"
        }
        return """
            <table class="responsive"><thead><tr><th scope="col">\(heading)</th><th scope="col">Stakeholders</th><th scope="col">Engaged</th><th scope="col">Heard</th><th scope="col">% heard</th></tr></thead>
            <tbody>\(body)</tbody></table>
            """
    }

    var targetSection: HTML {
        let rows: [HTML] = report.targets.map { t in
            let state: HTML = t.met ? "<strong>Met</strong>"
                : t.row.total == 0 ? "<span class=\"muted\">No one matches</span>"
                : "<span class=\"overdue\">Unmet</span> — needs \(t.shortfall) more"
            let remove: HTML = isAdmin ? """
                <td><form method="post" action="/coverage/targets/\(t.target.id)/delete" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="period" value="\(periodText)"><button type="submit" class="link">Remove<span class="skip"> \(t.target.label)</span></button></form></td>
                """ : .empty
            return "<tr><td>\(t.target.label)</td><td>\(t.target.heardPercent)%</td><td>\(t.row.total)</td><td>\(t.row.heard)</td><td>\(Layout.shareBar(t.row.heardPercent))</td><td>\(state)</td>\(remove)</tr>"
        }
        let table: HTML = report.targets.isEmpty ? "<p>No targets set.\(isAdmin ? " Add one below." : "")</p>" : """
            <table class="responsive"><thead><tr><th scope="col">Who</th><th scope="col">Target heard</th><th scope="col">Stakeholders</th><th scope="col">Heard</th><th scope="col">% heard</th><th scope="col">Result</th>\(isAdmin ? "<th scope=\"col\">Change</th>" as HTML : .empty)</tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return """
            <h2 id="targets">Targets</h2>
            \(table)
            \(isAdmin ? targetFormHTML : .empty)
            """
    }

    var targetFormHTML: HTML {
        let v = targetForm, e = targetErrors
        let types = [("", "Any type")] + knownTypes.sorted { StakeholderType.label($0) < StakeholderType.label($1) }.map { ($0, StakeholderType.label($0)) }
        var areas = [("", "Any school or area")] + report.byArea.map { ($0.value, $0.value) }
        if !v.area.isEmpty, !areas.contains(where: { $0.0 == v.area }) { areas.append((v.area, v.area)) }
        let labels = ["stakeholderType": "Type", "area": "School or area", "language": "Language", "heardPercent": "Share to hear from"]
        return """
            <h3 id="add-target">Add a target</h3>
            \(Layout.errorSummary(e, level: 4, anchor: { "f-\($0)" }, label: { labels[$0] ?? $0 }))
            <form method="post" action="/coverage/targets#add-target" novalidate>
            \(Layout.csrfField(csrf))
            <input type="hidden" name="period" value="\(periodText)">
            \(Layout.select("stakeholderType", "Stakeholder type", options: types, selected: v.stakeholderType, errors: e))
            \(Layout.select("area", "School or area", options: areas, selected: v.area, errors: e))
            \(Layout.field("language", "Language (optional)", value: v.language, errors: e, hint: "A language tag such as es; it matches es-MX too."))
            \(Layout.field("heardPercent", "Share to hear from each period, in %", value: v.heardPercent, errors: e, type: "number", required: true))
            <button type="submit">Add target</button>
            </form>
            """
    }
}
