import Foundation

/// The kinds of record that working with others and closing the loop keep (F3, F6): each is a
/// JSON document in one table, found by kind, by slug, and by what it links to.
public enum WorkKind: String, Sendable, Codable, CaseIterable {
    case workingGroup = "working-group"
    case partnership, position, bill, campaign, resource, initiative, decision

    /// The name in messages: "working group".
    public var label: String {
        switch self {
        case .workingGroup: "working group"
        case .position: "policy position"
        default: rawValue
        }
    }

    /// The API collection and web path: `working-groups`, `partnerships`…
    public var collection: String {
        switch self {
        case .workingGroup: "working-groups"
        default: rawValue + "s"
        }
    }
}

/// What a link or a piece of evidence may point at: the records of this family, and the
/// stakeholders, groups, events, interactions, consultations, statements and radar items and
/// issues of the other capabilities.
public enum LinkKind: String, Sendable, Codable, CaseIterable {
    case stakeholder, user, group, event, interaction, consultation, statement, item, issue
    case workingGroup = "working-group"
    case partnership, position, bill, campaign, resource, initiative, decision

    public var workKind: WorkKind? { WorkKind(rawValue: rawValue) }
}

/// One record pointing at another thing, as `{"kind", "id"}`.
public struct WorkLink: Sendable, Hashable, Codable {
    public var kind: String
    public var id: String
    public init(_ kind: LinkKind, _ id: String) { self.kind = kind.rawValue; self.id = id }
    public init(kind: String, id: String) { self.kind = kind; self.id = id }
}

/// A record of this family. Every one is stored as JSON with its links indexed, changed by a
/// JSON merge patch (`PATCH` sends only what changes; `null` clears), validated, and audited.
public protocol WorkRecord: Sendable, Equatable, Codable {
    static var kind: WorkKind { get }
    /// The fields a request may set; anything else is refused by name.
    static var writable: Set<String> { get }
    /// For enumerated fields (by dotted path without indices: `agreements.kind`), the values allowed, for messages.
    static var choices: [String: [String]] { get }
    /// A new, empty record before the request's fields are applied.
    static func blank(id: String, at: Date) -> Self

    var id: String { get set }
    var createdAt: Date { get set }
    var updatedAt: Date { get set }
    /// A public address, for the records that have one.
    var publicSlug: String? { get }
    /// The name lists show.
    var label: String { get }
    /// The words `q` searches.
    var searchText: String { get }
    /// Everything this record points at, checked to exist on every write.
    var links: [(field: String, link: WorkLink)] { get }
    /// Trims text, gives list entries ids: what every write does before checking.
    mutating func tidy(now: Date)
    /// The rules that need nothing but the record.
    func problems() -> [FieldError]
    /// Takes out every mention of a stakeholder being erased; says whether there was one.
    mutating func forget(stakeholderId: String) -> Bool
}

extension WorkRecord {
    public var publicSlug: String? { nil }
    public mutating func forget(stakeholderId: String) -> Bool { false }
}

/// Small checks every record kind shares.
enum WorkCheck {
    static func required(_ value: String, _ field: String, max: Int, into errors: inout [FieldError]) {
        if value.isEmpty { errors.append(FieldError(field, "is required")) }
        else if value.count > max { errors.append(FieldError(field, "must be at most \(max) characters")) }
    }

    static func optional(_ value: String?, _ field: String, max: Int, into errors: inout [FieldError]) {
        if let value, value.count > max { errors.append(FieldError(field, "must be at most \(max) characters")) }
    }

    static func list(_ values: [String], _ field: String, maxItems: Int, maxLength: Int, into errors: inout [FieldError]) {
        if values.count > maxItems { errors.append(FieldError(field, "must have at most \(maxItems) entries")) }
        for (n, v) in values.enumerated() where v.isEmpty || v.count > maxLength {
            errors.append(FieldError("\(field)[\(n)]", v.isEmpty ? "must not be empty" : "must be at most \(maxLength) characters"))
        }
    }

    static func url(_ value: String?, _ field: String, into errors: inout [FieldError]) {
        guard let value else { return }
        guard value.count <= 2000, let u = URL(string: value), let scheme = u.scheme?.lowercased(), ["http", "https"].contains(scheme), u.host?.isEmpty == false else {
            errors.append(FieldError(field, "must be a web address starting with http:// or https://"))
            return
        }
    }

    static func order(_ from: CalendarDate?, _ to: CalendarDate?, _ toField: String, after fromField: String, into errors: inout [FieldError]) {
        if let from, let to, to < from { errors.append(FieldError(toField, "(\(to)) is before \(fromField) (\(from))")) }
    }

    static func ids(_ ids: [String], _ kind: LinkKind, _ field: String) -> [(field: String, link: WorkLink)] {
        ids.enumerated().map { ("\(field)[\($0.offset)]", WorkLink(kind, $0.element)) }
    }

    static func tidyList(_ list: [String]) -> [String] { Text.dedupe(list.map(Text.trimmed).filter { !$0.isEmpty }) }

    static func slugProblems(_ slug: String, into errors: inout [FieldError]) {
        if slug.isEmpty || slug.count > 60 || !slug.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) || slug.hasPrefix("-") {
            errors.append(FieldError("slug", "must be 1 to 60 lower-case letters, digits and hyphens, such as start-times-2027"))
        }
    }
}

/// JSON as the API writes it (RFC 3339 times) for records of this family, and back.
public enum WorkCoding {
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "must be a time such as 2026-03-01T17:30:00Z")
            }
            return date
        }
        return d
    }()

    /// Decodes a record from API JSON, naming the field of the first problem.
    static func decode<R: WorkRecord>(_ type: R.Type, from value: JSONValue) throws -> R {
        let data = try JSONEncoder().encode(value)
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw ConveneError.invalid([problem(error, choices: R.choices)])
        }
    }

    static func problem(_ error: DecodingError, choices: [String: [String]]) -> FieldError {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for k in keys {
                if let n = k.intValue { out += "[\(n)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
            }
            return out.isEmpty ? "body" : out
        }
        func allowed(_ keys: [any CodingKey]) -> String? {
            let key = keys.filter { $0.intValue == nil }.map(\.stringValue).joined(separator: ".")
            guard let values = choices[key] else { return nil }
            return "must be one of: " + values.joined(separator: ", ")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldError(path(context.codingPath + [key]), "is required")
        case .valueNotFound(_, let context):
            return FieldError(path(context.codingPath), "is required and may not be null")
        case .typeMismatch(let type, let context):
            let words: String
            switch type {
            case is String.Type, is CalendarDate.Type: words = "must be text"
            case is Int.Type: words = "must be a whole number"
            case is Bool.Type: words = "must be true or false"
            case is Double.Type: words = "must be a number"
            default: words = type == [Any].self || "\(type)".hasPrefix("Array") ? "must be a list" : "must be an object"
            }
            return FieldError(path(context.codingPath), allowed(context.codingPath) ?? words)
        case .dataCorrupted(let context):
            if let a = allowed(context.codingPath) { return FieldError(path(context.codingPath), a) }
            let d = context.debugDescription
            return FieldError(path(context.codingPath), d.hasPrefix("not a YYYY") ? "must be a date such as 2027-01-15" : d.hasPrefix("must") ? d : "is not valid")
        @unknown default:
            return FieldError("body", "is not valid")
        }
    }
}
