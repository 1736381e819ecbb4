import Foundation

/// What a column of an import file fills in.
public enum ImportField: String, Sendable, Codable, CaseIterable {
    case ignore
    case id
    case kind, displayName, givenName, familyName, title, organization
    case types, level, areas, email, phone, link
    case addressLabel, street, locality, region, postalCode, country
    case language, consentStatus, consentChannels, consentSince, consentSource, influence, interest, engagementTarget
    case topics, tags, notes

    /// Fields that hold several values: a cell is split on `;` and `|` (and `,` for labels).
    var isList: Bool { [.types, .areas, .email, .phone, .link, .topics, .tags, .consentChannels].contains(self) }

    public var label: String {
        switch self {
        case .ignore: "(leave out)"
        case .id: "Convene id (matches the record)"
        case .addressLabel: "Address label"
        case .displayName: "Name (whole)"
        case .givenName: "Given name"
        case .familyName: "Family name"
        case .postalCode: "Postal code"
        case .consentStatus: "Consent status"
        case .consentChannels: "Consent channels"
        case .engagementTarget: "Engagement target (IAP2)"
        case .types: "Stakeholder types"
        case .areas: "Schools or areas"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }
}

/// Which field each column fills, by column position; the header is kept for messages.
public struct ImportMapping: Sendable, Equatable {
    public var header: [String]
    public var fields: [ImportField]

    public init(header: [String], fields: [ImportField]) {
        self.header = header
        self.fields = header.indices.map { $0 < fields.count ? fields[$0] : .ignore }
    }

    /// Guesses each column's field from its header ("First Name", "E-mail Address", "Zip").
    public static func guess(header: [String]) -> ImportMapping {
        var used = Set<ImportField>()
        let fields = header.map { name -> ImportField in
            guard let f = guessField(name) else { return .ignore }
            // Lists may come in several columns (Email 1, Email 2); single fields only once.
            if !f.isList && used.contains(f) { return .ignore }
            used.insert(f)
            return f
        }
        return ImportMapping(header: header, fields: fields)
    }

    static func key(_ text: String) -> String {
        String(text.lowercased().folding(options: .diacriticInsensitive, locale: nil).unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }
            .map(Character.init)).trimmingCharacters(in: .decimalDigits)
    }

    static let synonyms: [(ImportField, [String])] = [
        (.givenName, ["firstname", "givenname", "first", "forename", "prenom", "nombre"]),
        (.familyName, ["lastname", "familyname", "surname", "last", "apellido", "apellidos"]),
        (.displayName, ["name", "fullname", "displayname", "contactname", "contact", "organizationname", "orgname"]),
        (.title, ["title", "jobtitle", "position", "role", "jobrole"]),
        (.organization, ["organization", "organisation", "company", "employer", "affiliation", "org", "agency", "institution"]),
        (.types, ["type", "types", "stakeholdertype", "stakeholdertypes", "category", "group"]),
        (.level, ["level", "jurisdiction", "jurisdictionlevel"]),
        (.areas, ["area", "areas", "school", "schools", "neighborhood", "neighbourhood", "campus", "ward", "district"]),
        (.email, ["email", "emailaddress", "mail", "correo", "emailaddresses", "primaryemail", "workemail", "homeemail"]),
        (.phone, ["phone", "telephone", "tel", "mobile", "cell", "cellphone", "mobilephone", "phonenumber", "homephone", "workphone", "telefono"]),
        (.link, ["website", "web", "url", "link", "homepage"]),
        (.id, ["conveneid"]),
        (.addressLabel, ["addresslabel", "addresstype"]),
        (.street, ["street", "address", "streetaddress", "address1", "addressline", "mailingaddress", "homestreet", "businessstreet"]),
        (.locality, ["city", "town", "locality", "homecity", "businesscity"]),
        (.region, ["state", "region", "province", "county", "homestate", "businessstate"]),
        (.postalCode, ["zip", "zipcode", "postalcode", "postcode", "homepostalcode", "businesspostalcode"]),
        (.country, ["country", "countryregion", "nation"]),
        (.language, ["language", "preferredlanguage", "homelanguage", "lang", "idioma"]),
        (.consentStatus, ["consent", "consentstatus", "optin", "mayContact".lowercased()]),
        (.consentChannels, ["consentchannels", "channels", "contactchannels"]),
        (.consentSince, ["consentsince", "consentdate", "optindate"]),
        (.consentSource, ["consentsource"]),
        (.influence, ["influence", "power"]),
        (.interest, ["interest"]),
        (.engagementTarget, ["engagementtarget", "iap2", "target", "engagementlevel"]),
        (.topics, ["topics", "topic", "issues", "interests"]),
        (.tags, ["tags", "tag", "labels", "keywords"]),
        (.notes, ["notes", "note", "comments", "comment", "description"]),
        (.kind, ["kind", "recordtype", "personororganization"]),
    ]

