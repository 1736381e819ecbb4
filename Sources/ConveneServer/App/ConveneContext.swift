import ConveneCore
import HTTPTypes
import Hummingbird
import NIOCore
import Logging
import NIOCore

/// Who is making a request, and how they proved it.
public struct Identity: Sendable {
    public enum Credential: Sendable { case session(Session, cookie: String), token(APIToken) }
    public var user: User
    public var credential: Credential

    public var session: Session? {
        if case .session(let s, _) = credential { return s }
        return nil
    }
}

/// The per-request context: Hummingbird's core storage, the caller's identity, their address.
public struct ConveneContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    public var maxUploadSize: Int { ServerConfiguration.maxBodyBytes }

    /// The signed-in user, or a 401.
    public func requireUser() throws -> User {
        guard let identity else { throw ConveneError.unauthenticated("sign in first") }
        return identity.user
    }

    public var actor: Actor { identity.map { .user($0.user) } ?? Actor(userId: nil, label: "anonymous") }
}
