import Foundation

/// Planted near-duplicates: second records for people already in the district, the way they
/// arise in practice (a sign-in sheet typed in later, a phone message, a misspelled name).
extension DemoDistrictBuilder {
    enum DuplicateKind: CaseIterable {
        case sameEmail, samePhone, similarName

        var reason: String {
            switch self {
            case .sameEmail: "same email"
            case .samePhone: "same phone"
            case .similarName: "similar name, same affiliation"
            }
        }
    }

    mutating func addNearDuplicates(_ n: Int) {
        let originals = stakeholders.count
        var used = Set<Int>()
        let kinds = DuplicateKind.allCases
        for k in 0..<n {
            // Rotate through the kinds so every kind is present; fall back if none fits.
            for offset in 0..<kinds.count {
                let kind = kinds[(k + offset) % kinds.count]
                guard let original = findOriginal(kind, among: originals, excluding: used) else { continue }
                used.insert(original)
                let copy = duplicate(of: stakeholders[original], kind: kind)
                append(copy)
                nearDuplicates.append(DemoDistrict.NearDuplicate(originalId: stakeholders[original].id, duplicateId: copy.id, reason: kind.reason))
                break
            }
        }
    }

    /// A person among the first `count` records the kind of duplicate can be made from. Random
    /// probes rather than a scan keep this independent of the district's size; candidates are
    /// common, so a few hundred probes are plenty.
    private mutating func findOriginal(_ kind: DuplicateKind, among count: Int, excluding used: Set<Int>) -> Int? {
        for _ in 0..<2000 {
            let i = random.below(count)
            guard !used.contains(i) else { continue }
            let s = stakeholders[i]
            guard s.kind == .person, !s.isArchived else { continue }
            switch kind {
            case .sameEmail: if !s.emails.isEmpty { return i }
            case .samePhone: if !s.phones.isEmpty { return i }
            case .similarName: if s.affiliationId != nil, Self.variantName(of: s) != nil { return i }
            }
        }
        return nil
    }

    /// Another spelling of a person's name that duplicate detection should still match: a
    /// known variant of the given name, or the name typed without its accents.
    static func variantName(of s: Stakeholder) -> (given: String, family: String)? {
        guard let given = s.givenName, let family = s.familyName else { return nil }
        let plain = { (text: String) in text.folding(options: .diacriticInsensitive, locale: nil) }
        let candidate: (String, String)
        if let other = DemoNames.variants[given] {
            candidate = (other, family)
        } else if plain(given) != given || plain(family) != family {
            candidate = (plain(given), plain(family))
        } else {
            return nil
        }
        let score = NameSimilarity.score(s.displayName, "\(candidate.0) \(candidate.1)")
        return score >= Registry.nameThreshold ? candidate : nil
    }

    /// The second record: entered later, with less on it, sharing one thing with the original.
    private mutating func duplicate(of original: Stakeholder, kind: DuplicateKind) -> Stakeholder {
        var d = newRecord(kind: .person, name: original.displayName, types: original.types)
        let from = original.createdAt.millisecondsSince1970
        let created = from + random.int64(below: max(1, nowMs - from))
        d.createdAt = DemoClock.date(created)
        d.updatedAt = DemoClock.date(random.chance(0.5) ? created : created + random.int64(below: max(1, nowMs - created)))
        d.givenName = original.givenName
        d.familyName = original.familyName
        d.affiliationId = original.affiliationId
        d.level = original.level
        d.areas = original.areas
        d.language = original.language
        d.title = original.title
        d.topics = Array(original.topics.prefix(1))
        switch kind {
        case .sameEmail:
            // Sign-in sheets often carry the name people go by, spelled their way.
            if random.chance(0.5), let (given, family) = Self.variantName(of: original) {
                d.givenName = given
                d.familyName = family
                d.displayName = "\(given) \(family)"
            }
            d.emails = original.emails.prefix(1).map { ContactPoint($0.value) }
            d.consent = Consent(status: .granted, channels: [.email], since: calendarDay(created), source: "sign-in sheet, budget forum")
            d.notes = "Signed in at the facilities bond town hall."
        case .samePhone:
            d.phones = original.phones.prefix(1).map { ContactPoint($0.value, label: "mobile") }
            d.notes = "Left a voicemail about the new bus schedule."
        case .similarName:
            if let (given, family) = Self.variantName(of: original) {
                d.givenName = given
                d.familyName = family
                d.displayName = "\(given) \(family)"
            }
            d.notes = "Added from a paper sign-in sheet."
        }
        return d
    }
}