    static func guessField(_ header: String) -> ImportField? {
        let k = key(header)
        guard !k.isEmpty else { return nil }
        if let exact = ImportField.allCases.first(where: { $0 != .ignore && $0.rawValue.lowercased() == k }) { return exact }
        if k == "emails" { return .email }
        if k == "phones" { return .phone }
        if k == "links" { return .link }
        for (field, words) in synonyms where words.contains(k) { return field }
        // "Email Address 2", "Home Phone (mobile)": the first synonym the header starts with.
        for (field, words) in synonyms {
            if words.contains(where: { $0.count >= 4 && k.hasPrefix($0) }) { return field }
        }
        return nil
    }

    /// Reads `Header=field` pairs separated by commas or newlines, or a JSON object
    /// `{"Header": "field"}`; headers not named keep their guessed field.
    public func overriding(with text: String) throws(ConveneError) -> ImportMapping {
        var pairs: [(String, String)] = []
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            guard let object = JSONValue.parse(Data(trimmed.utf8)), case .object(let members) = object else {
                throw .invalid("mapping", "is not a JSON object of \"Header\": \"field\"")
            }
            for (k, v) in members.sorted(by: { $0.key < $1.key }) {
                guard case .string(let s) = v else { throw .invalid("mapping.\(k)", "must be a field name") }
                pairs.append((k, s))
            }
        } else {
            for part in trimmed.split(whereSeparator: { $0 == "," || $0 == "\n" }) where !part.trimmingCharacters(in: .whitespaces).isEmpty {
                let bits = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard bits.count == 2 else { throw .invalid("mapping", "\"\(part.prefix(60))\" is not Header=field") }
                pairs.append((bits[0], bits[1]))
            }
        }
        var out = self
        for (name, fieldName) in pairs {
            guard let field = ImportField(rawValue: fieldName) else {
                throw .invalid("mapping.\(name)", "\"\(fieldName.prefix(40))\" is not a field (use one of \(ImportField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let i = header.firstIndex(where: { $0 == name }) ?? header.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                throw .invalid("mapping.\(name)", "the file has no column \"\(name.prefix(60))\"")
            }
            out.fields[i] = field
        }
        return out
    }

    /// "First Name → givenName, Email → email, Notes → (leave out)".
    public var summary: String {
        zip(header, fields).map { "\($0) → \($1 == .ignore ? "(leave out)" : $1.rawValue)" }.joined(separator: ", ")
    }
}

