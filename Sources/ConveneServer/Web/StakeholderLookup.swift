import ConveneCore
import Foundation

/// Finds the stakeholder a person means when they type an id or a name into a form (an
/// affiliation, the other side of a relationship).
struct StakeholderLookup: Sendable {
    enum Outcome: Sendable {
        case found(Stakeholder)
        case none
        /// More than one could be meant: the form lists them to choose from.
        case several([Stakeholder])
    }

    let registry: Registry

    /// An id that exists wins; otherwise a search, where one exact name (ignoring case and
    /// accents) or a single hit is used.
    func find(_ text: String, kind: StakeholderKind? = nil, excluding excludedId: String? = nil) async throws -> Outcome {
        let typed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if typed.isEmpty { return .none }
        if Identifier.isPlausible(typed), let s = try await registry.store.stakeholder(id: typed), s.id != excludedId {
            return kind == nil || s.kind == kind ? .found(s) : .none
        }
        let words = SearchText.words(in: typed)
        if words.isEmpty { return .none }
        let query = StakeholderQuery(text: SearchText(terms: words.map { .word($0) }), kind: kind, archived: .include, limit: 20)
        let hits = try await registry.search(query).items.filter { $0.id != excludedId }
        let folded = NameSimilarity.fold(typed)
        let exact = hits.filter { NameSimilarity.fold($0.displayName) == folded }
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 { return .several(exact) }
        if hits.count == 1 { return .found(hits[0]) }
        return hits.isEmpty ? .none : .several(hits)
    }

    /// Radio buttons to pick one of several matches; the chosen id is sent as `name`.
    static func choices(_ name: String, _ list: [Stakeholder], orgNames: [String: String] = [:]) -> HTML {
        guard !list.isEmpty else { return .empty }
        let items: [HTML] = list.enumerated().map { i, s in
            let org = s.affiliationId.flatMap { orgNames[$0] }
            let detail = [s.kind.rawValue, s.title, org, s.emails.first?.value, s.isArchived ? "archived" : nil].compactMap { $0 }.joined(separator: ", ")
            return "<label for=\"\(name)-\(i)\"><input type=\"radio\" id=\"\(name)-\(i)\" name=\"\(name)\" value=\"\(s.id)\"> \(s.displayName) <span class=\"muted\">(\(detail))</span></label><br>"
        }
        return """
            <fieldset class="checks"><legend>Which one do you mean?</legend>\(items)</fieldset>
            """
    }
}
