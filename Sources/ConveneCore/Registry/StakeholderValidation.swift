import Foundation

/// The rules a stakeholder must keep, checked before every write. Returns the record tidied
/// (trimmed, de-duplicated lists, a display name made from the parts) or the errors.
public enum StakeholderValidation {
    public static let maxNameLength = 200
    public static let maxNotesLength = 20_000
    public static let maxListItems = 50

    public static func normalized(_ input: Stakeholder, knownTypes: Set<String>) -> (Stakeholder, [FieldError]) {
        var s = input
        var errors: [FieldError] = []

        s.givenName = tidy(s.givenName)
        s.familyName = tidy(s.familyName)
        s.title = tidy(s.title)
        s.notes = s.notes.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        s.displayName = s.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.displayName.isEmpty, s.kind == .person {
            s.displayName = [s.givenName, s.familyName].compactMap { $0 }.joined(separator: " ")
        }
        if s.displayName.isEmpty {
            errors.append(FieldError("displayName", s.kind == .person ? "a name is required (displayName, or givenName and familyName)" : "a name is required"))
        }
        for (field, value) in [("displayName", Optional(s.displayName)), ("givenName", s.givenName), ("familyName", s.familyName), ("title", s.title)] {
            if let value, value.count > maxNameLength { errors.append(FieldError(field, "must be at most \(maxNameLength) characters")) }
            if let value, value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                errors.append(FieldError(field, "must not contain control characters"))
            }
        }
        if let notes = s.notes, notes.count > maxNotesLength { errors.append(FieldError("notes", "must be at most \(maxNotesLength) characters")) }

        s.types = dedupe(s.types.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        for (i, t) in s.types.enumerated() where !knownTypes.contains(t) {
            errors.append(FieldError("types[\(i)]", "unknown stakeholder type \"\(t)\""))
        }
        for (field, list) in [("areas", s.areas), ("topics", s.topics), ("tags", s.tags)] {
            errors += checkLabels(list, field: field)
        }
        s.areas = dedupe(s.areas.map(trimmed))
        s.topics = dedupe(s.topics.map(trimmed))
        s.tags = dedupe(s.tags.map { trimmed($0).lowercased() })

        s.emails = s.emails.map { ContactPoint(trimmed($0.value).lowercased(), label: tidy($0.label)) }
        for (i, e) in s.emails.enumerated() where !isEmail(e.value) {
            errors.append(FieldError("emails[\(i)].value", "\"\(clip(e.value))\" is not an email address"))
        }
        s.phones = s.phones.map { ContactPoint(trimmed($0.value), label: tidy($0.label)) }
        for (i, p) in s.phones.enumerated() where !isPhone(p.value) {
            errors.append(FieldError("phones[\(i)].value", "\"\(clip(p.value))\" is not a phone number"))
        }
        s.links = s.links.map { ContactPoint(trimmed($0.value), label: tidy($0.label)) }
        for (i, l) in s.links.enumerated() where !isWebLink(l.value) {
            errors.append(FieldError("links[\(i)].value", "must be an http or https address"))
        }
        for (field, list) in [("emails", s.emails.count), ("phones", s.phones.count), ("links", s.links.count), ("addresses", s.addresses.count)] where list > maxListItems {
            errors.append(FieldError(field, "at most \(maxListItems) entries"))
        }
        for (i, a) in s.addresses.enumerated() {
            for (name, value) in [("street", a.street), ("locality", a.locality), ("region", a.region), ("postalCode", a.postalCode), ("country", a.country), ("label", a.label)] {
                if let value, value.count > 500 { errors.append(FieldError("addresses[\(i)].\(name)", "must be at most 500 characters")) }
            }
        }
        s.language = tidy(s.language)
        if let lang = s.language, !isLanguageTag(lang) {
            errors.append(FieldError("language", "\"\(clip(lang))\" is not a language tag (use BCP 47, such as en or es-MX)"))
        }
        for (field, value) in [("influence", s.influence), ("interest", s.interest)] {
            if let value, !(1...5).contains(value) { errors.append(FieldError(field, "must be a whole number from 1 to 5")) }
        }
        s.consent.source = tidy(s.consent.source)
        s.consent.channels = dedupe(s.consent.channels)
        if s.consent.status == .granted, s.consent.channels.isEmpty {
            errors.append(FieldError("consent.channels", "name at least one channel when consent is granted"))
        }
        if let affiliation = s.affiliationId, affiliation == s.id {
            errors.append(FieldError("affiliationId", "a stakeholder cannot be its own affiliation"))
        }
        return (s, errors)
    }

    static func tidy(_ text: String?) -> String? {
        guard let t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    static func clip(_ text: String) -> String { text.count > 60 ? String(text.prefix(57)) + "..." : text }

    static func dedupe<T: Hashable>(_ list: [T]) -> [T] {
        var seen = Set<T>()
        return list.filter { seen.insert($0).inserted }
    }

    static func checkLabels(_ list: [String], field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if list.count > maxListItems { errors.append(FieldError(field, "at most \(maxListItems) entries")) }
        for (i, item) in list.enumerated() {
            let t = trimmed(item)
            if t.isEmpty { errors.append(FieldError("\(field)[\(i)]", "must not be empty")) } else if t.count > 100 {
                errors.append(FieldError("\(field)[\(i)]", "must be at most 100 characters"))
            }
        }
        return errors
    }

    /// A practical email check: one @, a local part, a dotted domain, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && labels.last.map { $0.count >= 2 && $0.allSatisfy(\.isLetter) } == true
    }

    /// Digits with the usual punctuation; 7 to 15 digits (E.164 allows 15), an optional extension.
    public static func isPhone(_ text: String) -> Bool {
        var main = Substring(text.lowercased())
        for marker in ["ext.", "ext", "x"] {
            if let r = main.range(of: marker) {
                let ext = main[r.upperBound...].trimmingCharacters(in: .whitespaces)
                guard !ext.isEmpty, ext.allSatisfy({ $0.isASCII && $0.isNumber }), ext.count <= 6 else { return false }
                main = main[..<r.lowerBound]
                break
            }
        }
        let allowed = Set("0123456789+-(). ")
        guard main.allSatisfy({ allowed.contains($0) }) else { return false }
        let digits = main.filter(\.isNumber).count
        return (7...15).contains(digits)
    }

    /// The digits that identify a phone number for duplicate matching (the last ten).
    public static func phoneKey(_ text: String) -> String {
        var main = text.lowercased()
        for marker in ["ext", "x"] { if let r = main.range(of: marker) { main = String(main[..<r.lowerBound]) } }
        return String(main.filter { $0.isASCII && $0.isNumber }.suffix(10))
    }

    public static func isWebLink(_ text: String) -> Bool {
        guard text.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else { return false }
        return true
    }

    public static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
