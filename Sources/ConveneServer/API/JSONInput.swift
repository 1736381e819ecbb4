import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reads a JSON request body field by field, collecting an error for each wrong field, so a
/// client hears about every problem at once, and unknown fields are refused, not ignored.
struct JSONInput {
    let object: [String: JSONValue]
    private var seen: Set<String> = []
    var errors: [FieldError] = []
    let prefix: String

    init(_ object: [String: JSONValue], prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    /// Reads the body of a request as a JSON object: 415 for another media type, 413 past
    /// the size limit, 400 for bytes that are not a JSON object.
    static func read(_ request: Request, context: ConveneContext) async throws -> JSONInput {
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw Problem(status: .unsupportedMediaType, detail: "send the body as application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: ServerConfiguration.maxBodyBytes)
        } catch {
            throw Problem(status: .contentTooLarge, detail: "the body is larger than \(ServerConfiguration.maxBodyBytes) bytes")
        }
        let data = Data(buffer.readableBytesView)
        guard let value = JSONValue.parse(data) else {
            throw Problem.badRequest(data.isEmpty ? "the body is empty; send a JSON object" : "the body is not valid JSON")
        }
        guard case .object(let members) = value else {
            throw Problem.badRequest("the body must be a JSON object, not \(value.typeName == "array" ? "an" : "a") \(value.typeName)")
        }
        return JSONInput(members)
    }

    func name(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    mutating func fail(_ key: String, _ message: String) { errors.append(FieldError(name(key), message)) }

    /// The raw value of a field: nil when absent.
    mutating func raw(_ key: String) -> JSONValue? {
        seen.insert(key)
        return object[key]
    }

    /// A field that may be absent (nil), null (`.some(nil)`) or a string.
    mutating func optionalString(_ key: String, max: Int = 10_000) -> String?? {
        guard let v = raw(key) else { return nil }
        switch v {
        case .null: return .some(nil)
        case .string(let s):
            if s.count > max { fail(key, "must be at most \(max) characters"); return nil }
            return .some(s)
        default: fail(key, "must be a string or null, not \(v.typeName)"); return nil
        }
    }

    /// A field that, when present, must be a string.
    mutating func string(_ key: String, max: Int = 10_000) -> String? {
        guard let v = raw(key) else { return nil }
        guard case .string(let s) = v else { fail(key, "must be a string, not \(v.typeName)"); return nil }
        if s.count > max { fail(key, "must be at most \(max) characters"); return nil }
        return s
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let v = raw(key) else { return nil }
        guard case .bool(let b) = v else { fail(key, "must be true or false, not \(v.typeName)"); return nil }
        return b
    }

    /// A whole number, or null (`.some(nil)`).
    mutating func optionalInt(_ key: String) -> Int?? {
        guard let v = raw(key) else { return nil }
        switch v {
        case .null: return .some(nil)
        case .number(let n) where n.rounded() == n && abs(n) < 1e9: return .some(Int(n))
        default: fail(key, "must be a whole number or null, not \(v.typeName == "number" ? "a fraction" : v.typeName)"); return nil
        }
    }

    /// A value from a fixed set, named as in the API.
    mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let s = string(key) else { return nil }
        guard let e = E(rawValue: s) else { fail(key, "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))"); return nil }
        return e
    }

    mutating func optionalEnumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E?? where E.RawValue == String {
        guard let v = raw(key) else { return nil }
        if v == .null { return .some(nil) }
        seen.remove(key)
        return enumeration(key, type).map { .some($0) }
    }

    mutating func optionalDate(_ key: String) -> CalendarDate?? {
        guard let v = raw(key) else { return nil }
        switch v {
        case .null: return .some(nil)
        case .string(let s):
            guard let d = CalendarDate(s) else { fail(key, "\"\(s.prefix(40))\" is not a date (use YYYY-MM-DD)"); return nil }
            return .some(d)
        default: fail(key, "must be a date string (YYYY-MM-DD) or null, not \(v.typeName)"); return nil
        }
    }

    mutating func strings(_ key: String, maxItems: Int = 200) -> [String]? {
        guard let v = raw(key) else { return nil }
        guard case .array(let items) = v else { fail(key, "must be an array of strings, not \(v.typeName)"); return nil }
        if items.count > maxItems { fail(key, "at most \(maxItems) entries"); return nil }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else { errors.append(FieldError("\(name(key))[\(i)]", "must be a string, not \(item.typeName)")); continue }
            if s.count > 1000 { errors.append(FieldError("\(name(key))[\(i)]", "must be at most 1000 characters")); continue }
            out.append(s)
        }
        return out
    }

    /// An array of objects, each read by `read` with a nested input named `key[i]`.
    mutating func objects<T>(_ key: String, maxItems: Int = 50, _ read: (inout JSONInput) -> T?) -> [T]? {
        guard let v = raw(key) else { return nil }
        guard case .array(let items) = v else { fail(key, "must be an array of objects, not \(v.typeName)"); return nil }
        if items.count > maxItems { fail(key, "at most \(maxItems) entries"); return nil }
        var out: [T] = []
        for (i, item) in items.enumerated() {
            guard case .object(let members) = item else { errors.append(FieldError("\(name(key))[\(i)]", "must be an object, not \(item.typeName)")); continue }
            var nested = JSONInput(members, prefix: "\(name(key))[\(i)]")
            let value = read(&nested)
            nested.rejectUnknown()
            errors += nested.errors
            if let value { out.append(value) }
        }
        return out
    }

    mutating func object<T>(_ key: String, _ read: (inout JSONInput) -> T?) -> T? {
        guard let v = raw(key) else { return nil }
        guard case .object(let members) = v else { fail(key, "must be an object, not \(v.typeName)"); return nil }
        var nested = JSONInput(members, prefix: name(key))
        let value = read(&nested)
        nested.rejectUnknown()
        errors += nested.errors
        return value
    }

    /// Adds an error for every field that no reader asked for.
    mutating func rejectUnknown() {
        for key in object.keys.sorted() where !seen.contains(key) {
            errors.append(FieldError(name(key), "is not a known field"))
        }
    }

    /// Throws the collected errors (422), if any.
    mutating func finish() throws {
        rejectUnknown()
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
    }
}
