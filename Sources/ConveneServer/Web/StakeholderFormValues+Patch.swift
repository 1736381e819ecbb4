import ConveneCore
import Foundation

/// A submitted stakeholder form read into the same `StakeholderPatch` the JSON API makes,
/// with the errors the form itself can see (a malformed date, an unknown choice) and, for
/// each repeated list, which form row each patch entry came from.
struct StakeholderFormDraft: Sendable {
    var patch = StakeholderPatch()
    var errors: [FieldError] = []
    /// For `emails`, `phones`, `links` and `addresses`: the form row of each entry in the patch.
    var rows: [String: [Int]] = [:]
    /// Organizations the typed affiliation could mean, when it matched several.
    var affiliationChoices: [Stakeholder] = []

    /// Names a domain error by the form field it belongs to (`emails[0].value` in the patch may
    /// be the form's `emails[2].value` when rows were left blank).
    func formField(_ field: String) -> String {
        if field == "affiliationId" { return "affiliation" }
        for list in ["emails", "phones", "links", "addresses"] where field.hasPrefix(list + "[") {
            let rest = field.dropFirst(list.count + 1)
            guard let close = rest.firstIndex(of: "]"), let k = Int(rest[..<close]), let map = rows[list], k < map.count else { return field }
            return "\(list)[\(map[k])" + rest[close...]
        }
        return field
    }

    func formErrors(_ domain: [FieldError]) -> [FieldError] {
        domain.map { FieldError(formField($0.field), $0.message) }
    }
}

extension StakeholderFormValues {
    /// Reads the fields the form carried; a field it did not carry stays nil in the patch, so
    /// saving never touches what the form does not show.
    func draft() -> StakeholderFormDraft {
        var d = StakeholderFormDraft()
        var p = StakeholderPatch()
        func has(_ name: String) -> Bool { present.contains(name) }
        func optional(_ value: String) -> String?? { .some(value.trimmedText.isEmpty ? nil : value) }
        func fail(_ field: String, _ message: String) { d.errors.append(FieldError(field, message)) }

        if has("kind") {
            if let k = StakeholderKind(rawValue: kind) { p.kind = k } else { fail("kind", "choose person or organization") }
        }
        if has("displayName") { p.displayName = displayName }
        if has("givenName") { p.givenName = optional(givenName) }
        if has("familyName") { p.familyName = optional(familyName) }
        if has("title") { p.title = optional(title) }
        if has("types") { p.types = types }
        if has("level") { p.level = Self.choice(level, JurisdictionLevel.self, "level", fail) }
        if has("areas") { p.areas = ListText.split(areas) }
        if has("topics") { p.topics = ListText.split(topics) }
        if has("tags") { p.tags = ListText.split(tags) }
        for (list, rows) in [("emails", emails), ("phones", phones), ("links", links)] where hasRows(list) {
            var points: [ContactPoint] = [], map: [Int] = []
            for (row, r) in rows.enumerated() where !r.isBlank {
                if r.value.trimmedText.isEmpty { fail("\(list)[\(row)].value", "fill this in, or clear the label to remove the row"); continue }
                points.append(ContactPoint(r.value, label: r.label.trimmedText.isEmpty ? nil : r.label))
                map.append(row)
            }
            d.rows[list] = map
            switch list {
            case "emails": p.emails = points
            case "phones": p.phones = points
            default: p.links = points
            }
        }
        if hasRows("addresses") {
            var list: [PostalAddress] = [], map: [Int] = []
            for (row, a) in addresses.enumerated() where !a.isBlank {
                let part = { (s: String) -> String? in s.trimmedText.isEmpty ? nil : s }
                list.append(PostalAddress(label: part(a.label), street: part(a.street), locality: part(a.locality),
                                          region: part(a.region), postalCode: part(a.postalCode), country: part(a.country)))
                map.append(row)
            }
            d.rows["addresses"] = map
            p.addresses = list
        }
        if has("language") { p.language = optional(language) }
        if has("consent.status") { p.consent = consent(fail) }
        if has("influence") { p.influence = Self.scale(influence, "influence", fail) }
        if has("interest") { p.interest = Self.scale(interest, "interest", fail) }
        if has("engagementTarget") { p.engagementTarget = Self.choice(engagementTarget, EngagementLevel.self, "engagementTarget", fail) }
        if has("notes") { p.notes = optional(notes) }
        if has("ownerId") { p.ownerId = optional(ownerId) }
        d.patch = p
        return d
    }

