import Foundation

/// One record of working groups, partnerships, advocacy, resources, initiatives and decisions
/// as stored: JSON (as `EngagementCoding` writes it) with its kind, public slug and links.
public struct WorkRow: Sendable, Equatable {
    public var kind: WorkKind
    public var id: String
    public var slug: String?
    public var json: String
    public var links: [WorkLink]
    public var createdAt: Date
    public var updatedAt: Date
    public init(kind: WorkKind, id: String, slug: String?, json: String, links: [WorkLink], createdAt: Date, updatedAt: Date) {
        self.kind = kind; self.id = id; self.slug = slug; self.json = json; self.links = links; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// The records of F3's collaboration and F6's decisions, in one table by kind, with an index
/// of what each links to (for "decisions of this initiative", "bills on this issue", and for
/// refusing to delete what others point at).
public protocol CollaborationStore: Sendable {
    func workRecord(kind: WorkKind, id: String) async throws -> String?
    func workRecord(kind: WorkKind, slug: String) async throws -> String?
    /// Every record of a kind, most recently changed first.
    func workRecords(kind: WorkKind) async throws -> [String]
    /// Records of `kind` that link to `target`, most recently changed first.
    func workRecords(kind: WorkKind, linkingTo target: WorkLink) async throws -> [String]
    /// The records (any kind) that link to `target`.
    func workReferrers(to target: WorkLink) async throws -> [WorkLink]
    /// Throws `ConveneError.invalid("slug", …)` when another record of the kind has the slug.
    func insertWorkRecord(_ row: WorkRow, audit: AuditEntry) async throws
    func updateWorkRecord(_ row: WorkRow, audit: AuditEntry) async throws
    func deleteWorkRecord(kind: WorkKind, id: String, audit: AuditEntry) async throws

    /// The stakeholder types of each of these stakeholders, in their order (the first is the
    /// one counts use), read without decoding whole records.
    func stakeholderTypes(ids: [String]) async throws -> [String: [String]]
    /// A consultation's participants counted by the stakeholder type they gave.
    func participantTypeCounts(consultationId: String) async throws -> [String: Int]
}

extension WorkCoding {
    /// The strings of a JSON array's text (`["parent","student"]`).
    public static func strings(_ json: String?) -> [String] {
        guard let json, case .array(let items)? = JSONValue.parse(Data(json.utf8)) else { return [] }
        return items.compactMap(\.stringValue)
    }
}
