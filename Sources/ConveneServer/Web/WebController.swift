import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// One web interface route: where, who may use it, and its handler.
public struct WebRoute: Sendable {
    public var method: HTTPRequest.Method
    public var path: String
    /// The least role that may use it; nil for pages anyone may see (sign-in).
    public var role: Role?
    public var handler: @Sendable (Request, ConveneContext) async throws -> Response
}

/// The server-rendered web interface.
public struct WebController: Sendable {
    let services: Services

    public init(services: Services) { self.services = services }

    public var routes: [WebRoute] {
        signInRoutes + stakeholderRoutes + stakeholderDetailRoutes + groupRoutes + duplicateRoutes + adminRoutes
            + dashboardRoutes + interactionRoutes + followUpRoutes + eventRoutes + coverageRoutes + insightRoutes + importRoutes
            + radarRoutes + radarIssueRoutes + radarSourceRoutes + briefingRoutes + publicConsultationRoutes + consultationRoutes
            + publicInitiativeRoutes + collaborationRoutes
    }

    func register(on router: Router<ConveneContext>) {
        for route in routes {
            let role = route.role, handler = route.handler
            router.on(RouterPath(route.path), method: route.method) { request, context -> Response in
                try Authorization.check(request: request, context: context, role: role, isAPI: false)
                return try await handler(request, context)
            }
        }
    }

    /// Reads a POSTed form and checks its CSRF token.
    static func form(_ request: Request, _ context: ConveneContext) async throws -> FormData {
        let form = try await FormData.read(request)
        try WebSession.checkCSRF(form, context: context)
        return form
    }
}

extension ConveneContext {
    var csrf: String? { identity?.session?.csrfToken }
}
