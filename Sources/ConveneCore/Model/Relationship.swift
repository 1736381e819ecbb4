import Foundation

/// A typed, dated link from one stakeholder to another ("Ana Ruiz — parent of — Leo Ruiz").
public struct Relationship: Sendable, Equatable, Codable {
    public var id: String
    public var fromId: String
    public var toId: String
    public var type: RelationshipType
    public var startsOn: CalendarDate?
    public var endsOn: CalendarDate?
    public var notes: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), fromId: String, toId: String, type: RelationshipType,
                startsOn: CalendarDate? = nil, endsOn: CalendarDate? = nil, notes: String? = nil,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.fromId = fromId; self.toId = toId; self.type = type; self.startsOn = startsOn
        self.endsOn = endsOn; self.notes = notes; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A named list of stakeholders: static (members added by hand) or a saved search.
public struct StakeholderGroup: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case `static`, savedSearch = "saved-search" }

    public var id: String
    public var name: String
    public var description: String?
    public var kind: Kind
    /// For a saved search: the query, in the search box's syntax (`"school board" type:parent`).
    public var query: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), name: String, description: String? = nil, kind: Kind = .static,
                query: String? = nil, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.name = name; self.description = description; self.kind = kind; self.query = query
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
