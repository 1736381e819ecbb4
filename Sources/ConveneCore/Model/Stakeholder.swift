import Foundation

/// A person or organization in the registry (F1).
public struct Stakeholder: Sendable, Equatable, Codable {
    public var id: String
    public var kind: StakeholderKind
    public var displayName: String
    public var givenName: String?
    public var familyName: String?
    public var title: String?
    public var affiliationId: String?
    public var types: [String]
    public var level: JurisdictionLevel?
    public var areas: [String]
    public var emails: [ContactPoint]
    public var phones: [ContactPoint]
    public var addresses: [PostalAddress]
    public var links: [ContactPoint]
    public var language: String?
    public var consent: Consent
    public var influence: Int?
    public var interest: Int?
    public var engagementTarget: EngagementLevel?
    public var topics: [String]
    public var tags: [String]
    public var notes: String?
    public var ownerId: String?
    public var isArchived: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), kind: StakeholderKind = .person, displayName: String = "",
                givenName: String? = nil, familyName: String? = nil, title: String? = nil,
                affiliationId: String? = nil, types: [String] = [], level: JurisdictionLevel? = nil,
                areas: [String] = [], emails: [ContactPoint] = [], phones: [ContactPoint] = [],
                addresses: [PostalAddress] = [], links: [ContactPoint] = [], language: String? = nil,
                consent: Consent = Consent(), influence: Int? = nil, interest: Int? = nil,
                engagementTarget: EngagementLevel? = nil, topics: [String] = [], tags: [String] = [],
                notes: String? = nil, ownerId: String? = nil, isArchived: Bool = false,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.kind = kind; self.displayName = displayName; self.givenName = givenName
        self.familyName = familyName; self.title = title; self.affiliationId = affiliationId
        self.types = types; self.level = level; self.areas = areas; self.emails = emails
        self.phones = phones; self.addresses = addresses; self.links = links; self.language = language
        self.consent = consent; self.influence = influence; self.interest = interest
        self.engagementTarget = engagementTarget; self.topics = topics; self.tags = tags
        self.notes = notes; self.ownerId = ownerId; self.isArchived = isArchived
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// The name used to sort lists: family name first for people.
    public var sortName: String {
        let base: String
        if kind == .person, let family = familyName, !family.isEmpty {
            base = family + " " + (givenName ?? "")
        } else {
            base = displayName
        }
        return base.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

/// An email address, phone number or web link, with an optional label ("work", "home").
public struct ContactPoint: Sendable, Equatable, Hashable, Codable {
    public var value: String
    public var label: String?
    public init(_ value: String, label: String? = nil) { self.value = value; self.label = label }
}

/// A postal address.
public struct PostalAddress: Sendable, Equatable, Hashable, Codable {
    public var label: String?
    public var street: String?
    public var locality: String?
    public var region: String?
    public var postalCode: String?
    public var country: String?

    public init(label: String? = nil, street: String? = nil, locality: String? = nil, region: String? = nil,
                postalCode: String? = nil, country: String? = nil) {
        self.label = label; self.street = street; self.locality = locality; self.region = region
        self.postalCode = postalCode; self.country = country
    }

    public var oneLine: String {
        [street, locality, [region, postalCode].compactMap { $0 }.joined(separator: " "), country]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// What a stakeholder agreed to: whether we may contact them, on which channels, since when,
/// and where the agreement came from.
public struct Consent: Sendable, Equatable, Codable {
    public var status: ConsentStatus
    public var channels: [ContactChannel]
    public var since: CalendarDate?
    public var source: String?

    public init(status: ConsentStatus = .unknown, channels: [ContactChannel] = [], since: CalendarDate? = nil, source: String? = nil) {
        self.status = status; self.channels = channels; self.since = since; self.source = source
    }
}
