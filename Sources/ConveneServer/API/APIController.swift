import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The JSON API: every endpoint in one list, registered on the router with its role check.
public struct APIController: Sendable {
    let services: Services

    public init(services: Services) { self.services = services }

    /// Every endpoint under `/api/v1`.
    public var endpoints: [Endpoint] {
        stakeholderEndpoints + relationshipEndpoints + groupEndpoints + accountEndpoints + interactionEndpoints + followUpEndpoints
            + eventEndpoints + importEndpoints + radarEndpoints + consultationEndpoints + participationEndpoints + collaborationEndpoints + [openAPIEndpoint]
    }

    var openAPIEndpoint: Endpoint {
        Endpoint(method: .get, path: "/api/v1/openapi.json", role: nil, operationId: "getOpenAPI",
                 summary: "This API's OpenAPI 3.1 description", tag: "system", responseSchema: nil) { _, _ in
            let doc = OpenAPIDocument.make(endpoints: APIController(services: services).endpoints)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: doc.encodedString())))
        }
    }

    func register(on router: Router<ConveneContext>) {
        for endpoint in endpoints {
            let role = endpoint.role, handler = endpoint.handler
            router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context -> Response in
                try Authorization.check(request: request, context: context, role: role, isAPI: true)
                return try await handler(request, context)
            }
        }
    }
}

/// The role and CSRF checks every route makes before its handler runs.
enum Authorization {
    static func check(request: Request, context: ConveneContext, role: Role?, isAPI: Bool) throws {
        guard let role else { return }
        guard let identity = context.identity else { throw ConveneError.unauthenticated("sign in, or send an API token as Authorization: Bearer") }
        guard identity.user.role >= role else {
            throw ConveneError.forbidden("this needs the \(role.rawValue) role; you are \(identity.user.role.rawValue)")
        }
        // A browser session changing data through the API must carry its CSRF token; a
        // bearer token cannot be sent by another site, so it needs none.
        if isAPI, let session = identity.session, ![.get, .head, .options].contains(request.method) {
            guard let sent = request.headers.first(where: { $0.name.canonicalName == "x-csrf-token" })?.value, constantTimeEqual(sent, session.csrfToken) else {
                throw ConveneError.forbidden("send the X-CSRF-Token header with a session cookie")
            }
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
