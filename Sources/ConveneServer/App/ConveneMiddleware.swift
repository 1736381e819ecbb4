import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Logging

/// Runs around every request: finds who is calling, turns every error into a clear answer
/// (problem+json for the API, a page for the web), adds security headers, counts, and logs
/// one line per request with no personal data (no query strings, no bodies, no emails).
struct ConveneMiddleware: RouterMiddleware {
    typealias Context = ConveneContext
    let services: Services

    func handle(_ request: Request, context: ConveneContext, next: (Request, ConveneContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var context = context
        let isAPI = request.uri.path.hasPrefix("/api/")
        var response: Response
        do {
            context.identity = try await identify(request, isAPI: isAPI)
            response = try await next(request, context)
        } catch {
            response = errorResponse(error, request: request, context: context, isAPI: isAPI)
        }
        addSecurityHeaders(&response, isAPI: isAPI)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        services.metrics.record(method: request.method.rawValue, status: response.status.code, seconds: seconds)
        if request.uri.path != "/healthz" && request.uri.path != "/metrics" {
            services.logger.info("request", metadata: [
                "method": .string(request.method.rawValue), "path": .string(Self.loggablePath(request.uri.path)),
                "status": .stringConvertible(response.status.code), "ms": .string(String(format: "%.1f", seconds * 1000)),
            ])
        }
        return response
    }

    /// The path as logged: ids and fixed words only; anything else is replaced.
    static func loggablePath(_ path: String) -> String {
        String(path.prefix(200)).split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") } ? String(part) : "*"
        }.joined(separator: "/")
    }

    func identify(_ request: Request, isAPI: Bool) async throws -> Identity? {
        if let auth = request.headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let (token, user) = try await services.accounts.resolveToken(secret: String(parts[1])) else {
                throw ConveneError.unauthenticated("the API token is not valid, or was revoked")
            }
            return Identity(user: user, credential: .token(token))
        }
        if let cookie = request.cookies[WebSession.cookieName]?.value,
           let (session, user) = try await services.accounts.resolveSession(cookie: cookie) {
            return Identity(user: user, credential: .session(session, cookie: cookie))
        }
        return nil
    }

    func errorResponse(_ error: any Error, request: Request, context: ConveneContext, isAPI: Bool) -> Response {
        let problem = Problem.from(error)
        if problem.status >= 500 {
            services.logger.error("request failed", metadata: ["path": .string(Self.loggablePath(request.uri.path)), "error": .string(String(describing: type(of: error)))])
        }
        if isAPI || request.uri.path == "/healthz" || request.uri.path == "/metrics" { return problem.response() }
        if problem.status == 401, request.method == .get {
            let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return WebSession.redirect(to: "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        return WebPages.errorPage(problem, user: context.identity?.user, csrf: context.csrf)
    }

    func addSecurityHeaders(_ response: inout Response, isAPI: Bool) {
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name.referrerPolicy] = "same-origin"
        if !isAPI {
            response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            response.headers[HTTPField.Name("X-Frame-Options") ?? .cacheControl] = "DENY"
        }
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    }
}

extension HTTPField.Name {
    static var referrerPolicy: Self { .init("Referrer-Policy") ?? .cacheControl }
}
