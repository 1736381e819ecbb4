import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// Names and addresses of the things records point at, for showing them.
struct NameBook: Sendable {
    var entries: [WorkLink: (label: String, href: String?)] = [:]

    static func load(_ links: [WorkLink], services: Services) async throws -> NameBook {
        var book = NameBook()
        let byKind = Dictionary(grouping: Set(links), by: \.kind)
        let store = services.store
        for (kind, list) in byKind {
            let ids = list.map(\.id).filter(Identifier.isPlausible)
            switch LinkKind(rawValue: kind) {
            case .stakeholder:
                for s in try await store.stakeholders(ids: ids) { book.entries[WorkLink(.stakeholder, s.id)] = (s.displayName, "/stakeholders/\(s.id)") }
            case .user:
                for id in ids { if let u = try await store.user(id: id) { book.entries[WorkLink(.user, id)] = (u.displayName, nil) } }
            case .issue:
                for id in ids { if let i = try await store.radarIssue(id: id) { book.entries[WorkLink(.issue, id)] = (i.name, "/radar/issues/\(id)") } }
            case .group:
                for id in ids { if let g = try await store.group(id: id) { book.entries[WorkLink(.group, id)] = (g.name, "/groups/\(id)") } }
            case .event:
                for id in ids { if let e = try await store.event(id: id) { book.entries[WorkLink(.event, id)] = ("\(CalendarDate(date: e.startsAt, timeZone: TimeZone(identifier: e.timeZone))) — \(e.title)", "/events/\(id)") } }
            case .consultation:
                for id in ids { if let c = try await store.consultation(id: id) { book.entries[WorkLink(.consultation, id)] = (c.title, "/consultations/\(id)") } }
            case .interaction:
                for id in ids { if let i = try await store.interaction(id: id) { book.entries[WorkLink(.interaction, id)] = (i.subject, nil) } }
            case .statement:
                for id in ids { if let s = try await store.statement(id: id) { book.entries[WorkLink(.statement, id)] = ("“\(s.text)”", "/consultations/\(s.consultationId)") } }
            case .item:
                for id in ids { if let i = try await store.radarItem(id: id, userId: nil) { book.entries[WorkLink(.item, id)] = (i.item.title, i.item.link) } }
            default:
                guard let w = WorkKind(rawValue: kind) else { continue }
                for id in ids {
                    if let json = try await store.workRecord(kind: w, id: id), case .object(let o)? = JSONValue.parse(Data(json.utf8)) {
                        let label = o["title"]?.stringValue ?? o["name"]?.stringValue ?? o["number"]?.stringValue ?? id
                        book.entries[WorkLink(kind: kind, id: id)] = (label, "/\(w.collection)/\(id)")
                    }
                }
            }
        }
        return book
    }

    func link(_ kind: LinkKind, _ id: String) -> HTML {
        guard let e = entries[WorkLink(kind, id)] else { return "<span class=\"muted\">\(id) (not found)</span>" }
        guard let href = e.href, (href.hasPrefix("/") && !href.hasPrefix("//")) || href.hasPrefix("https://") || href.hasPrefix("http://") else { return "\(e.label)" }
        return "<a href=\"\(href)\">\(e.label)</a>"
    }
}

/// Shows and edits records of one kind, from its `WorkSpec`.
struct WorkView {
    var spec: WorkSpec
    var user: User
    var csrf: String?
    var names = NameBook()
    var options: [String: [(value: String, label: String)]] = [:]
    var errors: [FieldError] = []
    var canWrite: Bool { user.role >= .staff }

    func display(_ value: JSONValue?, _ f: WebField) -> HTML {
        guard let value, value != .null else { return "<span class=\"muted\">–</span>" }
        switch (f.kind, value) {
        case (.flag, .bool(let b)): return b ? "Yes" : "No"
        case (.stakeholder, .string(let id)): return names.link(.stakeholder, id)
        case (.user, .string(let id)): return names.link(.user, id)
        case (.pick(let kind, _), .string(let id)): return names.link(kind, id)
        case (.stakeholders, .array(let ids)), (.pick(_, true), .array(let ids)):
            let kind: LinkKind = { if case .pick(let k, _) = f.kind { return k }; return .stakeholder }()
            if ids.isEmpty { return "<span class=\"muted\">–</span>" }
            return HTML(raw: ids.compactMap(\.stringValue).map { names.link(kind, $0).text }.joined(separator: ", "))
        case (.lines, .array(let items)):
            if items.isEmpty { return "<span class=\"muted\">–</span>" }
            return "<ul>\(items.compactMap(\.stringValue).map { "<li>\($0)</li>" as HTML })</ul>"
        case (.longText, .string(let s)): return Layout.multiline(s)
        case (.text, .string(let s)) where f.name == "url" && (s.hasPrefix("https://") || s.hasPrefix("http://")): return "<a href=\"\(s)\">\(s)</a>"
        case (_, .string(let s)): return "\(s)"
        case (_, .number(let n)): return "\(Int(n))"
        case (_, .bool(let b)): return b ? "Yes" : "No"
        default: return "\(value.encodedString())"
        }
    }

