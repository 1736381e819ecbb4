import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Cookies, redirects and CSRF for the web interface.
enum WebSession {
    static let cookieName = "convene_session"
    /// Before sign-in there is no session: the sign-in form uses a double-submit cookie.
    static let preSessionCookie = "convene_csrf"

    static func redirect(to location: String, cookies: [Cookie] = []) -> Response {
        var r = Response(status: .seeOther, headers: [.location: location])
        for c in cookies { r.setCookie(c) }
        return r
    }

    static func sessionCookie(_ value: String, secure: Bool, maxAge: Int) -> Cookie {
        Cookie(name: cookieName, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func clearedCookie(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "gone", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Only same-site paths may be a `next` target, so sign-in cannot redirect elsewhere.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count < 2000 else { return "/" }
        return next
    }

    /// Checks a form's `_csrf` field against the session's token.
    static func checkCSRF(_ form: FormData, context: ConveneContext) throws {
        guard let session = context.identity?.session, let sent = form.first("_csrf"),
              Authorization.constantTimeEqual(sent, session.csrfToken) else {
            throw ConveneError.forbidden("the form has expired or did not come from Convene; reload the page and try again")
        }
    }
}

/// A submitted `application/x-www-form-urlencoded` form.
struct FormData: Sendable {
    var fields: [(String, String)]

    static func read(_ request: Request) async throws -> FormData {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: ServerConfiguration.maxBodyBytes) } catch {
            throw Problem(status: .contentTooLarge, detail: "the form is larger than \(ServerConfiguration.maxBodyBytes) bytes")
        }
        return FormData(encoded: String(buffer: buffer))
    }

    init(encoded: String) {
        fields = encoded.split(separator: "&").prefix(2000).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            guard let key = parts.first else { return nil }
            return (decode(key), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    func first(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }
    func has(_ name: String) -> Bool { fields.contains { $0.0 == name } }
}
