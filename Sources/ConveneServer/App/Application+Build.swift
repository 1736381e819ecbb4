import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Logging

/// Builds the whole server: used by `convene serve`, `convene demo` and the tests alike.
public func buildApplication(services: Services, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    let router = buildRouter(services: services)
    var logger = services.logger
    logger.logLevel = services.configuration.logLevel
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(services.configuration.host, port: services.configuration.port), serverName: "Convene"),
        onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? services.configuration.port) },
        logger: logger
    )
    app.addServices(JobRunner(services: services))
    if services.configuration.pollIntervalSeconds > 0 { app.addServices(FeedPoller(services: services)) }
    return app
}

/// The router with every route: system, JSON API, web interface.
public func buildRouter(services: Services) -> Router<ConveneContext> {
    let router = Router(context: ConveneContext.self)
    WebTime.district.zone = services.configuration.timeZone
    router.add(middleware: ConveneMiddleware(services: services))
    router.get("/healthz") { _, _ -> Response in
        do {
            try await services.store.ping()
            return try Reply.json(["status": "ok", "database": services.store.engineName])
        } catch {
            return Problem(status: .serviceUnavailable, detail: "the database does not answer").response()
        }
    }
    router.get("/metrics") { request, context -> Response in
        // Scrapers authenticate with an admin's API token (Prometheus: `authorization: {credentials: …}`).
        try Authorization.check(request: request, context: context, role: .admin, isAPI: true)
        let count = (try? await services.store.countStakeholders()) ?? -1
        let text = services.metrics.exposition(gauges: [("convene_stakeholders", "Stakeholders in the registry.", Double(count))])
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
    // A calendar subscription: calendar apps fetch it with no cookie or header, so the key in
    // the path (stored hashed, revocable on the tokens page) is the credential.
    router.get("/feeds/calendar/:file") { request, context -> Response in
        let file = context.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics"), let user = try await services.accounts.resolveFeedKey(secret: String(file.dropLast(4))) else {
            throw ConveneError.notFound(entity: "calendar feed", id: "")
        }
        // The key's owner must still be able to read events.
        guard user.role >= .viewer else { throw ConveneError.notFound(entity: "calendar feed", id: "") }
        let events = try await services.engagement.events(EventQuery(from: Date().addingTimeInterval(-90 * 86_400), limit: 1000))
        let text = try await CalendarExport.calendar(events, name: "Convene events", store: services.store, base: CalendarExport.base(services: services, request: request))
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
    APIController(services: services).register(on: router)
    WebController(services: services).register(on: router)
    return router
}
