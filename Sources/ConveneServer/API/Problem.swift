import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An RFC 9457 problem document, and the error that carries one out of a handler.
public struct Problem: Error, Sendable, Encodable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var errors: [FieldError]?
    /// Seconds to wait before retrying, for 429 answers.
    public var retryAfter: Int?

    enum CodingKeys: String, CodingKey { case type, title, status, detail, errors }

    public init(status: HTTPResponse.Status, detail: String, errors: [FieldError]? = nil, retryAfter: Int? = nil) {
        self.type = "about:blank"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
        self.retryAfter = retryAfter
    }

    public static func badRequest(_ detail: String) -> Problem { Problem(status: .badRequest, detail: detail) }

    /// The problem a domain error (or anything else thrown) becomes. Unknown errors become a
    /// 500 that shows nothing of what went wrong inside.
    public static func from(_ error: any Error) -> Problem {
        switch error {
        case let p as Problem: return p
        case let e as ConveneError:
            switch e {
            case .notFound: return Problem(status: .notFound, detail: e.description)
            case .invalid(let errors): return Problem(status: .unprocessableContent, detail: "the request has \(errors.count == 1 ? "an invalid field" : "\(errors.count) invalid fields")", errors: errors)
            case .conflict(let m): return Problem(status: .conflict, detail: m)
            case .forbidden(let m): return Problem(status: .forbidden, detail: m)
            case .unauthenticated(let m): return Problem(status: .unauthorized, detail: m)
            case .rateLimited(let s): return Problem(status: .tooManyRequests, detail: e.description, retryAfter: s)
            }
        case let e as HTTPError:
            return Problem(status: e.status, detail: e.body ?? e.status.reasonPhrase.lowercased())
        case let e as any HTTPResponseError where e.status.code < 500:
            return Problem(status: e.status, detail: e.status.reasonPhrase.lowercased())
        default:
            return Problem(status: .internalServerError, detail: "something went wrong on the server; it has been logged")
        }
    }

    public func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"convene\"" }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
