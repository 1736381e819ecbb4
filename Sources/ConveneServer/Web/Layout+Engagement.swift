import ConveneCore
import Foundation

/// Controls the engagement pages share: a date and time pair, a time zone picker, a share
/// drawn as a bar, SVG charts placed in a page, and the `back` path of small buttons.
extension Layout {
    /// A date input and a time input under one legend, sent as `name.date` and `name.time`.
    /// Errors for `name` (and `name.anything`) show under both.
    static func dateTime(_ name: String, legend: String, date: String, time: String, errors: [FieldError],
                         hint: String? = nil, extra: HTML = .empty) -> HTML {
        let own = Self.errors(for: name, in: errors)
        let invalid: HTML = own.isEmpty ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(name)-error\""
        return """
            <fieldset id="f-\(name)" class="datetime\(own.isEmpty ? "" : " has-error")">
            <legend>\(legend)</legend>
            \(Self.hint(name, hint))
            <label for="f-\(name).date">Date</label> <input type="date" id="f-\(name).date" name="\(name).date" value="\(date)" placeholder="YYYY-MM-DD"\(invalid)>
            <label for="f-\(name).time">Time</label> <input type="time" id="f-\(name).time" name="\(name).time" value="\(time)" placeholder="HH:MM"\(invalid)>
            \(extra)
            \(fieldErrors(name, own))
            </fieldset>
            """
    }

    /// A select of common US zones plus a field for any IANA zone; the typed one wins.
    static func timeZonePicker(_ name: String, selected: String, other: String, errors: [FieldError]) -> HTML {
        let own = Self.errors(for: name, in: errors)
        let known = WebTime.zoneOptions(including: selected)
        let isOther = !other.trimmedText.isEmpty || (!selected.isEmpty && !known.contains { $0.value == selected })
        let typed = !other.trimmedText.isEmpty ? other : (isOther ? selected : "")
        let options: [HTML] = known.map { o in
            "<option value=\"\(o.value)\"\(!isOther && o.value == selected ? " selected" : "")>\(o.label)</option>"
        }
        let invalid: HTML = own.isEmpty ? .empty : " aria-invalid=\"true\" aria-describedby=\"\(name)-error\""
        return """
            <fieldset id="f-\(name)" class="\(own.isEmpty ? "" : "has-error")">
            <legend>Time zone</legend>
            <p class="hint">The start and end are read in this zone, and the event is shown in it.</p>
            <label for="f-\(name)-select">Common zones</label>
            <select id="f-\(name)-select" name="\(name)"\(invalid)>\(options)</select>
            <label for="f-\(name)Other">Or type any IANA zone (optional)</label>
            <input type="text" id="f-\(name)Other" name="\(name)Other" value="\(typed)" placeholder="such as America/Boise"\(invalid)>
            \(fieldErrors(name, own))
            </fieldset>
            """
    }

    /// A share of 0–100 as a small bar with its number beside it.
    static func shareBar(_ percent: Double) -> HTML {
        let width = min(100, max(0, percent))
        return "<span class=\"share\"><span class=\"bar\" aria-hidden=\"true\"><span style=\"width:\(WebNumber.percent(width))\"></span></span> \(WebNumber.percent(percent))</span>"
    }

    /// An SVG string from `Charts`, which escapes everything it draws, placed as markup.
    static func chart(_ svg: String) -> HTML { HTML(raw: "<figure class=\"chart\">" + svg + "</figure>") }

    /// A hidden field naming the page to come back to after a small action.
    static func backField(_ path: String) -> HTML { "<input type=\"hidden\" name=\"back\" value=\"\(path)\">" }

    /// The `back` path of a submitted form when it is a path on this site, else `fallback`.
    static func back(_ form: FormData, fallback: String) -> String {
        guard let p = form.first("back"), p.hasPrefix("/"), !p.hasPrefix("//"), !p.hasPrefix("/\\"), p.count < 500,
              !p.contains(where: { $0.isNewline }) else { return fallback }
        return p
    }

    /// A select of every user, with "me" first; `current` is kept even if disabled.
    static func userOptions(_ users: [User], me: User, current: String) -> [(value: String, label: String)] {
        let shown = users.filter { (!$0.isDisabled || $0.id == current) && $0.id != me.id }
            .sorted { $0.displayName.localizedCaseInsensitiveCompare($1.displayName) == .orderedAscending }
        return [(me.id, "Me (\(me.displayName))")] + shown.map { ($0.id, $0.displayName) }
    }

    static let engagementStyle = """
        .share{white-space:nowrap}.bar{display:inline-block;width:5rem;height:.7rem;background:#e3e3e3;border-radius:3px;vertical-align:middle;overflow:hidden}.bar span{display:block;height:100%;background:var(--accent)}
        figure.chart{margin:12px 0;max-width:100%;overflow-x:auto}fieldset.datetime input{width:auto;max-width:12rem;display:inline-block;margin-right:12px}
        input[type=time]{padding:8px;border:1px solid #8c959f;border-radius:4px;font:inherit}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:16px}.cards section{border:1px solid var(--line);border-radius:6px;padding:4px 14px 12px}
        .cards h2{margin-top:.6em}ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:6px 0;border-bottom:1px solid var(--line)}ul.plain li:last-child{border-bottom:0}
        .overdue{color:var(--bad);font-weight:600}.big{font-size:1.6rem;font-weight:700}
        table.month{table-layout:fixed}table.month td{height:6rem;font-size:.9rem}table.month td.other{background:var(--soft);color:var(--muted)}table.month td.today{outline:2px solid var(--accent)}
        table.month .day{font-weight:700;display:block}table.month .wd{display:none}table.month ul{list-style:none;padding:0;margin:0}table.month li{margin:2px 0}
        @media(max-width:700px){table.month thead{display:none}table.month .wd{display:inline}table.month,table.month tbody,table.month tr,table.month td{display:block;height:auto}table.month td.other,table.month td.empty{display:none}}
        .timeline li{margin-bottom:12px}.cancelled{text-decoration:line-through}
        """
}
