/// A problem with one field of an input, named as the API names it (`emails[1].value`).
public struct FieldError: Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(_ field: String, _ message: String) { self.field = field; self.message = message }
    public var description: String { "\(field): \(message)" }
}

/// The errors the domain throws. They carry no HTTP status: the server maps them.
public enum ConveneError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Something named by id does not exist.
    case notFound(entity: String, id: String)
    /// The input broke one or more rules; each error names its field.
    case invalid([FieldError])
    /// The change clashes with what is stored (a taken email, a stale version).
    case conflict(String)
    /// The actor may not do this.
    case forbidden(String)
    /// Wrong email or password, or no valid credentials.
    case unauthenticated(String)
    /// Too many attempts; try again after this many seconds.
    case rateLimited(retryAfter: Int)

    public var description: String {
        switch self {
        case .notFound(let entity, let id): "\(entity) \(id) was not found"
        case .invalid(let errors): errors.map(\.description).joined(separator: "; ")
        case .conflict(let message): message
        case .forbidden(let message): message
        case .unauthenticated(let message): message
        case .rateLimited(let seconds): "too many attempts; try again in \(seconds) seconds"
        }
    }

    public static func invalid(_ field: String, _ message: String) -> ConveneError {
        .invalid([FieldError(field, message)])
    }
}
