import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// One JSON API operation: where it lives, who may call it, how OpenAPI describes it, and
/// its handler. The router, the OpenAPI document and the authorization tests all read the
/// same list, so none can drift from the others.
public struct Endpoint: Sendable {
    public struct QueryParameter: Sendable {
        public var name: String
        public var description: String
        public var schema: JSONValue
    }

    public var method: HTTPRequest.Method
    /// The path as OpenAPI writes it: `/api/v1/stakeholders/{id}`.
    public var path: String
    /// The least role that may call it; nil for public endpoints.
    public var role: Role?
    public var operationId: String
    public var summary: String
    public var tag: String
    public var query: [QueryParameter] = []
    public var requestSchema: String?
    /// The schema of a success body; nil when the answer has none (204).
    public var responseSchema: String?
    public var status: Int = 200
    /// The media type of a success body that is not JSON (`text/calendar`).
    public var contentType: String? = nil
    /// The media type of a request body that is not JSON (an uploaded file).
    public var bodyContentType: String? = nil
    public var handler: @Sendable (Request, ConveneContext) async throws -> Response

    /// The path with Hummingbird's `:name` parameters.
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }.joined(separator: "/")
    }

}

extension Endpoint.QueryParameter {
    static func q(_ name: String, _ description: String, _ schema: JSONValue = ["type": "string"]) -> Self {
        Self(name: name, description: description, schema: schema)
    }
}

/// Building JSON answers.
enum Reply {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var h = headers
        h[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func created(_ value: some Encodable, location: String) throws -> Response {
        try json(value, status: .created, headers: [.location: location])
    }

    static func noContent() -> Response { Response(status: .noContent) }
}

/// Opaque list cursors: the offset of the next page, so clients never build one by hand.
enum Cursor {
    static func encode(_ offset: Int) -> String { Data("o\(offset)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "") }

    static func decode(_ text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 0 }
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard text.count < 40, let data = Data(base64Encoded: padded), let s = String(data: data, encoding: .utf8), s.hasPrefix("o"),
              let n = Int(s.dropFirst()), n >= 0 else {
            throw ConveneError.invalid("cursor", "is not a cursor this server gave out")
        }
        return n
    }

    static func next(offset: Int, count: Int, total: Int) -> String? { offset + count < total ? encode(offset + count) : nil }
}

extension Request {
    /// The `limit` query parameter, 1 to 500, default 50.
    func limit(default value: Int = 50) throws -> Int {
        guard let text = uri.queryParameters.get("limit") else { return value }
        guard let n = Int(text), (1...500).contains(n) else { throw ConveneError.invalid("limit", "must be a whole number from 1 to 500") }
        return n
    }

    /// Every value of a query parameter, comma-separated values split.
    func queryList(_ name: String) -> [String] {
        uri.queryParameters.getAll(name).flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    func pathID(_ context: ConveneContext, _ name: String = "id") -> String { context.parameters.get(name) ?? "" }
}