    private func consent(_ fail: (String, String) -> Void) -> Consent? {
        var c = Consent()
        guard let status = ConsentStatus(rawValue: consentStatus) else {
            fail("consent.status", "choose one of the listed statuses")
            return nil
        }
        c.status = status
        for channel in consentChannels {
            if let ch = ContactChannel(rawValue: channel) { c.channels.append(ch) } else { fail("consent.channels", "\"\(channel.prefix(40))\" is not a channel") }
        }
        let since = consentSince.trimmedText
        if !since.isEmpty {
            guard let date = CalendarDate(since) else {
                fail("consent.since", "\"\(since.prefix(40))\" is not a date; use YYYY-MM-DD, such as 2025-09-01")
                return nil
            }
            c.since = date
        }
        c.source = consentSource.trimmedText.isEmpty ? nil : consentSource
        return c
    }

    /// Blank clears; 1 to 5; anything else is an error.
    private static func scale(_ text: String, _ field: String, _ fail: (String, String) -> Void) -> Int?? {
        let t = text.trimmedText
        if t.isEmpty { return .some(nil) }
        guard let n = Int(t), (1...5).contains(n) else { fail(field, "must be a whole number from 1 to 5"); return nil }
        return .some(n)
    }

    private static func choice<E: RawRepresentable & CaseIterable>(_ text: String, _ type: E.Type, _ field: String,
                                                                   _ fail: (String, String) -> Void) -> E?? where E.RawValue == String {
        if text.isEmpty { return .some(nil) }
        guard let e = E(rawValue: text) else { fail(field, "choose one of the listed values"); return nil }
        return .some(e)
    }

    /// Turns the typed affiliation into an organization id: a choice from a list wins, an
    /// unchanged name keeps the current one, blank clears, otherwise a lookup.
    func resolveAffiliation(into d: inout StakeholderFormDraft, lookup: StakeholderLookup, selfId: String?) async throws {
        guard present.contains("affiliation") else { return }
        let typed = affiliation.trimmedText
        if Identifier.isPlausible(affiliationChoice) { d.patch.affiliationId = .some(affiliationChoice); return }
        if typed.isEmpty { d.patch.affiliationId = .some(nil); return }
        if !affiliationCurrent.isEmpty, Identifier.isPlausible(affiliationCurrent) {
            if typed == affiliationCurrent { d.patch.affiliationId = .some(affiliationCurrent); return }
            if let current = try await lookup.registry.store.stakeholder(id: affiliationCurrent),
               NameSimilarity.fold(current.displayName) == NameSimilarity.fold(typed) {
                d.patch.affiliationId = .some(current.id)
                return
            }
        }
        switch try await lookup.find(typed, kind: .organization, excluding: selfId) {
        case .found(let org): d.patch.affiliationId = .some(org.id)
        case .none:
            d.errors.append(FieldError("affiliation", "no organization is called \"\(typed.prefix(60))\"; type its exact name or its id, or leave this blank"))
        case .several(let list):
            d.errors.append(FieldError("affiliation", "\"\(typed.prefix(60))\" matches \(list.count) organizations; choose one below"))
            d.affiliationChoices = list
        }
    }

    /// If the form came back with a pick from a list of matches, shows that pick's id in the
    /// affiliation box, so showing the form again does not ask the same question twice.
    mutating func keepAffiliationChoice() {
        if Identifier.isPlausible(affiliationChoice) { affiliation = affiliationChoice }
    }
}