    /// The text a field shows in an edit form.
    func formText(_ value: JSONValue?, _ f: WebField) -> String {
        guard let value, value != .null else { return "" }
        switch value {
        case .string(let s): return s
        case .number(let n): return String(Int(n))
        case .array(let items):
            if case .stakeholders = f.kind { return items.compactMap(\.stringValue).map { names.entries[WorkLink(.stakeholder, $0)]?.label ?? $0 }.joined(separator: "\n") }
            return items.compactMap(\.stringValue).joined(separator: "\n")
        default: return ""
        }
    }

    func input(_ f: WebField, value: JSONValue?, prefix: String = "") -> HTML {
        let name = prefix + f.name
        switch f.kind {
        case .text, .stakeholder, .user:
            var shown = formText(value, f)
            if case .stakeholder = f.kind, let id = value?.stringValue { shown = names.entries[WorkLink(.stakeholder, id)]?.label ?? id }
            if case .user = f.kind, let id = value?.stringValue { shown = id }
            return Layout.field(name, f.label, value: shown, errors: errors, hint: f.hint)
        case .number: return Layout.field(name, f.label, value: formText(value, f), errors: errors, type: "number", hint: f.hint)
        case .date: return Layout.field(name, f.label, value: formText(value, f), errors: errors, type: "date", hint: f.hint)
        case .longText, .lines, .stakeholders: return Layout.textarea(name, f.label, value: formText(value, f), errors: errors, hint: f.hint)
        case .flag: return Layout.checkboxes(name, legend: f.label, options: [("true", "Yes")], checked: value == .bool(true) ? ["true"] : [], errors: errors, hint: f.hint)
        case .choice(let values):
            return Layout.select(name, f.label, options: values.map { ($0, $0.isEmpty ? "—" : $0) }, selected: value?.stringValue ?? "", errors: errors, hint: f.hint)
        case .pick(_, let multiple):
            let opts = options[f.name] ?? []
            if multiple {
                var chosen: [String] = []
                if case .array(let a)? = value { chosen = a.compactMap(\.stringValue) }
                let on = Set(chosen)
                if opts.isEmpty { return "<input type=\"hidden\" name=\"\(name)\" value=\"\">" + (on.isEmpty ? "" : HTML(raw: on.sorted().map { "<input type=\"hidden\" name=\"\(HTML.escape(name))\" value=\"\(HTML.escape($0))\">" }.joined())) }
                return Layout.checkboxes(name, legend: f.label, options: opts, checked: on, errors: errors, hint: f.hint)
            }
            return Layout.select(name, f.label, options: [("", "—")] + opts, selected: value?.stringValue ?? "", errors: errors, hint: f.hint)
        }
    }

    func form(action: String, values: [String: JSONValue], submit: String, fields: [WebField]? = nil, prefix: String = "") -> HTML {
        """
        <form method="post" action="\(action)">\(Layout.csrfField(csrf))
        \((fields ?? spec.fields).map { input($0, value: values[$0.name], prefix: prefix) })
        <button type="submit">\(submit)</button></form>
        """
    }

    func summary() -> HTML {
        Layout.errorSummary(errors, anchor: { "f-" + ($0.split(separator: "[").first.map(String.init) ?? $0) }, label: { $0 })
    }

    // MARK: Pages

