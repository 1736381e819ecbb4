import ConveneCore
import Foundation

// Reading API bodies into the domain's input types. Each reader names every wrong field.

extension JSONInput {
    mutating func stakeholderPatch() -> StakeholderPatch {
        var p = StakeholderPatch()
        p.kind = enumeration("kind", StakeholderKind.self)
        p.displayName = string("displayName", max: 1000)
        p.givenName = optionalString("givenName", max: 1000)
        p.familyName = optionalString("familyName", max: 1000)
        p.title = optionalString("title", max: 1000)
        p.affiliationId = optionalString("affiliationId", max: 100)
        p.types = strings("types")
        p.level = optionalEnumeration("level", JurisdictionLevel.self)
        p.areas = strings("areas")
        p.emails = objects("emails") { $0.contactPoint() }
        p.phones = objects("phones") { $0.contactPoint() }
        p.links = objects("links") { $0.contactPoint() }
        p.addresses = objects("addresses") { $0.address() }
        p.language = optionalString("language", max: 100)
        p.consent = object("consent") { $0.consent() }
        p.influence = optionalInt("influence")
        p.interest = optionalInt("interest")
        p.engagementTarget = optionalEnumeration("engagementTarget", EngagementLevel.self)
        p.topics = strings("topics")
        p.tags = strings("tags")
        p.notes = optionalString("notes", max: 100_000)
        p.ownerId = optionalString("ownerId", max: 100)
        p.isArchived = bool("isArchived")
        // Read-only fields a client may echo back from a GET are accepted and ignored.
        for key in ["id", "createdAt", "updatedAt"] { _ = raw(key) }
        return p
    }

    mutating func contactPoint() -> ContactPoint? {
        let value = string("value", max: 2000)
        let label = optionalString("label", max: 100)
        guard let value else { if errors.isEmpty { fail("value", "is required") }; return nil }
        return ContactPoint(value, label: label ?? nil)
    }

    mutating func address() -> PostalAddress? {
        PostalAddress(label: optionalString("label", max: 1000) ?? nil, street: optionalString("street", max: 1000) ?? nil,
                      locality: optionalString("locality", max: 1000) ?? nil, region: optionalString("region", max: 1000) ?? nil,
                      postalCode: optionalString("postalCode", max: 1000) ?? nil, country: optionalString("country", max: 1000) ?? nil)
    }

    mutating func consent() -> Consent? {
        var c = Consent()
        if let s = enumeration("status", ConsentStatus.self) { c.status = s }
        if let channels = strings("channels", maxItems: 10) {
            for (i, ch) in channels.enumerated() {
                if let channel = ContactChannel(rawValue: ch) { c.channels.append(channel) } else {
                    errors.append(FieldError("\(name("channels"))[\(i)]", "must be one of \(ContactChannel.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            }
        }
        if let since = optionalDate("since") { c.since = since }
        if let source = optionalString("source", max: 500) { c.source = source }
        return c
    }

    mutating func relationshipPatch() -> RelationshipPatch {
        var p = RelationshipPatch()
        p.fromId = string("fromId", max: 100)
        p.toId = string("toId", max: 100)
        p.type = enumeration("type", RelationshipType.self)
        p.startsOn = optionalDate("startsOn")
        p.endsOn = optionalDate("endsOn")
        p.notes = optionalString("notes", max: 10_000)
        for key in ["id", "createdAt", "updatedAt"] { _ = raw(key) }
        return p
    }

    mutating func groupPatch() -> GroupPatch {
        var p = GroupPatch()
        p.name = string("name", max: 1000)
        p.description = optionalString("description", max: 10_000)
        p.kind = enumeration("kind", StakeholderGroup.Kind.self)
        p.query = optionalString("query", max: 2000)
        for key in ["id", "createdAt", "updatedAt"] { _ = raw(key) }
        return p
    }
}
