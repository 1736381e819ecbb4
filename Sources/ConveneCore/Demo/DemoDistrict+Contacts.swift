import Foundation

/// Emails, phones, addresses and links. Each email and phone number is handed out once, so shared
/// contact points in the output are exactly the planted duplicates.
extension DemoDistrictBuilder {
    /// A name reduced to the ASCII letters an email address can carry ("Núñez" → "nunez").
    mutating func nameSlug(_ name: String) -> String {
        if let cached = slugs[name] { return cached }
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let slug = String(folded.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.map(Character.init))
        slugs[name] = slug
        return slug
    }

    /// An organization name as a URL path or host label ("Lincoln Elementary PTA" → "lincoln-elementary-pta").
    static func orgSlug(_ name: String) -> String {
        let ascii = name.utf8.allSatisfy { $0 < 128 } ? name : name.folding(options: .diacriticInsensitive, locale: nil)
        var bytes: [UInt8] = []
        var gap = false
        // Letters and digits, lowercased; any run of other characters becomes one hyphen.
        for byte in ascii.utf8 where bytes.count < 60 {
            let b = (65...90).contains(byte) ? byte + 32 : byte
            if (97...122).contains(b) || (48...57).contains(b) {
                if gap, !bytes.isEmpty { bytes.append(45) }
                gap = false
                bytes.append(b)
            } else {
                gap = true
            }
        }
        return bytes.isEmpty ? "org" : String(decoding: bytes, as: UTF8.self)
    }

    /// A host name label: the slug when it is short, else initials the way long names are
    /// shortened in practice ("riverside-classified-employees-association" → "rcea").
    static func hostLabel(_ slug: String) -> String {
        guard slug.count > 30 else { return slug }
        let initials = slug.split(separator: "-").compactMap { word in
            ["of", "the", "and", "for"].contains(word) ? nil : word.first
        }
        return initials.count >= 2 ? String(initials) : String(slug.prefix(30))
    }

    /// `local@domain`, or with a number added when that address is already someone's.
    mutating func uniqueEmail(_ local: String, _ domain: String, label: String?) -> ContactPoint {
        let base = local.isEmpty ? "contact" : local.count > 50 ? String(local.prefix(50)) : local
        var candidate = base + "@" + domain
        var attempt = 0
        while !usedEmails.insert(candidate).inserted {
            attempt += 1
            let suffix = attempt <= 3 ? random.int(2...99) : 100 + attempt
            candidate = "\(base)\(suffix)@\(domain)"
        }
        return ContactPoint(candidate, label: label)
    }

    /// A personal address in one of the styles people pick ("maria.garcia", "mgarcia", "garcia.maria").
    mutating func personalEmail(given: String, family: String) -> ContactPoint {
        let g = nameSlug(given), f = nameSlug(family)
        let local: String
        switch random.below(6) {
        case 0, 1: local = "\(g).\(f)"
        case 2: local = "\(g.prefix(1))\(f)"
        case 3: local = "\(g)\(f)\(random.int(70...99))"
        case 4: local = "\(f).\(g)"
        default: local = "\(g)_\(f)"
        }
        return uniqueEmail(local, random.pick(DemoPlaces.emailDomains), label: "personal")
    }

    mutating func workEmail(given: String, family: String, domain: String) -> ContactPoint {
        uniqueEmail("\(nameSlug(given)).\(nameSlug(family))", domain, label: "work")
    }

    /// The next number in the fictional (555) 0xx-xxxx range. A fixed odd multiplier walks all
    /// million numbers without repeating, so numbers look scattered but never collide.
    mutating func phone(_ label: String) -> ContactPoint {
        phoneSerial += 1
        let n = (phoneSerial * 618_033 + phoneOffset) % 1_000_000
        let exchange = n / 10_000, line = n % 10_000
        let ex = exchange < 10 ? "0\(exchange)" : "\(exchange)"
        let ln = String(repeating: "0", count: 4 - String(line).count) + String(line)
        return ContactPoint("(555) 0\(ex)-\(ln)", label: label)
    }

    mutating func address(area: String, label: String, locality: String = DemoPlaces.city) -> PostalAddress {
        let codes = DemoPlaces.postalCodes[area] ?? ["92501"]
        let local = locality == DemoPlaces.city
        return PostalAddress(label: label, street: "\(random.int(100...9899)) \(random.pick(DemoPlaces.streets))",
                             locality: locality, region: DemoPlaces.region,
                             postalCode: local ? random.pick(codes) : "958\(random.int(10...35))", country: "US")
    }

    /// Email, phone and address for a person, each with a realistic chance of being known.
    mutating func addPersonalContacts(_ s: inout Stakeholder, email: Double, phone: Double, address: Double, area: String) {
        let given = s.givenName ?? "", family = s.familyName ?? ""
        if random.chance(email) { s.emails.append(personalEmail(given: given, family: family)) }
        if random.chance(phone) { s.phones.append(self.phone("mobile")) }
        if random.chance(phone * 0.15) { s.phones.append(self.phone("home")) }
        if random.chance(address) { s.addresses.append(self.address(area: area, label: "home")) }
    }

    /// Work email at the organization's domain, often a desk phone, sometimes a mobile.
    mutating func addWorkContacts(_ s: inout Stakeholder, at org: DemoOrg) {
        let given = s.givenName ?? "", family = s.familyName ?? ""
        if random.chance(0.92) { s.emails.append(workEmail(given: given, family: family, domain: org.domain)) }
        if random.chance(0.12) { s.emails.append(personalEmail(given: given, family: family)) }
        if random.chance(0.55) { s.phones.append(phone("work")) }
        if random.chance(0.25) { s.phones.append(phone("mobile")) }
    }

    /// Website and, for some, a social profile, on example.org as the product docs use.
    static func orgLinks(_ slug: String, social: Bool) -> [ContactPoint] {
        var links = [ContactPoint("https://www.example.org/\(slug)", label: "website")]
        if social { links.append(ContactPoint("https://social.example.com/@\(slug)", label: "social")) }
        return links
    }
}
