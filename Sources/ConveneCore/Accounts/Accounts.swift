import Foundation

/// Users, sign-in, sessions and API tokens (F7).
public struct Accounts: Sendable {
    public let store: any ConveneStore
    public let hashing: any SecretHashing
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// At most this many failed sign-ins per email, and `maxFailuresPerAddress` per client
    /// address, within `failureWindow`.
    public var maxFailuresPerEmail = 5
    public var maxFailuresPerAddress = 30
    public var failureWindow: TimeInterval = 15 * 60
    public static let minimumPasswordLength = 10
    public static let tokenPrefix = "cvn_"

    public init(store: any ConveneStore, hashing: any SecretHashing) {
        self.store = store
        self.hashing = hashing
    }

    // MARK: Users

    public func user(id: String) async throws -> User {
        guard Identifier.isPlausible(id), let u = try await store.user(id: id) else { throw ConveneError.notFound(entity: "user", id: id) }
        return u
    }

    public func createUser(email: String, displayName: String?, role: Role, password: String, actor: Actor, now: Date = Date()) async throws -> User {
        let address = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        var errors: [FieldError] = []
        if !StakeholderValidation.isEmail(address) { errors.append(FieldError("email", "\"\(StakeholderValidation.clip(address))\" is not an email address")) }
        if let problem = Accounts.passwordProblem(password) { errors.append(FieldError("password", problem)) }
        let name = displayName.flatMap(StakeholderValidation.tidy) ?? String(address.split(separator: "@").first ?? "")
        if name.count > 200 { errors.append(FieldError("displayName", "must be at most 200 characters")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        if try await store.user(email: address) != nil { throw ConveneError.conflict("a user with email \(address) already exists") }
        let at = now.wholeMilliseconds
        let user = User(email: address, displayName: name, role: role, passwordHash: hashing.hashPassword(password), createdAt: at, updatedAt: at)
        try await store.insertUser(user, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "user", entityId: user.id, after: Accounts.auditView(user)))
        return user
    }

    public func updateUser(id: String, displayName: String?, role: Role?, isDisabled: Bool?, actor: Actor, now: Date = Date()) async throws -> User {
        let before = try await user(id: id)
        var u = before
        if let displayName {
            guard let name = StakeholderValidation.tidy(displayName), name.count <= 200 else {
                throw ConveneError.invalid("displayName", "must be 1 to 200 characters")
            }
            u.displayName = name
        }
        if let role { u.role = role }
        if let isDisabled { u.isDisabled = isDisabled }
        if u == before { return u }
        if before.role == .admin, !before.isDisabled, u.role != .admin || u.isDisabled {
            let activeAdmins = try await store.users().filter { $0.role == .admin && !$0.isDisabled }
            if activeAdmins.count <= 1 { throw ConveneError.conflict("\(before.email) is the last active admin; make another admin first") }
        }
        u.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        try await store.updateUser(u, audit: AuditEntry(at: u.updatedAt, actor: actor, action: "update", entityType: "user", entityId: id,
                                                        before: Accounts.auditView(before), after: Accounts.auditView(u)))
        if u.isDisabled || u.role != before.role { try await store.deleteSessions(userId: id) }
        return u
    }

    public func setPassword(userId: String, password: String, actor: Actor, now: Date = Date()) async throws {
        if let problem = Accounts.passwordProblem(password) { throw ConveneError.invalid("password", problem) }
        var u = try await user(id: userId)
        u.passwordHash = hashing.hashPassword(password)
        u.updatedAt = max(now.wholeMilliseconds, u.updatedAt.addingTimeInterval(0.001))
        try await store.updateUser(u, audit: AuditEntry(at: u.updatedAt, actor: actor, action: "reset-password", entityType: "user", entityId: u.id))
        try await store.deleteSessions(userId: u.id)
    }

    public static func passwordProblem(_ password: String) -> String? {
        if password.count < minimumPasswordLength { return "must be at least \(minimumPasswordLength) characters" }
        if password.utf8.count > 72 { return "must be at most 72 bytes (bcrypt reads no further)" }
        return nil
    }

    /// What the audit log keeps of a user: never the password hash.
    static func auditView(_ u: User) -> JSONValue {
        .object(["email": .string(u.email), "displayName": .string(u.displayName), "role": .string(u.role.rawValue), "isDisabled": .bool(u.isDisabled)])
    }

    // MARK: Sign-in

    /// Checks an email and password, counting failures per email and per client address.
    /// The same answer for an unknown email and a wrong password, so emails cannot be probed.
    public func signIn(email: String, password: String, clientAddress: String, now: Date = Date()) async throws -> User {
        let address = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let since = now.addingTimeInterval(-failureWindow)
        let emailKey = "signin:email:" + hashing.digest(address)
        let clientKey = "signin:client:" + clientAddress
        let emailFailures = try await store.attempts(key: emailKey, since: since)
        let clientFailures = try await store.attempts(key: clientKey, since: since)
        if emailFailures >= maxFailuresPerEmail || clientFailures >= maxFailuresPerAddress {
            throw ConveneError.rateLimited(retryAfter: Int(failureWindow))
        }
        let user = try await store.user(email: address)
        let ok: Bool
        if let user, !user.isDisabled {
            ok = hashing.verifyPassword(password, hash: user.passwordHash)
        } else {
            // Spend the same time on an unknown email as on a known one.
            _ = hashing.verifyPassword(password, hash: Accounts.decoyHash(hashing))
            ok = false
        }
        guard ok, let user else {
            _ = try await store.recordAttempt(key: emailKey, at: now, since: since)
            _ = try await store.recordAttempt(key: clientKey, at: now, since: since)
            try await store.appendAudit(AuditEntry(at: now, actor: Actor(userId: nil, label: "anonymous"), action: "sign-in-failed", entityType: "user", entityId: user?.id ?? "-"))
            throw ConveneError.unauthenticated("wrong email or password")
        }
        try await store.clearAttempts(key: emailKey)
        return user
    }

    // Safe: only read and written while holding decoyLock.
    nonisolated(unsafe) private static var decoy: String?
    private static let decoyLock = NSLock()
    static func decoyHash(_ hashing: any SecretHashing) -> String {
        decoyLock.lock(); defer { decoyLock.unlock() }
        if let decoy { return decoy }
        let h = hashing.hashPassword(Secret.make())
        decoy = h
        return h
    }

    /// Starts a browser session; returns the cookie value (kept only by the browser) and the session.
    public func startSession(for user: User, now: Date = Date()) async throws -> (cookie: String, session: Session) {
        let cookie = Secret.make()
        let at = now.wholeMilliseconds
        let session = Session(tokenHash: hashing.digest(cookie), userId: user.id, csrfToken: Secret.make(bytes: 24), createdAt: at, expiresAt: at.addingTimeInterval(sessionLifetime))
        try await store.insertSession(session)
        try await store.appendAudit(AuditEntry(at: at, actor: .user(user), action: "sign-in", entityType: "user", entityId: user.id))
        return (cookie, session)
    }

    /// The session and user a cookie value belongs to, if it is live.
    public func resolveSession(cookie: String, now: Date = Date()) async throws -> (Session, User)? {
        guard cookie.count >= 20, cookie.count <= 100 else { return nil }
        guard let session = try await store.session(tokenHash: hashing.digest(cookie)), session.expiresAt > now else { return nil }
        guard let user = try await store.user(id: session.userId), !user.isDisabled else { return nil }
        return (session, user)
    }

    public func endSession(cookie: String) async throws {
        try await store.deleteSession(tokenHash: hashing.digest(cookie))
    }

    // MARK: API tokens

    /// Makes a token; the secret is returned once and only its hash is stored.
    public func createToken(for user: User, name: String, actor: Actor, now: Date = Date()) async throws -> (secret: String, token: APIToken) {
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 100 else { throw ConveneError.invalid("name", "must be 1 to 100 characters") }
        let secret = Accounts.tokenPrefix + Secret.make()
        let at = now.wholeMilliseconds
        let token = APIToken(userId: user.id, name: label, prefix: String(secret.prefix(Accounts.tokenPrefix.count + 6)), tokenHash: hashing.digest(secret), createdAt: at)
        try await store.insertToken(token, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "token", entityId: token.id,
                                                             after: .object(["name": .string(label), "userId": .string(user.id), "prefix": .string(token.prefix)])))
        return (secret, token)
    }

