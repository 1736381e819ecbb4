import Foundation

// The storage contract. Each engine (SQLite, PostgreSQL) implements all of these on one type;
// every write method is one transaction, and writes its audit entries in that transaction.

/// Stakeholders, their search, and the signals duplicate detection needs.
public protocol StakeholderStore: Sendable {
    func stakeholder(id: String) async throws -> Stakeholder?
    func stakeholders(ids: [String]) async throws -> [Stakeholder]
    func insertStakeholder(_ stakeholder: Stakeholder, audit: AuditEntry) async throws
    /// Inserts many at once (demo, seeding, import), with one audit entry per stakeholder.
    func insertStakeholders(_ stakeholders: [Stakeholder], relationships: [Relationship], actor: Actor) async throws
    func updateStakeholder(_ stakeholder: Stakeholder, audit: AuditEntry) async throws
    func deleteStakeholder(id: String, audit: AuditEntry) async throws
    func searchStakeholders(_ query: StakeholderQuery) async throws -> StakeholderPage
    func facets(_ query: StakeholderQuery, fields: [FacetField], limit: Int) async throws -> [FacetField: [FacetCount]]
    func countStakeholders() async throws -> Int
    /// Groups of ids (two or more) that share a normalized email or phone.
    func sharedContactGroups() async throws -> [SharedContact]
    /// Non-archived people that have an affiliation: what name similarity compares.
    func affiliatedNames() async throws -> [AffiliatedName]
    func dismissedDuplicatePairs() async throws -> Set<String>
    func dismissDuplicatePair(_ a: String, _ b: String, audit: AuditEntry) async throws
    /// Merges `removedId` into `kept` (already combined by the caller): moves relationships and
    /// group memberships, deletes the removed record, all in one transaction.
    func mergeStakeholders(kept: Stakeholder, removedId: String, audit: [AuditEntry]) async throws
}

/// A normalized email or phone held by more than one stakeholder.
public struct SharedContact: Sendable, Equatable {
    public var kind: String
    public var value: String
    public var stakeholderIds: [String]
    public init(kind: String, value: String, stakeholderIds: [String]) {
        self.kind = kind; self.value = value; self.stakeholderIds = stakeholderIds
    }
}

/// A stakeholder's name and affiliation, for name-similarity duplicate checks.
public struct AffiliatedName: Sendable, Equatable {
    public var id: String
    public var name: String
    public var affiliationId: String
    public init(id: String, name: String, affiliationId: String) { self.id = id; self.name = name; self.affiliationId = affiliationId }
}

public protocol RelationshipStore: Sendable {
    func relationship(id: String) async throws -> Relationship?
    func relationships(stakeholderId: String) async throws -> [Relationship]
    func insertRelationship(_ relationship: Relationship, audit: AuditEntry) async throws
    func updateRelationship(_ relationship: Relationship, audit: AuditEntry) async throws
    func deleteRelationship(id: String, audit: AuditEntry) async throws
}

public protocol GroupStore: Sendable {
    func group(id: String) async throws -> StakeholderGroup?
    func groups() async throws -> [StakeholderGroup]
    func groups(stakeholderId: String) async throws -> [StakeholderGroup]
    func insertGroup(_ group: StakeholderGroup, audit: AuditEntry) async throws
    func updateGroup(_ group: StakeholderGroup, audit: AuditEntry) async throws
    func deleteGroup(id: String, audit: AuditEntry) async throws
    func staticMemberCount(groupId: String) async throws -> Int
    /// Adds members to a static group; returns how many were new.
    func addGroupMembers(groupId: String, stakeholderIds: [String], audit: AuditEntry) async throws -> Int
    func removeGroupMembers(groupId: String, stakeholderIds: [String], audit: AuditEntry) async throws -> Int
}

public protocol UserStore: Sendable {
    func user(id: String) async throws -> User?
    func user(email: String) async throws -> User?
    func users() async throws -> [User]
    func countUsers() async throws -> Int
    func insertUser(_ user: User, audit: AuditEntry) async throws
    func updateUser(_ user: User, audit: AuditEntry) async throws
}

public protocol SessionStore: Sendable {
    func insertSession(_ session: Session) async throws
    func session(tokenHash: String) async throws -> Session?
    func deleteSession(tokenHash: String) async throws
    func deleteSessions(userId: String) async throws
    func deleteExpiredSessions(before: Date) async throws
}

public protocol TokenStore: Sendable {
    func insertToken(_ token: APIToken, audit: AuditEntry) async throws
    func token(id: String) async throws -> APIToken?
    func token(hash: String) async throws -> APIToken?
    func tokens(userId: String?) async throws -> [APIToken]
    func revokeToken(id: String, at: Date, audit: AuditEntry) async throws
    func touchToken(id: String, at: Date) async throws
}

/// Counts of recent events per key (sign-in failures per email and per address), kept in the
/// database so several servers share them.
public protocol RateLimitStore: Sendable {
    /// Records one event for `key` and returns how many happened since `since` (this one included).
    func recordAttempt(key: String, at: Date, since: Date) async throws -> Int
    func attempts(key: String, since: Date) async throws -> Int
    func clearAttempts(key: String) async throws
}

/// Which audit entries to list.
public struct AuditQuery: Sendable, Equatable {
    public var entityType: String?
    public var entityId: String?
    public var actorId: String?
    public var beforeSeq: Int64?
    public var limit: Int
    public init(entityType: String? = nil, entityId: String? = nil, actorId: String? = nil, beforeSeq: Int64? = nil, limit: Int = 50) {
        self.entityType = entityType; self.entityId = entityId; self.actorId = actorId; self.beforeSeq = beforeSeq; self.limit = limit
    }
}

public protocol AuditStore: Sendable {
    /// A number that grows with every audited change (the newest audit entry's), for caches.
    func changeVersion() async throws -> Int64
    /// Newest first.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
    func appendAudit(_ entry: AuditEntry) async throws
}

/// Everything Convene stores, on one engine.
public protocol ConveneStore: StakeholderStore, RelationshipStore, GroupStore, UserStore, SessionStore, TokenStore,
    RateLimitStore, AuditStore, JobStore, BackupStore, InteractionStore, FollowUpStore, EventStore, CoverageTargetStore, ImportStore, UploadStore, EventImportStore, RadarStore, ConsultationStore, CollaborationStore {
    /// A cheap round trip, for `/healthz`.
    func ping() async throws
    /// The engine's name, for logs and `/healthz`.
    var engineName: String { get }
}

/// Bulk import of stakeholders: what matching needs, and one transaction for everything.
public protocol ImportStore: Sendable {
    /// Contacts, organizations and affiliated people of the registry as it is now.
    func importIndex() async throws -> ImportIndex
    /// Pulls batches from `next` until it returns nil and writes them all in one transaction:
    /// creates as new records, updates merged into the named record (`StakeholderImport.merge`),
    /// each with its audit entry. If `next` or a write throws, nothing is written.
    func importStakeholders(actor: Actor, now: Date, _ next: @escaping @Sendable () throws -> ImportBatch?) async throws
}

/// Files uploaded for a preview-then-confirm step (imports), kept in the database so that
/// the confirming request may reach any server. Removed when used, or after a day.
public protocol UploadStore: Sendable {
    func putUpload(id: String, userId: String, filename: String, content: [UInt8], at: Date) async throws
    /// The upload, if it exists and belongs to `userId`.
    func upload(id: String, userId: String) async throws -> (filename: String, content: [UInt8])?
    func deleteUpload(id: String) async throws
    func deleteUploads(before: Date) async throws
}
