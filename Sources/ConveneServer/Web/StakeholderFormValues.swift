import ConveneCore
import Foundation

/// What the stakeholder form holds, as typed: made from a record to edit it, or from a
/// submitted form to show it again with its errors. The form's field names follow the API's
/// (`emails[0].value`, `consent.since`), so the domain's errors point straight at them.
struct StakeholderFormValues: Sendable {
    struct ContactRow: Sendable, Equatable {
        var value = ""
        var label = ""
        var isBlank: Bool { value.trimmedText.isEmpty && label.trimmedText.isEmpty }
    }

    struct AddressRow: Sendable, Equatable {
        var street = "", locality = "", region = "", postalCode = "", country = "", label = ""
        var parts: [String] { [street, locality, region, postalCode, country, label] }
        var isBlank: Bool { parts.allSatisfy { $0.trimmedText.isEmpty } }
        static let fields = ["street", "locality", "region", "postalCode", "country", "label"]
    }

    var kind = StakeholderKind.person.rawValue
    var displayName = "", givenName = "", familyName = "", title = ""
    /// As typed: an organization's name or id.
    var affiliation = ""
    /// The id picked from a list of several matches, if the form offered one.
    var affiliationChoice = ""
    /// The affiliation the record had when the form was opened, so an unchanged name keeps it.
    var affiliationCurrent = ""
    var types: [String] = []
    var level = ""
    var areas = "", topics = "", tags = ""
    var emails: [ContactRow] = [], phones: [ContactRow] = [], links: [ContactRow] = []
    var addresses: [AddressRow] = []
    var language = ""
    var consentStatus = ConsentStatus.unknown.rawValue
    var consentChannels: [String] = []
    var consentSince = "", consentSource = ""
    var influence = "", interest = "", engagementTarget = ""
    var notes = ""
    var ownerId = ""
    /// The record's version when the form was opened (edit only).
    var version = ""
    /// The names the submitted form carried; a field it did not carry is left unchanged.
    var present: Set<String> = []

    init() {}

    init(_ s: Stakeholder, affiliationName: String?) {
        kind = s.kind.rawValue
        displayName = s.displayName; givenName = s.givenName ?? ""; familyName = s.familyName ?? ""; title = s.title ?? ""
        affiliation = affiliationName ?? s.affiliationId ?? ""
        affiliationCurrent = s.affiliationId ?? ""
        types = s.types
        level = s.level?.rawValue ?? ""
        areas = ListText.join(s.areas); topics = ListText.join(s.topics); tags = ListText.join(s.tags)
        emails = s.emails.map { ContactRow(value: $0.value, label: $0.label ?? "") }
        phones = s.phones.map { ContactRow(value: $0.value, label: $0.label ?? "") }
        links = s.links.map { ContactRow(value: $0.value, label: $0.label ?? "") }
        addresses = s.addresses.map {
            AddressRow(street: $0.street ?? "", locality: $0.locality ?? "", region: $0.region ?? "",
                       postalCode: $0.postalCode ?? "", country: $0.country ?? "", label: $0.label ?? "")
        }
        language = s.language ?? ""
        consentStatus = s.consent.status.rawValue
        consentChannels = s.consent.channels.map(\.rawValue)
        consentSince = s.consent.since?.description ?? ""
        consentSource = s.consent.source ?? ""
        influence = s.influence.map(String.init) ?? ""
        interest = s.interest.map(String.init) ?? ""
        engagementTarget = s.engagementTarget?.rawValue ?? ""
        notes = s.notes ?? ""
        ownerId = s.ownerId ?? ""
        version = Registry.version(of: s.updatedAt)
    }

    init(form: FormData) {
        present = Set(form.fields.map(\.0))
        func text(_ name: String) -> String { form.first(name) ?? "" }
        kind = text("kind"); displayName = text("displayName"); givenName = text("givenName")
        familyName = text("familyName"); title = text("title")
        affiliation = text("affiliation"); affiliationChoice = text("affiliationChoice"); affiliationCurrent = text("affiliationCurrent")
        types = form.all("types").filter { !$0.isEmpty }
        level = text("level")
        areas = text("areas"); topics = text("topics"); tags = text("tags")
        emails = Self.contactRows(form, "emails"); phones = Self.contactRows(form, "phones"); links = Self.contactRows(form, "links")
        addresses = Self.rowIndices(form, "addresses").map { i in
            let f = { (part: String) in form.first("addresses[\(i)].\(part)") ?? "" }
            return AddressRow(street: f("street"), locality: f("locality"), region: f("region"),
                              postalCode: f("postalCode"), country: f("country"), label: f("label"))
        }
        language = text("language")
        consentStatus = text("consent.status")
        consentChannels = form.all("consent.channels").filter { !$0.isEmpty }
        consentSince = text("consent.since"); consentSource = text("consent.source")
        influence = text("influence"); interest = text("interest"); engagementTarget = text("engagementTarget")
        notes = text("notes").replacingOccurrences(of: "\r\n", with: "\n")
        ownerId = text("ownerId")
        version = text("version")
    }

    /// Whether the submitted form had the repeated rows `list[i].…`.
    func hasRows(_ list: String) -> Bool { present.contains { $0.hasPrefix(list + "[") } }

    static func contactRows(_ form: FormData, _ list: String) -> [ContactRow] {
        rowIndices(form, list).map { i in
            ContactRow(value: form.first("\(list)[\(i)].value") ?? "", label: form.first("\(list)[\(i)].label") ?? "")
        }
    }

    /// The row numbers used in names like `emails[3].value`, in order.
    static func rowIndices(_ form: FormData, _ list: String) -> [Int] {
        let prefix = list + "["
        let numbers = form.fields.compactMap { name, _ -> Int? in
            guard name.hasPrefix(prefix), let close = name.firstIndex(of: "]") else { return nil }
            return Int(name[name.index(name.startIndex, offsetBy: prefix.count)..<close])
        }
        return Array(Set(numbers).filter { $0 >= 0 }.sorted().prefix(StakeholderValidation.maxListItems + 10))
    }
}

/// Comma-separated lists in one text box. An item that holds a comma is written in double
/// quotes (`"Lincoln, East campus"`), so every item survives a round trip through the form.
enum ListText {
    static func join(_ items: [String]) -> String {
        items.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            .joined(separator: ", ")
    }

    static func split(_ text: String) -> [String] {
        var items: [String] = [], current = "", quoted = false
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"", i + 1 < chars.count, chars[i + 1] == "\"" { current.append("\""); i += 1 } else if c == "\"" { quoted = false } else { current.append(c) }
            } else if c == "\"", current.trimmedText.isEmpty {
                current = ""; quoted = true
            } else if c == "," {
                items.append(current); current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        items.append(current)
        return items.map(\.trimmedText).filter { !$0.isEmpty }
    }
}

extension String {
    var trimmedText: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
