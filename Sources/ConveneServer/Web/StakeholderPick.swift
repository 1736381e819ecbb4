import ConveneCore
import Foundation

/// A list of stakeholders on a form (a follow-up's, an interaction's participants): those
/// chosen so far as ticked boxes, and a field to add one more by name or id, or several by
/// ids separated by commas. Several matches are offered to choose from, as in the
/// relationship form.
struct StakeholderPick: Sendable {
    /// The list's form name, as the domain names it (`stakeholderIds`), so its errors land here.
    var name: String
    var ids: [String] = []
    var names: [String: String] = [:]
    /// As typed into the add field.
    var typed = ""
    var choices: [Stakeholder] = []
    var errors: [FieldError] = []

    var addName: String { name + "Add" }
    var choiceName: String { name + "Choice" }

    init(name: String, stakeholders: [Stakeholder]) {
        self.name = name
        ids = stakeholders.map(\.id)
        for s in stakeholders { names[s.id] = s.displayName }
    }

    init(name: String, form: FormData) {
        self.name = name
        ids = form.all(name).map(\.trimmedText).filter { !$0.isEmpty }.uniqued()
        typed = form.first(name + "Add") ?? ""
        if let choice = form.first(name + "Choice"), Identifier.isPlausible(choice) {
            ids.append(choice)
            typed = ""
        }
    }

    /// Adds what was typed, and learns the names of everyone listed.
    mutating func resolve(lookup: StakeholderLookup, store: any ConveneStore) async throws {
        let text = typed.trimmedText
        if !text.isEmpty {
            let parts = text.split(separator: ",").map { String($0).trimmedText }.filter { !$0.isEmpty }
            let asIds = parts.count > 1 && parts.allSatisfy(Identifier.isPlausible)
            let found = asIds ? try await store.stakeholders(ids: parts) : []
            if asIds && found.count == Set(parts).count {
                ids += found.map(\.id)
                typed = ""
            } else {
                switch try await lookup.find(text) {
                case .found(let s): ids.append(s.id); typed = ""
                case .none: errors.append(FieldError(addName, "no stakeholder matches \"\(text.prefix(60))\""))
                case .several(let list):
                    errors.append(FieldError(addName, "\"\(text.prefix(60))\" matches \(list.count) stakeholders; choose one below"))
                    choices = list
                }
            }
        }
        ids = ids.uniqued()
        for s in try await store.stakeholders(ids: ids.filter(Identifier.isPlausible)) { names[s.id] = s.displayName }
    }

    /// The ticked list and the add field. `errors` are the form's, so the domain's
    /// `stakeholderIds[2]` shows here.
    func render(legend: String, addLabel: String, errors formErrors: [FieldError]) -> HTML {
        let all = formErrors + errors.filter { !formErrors.contains($0) }
        let options = ids.map { (value: $0, label: names[$0] ?? "Unknown stakeholder (\($0))") }
        let list: HTML = options.isEmpty
            ? "<fieldset id=\"f-\(name)\" class=\"checks\"><legend>\(legend)</legend><p class=\"muted\">None yet.</p>\(Layout.fieldErrors(name, Layout.errors(for: name, in: all)))</fieldset>"
            : Layout.checkboxes(name, legend: legend, options: options, checked: Set(ids), errors: all, hint: "Untick to remove.")
        return list
            + Layout.field(addName, addLabel, value: typed, errors: all, hint: "A name, an id, or several ids separated by commas.")
            + StakeholderLookup.choices(choiceName, choices)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
