import Foundation

/// Keeps the attributes an element may carry, with values checked by kind.
enum HTMLAttributeFilter {
    static func safeAttributes(of element: String, _ attributes: [HTMLAttribute], base: URL?) -> [(name: String, value: String)] {
        let allowed = HTMLPolicy.globalAttributes.union(HTMLPolicy.elementAttributes[element] ?? [])
        var kept: [(name: String, value: String)] = []
        for attribute in attributes where allowed.contains(attribute.name) {
            if let value = checked(attribute, element: element, base: base) { kept.append((attribute.name, value)) }
        }
        if element == "a", kept.contains(where: { $0.name == "href" }) { kept.append(("rel", "nofollow noopener")) }
        return kept
    }

    private static func checked(_ attribute: HTMLAttribute, element: String, base: URL?) -> String? {
        let name = attribute.name, value = attribute.value
        if HTMLPolicy.urlAttributes.contains(name) { return HTMLURLPolicy.safe(value, base: base) }
        if HTMLPolicy.numericAttributes.contains(name) {
            let digits = value.trimmingCharacters(in: .whitespaces)
            return (1...4).contains(digits.count) && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) ? digits : nil
        }
        if let values = HTMLPolicy.enumeratedAttributes[name] {
            let candidate = name == "type" ? value : value.lowercased()
            return values.contains(candidate) ? candidate : nil
        }
        if name == "lang" || name == "hreflang" {
            let ok = (1...35).contains(value.count) && value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
            return ok ? value : nil
        }
        return String(value.prefix(1_000))
    }
}
