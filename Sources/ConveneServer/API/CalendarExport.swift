import ConveneCore
import ConveneFormats
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Events as iCalendar files. What goes out: title, times in the event's zone, place or link,
/// description, topics as categories, the organizing organization's name, and a URL back to
/// the event's page. Invitees stay out: calendar files travel to outside services (Google,
/// Outlook, Apple), and who was invited is personal data.
enum CalendarExport {
    static func iCalendarEvent(_ e: Event, organizer: String?, base: String) -> ICalendarEvent {
        var description = e.description ?? ""
        if let link = e.onlineURL { description += (description.isEmpty ? "" : "\n\n") + "Join online: \(link)" }
        return ICalendarEvent(uid: "\(e.id)@convene", summary: e.title, start: e.startsAt, end: e.endsAt, timeZone: e.timeZone,
                              location: e.location ?? e.onlineURL, description: description.isEmpty ? nil : description,
                              url: base + "/events/\(e.id)", organizerName: organizer, categories: [e.kind.label] + e.topics,
                              status: e.isCancelled ? "CANCELLED" : "CONFIRMED", created: e.createdAt, lastModified: e.updatedAt,
                              sequence: max(0, Int((e.updatedAt.timeIntervalSince1970 - e.createdAt.timeIntervalSince1970) / 60)))
    }

    static func calendar(_ events: [Event], name: String, store: any ConveneStore, base: String, now: Date = Date()) async throws -> String {
        let organizerIds = Array(Set(events.compactMap(\.organizerId)))
        var names: [String: String] = [:]
        for s in try await store.stakeholders(ids: organizerIds) { names[s.id] = s.displayName }
        let items = events.map { iCalendarEvent($0, organizer: $0.organizerId.flatMap { names[$0] }, base: base) }
        return ICalendarWriter.calendar(items, name: name, stamp: now)
    }

    /// The server's address as users reach it: the configured public URL, else the request's host.
    static func base(services: Services, request: Request) -> String {
        if let configured = services.configuration.publicURL, !configured.isEmpty {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        let host = request.head.authority.flatMap { h in h.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } ? h : nil } ?? "localhost"
        return (services.configuration.secureCookies ? "https://" : "http://") + host
    }

    static func absolute(_ path: String, services: Services, request: Request) -> String { base(services: services, request: request) + path }

    static func response(_ events: [Event], name: String, services: Services, request: Request, filename: String) async throws -> Response {
        let text = try await calendar(events, name: name, store: services.store, base: base(services: services, request: request))
        return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(filename)\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
