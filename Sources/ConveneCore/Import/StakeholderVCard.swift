import ConveneFormats
import Foundation

/// Stakeholders as vCards and back. A vCard carries the contact fields (names, organization,
/// title, emails, phones, addresses, links, note, categories as tags, language); the rest of a
/// stakeholder travels in `X-CONVENE-…` properties, so Convene → vCard → Convene loses nothing,
/// and other programs simply ignore them.
public enum StakeholderVCard {
    /// TYPE values that say how, not what for: not labels.
    static let notLabels: Set<String> = ["pref", "internet", "voice", "x400", "uri", "msg", "intl", "dom", "postal", "parcel"]

    static func label(_ types: [String]) -> String? {
        types.map { $0.lowercased() }.first { !notLabels.contains($0) && !$0.isEmpty }
    }

    static func tidy(_ s: String?) -> String? { StakeholderValidation.tidy(s) }

    /// An incoming card as an import candidate.
    public static func candidate(_ card: VCard) -> ImportCandidate {
        var s = Stakeholder(kind: .person)
        let fn = tidy(card.formattedName)
        let given = tidy(card.name?.given), family = tidy(card.name?.family)
        let org = card.organization.compactMap(tidy).first
        if card.kind == "org" || card.kind == "organization" || (given == nil && family == nil && org != nil && (fn == nil || fn == org)) {
            s.kind = .organization
            s.displayName = fn ?? org ?? ""
        } else {
            s.displayName = fn ?? ""
            s.givenName = given
            s.familyName = family
        }
        s.title = tidy(card.title) ?? tidy(card.role)
        s.emails = card.emails.compactMap { e in tidy(e.value).map { ContactPoint($0, label: label(e.types)) } }
        s.phones = card.phones.compactMap { p in tidy(p.value).map { ContactPoint($0, label: label(p.types)) } }
        s.links = card.urls.compactMap { u in tidy(u.value).map { ContactPoint($0, label: label(u.types)) } }
            .filter { StakeholderValidation.isWebLink($0.value) }
        s.addresses = card.addresses.map { a in
            PostalAddress(label: label(a.types), street: tidy([a.poBox.isEmpty ? nil : "PO Box \(a.poBox)", tidy(a.extended), tidy(a.street)].compactMap { $0 }.joined(separator: ", ")),
                          locality: tidy(a.locality), region: tidy(a.region), postalCode: tidy(a.postalCode), country: tidy(a.country))
        }.filter { $0 != PostalAddress(label: $0.label) }
        s.notes = tidy(card.note)
        s.tags = card.categories.compactMap(tidy)
        s.language = tidy(card.language)
        for p in card.properties where p.name.uppercased().hasPrefix("X-CONVENE-") {
            let v = p.text
            switch p.name.uppercased() {
            case "X-CONVENE-TYPES": s.types = ImportMapping.split(v, commas: true)
            case "X-CONVENE-AREAS": s.areas = ImportMapping.split(v, commas: false)
            case "X-CONVENE-TOPICS": s.topics = ImportMapping.split(v, commas: false)
            case "X-CONVENE-LEVEL": s.level = JurisdictionLevel(rawValue: v)
            case "X-CONVENE-INFLUENCE": s.influence = Int(v)
            case "X-CONVENE-INTEREST": s.interest = Int(v)
            case "X-CONVENE-TARGET": s.engagementTarget = EngagementLevel(rawValue: v)
            case "X-CONVENE-CONSENT":
                let parts = v.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                s.consent.status = ConsentStatus(rawValue: parts.first ?? "") ?? .unknown
                if parts.count > 1 { s.consent.channels = parts[1].split(separator: ",").compactMap { ContactChannel(rawValue: String($0)) } }
                if parts.count > 2 { s.consent.since = CalendarDate(parts[2]) }
                if parts.count > 3 { s.consent.source = tidy(parts[3...].joined(separator: ";")) }
            default: break
            }
        }
        return ImportCandidate(line: card.line, draft: s, organizationName: s.kind == .person ? org : nil)
    }

    /// A stakeholder as a vCard 4.0 card; `organization` is the name of its affiliation.
    public static func card(_ s: Stakeholder, organization: String?) -> VCard {
        var c = VCard(version: "4.0")
        c.uid = "urn:convene:\(s.id)"
        c.formattedName = s.displayName
        if s.kind == .organization {
            c.kind = "org"
            c.organization = [s.displayName]
        } else {
            c.kind = "individual"
            c.name = VCardName(family: s.familyName ?? "", given: s.givenName ?? "")
            if let organization { c.organization = [organization] }
        }
        c.title = s.title
        c.emails = s.emails.map { VCardValue($0.value, types: $0.label.map { [$0] } ?? []) }
        c.phones = s.phones.map { VCardValue($0.value, types: $0.label.map { [$0] } ?? []) }
        c.urls = s.links.map { VCardValue($0.value, types: $0.label.map { [$0] } ?? []) }
        c.addresses = s.addresses.map {
            VCardAddress(street: $0.street ?? "", locality: $0.locality ?? "", region: $0.region ?? "", postalCode: $0.postalCode ?? "",
                         country: $0.country ?? "", types: $0.label.map { [$0] } ?? [])
        }
        c.note = s.notes
        c.categories = s.tags
        c.language = s.language
        func x(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            c.properties.append(VCardProperty(name: name, value: value))
        }
        x("X-CONVENE-TYPES", s.types.joined(separator: ","))
        x("X-CONVENE-AREAS", s.areas.joined(separator: ";"))
        x("X-CONVENE-TOPICS", s.topics.joined(separator: ";"))
        x("X-CONVENE-LEVEL", s.level?.rawValue)
        x("X-CONVENE-INFLUENCE", s.influence.map(String.init))
        x("X-CONVENE-INTEREST", s.interest.map(String.init))
        x("X-CONVENE-TARGET", s.engagementTarget?.rawValue)
        if s.consent != Consent() {
            x("X-CONVENE-CONSENT", [s.consent.status.rawValue, s.consent.channels.map(\.rawValue).joined(separator: ","),
                                    s.consent.since?.description ?? "", s.consent.source ?? ""].joined(separator: ";"))
        }
        return c
    }
}

/// Stakeholders from a vCard file, a chunk at a time.
public final class VCardImportSource: ImportSource {
    private let read: () throws -> [UInt8]?
    private var parser = VCardParser()
    private var finished = false

    public init(chunks: @escaping () throws -> [UInt8]?) throws {
        self.read = chunks
    }

    public func next() throws -> [ImportCandidate]? {
        var cards: [VCard] = []
        do {
            while cards.count < 200 && !finished {
                if let chunk = try read() { cards += try parser.feed(chunk) } else { cards += try parser.finish(); finished = true }
            }
        } catch let error as VCardError {
            throw ConveneError.invalid("file", "line \(error.line): \(error.message)")
        }
        if cards.isEmpty && finished { return nil }
        return cards.map(StakeholderVCard.candidate)
    }
}
