/// A change to a stakeholder: each field given is set, each field left nil is kept.
/// For clearable fields, `.some(nil)` clears. A create is a patch applied to an empty record.
public struct StakeholderPatch: Sendable, Equatable {
    public var kind: StakeholderKind?
    public var displayName: String?
    public var givenName: String??
    public var familyName: String??
    public var title: String??
    public var affiliationId: String??
    public var types: [String]?
    public var level: JurisdictionLevel??
    public var areas: [String]?
    public var emails: [ContactPoint]?
    public var phones: [ContactPoint]?
    public var addresses: [PostalAddress]?
    public var links: [ContactPoint]?
    public var language: String??
    public var consent: Consent?
    public var influence: Int??
    public var interest: Int??
    public var engagementTarget: EngagementLevel??
    public var topics: [String]?
    public var tags: [String]?
    public var notes: String??
    public var ownerId: String??
    public var isArchived: Bool?

    public init() {}

    /// The record with this patch applied (not yet validated).
    public func applied(to original: Stakeholder) -> Stakeholder {
        var s = original
        if let kind { s.kind = kind }
        if let displayName { s.displayName = displayName }
        if let givenName { s.givenName = givenName }
        if let familyName { s.familyName = familyName }
        if let title { s.title = title }
        if let affiliationId { s.affiliationId = affiliationId }
        if let types { s.types = types }
        if let level { s.level = level }
        if let areas { s.areas = areas }
        if let emails { s.emails = emails }
        if let phones { s.phones = phones }
        if let addresses { s.addresses = addresses }
        if let links { s.links = links }
        if let language { s.language = language }
        if let consent { s.consent = consent }
        if let influence { s.influence = influence }
        if let interest { s.interest = interest }
        if let engagementTarget { s.engagementTarget = engagementTarget }
        if let topics { s.topics = topics }
        if let tags { s.tags = tags }
        if let notes { s.notes = notes }
        if let ownerId { s.ownerId = ownerId }
        if let isArchived { s.isArchived = isArchived }
        return s
    }
}
