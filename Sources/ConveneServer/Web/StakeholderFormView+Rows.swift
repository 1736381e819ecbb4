import ConveneCore
import Foundation

/// The stakeholder form's repeated rows (emails, phones, links, addresses), and how its
/// errors are named and linked in the summary.
extension StakeholderFormView {
    /// Every row the record has, plus a blank one to add another.
    func contactRows(_ list: String, legend: String, noun: String, type: String, rows: [StakeholderFormValues.ContactRow]) -> HTML {
        var all = rows
        if all.last.map({ !$0.isBlank }) ?? true { all.append(.init()) }
        let own = errors.filter { $0.field == list }
        let items: [HTML] = all.enumerated().map { i, row in
            let isNew = i == all.count - 1 && row.isBlank
            return """
                <fieldset>
                <legend>\(isNew ? "Add \(noun.lowercased())" : "\(noun) \(i + 1)")</legend>
                \(Layout.field("\(list)[\(i)].value", noun, value: row.value, errors: errors, type: type))
                \(Layout.field("\(list)[\(i)].label", "Label", value: row.label, errors: errors, hint: i == 0 ? "Optional: work, home, mobile…" : nil))
                </fieldset>
                """
        }
        return """
            <fieldset id="f-\(list)"\(own.isEmpty ? .empty : " aria-describedby=\"\(list)-error\"" as HTML)>
            <legend>\(legend)</legend>
            \(Layout.fieldErrors(list, own))
            \(items)
            <p class="hint">Clear a row to remove it. To add more than one, save and edit again.</p>
            </fieldset>
            """
    }

    var addressRows: HTML {
        var all = values.addresses
        if all.last.map({ !$0.isBlank }) ?? true { all.append(.init()) }
        let own = errors.filter { $0.field == "addresses" }
        let labels = ["Street", "City or town", "State or region", "Postal code", "Country", "Label"]
        let items: [HTML] = all.enumerated().map { i, row in
            let isNew = i == all.count - 1 && row.isBlank
            let fields: [HTML] = zip(StakeholderFormValues.AddressRow.fields, zip(labels, row.parts)).map { name, pair in
                Layout.field("addresses[\(i)].\(name)", pair.0, value: pair.1, errors: errors)
            }
            return "<fieldset><legend>\(isNew ? "Add a postal address" : "Address \(i + 1)")</legend>\(fields)</fieldset>"
        }
        return """
            <fieldset id="f-addresses"\(own.isEmpty ? .empty : " aria-describedby=\"addresses-error\"" as HTML)>
            <legend>Postal addresses</legend>
            \(Layout.fieldErrors("addresses", own))
            \(items)
            </fieldset>
            """
    }

    /// The id of the control an error belongs to, for the summary's links.
    static func anchor(_ field: String) -> String {
        for group in ["types", "areas", "topics", "tags", "consent.channels"] where field == group || field.hasPrefix(group + "[") {
            return "f-\(group)"
        }
        if field == "kind" { return "f-kind" }
        return "f-\(field)"
    }

    /// The fields in the order the form shows them, so the summary reads top to bottom.
    static let fieldOrder = [
        "kind", "displayName", "givenName", "familyName", "title", "affiliation", "types", "level", "areas", "topics", "tags",
        "emails", "phones", "links", "addresses", "language", "consent.status", "consent.channels", "consent.since", "consent.source",
        "influence", "interest", "engagementTarget", "ownerId", "notes",
    ]

    /// Errors sorted by where their field is on the form (rows by row number).
    static func ordered(_ errors: [FieldError]) -> [FieldError] {
        func position(_ field: String) -> (Int, Int) {
            let base = field.prefix { $0 != "[" }
            let index = fieldOrder.firstIndex(of: String(base)) ?? fieldOrder.firstIndex { field.hasPrefix($0) } ?? fieldOrder.count
            let row = field.dropFirst(base.count + 1).prefix { $0.isNumber }
            return (index, Int(row) ?? -1)
        }
        return errors.enumerated().sorted { a, b in
            let (pa, pb) = (position(a.element.field), position(b.element.field))
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
    }

    /// A person's name for a field in the error summary.
    static func label(_ field: String) -> String {
        let names: [String: String] = [
            "kind": "Kind", "displayName": "Display name", "givenName": "Given name", "familyName": "Family name",
            "title": "Title or role", "affiliation": "Affiliation", "types": "Stakeholder types", "level": "Jurisdiction level",
            "areas": "Schools and areas", "topics": "Topics", "tags": "Tags", "emails": "Email addresses", "phones": "Phone numbers",
            "links": "Links", "addresses": "Postal addresses", "language": "Preferred language", "consent.status": "Consent",
            "consent.channels": "Consent channels", "consent.since": "Consent date", "consent.source": "Consent source",
            "influence": "Influence", "interest": "Interest", "engagementTarget": "Target level of engagement",
            "ownerId": "Relationship owner", "notes": "Notes", "isArchived": "Archived",
        ]
        if let name = names[field] { return name }
        let nouns = ["emails": "Email", "phones": "Phone", "links": "Link", "addresses": "Address"]
        for (list, noun) in nouns where field.hasPrefix(list + "[") {
            let rest = field.dropFirst(list.count + 1)
            guard let close = rest.firstIndex(of: "]"), let row = Int(rest[..<close]) else { break }
            let part = rest[close...].dropFirst(2)
            return list == "addresses" && !part.isEmpty ? "\(noun) \(row + 1), \(part)" : "\(noun) \(row + 1)"
        }
        for (group, name) in names where field.hasPrefix(group + "[") { return name }
        return field
    }
}