    func listPage(_ records: [JSONValue], query: String, notice: String?, draft: [String: JSONValue] = [:], status: HTTPResponse.Status = .ok) -> Response {
        let cols = spec.columns.compactMap { c in spec.fields.first { $0.name == c } }
        let rows: [HTML] = records.map { r in
            let id = r["id"]?.stringValue ?? ""
            let cells: [HTML] = cols.enumerated().map { n, f in
                n == 0 ? "<td><a href=\"\(spec.path)/\(id)\">\(r[f.name]?.stringValue ?? id)</a></td>" : "<td>\(display(r[f.name], f))</td>"
            }
            return "<tr>\(cells)</tr>"
        }
        let table: HTML = records.isEmpty ? "<p class=\"muted\">Nothing here yet\(query.isEmpty ? "" : " matching “\(query)”").</p>" : """
            <table><thead><tr>\(cols.map { "<th scope=\"col\">\($0.label)</th>" as HTML })</tr></thead><tbody>\(rows)</tbody></table>
            """
        let body: HTML = """
            <h1>\(spec.title)</h1>
            <p class="hint">\(spec.intro)</p>
            \(Layout.notice(notice, ["deleted": "Removed."]))
            <nav aria-label="Collaboration"><p>\(WorkSpec.all.map { s in s.kind == spec.kind ? "<strong>\(s.title)</strong> · " as HTML : "<a href=\"\(s.path)\">\(s.title)</a> · " })<a href="/board-report">Board report</a></p></nav>
            <form method="get" action="\(spec.path)" role="search"><label for="f-q">Search</label> <input id="f-q" name="q" value="\(query)"> <button type="submit">Search</button></form>
            \(table)
            \(canWrite ? "<h2 id=\"new\">New</h2>\(summary())\(form(action: spec.path, values: draft, submit: "Create"))" as HTML : .empty)
            """
        return Layout.page(spec.title, user: user, csrf: csrf, current: "/initiatives", status: status, body)
    }

    func detailPage(_ record: JSONValue, extra: HTML = .empty, notice: String?, status: HTTPResponse.Status = .ok) -> Response {
        let id = record["id"]?.stringValue ?? "", base = "\(spec.path)/\(id)"
        let title = record["title"]?.stringValue ?? record["name"]?.stringValue ?? record["number"]?.stringValue ?? id
        let values: [String: JSONValue] = { if case .object(let o) = record { return o }; return [:] }()
        let details: [HTML] = spec.fields.map { f in "<dt>\(f.label)</dt><dd>\(display(record[f.name], f))</dd>" }
        var lists: [HTML] = []
        for l in spec.lists {
            let entries: [JSONValue] = { if case .array(let a)? = record[l.name] { return a }; return [] }()
            let rows: [HTML] = entries.enumerated().map { n, e in
                let cells: [HTML] = l.fields.map { f in
                    if l.name == "evidence", f.name == "id", let kind = e["kind"]?.stringValue.flatMap(LinkKind.init(rawValue:)), let id = e["id"]?.stringValue {
                        return "<td>\(names.link(kind, id))</td>"
                    }
                    return "<td>\(display(e[f.name], f))</td>"
                }
                let quick: HTML = canWrite && !l.quick.isEmpty ? """
                    <form method="post" action="\(base)/set/\(l.name)/\(n)" class="inline">\(Layout.csrfField(csrf))\(l.fields.filter { l.quick.contains($0.name) }.map { input($0, value: e[$0.name], prefix: "row\(n)-") })<button type="submit" class="secondary">Save</button></form>
                    """ : .empty
                let remove: HTML = canWrite ? "<form method=\"post\" action=\"\(base)/remove/\(l.name)/\(n)\" class=\"inline\">\(Layout.csrfField(csrf))<button type=\"submit\" class=\"link\">Remove</button></form>" : .empty
                return "<tr>\(cells)<td>\(quick)\(remove)</td></tr>"
            }
            let table: HTML = entries.isEmpty ? "<p class=\"muted\">None yet.</p>" : """
                <table><thead><tr>\(l.fields.map { "<th scope=\"col\">\($0.label)</th>" as HTML })<th scope="col"><span class="muted">Change</span></th></tr></thead><tbody>\(rows)</tbody></table>
                """
            let add: HTML = canWrite ? "<details><summary>Add to \(l.label.lowercased())</summary>\(form(action: "\(base)/add/\(l.name)", values: [:], submit: "Add", fields: l.fields, prefix: "new-"))</details>" : .empty
            lists.append("<section id=\"\(l.name)\"><h2>\(l.label)</h2>\(table)\(add)</section>")
        }
        let body: HTML = """
            <p><a href="\(spec.path)">\(spec.title)</a></p>
            <h1>\(title)</h1>
            \(Layout.notice(notice, ["created": "Created.", "saved": "Saved.", "added": "Added.", "removed": "Removed."]))
            \(summary())
            \(extra)
            <h2>Details</h2><dl class="details">\(details)</dl>
            \(lists)
            \(canWrite ? """
                <details\(errors.isEmpty ? "" : " open")><summary>Change the details</summary>\(form(action: base, values: values, submit: "Save"))</details>
                <form method="post" action="\(base)/delete" class="inline">\(Layout.csrfField(csrf))<button type="submit" class="danger">Remove this \(spec.kind.label)</button></form>
                """ as HTML : .empty)
            """
        return Layout.page(title, user: user, csrf: csrf, current: "/initiatives", status: status, body)
    }
}
