import ConveneCore
import Foundation

/// Form controls beyond `Layout.field`: selects, text areas, checkbox and radio groups, the
/// error summary and notices. Every control has a label, and a control with errors says so
/// with `aria-invalid` and points at its message with `aria-describedby`.
extension Layout {
    /// The errors that belong to the control `name` (its own, or those of its parts).
    static func errors(for name: String, in errors: [FieldError]) -> [FieldError] {
        errors.filter { $0.field == name || $0.field.hasPrefix(name + "[") || $0.field.hasPrefix(name + ".") }
    }

    /// ` aria-describedby="…"` (and ` aria-invalid="true"`) for a control, or nothing.
    static func describedBy(_ name: String, hint: Bool, invalid: Bool) -> HTML {
        let ids = [hint ? "\(name)-hint" : nil, invalid ? "\(name)-error" : nil].compactMap { $0 }.joined(separator: " ")
        var out: HTML = ids.isEmpty ? .empty : " aria-describedby=\"\(ids)\""
        if invalid { out = out + " aria-invalid=\"true\"" }
        return out
    }

    static func hint(_ name: String, _ text: String?) -> HTML {
        text.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" as HTML } ?? .empty
    }

    static func select(_ name: String, _ label: String, options: [(value: String, label: String)], selected: String,
                       errors: [FieldError], hint: String? = nil) -> HTML {
        let own = Self.errors(for: name, in: errors)
        var choices = options
        // A submitted value that is not a choice stays visible, so the person sees what was wrong.
        if !selected.isEmpty, !options.contains(where: { $0.value == selected }) { choices.append((selected, "\(selected) (not allowed)")) }
        let items: [HTML] = choices.map { o in
            "<option value=\"\(o.value)\"\(o.value == selected ? " selected" : "")>\(o.label)</option>"
        }
        return """
            <div class="field\(own.isEmpty ? "" : " has-error")">
            <label for="f-\(name)">\(label)</label>
            \(Self.hint(name, hint))
            <select id="f-\(name)" name="\(name)"\(describedBy(name, hint: hint != nil, invalid: !own.isEmpty))>\(items)</select>
            \(fieldErrors(name, own))
            </div>
            """
    }

    static func textarea(_ name: String, _ label: String, value: String, errors: [FieldError], hint: String? = nil) -> HTML {
        let own = Self.errors(for: name, in: errors)
        return """
            <div class="field\(own.isEmpty ? "" : " has-error")">
            <label for="f-\(name)">\(label)</label>
            \(Self.hint(name, hint))
            <textarea id="f-\(name)" name="\(name)" rows="5"\(describedBy(name, hint: hint != nil, invalid: !own.isEmpty))>\(value)</textarea>
            \(fieldErrors(name, own))
            </div>
            """
    }

    /// A fieldset of checkboxes. A hidden empty value goes first, so the server can tell
    /// "all unchecked" from "this group was not on the form".
    static func checkboxes(_ name: String, legend: String, options: [(value: String, label: String)], checked: Set<String>,
                           errors: [FieldError], hint: String? = nil) -> HTML {
        choiceGroup(name, legend: legend, type: "checkbox", options: options, isOn: { checked.contains($0) }, errors: errors, hint: hint)
    }

    static func radios(_ name: String, legend: String, options: [(value: String, label: String)], selected: String,
                       errors: [FieldError], hint: String? = nil) -> HTML {
        choiceGroup(name, legend: legend, type: "radio", options: options, isOn: { $0 == selected }, errors: errors, hint: hint)
    }

    private static func choiceGroup(_ name: String, legend: String, type: String, options: [(value: String, label: String)],
                                    isOn: (String) -> Bool, errors: [FieldError], hint: String?) -> HTML {
        let own = Self.errors(for: name, in: errors)
        let items: [HTML] = options.enumerated().map { i, o in
            """
            <label for="f-\(name)-\(i)"><input type="\(type)" id="f-\(name)-\(i)" name="\(name)" value="\(o.value)"\(isOn(o.value) ? " checked" : "")\(own.isEmpty ? HTML.empty : HTML(raw: " aria-invalid=\"true\""))> \(o.label)</label>
            """
        }
        let marker: HTML = type == "checkbox" ? "<input type=\"hidden\" name=\"\(name)\" value=\"\">" : .empty
        let ids = [hint != nil ? "\(name)-hint" : nil, own.isEmpty ? nil : "\(name)-error"].compactMap { $0 }.joined(separator: " ")
        let described: HTML = ids.isEmpty ? .empty : " aria-describedby=\"\(ids)\""
        return """
            <fieldset id="f-\(name)" class="checks\(own.isEmpty ? "" : " has-error")"\(described)>
            <legend>\(legend)</legend>
            \(Self.hint(name, hint))
            \(marker)\(items)
            \(fieldErrors(name, own))
            </fieldset>
            """
    }

    /// The list of problems at the top of a form, each linking to its field.
    static func errorSummary(_ errors: [FieldError], level: Int = 2, anchor: (String) -> String, label: (String) -> String) -> HTML {
        guard !errors.isEmpty else { return .empty }
        let items: [HTML] = errors.map { "<li><a href=\"#\(anchor($0.field))\">\(label($0.field)): \($0.message)</a></li>" }
        return """
            <div class="alert" role="alert" id="error-summary">
            <h\(level)>\(errors.count == 1 ? "There is a problem" : "There are \(errors.count) problems")</h\(level)>
            <ul>\(items)</ul>
            </div>
            """
    }

    /// A fixed message chosen by a `notice` query parameter; unknown keys show nothing, so no
    /// text from a URL ever reaches the page.
    static func notice(_ key: String?, _ messages: [String: String]) -> HTML {
        guard let key, let text = messages[key] else { return .empty }
        return "<p class=\"notice\" role=\"status\">\(text)</p>"
    }

    /// A message box for a problem that belongs to no single field.
    static func alert(_ message: String?) -> HTML {
        message.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty
    }

    /// A date and time for people (`2025-03-01 14:05 UTC`), machine-readable in `datetime`.
    static func when(_ date: Date) -> HTML {
        let iso = Timestamp.format(date)
        let shown = iso.replacingOccurrences(of: "T", with: " ").prefix(16) + " UTC"
        return "<time datetime=\"\(iso)\">\(String(shown))</time>"
    }

    /// Text with line breaks kept: each line escaped, joined by `<br>`.
    static func multiline(_ text: String) -> HTML {
        HTML(raw: text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { HTML.escape(String($0)) }.joined(separator: "<br>"))
    }

    /// A query-string value, percent-encoded.
    static func queryValue(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
