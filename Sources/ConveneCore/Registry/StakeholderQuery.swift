/// What to look for in the registry: text, filters, and which page.
public struct StakeholderQuery: Sendable, Equatable {
    public enum Archived: String, Sendable, Equatable, CaseIterable { case exclude, only, include }

    public var text: SearchText
    public var kind: StakeholderKind?
    public var types: [String]
    public var levels: [JurisdictionLevel]
    public var areas: [String]
    public var tags: [String]
    public var topics: [String]
    public var consent: [ConsentStatus]
    public var ownerIds: [String]
    public var affiliationId: String?
    public var groupId: String?
    public var archived: Archived
    public var limit: Int
    public var offset: Int

    public init(text: SearchText = SearchText(), kind: StakeholderKind? = nil, types: [String] = [],
                levels: [JurisdictionLevel] = [], areas: [String] = [], tags: [String] = [], topics: [String] = [],
                consent: [ConsentStatus] = [], ownerIds: [String] = [], affiliationId: String? = nil,
                groupId: String? = nil, archived: Archived = .exclude, limit: Int = 50, offset: Int = 0) {
        self.text = text; self.kind = kind; self.types = types; self.levels = levels; self.areas = areas
        self.tags = tags; self.topics = topics; self.consent = consent; self.ownerIds = ownerIds
        self.affiliationId = affiliationId; self.groupId = groupId; self.archived = archived
        self.limit = limit; self.offset = offset
    }

    /// Moves the filters typed into the search text (`type:parent`) into the query's fields.
    /// Unknown values are reported, so a saved search with a typo says so.
    public mutating func absorbTextFilters() throws(ConveneError) {
        var errors: [FieldError] = []
        for (field, value) in text.filters {
            switch field {
            case "type": types.append(value.lowercased())
            case "level":
                if let l = JurisdictionLevel(rawValue: value.lowercased()) { levels.append(l) } else {
                    errors.append(FieldError("q", "unknown level \"\(value)\"; use one of \(JurisdictionLevel.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            case "area": areas.append(value)
            case "tag": tags.append(value)
            case "topic": topics.append(value)
            case "consent":
                if let c = ConsentStatus(rawValue: value.lowercased()) { consent.append(c) } else {
                    errors.append(FieldError("q", "unknown consent status \"\(value)\""))
                }
            case "owner": ownerIds.append(value)
            case "affiliation": affiliationId = value
            case "kind":
                if let k = StakeholderKind(rawValue: value.lowercased()) { kind = k } else {
                    errors.append(FieldError("q", "unknown kind \"\(value)\"; use person or organization"))
                }
            case "archived":
                switch value.lowercased() {
                case "yes", "true", "only": archived = .only
                case "no", "false": archived = .exclude
                case "any", "all", "include": archived = .include
                default: errors.append(FieldError("q", "archived: takes yes, no or any"))
                }
            default: break
            }
        }
        text.filters = []
        if !errors.isEmpty { throw .invalid(errors) }
    }
}

/// One page of a stakeholder search.
public struct StakeholderPage: Sendable, Equatable {
    public var items: [Stakeholder]
    public var total: Int
    public init(items: [Stakeholder], total: Int) { self.items = items; self.total = total }
}

/// How many stakeholders in a result have each value of a field.
public struct FacetCount: Sendable, Equatable, Codable {
    public var value: String
    public var count: Int
    public init(value: String, count: Int) { self.value = value; self.count = count }
}

/// The fields a search can count by.
public enum FacetField: String, Sendable, CaseIterable {
    case type, level, area, tag, topic, consent, owner, kind
}