extension ImportMapping {
    /// Splits a cell that may hold several values.
    static func split(_ cell: String, commas: Bool) -> [String] {
        cell.split(whereSeparator: { $0 == ";" || $0 == "|" || (commas && $0 == ",") || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// One row of the file as a draft stakeholder. Problems name the column as the file
    /// does ("column Influence: …") so the report reads in the user's own terms.
    public func candidate(_ cells: [String], line: Int) -> ImportCandidate {
        var s = Stakeholder(kind: .person)
        var problems: [String] = []
        var organization: String?
        var parts: [ImportField: [String]] = [:]
        var kindGiven = false
        var existingId: String?
        for (i, field) in fields.enumerated() where field != .ignore && i < cells.count {
            var cell = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            // Undo the apostrophe a spreadsheet-safe export puts before = + - @.
            if cell.hasPrefix("'"), let second = cell.dropFirst().first, "=+-@".contains(second) { cell.removeFirst() }
            guard !cell.isEmpty else { continue }
            let column = "column \(header[i].isEmpty ? "#\(i + 1)" : header[i])"
            switch field {
            case .ignore: break
            case .id: existingId = cell
            case .kind:
                switch cell.lowercased() {
                case "person", "individual", "people": s.kind = .person
                case "organization", "organisation", "org", "company": s.kind = .organization
                default: problems.append("\(column): \"\(cell.prefix(40))\" is not person or organization")
                }
                kindGiven = true
            case .displayName: s.displayName = cell
            case .givenName: s.givenName = cell
            case .familyName: s.familyName = cell
            case .title: s.title = cell
            case .organization: organization = cell
            case .types:
                s.types += Self.split(cell, commas: true).map { t in
                    let k = t.lowercased().replacingOccurrences(of: " ", with: "-")
                    return StakeholderType.builtIn.first { $0 == k || StakeholderType.label($0).lowercased() == t.lowercased() || $0 + "s" == k } ?? k
                }
            case .level:
                if let l = JurisdictionLevel(rawValue: cell.lowercased()) { s.level = l } else { problems.append("\(column): \"\(cell.prefix(40))\" is not one of \(JurisdictionLevel.allCases.map(\.rawValue).joined(separator: ", "))") }
            case .areas: s.areas += Self.split(cell, commas: false)
            case .email: s.emails += Self.split(cell, commas: true).map(Self.labelled)
            case .phone: s.phones += Self.split(cell, commas: false).map(Self.labelled)
            case .link: s.links += Self.split(cell, commas: false).map(Self.labelled)
            case .addressLabel, .street, .locality, .region, .postalCode, .country:
                parts[field] = cell.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
            case .language: s.language = cell
            case .consentStatus:
                let v = cell.lowercased()
                if let c = ConsentStatus(rawValue: v) { s.consent.status = c }
                else if ["yes", "y", "true", "1", "opt-in", "optin"].contains(v) { s.consent.status = .granted }
                else if ["no", "n", "false", "0", "opt-out", "optout"].contains(v) { s.consent.status = .denied }
                else { problems.append("\(column): \"\(cell.prefix(40))\" is not a consent status (granted, withdrawn, denied, unknown, yes, no)") }
            case .consentChannels:
                for c in Self.split(cell, commas: true) {
                    if let ch = ContactChannel(rawValue: c.lowercased()) { s.consent.channels.append(ch) } else { problems.append("\(column): \"\(c.prefix(40))\" is not a contact channel") }
                }
            case .consentSince:
                if let d = CalendarDate(cell) { s.consent.since = d } else { problems.append("\(column): \"\(cell.prefix(40))\" is not a date (YYYY-MM-DD)") }
            case .consentSource: s.consent.source = cell
            case .influence, .interest:
                guard let n = Int(cell), (1...5).contains(n) else { problems.append("\(column): \"\(cell.prefix(40))\" is not a whole number from 1 to 5"); continue }
                if field == .influence { s.influence = n } else { s.interest = n }
            case .engagementTarget:
                if let e = EngagementLevel(rawValue: cell.lowercased()) { s.engagementTarget = e } else { problems.append("\(column): \"\(cell.prefix(40))\" is not an IAP2 level") }
            case .topics: s.topics += Self.split(cell, commas: true)
            case .tags: s.tags += Self.split(cell, commas: true)
            case .notes: s.notes = cell
            }
        }
        // Several addresses come as " | "-separated values, position by position.
        let count = parts.values.map(\.count).max() ?? 0
        for n in 0..<count {
            func at(_ f: ImportField) -> String? { parts[f].flatMap { n < $0.count && !$0[n].isEmpty ? $0[n] : nil } }
            let a = PostalAddress(label: at(.addressLabel), street: at(.street), locality: at(.locality), region: at(.region),
                                  postalCode: at(.postalCode), country: at(.country))
            if a != PostalAddress(label: a.label) { s.addresses.append(a) }
        }
        // A row with only an organization name and no person names is the organization itself.
        if !kindGiven, s.displayName.isEmpty, s.givenName == nil, s.familyName == nil, let org = organization {
            s.kind = .organization
            s.displayName = org
            organization = nil
        }
        if s.consent.status == .granted, s.consent.channels.isEmpty {
            s.consent.channels = (s.emails.isEmpty ? [] : [.email]) + (s.phones.isEmpty ? [] : [.phone])
        }
        if cells.count > header.count { problems.append("has \(cells.count) values but the header has \(header.count) columns") }
        var c = ImportCandidate(line: line, draft: s, organizationName: organization, problems: problems)
        c.existingId = existingId
        return c
    }

    /// "ana@example.org (work)" → the address with its label.
    static func labelled(_ text: String) -> ContactPoint {
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), open > text.startIndex {
            let value = text[..<open].trimmingCharacters(in: .whitespaces)
            let label = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
            if !value.isEmpty, !label.isEmpty, label.count <= 40 { return ContactPoint(value, label: label) }
        }
        return ContactPoint(text)
    }
}
