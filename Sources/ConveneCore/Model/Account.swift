import Foundation

/// A person who signs in to Convene.
public struct User: Sendable, Equatable, Codable {
    public var id: String
    public var email: String
    public var displayName: String
    public var role: Role
    public var passwordHash: String
    public var isDisabled: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), email: String, displayName: String, role: Role, passwordHash: String,
                isDisabled: Bool = false, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.email = email; self.displayName = displayName; self.role = role
        self.passwordHash = passwordHash; self.isDisabled = isDisabled; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A signed-in browser session; only the hash of its cookie value is stored.
public struct Session: Sendable, Equatable {
    public var tokenHash: String
    public var userId: String
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, userId: String, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash; self.userId = userId; self.csrfToken = csrfToken
        self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}

/// An API token: shown once when made, stored only as a hash, revocable.
public struct APIToken: Sendable, Equatable, Codable {
    public var id: String
    public var userId: String
    public var name: String
    /// The first characters of the secret, so a person can tell tokens apart.
    public var prefix: String
    public var tokenHash: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: String = Identifier.make(), userId: String, name: String, prefix: String, tokenHash: String,
                createdAt: Date = Date(), lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id; self.userId = userId; self.name = name; self.prefix = prefix; self.tokenHash = tokenHash
        self.createdAt = createdAt; self.lastUsedAt = lastUsedAt; self.revokedAt = revokedAt
    }
}

/// Who made a change: a user, or the system (imports, the demo seeder, the command line).
public struct Actor: Sendable, Equatable {
    public var userId: String?
    public var label: String
    public init(userId: String?, label: String) { self.userId = userId; self.label = label }
    public static let system = Actor(userId: nil, label: "system")
    public static func user(_ user: User) -> Actor { Actor(userId: user.id, label: user.email) }
}

/// One change in the audit log: who, when, what, and the record before and after.
public struct AuditEntry: Sendable, Equatable {
    public var seq: Int64
    public var id: String
    public var at: Date
    public var actorId: String?
    public var actorLabel: String
    public var action: String
    public var entityType: String
    public var entityId: String
    public var before: JSONValue?
    public var after: JSONValue?

    public init(seq: Int64 = 0, id: String = Identifier.make(), at: Date = Date(), actor: Actor, action: String,
                entityType: String, entityId: String, before: JSONValue? = nil, after: JSONValue? = nil) {
        self.seq = seq; self.id = id; self.at = at; self.actorId = actor.userId; self.actorLabel = actor.label
        self.action = action; self.entityType = entityType; self.entityId = entityId; self.before = before; self.after = after
    }
}
