import ConveneFormats
import Foundation

/// Stakeholders as CSV rows: one column per field Convene keeps, named as the importer reads
/// them, so an export edited in a spreadsheet imports back onto the same records (by `id`).
/// Lists are joined with "; ", contact labels follow the value in brackets, several
/// addresses are " | "-separated position by position, and cells a spreadsheet would run as a
/// formula start with an apostrophe (the importer takes it off again).
public enum StakeholderCSV {
    public static let columns: [ImportField] = [
        .id, .kind, .displayName, .givenName, .familyName, .title, .organization, .types, .level, .areas, .email, .phone, .link,
        .addressLabel, .street, .locality, .region, .postalCode, .country, .language, .consentStatus, .consentChannels, .consentSince, .consentSource,
        .influence, .interest, .engagementTarget, .topics, .tags, .notes,
    ]

    public static var header: [String] { columns.map(\.rawValue) }

    static func labelled(_ points: [ContactPoint]) -> String {
        points.map { p in p.label.map { "\(p.value) (\($0))" } ?? p.value }.joined(separator: "; ")
    }

    public static func row(_ s: Stakeholder, organization: String?) -> [String] {
        func addresses(_ part: (PostalAddress) -> String?) -> String {
            s.addresses.isEmpty ? "" : s.addresses.map { part($0) ?? "" }.joined(separator: " | ")
        }
        return columns.map { field -> String in
            switch field {
            case .ignore: ""
            case .id: s.id
            case .kind: s.kind.rawValue
            case .displayName: s.displayName
            case .givenName: s.givenName ?? ""
            case .familyName: s.familyName ?? ""
            case .title: s.title ?? ""
            case .organization: organization ?? ""
            case .types: s.types.joined(separator: "; ")
            case .level: s.level?.rawValue ?? ""
            case .areas: s.areas.joined(separator: "; ")
            case .email: labelled(s.emails)
            case .phone: labelled(s.phones)
            case .link: labelled(s.links)
            case .addressLabel: addresses(\.label)
            case .street: addresses(\.street)
            case .locality: addresses(\.locality)
            case .region: addresses(\.region)
            case .postalCode: addresses(\.postalCode)
            case .country: addresses(\.country)
            case .language: s.language ?? ""
            case .consentStatus: s.consent.status == .unknown ? "" : s.consent.status.rawValue
            case .consentChannels: s.consent.channels.map(\.rawValue).joined(separator: "; ")
            case .consentSince: s.consent.since?.description ?? ""
            case .consentSource: s.consent.source ?? ""
            case .influence: s.influence.map(String.init) ?? ""
            case .interest: s.interest.map(String.init) ?? ""
            case .engagementTarget: s.engagementTarget?.rawValue ?? ""
            case .topics: s.topics.joined(separator: "; ")
            case .tags: s.tags.joined(separator: "; ")
            case .notes: s.notes ?? ""
            }
        }.map(CSV.spreadsheetSafe)
    }
}

/// Exports of stakeholder lists: every page of a search, as CSV or vCard text, a page at a time.
public struct StakeholderExporter: Sendable {
    public enum Format: String, Sendable, CaseIterable { case csv, vcard }
    public let registry: Registry

    public init(registry: Registry) { self.registry = registry }

    /// Calls `write` with the file's text a page at a time (header or nothing first).
    public func export(_ query: StakeholderQuery, format: Format, write: (String) async throws -> Void) async throws -> Int {
        var q = query
        q.limit = 500
        q.offset = 0
        if format == .csv { try await write(CSV.write([StakeholderCSV.header])) }
        var count = 0
        while true {
            let page = try await registry.search(q)
            if page.items.isEmpty { break }
            let orgIds = Array(Set(page.items.compactMap(\.affiliationId)))
            var orgs: [String: String] = [:]
            for o in try await registry.store.stakeholders(ids: orgIds) { orgs[o.id] = o.displayName }
            switch format {
            case .csv:
                try await write(CSV.write(page.items.map { StakeholderCSV.row($0, organization: $0.affiliationId.flatMap { orgs[$0] }) }))
            case .vcard:
                try await write(VCardWriter.write(page.items.map { StakeholderVCard.card($0, organization: $0.affiliationId.flatMap { orgs[$0] }) }))
            }
            count += page.items.count
            q.offset += page.items.count
            if page.items.count < q.limit { break }
        }
        return count
    }
}
