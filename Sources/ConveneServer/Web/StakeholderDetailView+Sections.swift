import ConveneCore
import Foundation

/// What the "add a relationship" form holds when it comes back with errors.
struct RelationshipFormState: Sendable {
    var type = ""
    var other = ""
    var startsOn = ""
    var endsOn = ""
    var notes = ""
    var errors: [FieldError] = []
    /// Stakeholders the typed name could mean, when it matched several.
    var choices: [Stakeholder] = []
}

/// How a relationship reads from either end ("parent of" from the parent, "child of" from the child).
enum RelationshipPhrase {
    static func forward(_ type: RelationshipType) -> String {
        switch type {
        case .partner, .ally, .opponent: "\(type.label) of"
        case .other: "related to"
        default: type.label
        }
    }

    /// From the other end; nil when the relationship reads the same both ways.
    static func reverse(_ type: RelationshipType) -> String? {
        switch type {
        case .memberOf: "has as member"
        case .worksAt: "employs"
        case .parentOf: "child of"
        case .represents: "represented by"
        case .reportsTo: "manages"
        case .advises: "advised by"
        case .fundedBy: "funder of"
        case .partner, .ally, .opponent, .other: nil
        }
    }

    /// The choices of the add form: each type, and its reverse where it has one (`parent-of:reverse`).
    static var options: [(value: String, label: String)] {
        RelationshipType.allCases.flatMap { t -> [(value: String, label: String)] in
            [(t.rawValue, forward(t))] + (reverse(t).map { [("\(t.rawValue):reverse", $0)] } ?? [])
        }
    }
}

extension StakeholderDetailView {
    var relationshipSection: HTML {
        let rows: [HTML] = relationships.map { r in
            let outgoing = r.fromId == s.id
            let otherId = outgoing ? r.toId : r.fromId
            let phrase = outgoing ? RelationshipPhrase.forward(r.type) : (RelationshipPhrase.reverse(r.type) ?? RelationshipPhrase.forward(r.type))
            let other: HTML = others[otherId].map { "<a href=\"/stakeholders/\($0.id)\">\($0.displayName)</a>" } ?? "<span class=\"muted\">unknown (\(otherId))</span>"
            let dates = [r.startsOn.map { "from \($0)" }, r.endsOn.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
            let remove: HTML = isStaff ? """
                <td><form method="post" action="/relationships/\(r.id)/delete" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="stakeholderId" value="\(s.id)"><button type="submit" class="link">Remove<span class="skip"> \(phrase) \(others[otherId]?.displayName ?? otherId)</span></button></form></td>
                """ : .empty
            return "<tr><td>\(phrase)</td><td>\(other)</td><td>\(dates.isEmpty ? "—" : dates)</td><td>\(r.notes ?? "")</td>\(remove)</tr>"
        }
        let table: HTML = relationships.isEmpty ? "<p>No relationships yet.</p>" : """
            <table class="responsive"><thead><tr><th scope="col">\(s.displayName) is</th><th scope="col">Stakeholder</th><th scope="col">Dates</th><th scope="col">Notes</th>\(isStaff ? "<th scope=\"col\">Change</th>" as HTML : .empty)</tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return """
            <h2 id="relationships">Relationships</h2>
            \(table)
            \(isStaff ? relationshipForm(relationshipForm) : .empty)
            """
    }

    func relationshipForm(_ f: RelationshipFormState) -> HTML {
        let e = f.errors
        return """
            <h3 id="add-relationship">Add a relationship</h3>
            \(Layout.errorSummary(e, level: 4, anchor: { "f-\($0)" }, label: { ["type": "Relationship", "other": "Other stakeholder", "startsOn": "From", "endsOn": "Until", "notes": "Notes"][$0] ?? $0 }))
            <form method="post" action="/stakeholders/\(s.id)/relationships#add-relationship" novalidate>
            \(Layout.csrfField(csrf))
            \(Layout.select("type", "\(s.displayName) is", options: RelationshipPhrase.options, selected: f.type, errors: e))
            \(Layout.field("other", "Other stakeholder", value: f.other, errors: e, hint: "Their name or id. If several match, you can choose."))
            \(StakeholderLookup.choices("otherChoice", f.choices))
            \(Layout.field("startsOn", "From (optional)", value: f.startsOn, errors: e, type: "date", hint: "YYYY-MM-DD"))
            \(Layout.field("endsOn", "Until (optional)", value: f.endsOn, errors: e, type: "date", hint: "YYYY-MM-DD"))
            \(Layout.field("notes", "Notes (optional)", value: f.notes, errors: e))
            <button type="submit">Add relationship</button>
            </form>
            """
    }

    var groupSection: HTML {
        let items: [HTML] = groups.map { "<li><a href=\"/groups/\($0.id)\">\($0.name)</a></li>" }
        var add: HTML = .empty
        if isStaff {
            add = addableGroups.isEmpty
                ? "<p class=\"muted\">There is no other static group to add to. <a href=\"/groups\">Create one on the Groups page.</a></p>"
                : """
                <h3>Add to a group</h3>
                <form method="post" action="/stakeholders/\(s.id)/groups">
                \(Layout.csrfField(csrf))
                \(Layout.select("groupId", "Static group", options: addableGroups.map { ($0.id, $0.name) }, selected: "", errors: []))
                <button type="submit">Add to group</button>
                </form>
                """
        }
        return """
            <h2 id="groups">Groups</h2>
            \(groups.isEmpty ? "<p>Not in any static group.</p>" as HTML : "<ul>\(items)</ul>")
            \(add)
            """
    }

    var historySection: HTML {
        let rows: [HTML] = history.map { e in
            let fields = Self.changedFields(e)
            return "<tr><td>\(Layout.when(e.at))</td><td>\(e.actorLabel)</td><td>\(e.action)</td><td>\(fields.isEmpty ? "—" : fields.joined(separator: ", "))</td></tr>"
        }
        return """
            <h2 id="history">History</h2>
            \(history.isEmpty ? "<p>No recorded changes.</p>" as HTML : """
            <table class="responsive"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Fields changed</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
            \(history.count >= 50 ? "<p class=\"muted\">Showing the latest 50 changes.</p>" as HTML : .empty)
            """
    }

    /// The top-level fields that differ between an entry's before and after (not their values).
    static func changedFields(_ e: AuditEntry) -> [String] {
        guard case .object(let before)? = e.before, case .object(let after)? = e.after else { return [] }
        return Set(before.keys).union(after.keys).filter { $0 != "updatedAt" && before[$0] != after[$0] }
            .sorted().map(StakeholderFormView.label)
    }

    var eraseSection: HTML {
        let invalid = eraseError != nil
        return """
            <h2 id="erase">Erase permanently</h2>
            <p>Erasing removes \(s.displayName) and their relationships and group memberships for good, as a person may ask under data protection law.
            The audit log keeps only that an erasure happened. To hide a record but keep it, archive it instead.</p>
            <form method="post" action="/stakeholders/\(s.id)/erase#erase">
            \(Layout.csrfField(csrf))
            <div class="field\(invalid ? " has-error" : "")">
            <label for="f-confirm"><input type="checkbox" id="f-confirm" name="confirm" value="yes"\(invalid ? HTML(raw: " aria-invalid=\"true\" aria-describedby=\"confirm-error\"") : .empty)> I understand that this cannot be undone</label>
            \(eraseError.map { "<p class=\"error\" id=\"confirm-error\">\($0)</p>" as HTML } ?? .empty)
            </div>
            <button type="submit" class="danger">Erase permanently</button>
            </form>
            """
    }
}