    public func resolveToken(secret: String, now: Date = Date()) async throws -> (APIToken, User)? {
        guard secret.hasPrefix(Accounts.tokenPrefix), secret.count <= 100 else { return nil }
        guard let token = try await store.token(hash: hashing.digest(secret)), token.revokedAt == nil,
              let user = try await store.user(id: token.userId), !user.isDisabled else { return nil }
        // Note use at most once a minute, so reads do not turn into writes.
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            try await store.touchToken(id: token.id, at: now.wholeMilliseconds)
        }
        return (token, user)
    }

    /// The prefix of calendar feed keys: secrets that read one user's calendar feed and nothing
    /// else (the API refuses them as bearer tokens, which must start with `cvn_`).
    public static let feedKeyPrefix = "cvf_"

    /// Makes a key for a calendar subscription URL; listed and revoked like an API token.
    public func createFeedKey(for user: User, actor: Actor, now: Date = Date()) async throws -> (secret: String, token: APIToken) {
        let secret = Accounts.feedKeyPrefix + Secret.make()
        let at = now.wholeMilliseconds
        let token = APIToken(userId: user.id, name: "Calendar feed", prefix: String(secret.prefix(Accounts.feedKeyPrefix.count + 6)), tokenHash: hashing.digest(secret), createdAt: at)
        try await store.insertToken(token, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "token", entityId: token.id,
                                                             after: .object(["name": .string(token.name), "userId": .string(user.id), "prefix": .string(token.prefix)])))
        return (secret, token)
    }

    public func resolveFeedKey(secret: String) async throws -> User? {
        guard secret.hasPrefix(Accounts.feedKeyPrefix), secret.count <= 100 else { return nil }
        guard let token = try await store.token(hash: hashing.digest(secret)), token.revokedAt == nil,
              let user = try await store.user(id: token.userId), !user.isDisabled else { return nil }
        return user
    }

    public func revokeToken(id: String, by actor: User, now: Date = Date()) async throws -> APIToken {
        guard Identifier.isPlausible(id), var token = try await store.token(id: id) else { throw ConveneError.notFound(entity: "token", id: id) }
        guard token.userId == actor.id || actor.role == .admin else { throw ConveneError.notFound(entity: "token", id: id) }
        if token.revokedAt != nil { return token }
        token.revokedAt = now.wholeMilliseconds
        try await store.revokeToken(id: id, at: now.wholeMilliseconds, audit: AuditEntry(at: now.wholeMilliseconds, actor: .user(actor), action: "revoke", entityType: "token", entityId: id))
        return token
    }
}
