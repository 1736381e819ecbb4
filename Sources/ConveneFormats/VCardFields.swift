/// Fills a card's typed fields from its properties. Names, titles, organisations, addresses,
/// emails, phones and URLs lose surrounding white space; notes are kept as written. Where a
/// field holds one value and the card gives several (two `TITLE`s, `LANG;PREF=1` and
/// `LANG;PREF=2`), the lowest `PREF` wins, then the first.
enum VCardFields {
    private enum Field {
        case version, email, phone, url, address, label, categories
        /// A field that holds one value; the number is its slot in `Single`.
        case single(Int)
    }

    private enum Single {
        static let count = 11
        static let fn = 0, n = 1, org = 2, title = 3, role = 4, note = 5, bday = 6, lang = 7, uid = 8, kind = 9, appleKind = 10
    }

    /// A switch rather than a dictionary: most names are short, and comparing short strings
    /// costs less than hashing them.
    private static func field(_ name: String) -> Field? {
        switch name.utf8.count {
        case 1: return name == "N" ? .single(Single.n) : nil
        case 2: return name == "FN" ? .single(Single.fn) : nil
        case 3:
            switch name {
            case "TEL": return .phone
            case "URL": return .url
            case "ADR": return .address
            case "ORG": return .single(Single.org)
            case "UID": return .single(Single.uid)
            default: return nil
            }
        case 4:
            switch name {
            case "ROLE": return .single(Single.role)
            case "NOTE": return .single(Single.note)
            case "BDAY": return .single(Single.bday)
            case "LANG": return .single(Single.lang)
            case "KIND": return .single(Single.kind)
            default: return nil
            }
        case 5:
            switch name {
            case "EMAIL": return .email
            case "LABEL": return .label
            case "TITLE": return .single(Single.title)
            default: return nil
            }
        case 7: return name == "VERSION" ? .version : nil
        case 10: return name == "CATEGORIES" ? .categories : nil
        case 24: return name == "X-ADDRESSBOOKSERVER-KIND" ? .single(Single.appleKind) : nil
        default: return nil
        }
    }

    static func card(beginLine: Int, properties: [VCardProperty], warnings: [String]) -> VCard {
        var card = VCard(line: beginLine, properties: properties, warnings: warnings)
        let customTypes = customTypesByGroup(properties)
        var chosen = [VCardProperty?](repeating: nil, count: Single.count)
        var labels: [VCardProperty] = []
        // By index, so that properties no field wants are not copied.
        for index in properties.indices {
            guard let field = field(properties[index].name) else { continue }
            let property = properties[index]
            let customType = customTypes.isEmpty ? nil : property.group.flatMap { customTypes[$0.lowercased()] }
            switch field {
            case .version:
                if card.version == nil { card.version = trimmed(property.text) }
            case .single(let slot):
                if let current = chosen[slot], rank(current) <= rank(property) { continue }
                chosen[slot] = property
            case .email:
                card.emails.append(value(property, dropping: "mailto:", customType: customType))
            case .phone:
                card.phones.append(value(property, dropping: "tel:", customType: customType))
            case .url:
                card.urls.append(value(property, dropping: nil, customType: customType))
            case .address:
                card.addresses.append(address(property, customType: customType))
            case .label:
                labels.append(property)
            case .categories:
                card.categories += property.list.map(trimmed).filter { !$0.isEmpty }
            }
        }
        card.formattedName = chosen[Single.fn].map { trimmed($0.text) }
        card.name = chosen[Single.n].map(name)
        card.organization = chosen[Single.org]?.components.map(trimmed) ?? []
        card.title = chosen[Single.title].map { trimmed($0.text) }
        card.role = chosen[Single.role].map { trimmed($0.text) }
        card.note = chosen[Single.note]?.text
        card.birthday = chosen[Single.bday].map { trimmed($0.text) }
        card.language = chosen[Single.lang].map { trimmed($0.text) }
        card.uid = chosen[Single.uid].map { trimmed($0.text) }
        card.kind = (chosen[Single.kind] ?? chosen[Single.appleKind]).map { trimmed($0.text).lowercased() }
        if !labels.isEmpty { attach(labels, to: &card.addresses) }
        return card
    }

    private static func rank(_ property: VCardProperty) -> Int {
        property.preference(types: nil) ?? 101
    }

    private static func trimmed(_ text: String) -> String {
        VCardText.trimmed(text)
    }

    /// The value without a leading `mailto:` or `tel:` (in any case).
    private static func value(_ property: VCardProperty, dropping scheme: String?, customType: String?) -> VCardValue {
        var text = trimmed(property.text)
        if let scheme, text.utf8.count > scheme.utf8.count,
           zip(text.utf8, scheme.utf8).allSatisfy({ $0 | 0x20 == $1 }) {
            text = trimmed(String(decoding: text.utf8.dropFirst(scheme.utf8.count), as: UTF8.self))
        }
        let types = property.types
        return VCardValue(text, types: types, preference: property.preference(types: types), customType: customType)
    }

    /// The first `count` parts of a structured value, missing ones empty.
    private static func parts(_ property: VCardProperty, _ count: Int) -> [String] {
        var parts = property.components
        for index in parts.indices { parts[index] = trimmed(parts[index]) }
        if parts.count < count { parts += repeatElement("", count: count - parts.count) }
        return parts
    }

    private static func name(_ property: VCardProperty) -> VCardName {
        let parts = parts(property, 5)
        return VCardName(family: parts[0], given: parts[1], additional: parts[2], prefixes: parts[3], suffixes: parts[4])
    }

    private static func address(_ property: VCardProperty, customType: String?) -> VCardAddress {
        let parts = parts(property, 7)
        let label = property.values(named: "LABEL")
        let types = property.types
        return VCardAddress(
            poBox: parts[0], extended: parts[1], street: parts[2], locality: parts[3], region: parts[4],
            postalCode: parts[5], country: parts[6], types: types,
            label: label.isEmpty ? nil : label.joined(separator: ","),
            preference: property.preference(types: types), customType: customType
        )
    }

    /// vCard 2.1 and 3.0 give an address's label as a `LABEL` property of its own; it belongs
    /// to the first unlabelled `ADR` with the same types (`pref` aside). A label that matches
    /// none stays only among the properties.
    private static func attach(_ labels: [VCardProperty], to addresses: inout [VCardAddress]) {
        for label in labels {
            let types = Set(label.types).subtracting(["pref"])
            if let index = addresses.firstIndex(where: { $0.label == nil && Set($0.types).subtracting(["pref"]) == types }) {
                addresses[index].label = label.text
            }
        }
    }

    /// `item1.X-ABLabel:_$!<HomePage>!$_` names the value in group `item1` "HomePage".
    private static func customTypesByGroup(_ properties: [VCardProperty]) -> [String: String] {
        var types: [String: String] = [:]
        for index in properties.indices where properties[index].name == "X-ABLABEL" {
            guard let group = properties[index].group?.lowercased(), types[group] == nil else { continue }
            var text = trimmed(properties[index].text)
            if text.hasPrefix("_$!<"), text.hasSuffix(">!$_"), text.count >= 8 {
                text = String(text.dropFirst(4).dropLast(4))
            }
            types[group] = text
        }
        return types
    }
}
