/// Writes cards as vCard 4.0 (RFC 6350): CRLF line ends, lines folded at 75 octets, text
/// escaped. What it writes, `VCardReader` reads back field for field; `properties` and
/// `warnings` are what was read and are not written, except `X-` properties made in code.
public enum VCardWriter {
    public static func write(_ cards: [VCard]) -> String {
        var lines = VCardWriterLines()
        for card in cards { write(card, to: &lines) }
        return lines.text
    }

    private static func write(_ card: VCard, to lines: inout VCardWriterLines) {
        lines.append("BEGIN", value: "VCARD")
        lines.append("VERSION", value: "4.0")
        if let kind = card.kind { lines.append("KIND", value: VCardText.escaped(kind)) }
        lines.append("FN", value: VCardText.escaped(formattedName(card)))
        if let name = card.name {
            let parts = [name.family, name.given, name.additional, name.prefixes, name.suffixes]
            lines.append("N", value: parts.map(VCardText.escaped).joined(separator: ";"))
        }
        if !card.organization.isEmpty {
            lines.append("ORG", value: card.organization.map(VCardText.escaped).joined(separator: ";"))
        }
        if let title = card.title { lines.append("TITLE", value: VCardText.escaped(title)) }
        if let role = card.role { lines.append("ROLE", value: VCardText.escaped(role)) }
        var groups = VCardWriterGroups()
        for email in card.emails {
            let group = groups.next(email.customType, to: &lines)
            lines.append("EMAIL", group: group, parameters: typeAndPreference(email.types, email.preference), value: VCardText.escaped(trimmed(email.value)))
            groups.label(email.customType, to: &lines)
        }
        for phone in card.phones {
            let group = groups.next(phone.customType, to: &lines)
            var parameters = typeAndPreference(phone.types, phone.preference)
            let number = trimmed(phone.value)
            if VCardWriterValues.isTelephoneURI(number) {
                parameters.insert(("VALUE", "uri"), at: 0)
                lines.append("TEL", group: group, parameters: parameters, value: "tel:" + number)
            } else {
                lines.append("TEL", group: group, parameters: parameters, value: VCardText.escaped(number))
            }
            groups.label(phone.customType, to: &lines)
        }
        for address in card.addresses {
            let group = groups.next(address.customType, to: &lines)
            var parameters = typeAndPreference(address.types, address.preference)
            if let label = address.label { parameters.append(("LABEL", VCardText.quotedParameter(label))) }
            let parts = [address.poBox, address.extended, address.street, address.locality, address.region, address.postalCode, address.country]
            lines.append("ADR", group: group, parameters: parameters, value: parts.map(VCardText.escaped).joined(separator: ";"))
            groups.label(address.customType, to: &lines)
        }
        for url in card.urls {
            let group = groups.next(url.customType, to: &lines)
            lines.append("URL", group: group, parameters: typeAndPreference(url.types, url.preference), value: VCardWriterValues.uri(trimmed(url.value)))
            groups.label(url.customType, to: &lines)
        }
        if let birthday = card.birthday {
            if VCardWriterValues.isDateAndOrTime(birthday) {
                lines.append("BDAY", value: birthday)
            } else {
                lines.append("BDAY", parameters: [("VALUE", "text")], value: VCardText.escaped(birthday))
            }
        }
        if let note = card.note { lines.append("NOTE", value: VCardText.escaped(note)) }
        if !card.categories.isEmpty {
            lines.append("CATEGORIES", value: card.categories.map(VCardText.escaped).joined(separator: ","))
        }
        if let language = card.language { lines.append("LANG", value: VCardText.escaped(language)) }
        if let uid = card.uid {
            let value = VCardWriterValues.uri(uid)
            lines.append("UID", parameters: value == uid ? [] : [("VALUE", "text")], value: value)
        }
        // Extension properties made in code (`X-…`, say an application's own fields) are
        // written as text; what a reader filled `properties` with is not (it has `line` > 0).
        for property in card.properties where property.line == 0 && property.name.uppercased().hasPrefix("X-") && property.group == nil {
            lines.append(property.name.uppercased(), value: VCardText.escaped(property.value))
        }
        lines.append("END", value: "VCARD")
    }

    /// FN is required: the card's own, else the name, the organisation or the first email.
    static func formattedName(_ card: VCard) -> String {
        if let formatted = card.formattedName, !formatted.isEmpty { return formatted }
        if let name = card.name {
            let parts = [name.prefixes, name.given, name.additional, name.family, name.suffixes]
            let joined = parts.map(trimmed).filter { !$0.isEmpty }.joined(separator: " ")
            if !joined.isEmpty { return joined }
        }
        if let organization = card.organization.first(where: { !trimmed($0).isEmpty }) { return organization }
        return card.emails.first.map { trimmed($0.value) } ?? ""
    }

    /// `TYPE=work,voice;PREF=1`; a `pref` type becomes `PREF=1`, as vCard 4.0 has no such type.
    private static func typeAndPreference(_ types: [String], _ preference: Int?) -> [(String, String)] {
        var parameters: [(String, String)] = []
        let kept = types.map { String(trimmed($0).lowercased().map { $0 == "," ? " " : $0 }) }.filter { !$0.isEmpty && $0 != "pref" }
        if !kept.isEmpty {
            let plain = kept.allSatisfy { $0.utf8.allSatisfy(VCardWriterValues.isTokenByte) }
            parameters.append(("TYPE", plain ? kept.joined(separator: ",") : VCardText.quotedParameter(kept.joined(separator: ","))))
        }
        let rank = preference ?? (types.contains { $0.lowercased() == "pref" } ? 1 : nil)
        if let rank { parameters.append(("PREF", String(min(max(rank, 1), 100)))) }
        return parameters
    }

    private static func trimmed(_ text: String) -> String {
        VCardText.trimmed(text)
    }
}
