import ConveneCore
import Foundation

// What the API sends: its own types, so a change to a table or a domain type never changes
// the public API by accident.

struct StakeholderBody: Encodable {
    var id: String
    var kind: String
    var displayName: String
    var givenName: String?
    var familyName: String?
    var title: String?
    var affiliationId: String?
    var types: [String]
    var level: String?
    var areas: [String]
    var emails: [ContactPoint]
    var phones: [ContactPoint]
    var addresses: [PostalAddress]
    var links: [ContactPoint]
    var language: String?
    var consent: ConsentBody
    var influence: Int?
    var interest: Int?
    var engagementTarget: String?
    var topics: [String]
    var tags: [String]
    var notes: String?
    var ownerId: String?
    var isArchived: Bool
    var createdAt: String
    var updatedAt: String

    init(_ s: Stakeholder) {
        id = s.id; kind = s.kind.rawValue; displayName = s.displayName; givenName = s.givenName; familyName = s.familyName
        title = s.title; affiliationId = s.affiliationId; types = s.types; level = s.level?.rawValue; areas = s.areas
        emails = s.emails; phones = s.phones; addresses = s.addresses; links = s.links; language = s.language
        consent = ConsentBody(s.consent); influence = s.influence; interest = s.interest; engagementTarget = s.engagementTarget?.rawValue
        topics = s.topics; tags = s.tags; notes = s.notes; ownerId = s.ownerId; isArchived = s.isArchived
        createdAt = Timestamp.format(s.createdAt); updatedAt = Timestamp.format(s.updatedAt)
    }

    // Absent optionals are sent as null, so every record has the same keys.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(kind, forKey: .kind); try c.encode(displayName, forKey: .displayName)
        try c.encode(givenName, forKey: .givenName); try c.encode(familyName, forKey: .familyName); try c.encode(title, forKey: .title)
        try c.encode(affiliationId, forKey: .affiliationId); try c.encode(types, forKey: .types); try c.encode(level, forKey: .level)
        try c.encode(areas, forKey: .areas); try c.encode(emails, forKey: .emails); try c.encode(phones, forKey: .phones)
        try c.encode(addresses, forKey: .addresses); try c.encode(links, forKey: .links); try c.encode(language, forKey: .language)
        try c.encode(consent, forKey: .consent); try c.encode(influence, forKey: .influence); try c.encode(interest, forKey: .interest)
        try c.encode(engagementTarget, forKey: .engagementTarget); try c.encode(topics, forKey: .topics); try c.encode(tags, forKey: .tags)
        try c.encode(notes, forKey: .notes); try c.encode(ownerId, forKey: .ownerId); try c.encode(isArchived, forKey: .isArchived)
        try c.encode(createdAt, forKey: .createdAt); try c.encode(updatedAt, forKey: .updatedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, displayName, givenName, familyName, title, affiliationId, types, level, areas, emails, phones, addresses, links
        case language, consent, influence, interest, engagementTarget, topics, tags, notes, ownerId, isArchived, createdAt, updatedAt
    }
}

struct ConsentBody: Encodable {
    var status: String
    var channels: [String]
    var since: String?
    var source: String?
    init(_ c: Consent) { status = c.status.rawValue; channels = c.channels.map(\.rawValue); since = c.since?.description; source = c.source }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status); try c.encode(channels, forKey: .channels)
        try c.encode(since, forKey: .since); try c.encode(source, forKey: .source)
    }
    enum CodingKeys: String, CodingKey { case status, channels, since, source }
}

struct RelationshipBody: Encodable {
    var id: String, fromId: String, toId: String, type: String
    var startsOn: String?, endsOn: String?, notes: String?
    var createdAt: String, updatedAt: String
    init(_ r: Relationship) {
        id = r.id; fromId = r.fromId; toId = r.toId; type = r.type.rawValue; startsOn = r.startsOn?.description
        endsOn = r.endsOn?.description; notes = r.notes; createdAt = Timestamp.format(r.createdAt); updatedAt = Timestamp.format(r.updatedAt)
    }
}

struct GroupBody: Encodable {
    var id: String, name: String, description: String?, kind: String, query: String?
    var createdAt: String, updatedAt: String
    init(_ g: StakeholderGroup) {
        id = g.id; name = g.name; description = g.description; kind = g.kind.rawValue; query = g.query
        createdAt = Timestamp.format(g.createdAt); updatedAt = Timestamp.format(g.updatedAt)
    }
}

struct UserBody: Encodable {
    var id: String, email: String, displayName: String, role: String, isDisabled: Bool, createdAt: String, updatedAt: String
    init(_ u: User) {
        id = u.id; email = u.email; displayName = u.displayName; role = u.role.rawValue; isDisabled = u.isDisabled
        createdAt = Timestamp.format(u.createdAt); updatedAt = Timestamp.format(u.updatedAt)
    }
}

struct TokenBody: Encodable {
    var id: String, userId: String, name: String, prefix: String, createdAt: String, lastUsedAt: String?, revokedAt: String?
    /// Present only in the answer that made the token.
    var token: String?
    init(_ t: APIToken, secret: String? = nil) {
        id = t.id; userId = t.userId; name = t.name; prefix = t.prefix; createdAt = Timestamp.format(t.createdAt)
        lastUsedAt = t.lastUsedAt.map(Timestamp.format); revokedAt = t.revokedAt.map(Timestamp.format); token = secret
    }
}

struct AuditBody: Encodable {
    var id: String, seq: Int64, at: String, actorId: String?, actorLabel: String, action: String, entityType: String, entityId: String
    var before: JSONValue?, after: JSONValue?
    init(_ e: AuditEntry) {
        id = e.id; seq = e.seq; at = Timestamp.format(e.at); actorId = e.actorId; actorLabel = e.actorLabel; action = e.action
        entityType = e.entityType; entityId = e.entityId; before = e.before; after = e.after
    }
}

struct DuplicateBody: Encodable {
    var first: StakeholderBody, second: StakeholderBody, reasons: [String], score: Double
}

struct ListBody<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?
    var total: Int?
    var facets: [String: [FacetCount]]?

    enum CodingKeys: String, CodingKey { case items, nextCursor, total, facets }

    // `nextCursor` is always sent, null on the last page, as the API conventions promise.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
        try c.encodeIfPresent(total, forKey: .total)
        try c.encodeIfPresent(facets, forKey: .facets)
    }
}
