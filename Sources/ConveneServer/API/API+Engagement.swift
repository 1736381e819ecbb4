import ConveneAnalysis
import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension JSONInput {
    /// An instant (RFC 3339 with a zone offset or Z).
    mutating func instant(_ key: String) -> Date? {
        guard let s = string(key, max: 100) else { return nil }
        guard let d = Timestamp.parse(s) else { fail(key, "\"\(s.prefix(40))\" is not a date and time (use RFC 3339, such as 2026-12-03T18:00:00-06:00)"); return nil }
        return d
    }

    mutating func calendarDate(_ key: String) -> CalendarDate? {
        guard let s = string(key, max: 20) else { return nil }
        guard let d = CalendarDate(s) else { fail(key, "\"\(s.prefix(40))\" is not a date (use YYYY-MM-DD)"); return nil }
        return d
    }

    mutating func interactionPatch() -> InteractionPatch {
        var p = InteractionPatch()
        p.kind = enumeration("kind", InteractionKind.self)
        p.occurredAt = instant("occurredAt")
        p.direction = enumeration("direction", InteractionDirection.self)
        p.subject = string("subject", max: 300)
        p.notes = optionalString("notes", max: 20_000)
        p.topics = strings("topics", maxItems: 50)
        p.stakeholderIds = strings("stakeholderIds", maxItems: 1000)
        p.userIds = strings("userIds", maxItems: 100)
        p.eventId = optionalString("eventId", max: 100)
        for key in ["id", "createdAt", "updatedAt", "createdBy", "isHeard"] { _ = raw(key) }
        return p
    }

    mutating func followUpPatch() -> FollowUpPatch {
        var p = FollowUpPatch()
        p.title = string("title", max: 300)
        p.ownerId = string("ownerId", max: 100)
        p.dueOn = calendarDate("dueOn")
        p.status = enumeration("status", FollowUpStatus.self)
        p.stakeholderIds = strings("stakeholderIds", maxItems: 1000)
        p.interactionId = optionalString("interactionId", max: 100)
        p.notes = optionalString("notes", max: 20_000)
        for key in ["id", "createdAt", "updatedAt", "completedAt", "isOverdue"] { _ = raw(key) }
        return p
    }

    mutating func eventPatch() -> EventPatch {
        var p = EventPatch()
        p.kind = enumeration("kind", EventKind.self)
        p.title = string("title", max: 300)
        p.startsAt = instant("startsAt")
        p.endsAt = instant("endsAt")
        p.timeZone = string("timeZone", max: 100)
        p.location = optionalString("location", max: 500)
        p.onlineURL = optionalString("onlineURL", max: 2000)
        p.organizerId = optionalString("organizerId", max: 100)
        p.description = optionalString("description", max: 20_000)
        p.topics = strings("topics", maxItems: 50)
        p.notes = optionalString("notes", max: 20_000)
        p.isCancelled = bool("isCancelled")
        p.invitees = objects("invitees", maxItems: 5000) { input in
            let id = input.string("stakeholderId", max: 100)
            if id == nil && !input.errors.contains(where: { $0.field.hasSuffix("stakeholderId") }) { input.fail("stakeholderId", "is required") }
            let rsvp = input.enumeration("rsvp", RSVP.self)
            var attended: Bool?
            if let v = input.raw("attended") {
                switch v {
                case .null: attended = nil
                case .bool(let b): attended = b
                default: input.fail("attended", "must be true, false or null, not \(v.typeName)")
                }
            }
            return id.map { Invitee(stakeholderId: $0, rsvp: rsvp ?? .invited, attended: attended) }
        }
        for key in ["id", "createdAt", "updatedAt", "calendarURL", "externalId"] { _ = raw(key) }
        return p
    }

    mutating func coverageTargetPatch() -> CoverageTargetPatch {
        var p = CoverageTargetPatch()
        p.stakeholderType = optionalString("stakeholderType", max: 100)
        p.area = optionalString("area", max: 200)
        p.language = optionalString("language", max: 35)
        if let v = optionalInt("heardPercent") {
            if let n = v { p.heardPercent = n } else { fail("heardPercent", "must be a whole number from 0 to 100") }
        }
        for key in ["id", "createdAt", "updatedAt", "label"] { _ = raw(key) }
        return p
    }
}

struct InteractionBody: Encodable {
    var id: String, kind: String, occurredAt: String, direction: String, subject: String, notes: String?, topics: [String]
    var stakeholderIds: [String], userIds: [String], eventId: String?, createdBy: String?, isHeard: Bool, createdAt: String, updatedAt: String
    init(_ i: Interaction) {
        id = i.id; kind = i.kind.rawValue; occurredAt = Timestamp.format(i.occurredAt); direction = i.direction.rawValue; subject = i.subject
        notes = i.notes; topics = i.topics; stakeholderIds = i.stakeholderIds; userIds = i.userIds; eventId = i.eventId; createdBy = i.createdBy
        isHeard = i.isHeard; createdAt = Timestamp.format(i.createdAt); updatedAt = Timestamp.format(i.updatedAt)
    }
}

struct FollowUpBody: Encodable {
    var id: String, title: String, ownerId: String, dueOn: String, status: String, stakeholderIds: [String], interactionId: String?
    var notes: String?, completedAt: String?, isOverdue: Bool, createdAt: String, updatedAt: String
    init(_ f: FollowUp, today: CalendarDate) {
        id = f.id; title = f.title; ownerId = f.ownerId; dueOn = f.dueOn.description; status = f.status.rawValue; stakeholderIds = f.stakeholderIds
        interactionId = f.interactionId; notes = f.notes; completedAt = f.completedAt.map(Timestamp.format); isOverdue = f.isOverdue(today: today)
        createdAt = Timestamp.format(f.createdAt); updatedAt = Timestamp.format(f.updatedAt)
    }
}

struct InviteeBody: Encodable {
    var stakeholderId: String, rsvp: String, attended: Bool?
    enum CodingKeys: String, CodingKey { case stakeholderId, rsvp, attended }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(stakeholderId, forKey: .stakeholderId); try c.encode(rsvp, forKey: .rsvp); try c.encode(attended, forKey: .attended)
    }
}

struct EventBody: Encodable {
    var id: String, kind: String, title: String, startsAt: String, endsAt: String, timeZone: String, location: String?, onlineURL: String?
    var organizerId: String?, description: String?, topics: [String], notes: String?, invitees: [InviteeBody], isCancelled: Bool
    var externalId: String?, calendarURL: String, createdAt: String, updatedAt: String
    init(_ e: Event) {
        id = e.id; kind = e.kind.rawValue; title = e.title; startsAt = Timestamp.format(e.startsAt); endsAt = Timestamp.format(e.endsAt)
        timeZone = e.timeZone; location = e.location; onlineURL = e.onlineURL; organizerId = e.organizerId; description = e.description
        topics = e.topics; notes = e.notes; invitees = e.invitees.map { InviteeBody(stakeholderId: $0.stakeholderId, rsvp: $0.rsvp.rawValue, attended: $0.attended) }
        isCancelled = e.isCancelled; externalId = e.externalId; calendarURL = "/api/v1/events/\(e.id)/calendar.ics"
        createdAt = Timestamp.format(e.createdAt); updatedAt = Timestamp.format(e.updatedAt)
    }
}

struct CoverageTargetBody: Encodable {
    var id: String, stakeholderType: String?, area: String?, language: String?, heardPercent: Int, label: String, createdAt: String, updatedAt: String
    init(_ t: CoverageTarget) {
        id = t.id; stakeholderType = t.stakeholderType; area = t.area; language = t.language; heardPercent = t.heardPercent; label = t.label
        createdAt = Timestamp.format(t.createdAt); updatedAt = Timestamp.format(t.updatedAt)
    }
}

struct HealthBody: Encodable {
    var stakeholderId: String, score: Int, band: String, explanation: String, recency: Double, frequency: Double, twoWay: Double
    var daysSinceLastContact: Int?, contactsThisYear: Int, startedByThem: Int
    init(_ id: String, _ h: RelationshipHealth) {
        stakeholderId = id; score = h.score; band = h.band; explanation = h.explanation
        recency = (h.recency * 10).rounded() / 10; frequency = (h.frequency * 10).rounded() / 10; twoWay = (h.twoWay * 10).rounded() / 10
        daysSinceLastContact = h.daysSinceLastContact; contactsThisYear = h.contactsThisYear; startedByThem = h.startedByThem
    }
}

struct DueContactBody: Encodable {
    var stakeholderId: String, displayName: String, score: Int, explanation: String, influence: Int?, interest: Int?, priority: Double
    init(_ d: DueContact) {
        stakeholderId = d.stakeholderId; displayName = d.displayName; score = d.health.score; explanation = d.health.explanation
        influence = d.influence; interest = d.interest; priority = (d.priority * 10).rounded() / 10
    }
}

struct CoverageRowBody: Encodable {
    var dimension: String, value: String, total: Int, engaged: Int, heard: Int, engagedPercent: Double, heardPercent: Double
    init(_ r: Coverage.Row) {
        dimension = r.dimension; value = r.value; total = r.total; engaged = r.engaged; heard = r.heard
        engagedPercent = (r.engagedPercent * 10).rounded() / 10; heardPercent = (r.heardPercent * 10).rounded() / 10
    }
}

struct CoverageBody: Encodable {
    struct TargetBody: Encodable { var target: CoverageTargetBody, result: CoverageRowBody, met: Bool, shortfall: Int }
    var from: String, to: String, label: String, overall: CoverageRowBody, byType: [CoverageRowBody], byArea: [CoverageRowBody], targets: [TargetBody]
    init(_ r: CoverageReport) {
        from = r.period.from.description; to = r.period.to.description; label = r.period.label; overall = CoverageRowBody(r.overall)
        byType = r.byType.map(CoverageRowBody.init); byArea = r.byArea.map(CoverageRowBody.init)
        targets = r.targets.map { TargetBody(target: CoverageTargetBody($0.target), result: CoverageRowBody($0.row), met: $0.met, shortfall: $0.shortfall) }
    }
}

struct DashboardBody: Encodable {
    var today: String, overdue: [FollowUpBody], overdueTotal: Int, dueSoon: [FollowUpBody], upcomingEvents: [EventBody]
    var coverage: CoverageBody, gaps: [CoverageGapBody], dueForContact: [DueContactBody], recent: [InteractionBody]
    init(_ d: Dashboard) {
        today = d.today.description; overdue = d.overdue.map { FollowUpBody($0, today: d.today) }; overdueTotal = d.overdueTotal
        dueSoon = d.dueSoon.map { FollowUpBody($0, today: d.today) }; upcomingEvents = d.upcomingEvents.map(EventBody.init)
        coverage = CoverageBody(d.coverage)
        gaps = d.coverage.gaps().map { CoverageGapBody(label: $0.label, result: CoverageRowBody($0.row), targetPercent: $0.targetPercent) }
        dueForContact = d.dueForContact.map(DueContactBody.init); recent = d.recent.map(InteractionBody.init)
    }
}

struct CoverageGapBody: Encodable {
    var label: String, result: CoverageRowBody, targetPercent: Int?
}

extension Request {
    func instantParameter(_ name: String) throws -> Date? {
        guard let text = uri.queryParameters.get(name), !text.isEmpty else { return nil }
        if let d = Timestamp.parse(text) { return d }
        if let day = CalendarDate(text) { return day.startInstant }
        throw ConveneError.invalid(name, "\"\(text.prefix(40))\" is not a date (use YYYY-MM-DD or RFC 3339)")
    }
}

extension APIController {
    var interactionEndpoints: [Endpoint] {
        let engagement = services.engagement
        return [
            Endpoint(method: .get, path: "/api/v1/interactions", role: .viewer, operationId: "listInteractions", summary: "List interactions, newest first",
                     tag: "interactions",
                     query: [.q("stakeholderId", "Only those with this stakeholder"), .q("eventId", "Only those recorded for this event"),
                             .q("from", "At or after this date or instant"), .q("to", "Before this date or instant"),
                             .q("limit", "Page size, 1 to 500", ["type": "integer"]), .q("cursor", "From the previous page's nextCursor")],
                     responseSchema: "InteractionList") { request, _ in
                let q = request.uri.queryParameters
                let limit = try request.limit(), offset = try Cursor.decode(q.get("cursor"))
                let query = InteractionQuery(stakeholderId: q.get("stakeholderId"), eventId: q.get("eventId"), from: try request.instantParameter("from"),
                                             to: try request.instantParameter("to"), limit: limit + 1, offset: offset)
                let items = try await engagement.interactions(query)
                return try Reply.json(ListBody(items: items.prefix(limit).map(InteractionBody.init),
                                               nextCursor: items.count > limit ? Cursor.encode(offset + limit) : nil, total: nil, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/interactions", role: .staff, operationId: "createInteraction", summary: "Log an interaction",
                     tag: "interactions", requestSchema: "InteractionInput", responseSchema: "Interaction", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.interactionPatch()
                try input.finish()
                let i = try await engagement.createInteraction(patch, actor: context.actor)
                return try Reply.created(InteractionBody(i), location: "/api/v1/interactions/\(i.id)")
            },
            Endpoint(method: .get, path: "/api/v1/interactions/{id}", role: .viewer, operationId: "getInteraction", summary: "Read an interaction",
                     tag: "interactions", responseSchema: "Interaction") { request, context in
                try Reply.json(InteractionBody(try await engagement.interaction(id: request.pathID(context))))
            },
            Endpoint(method: .patch, path: "/api/v1/interactions/{id}", role: .staff, operationId: "updateInteraction", summary: "Change an interaction's given fields",
                     tag: "interactions", requestSchema: "InteractionInput", responseSchema: "Interaction") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.interactionPatch()
                try input.finish()
                return try Reply.json(InteractionBody(try await engagement.updateInteraction(id: request.pathID(context), patch, actor: context.actor)))
            },
            Endpoint(method: .delete, path: "/api/v1/interactions/{id}", role: .staff, operationId: "deleteInteraction", summary: "Delete an interaction",
                     tag: "interactions", status: 204) { request, context in
                try await engagement.deleteInteraction(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
            Endpoint(method: .get, path: "/api/v1/stakeholders/{id}/health", role: .viewer, operationId: "getStakeholderHealth",
                     summary: "A stakeholder's relationship health (0–100) and how it was computed", tag: "insight", responseSchema: "Health") { request, context in
                let id = request.pathID(context)
                _ = try await services.registry.stakeholder(id: id)
                return try Reply.json(HealthBody(id, try await engagement.health(of: id)))
            },
            Endpoint(method: .get, path: "/api/v1/due-for-contact", role: .viewer, operationId: "listDueForContact",
                     summary: "Stakeholders due for contact (health below 50), most urgent first, weighted by influence and interest", tag: "insight",
                     query: [.q("limit", "Page size, 1 to 500", ["type": "integer"]), .q("cursor", "From the previous page's nextCursor")],
                     responseSchema: "DueContactList") { request, _ in
                let limit = try request.limit(), offset = try Cursor.decode(request.uri.queryParameters.get("cursor"))
                let page = try await engagement.dueForContact(limit: limit, offset: offset)
                return try Reply.json(ListBody(items: page.items.map(DueContactBody.init), nextCursor: Cursor.next(offset: offset, count: page.items.count, total: page.total),
                                               total: page.total, facets: nil))
            },
            Endpoint(method: .get, path: "/api/v1/dashboard", role: .viewer, operationId: "getDashboard",
                     summary: "The caller's home page: overdue and coming follow-ups, upcoming events, coverage gaps this term, who is due for contact, recent activity",
                     tag: "insight", responseSchema: "Dashboard") { _, context in
                try Reply.json(DashboardBody(try await engagement.dashboard(userId: try context.requireUser().id, timeZone: services.configuration.timeZone)))
            },
            Endpoint(method: .get, path: "/api/v1/coverage", role: .viewer, operationId: "getCoverage",
                     summary: "Who has been engaged and heard from, by type and by school or area, against the targets", tag: "insight",
                     query: [.q("period", "term (default), year, 90d, or 2026-08-01..2026-12-31")], responseSchema: "Coverage") { request, _ in
                let period = try Period.parse(request.uri.queryParameters.get("period"), today: CalendarDate(date: Date()))
                return try Reply.json(CoverageBody(try await engagement.coverage(period)))
            },
        ]
    }

    var followUpEndpoints: [Endpoint] {
        let engagement = services.engagement
        return [
            Endpoint(method: .get, path: "/api/v1/follow-ups", role: .viewer, operationId: "listFollowUps", summary: "List follow-ups, soonest due first",
                     tag: "follow-ups",
                     query: [.q("owner", "A user id, or me"), .q("stakeholderId", "Only those concerning this stakeholder"),
                             .q("status", "open, done or cancelled", OpenAPISchemas.enumeration(FollowUpStatus.allCases.map(\.rawValue))),
                             .q("overdue", "true: only open ones due before today", ["type": "boolean"]),
                             .q("limit", "Page size, 1 to 500", ["type": "integer"]), .q("cursor", "From the previous page's nextCursor")],
                     responseSchema: "FollowUpList") { request, context in
                let q = request.uri.queryParameters
                let limit = try request.limit(), offset = try Cursor.decode(q.get("cursor"))
                var query = FollowUpQuery(limit: limit, offset: offset)
                if let owner = q.get("owner") { query.ownerId = owner == "me" ? try context.requireUser().id : owner }
                query.stakeholderId = q.get("stakeholderId")
                if let s = q.get("status") {
                    guard let status = FollowUpStatus(rawValue: s) else { throw ConveneError.invalid("status", "must be one of open, done, cancelled") }
                    query.status = status
                }
                let today = CalendarDate(date: Date())
                if let o = q.get("overdue") {
                    guard o == "true" || o == "false" else { throw ConveneError.invalid("overdue", "must be true or false") }
                    if o == "true" { query.status = .open; query.dueBefore = today }
                }
                let items = try await engagement.followUps(query)
                let total = try await engagement.store.countFollowUps(query)
                return try Reply.json(ListBody(items: items.map { FollowUpBody($0, today: today) }, nextCursor: Cursor.next(offset: offset, count: items.count, total: total),
                                               total: total, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/follow-ups", role: .staff, operationId: "createFollowUp", summary: "Create a follow-up",
                     tag: "follow-ups", requestSchema: "FollowUpInput", responseSchema: "FollowUp", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.followUpPatch()
                try input.finish()
                let f = try await engagement.createFollowUp(patch, actor: context.actor)
                return try Reply.created(FollowUpBody(f, today: CalendarDate(date: Date())), location: "/api/v1/follow-ups/\(f.id)")
            },
            Endpoint(method: .get, path: "/api/v1/follow-ups/{id}", role: .viewer, operationId: "getFollowUp", summary: "Read a follow-up",
                     tag: "follow-ups", responseSchema: "FollowUp") { request, context in
                try Reply.json(FollowUpBody(try await engagement.followUp(id: request.pathID(context)), today: CalendarDate(date: Date())))
            },
            Endpoint(method: .patch, path: "/api/v1/follow-ups/{id}", role: .staff, operationId: "updateFollowUp",
                     summary: "Change a follow-up's given fields (status done completes it)", tag: "follow-ups", requestSchema: "FollowUpInput",
                     responseSchema: "FollowUp") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.followUpPatch()
                try input.finish()
                return try Reply.json(FollowUpBody(try await engagement.updateFollowUp(id: request.pathID(context), patch, actor: context.actor), today: CalendarDate(date: Date())))
            },
            Endpoint(method: .delete, path: "/api/v1/follow-ups/{id}", role: .staff, operationId: "deleteFollowUp", summary: "Delete a follow-up",
                     tag: "follow-ups", status: 204) { request, context in
                try await engagement.deleteFollowUp(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
            Endpoint(method: .get, path: "/api/v1/coverage-targets", role: .viewer, operationId: "listCoverageTargets", summary: "List coverage targets",
                     tag: "insight", responseSchema: "CoverageTargetList") { _, _ in
                let list = try await engagement.coverageTargets()
                return try Reply.json(ListBody(items: list.map(CoverageTargetBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/coverage-targets", role: .admin, operationId: "createCoverageTarget",
                     summary: "Set a target share of a part of the community to hear from", tag: "insight", requestSchema: "CoverageTargetInput",
                     responseSchema: "CoverageTarget", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.coverageTargetPatch()
                try input.finish()
                let t = try await engagement.createCoverageTarget(patch, actor: context.actor, knownTypes: services.registry.knownTypes)
                return try Reply.created(CoverageTargetBody(t), location: "/api/v1/coverage-targets/\(t.id)")
            },
            Endpoint(method: .patch, path: "/api/v1/coverage-targets/{id}", role: .admin, operationId: "updateCoverageTarget",
                     summary: "Change a coverage target", tag: "insight", requestSchema: "CoverageTargetInput", responseSchema: "CoverageTarget") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.coverageTargetPatch()
                try input.finish()
                return try Reply.json(CoverageTargetBody(try await engagement.updateCoverageTarget(id: request.pathID(context), patch, actor: context.actor,
                                                                                                 knownTypes: services.registry.knownTypes)))
            },
            Endpoint(method: .delete, path: "/api/v1/coverage-targets/{id}", role: .admin, operationId: "deleteCoverageTarget",
                     summary: "Remove a coverage target", tag: "insight", status: 204) { request, context in
                try await engagement.deleteCoverageTarget(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
        ]
    }

    var eventEndpoints: [Endpoint] {
        let engagement = services.engagement
        let services = services
        return [
            Endpoint(method: .get, path: "/api/v1/events", role: .viewer, operationId: "listEvents", summary: "List events by start time",
                     tag: "events",
                     query: [.q("from", "Events ending after this date or instant"), .q("to", "Events starting before this date or instant"),
                             .q("stakeholderId", "Only events this stakeholder organizes or is invited to"),
                             .q("limit", "Page size, 1 to 500", ["type": "integer"]), .q("cursor", "From the previous page's nextCursor")],
                     responseSchema: "EventList") { request, _ in
                let q = request.uri.queryParameters
                let limit = try request.limit(), offset = try Cursor.decode(q.get("cursor"))
                let items = try await engagement.events(EventQuery(from: try request.instantParameter("from"), to: try request.instantParameter("to"),
                                                                   stakeholderId: q.get("stakeholderId"), limit: limit + 1, offset: offset))
                return try Reply.json(ListBody(items: items.prefix(limit).map(EventBody.init), nextCursor: items.count > limit ? Cursor.encode(offset + limit) : nil,
                                               total: nil, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/events", role: .staff, operationId: "createEvent", summary: "Create an event",
                     tag: "events", requestSchema: "EventInput", responseSchema: "Event", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.eventPatch()
                try input.finish()
                let e = try await engagement.createEvent(patch, actor: context.actor)
                return try Reply.created(EventBody(e), location: "/api/v1/events/\(e.id)")
            },
            Endpoint(method: .get, path: "/api/v1/events/{id}", role: .viewer, operationId: "getEvent", summary: "Read an event", tag: "events",
                     responseSchema: "Event") { request, context in
                try Reply.json(EventBody(try await engagement.event(id: request.pathID(context))))
            },
            Endpoint(method: .patch, path: "/api/v1/events/{id}", role: .staff, operationId: "updateEvent",
                     summary: "Change an event's given fields; invitees replaces the whole list, and attendance becomes an interaction", tag: "events",
                     requestSchema: "EventInput", responseSchema: "Event") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.eventPatch()
                try input.finish()
                return try Reply.json(EventBody(try await engagement.updateEvent(id: request.pathID(context), patch, actor: context.actor)))
            },
            Endpoint(method: .delete, path: "/api/v1/events/{id}", role: .staff, operationId: "deleteEvent", summary: "Delete an event", tag: "events",
                     status: 204) { request, context in
                try await engagement.deleteEvent(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
            Endpoint(method: .put, path: "/api/v1/events/{id}/invitees/{stakeholderId}", role: .staff, operationId: "setInvitee",
                     summary: "Invite a stakeholder, or record their RSVP or attendance", tag: "events", requestSchema: "InviteeInput",
                     responseSchema: "Event") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let rsvp = input.enumeration("rsvp", RSVP.self)
                var attended: Bool??
                if let v = input.raw("attended") {
                    switch v {
                    case .null: attended = .some(nil)
                    case .bool(let b): attended = .some(b)
                    default: input.fail("attended", "must be true, false or null, not \(v.typeName)")
                    }
                }
                try input.finish()
                let e = try await engagement.setInvitee(eventId: request.pathID(context), stakeholderId: request.pathID(context, "stakeholderId"),
                                                        rsvp: rsvp, attended: attended, actor: context.actor)
                return try Reply.json(EventBody(e))
            },
            Endpoint(method: .delete, path: "/api/v1/events/{id}/invitees/{stakeholderId}", role: .staff, operationId: "removeInvitee",
                     summary: "Withdraw an invitation", tag: "events", responseSchema: "Event") { request, context in
                try Reply.json(EventBody(try await engagement.removeInvitee(eventId: request.pathID(context), stakeholderId: request.pathID(context, "stakeholderId"),
                                                                            actor: context.actor)))
            },
            Endpoint(method: .get, path: "/api/v1/events/{id}/calendar.ics", role: .viewer, operationId: "exportEvent",
                     summary: "The event as iCalendar (RFC 5545)", tag: "events", responseSchema: nil, contentType: "text/calendar") { request, context in
                let e = try await engagement.event(id: request.pathID(context))
                return try await CalendarExport.response([e], name: e.title, services: services, request: request, filename: "event.ics")
            },
            Endpoint(method: .get, path: "/api/v1/calendar.ics", role: .viewer, operationId: "exportCalendar",
                     summary: "Every event from 90 days ago on, as iCalendar", tag: "events", responseSchema: nil, contentType: "text/calendar") { request, _ in
                let events = try await engagement.events(EventQuery(from: Date().addingTimeInterval(-90 * 86_400), limit: 1000))
                return try await CalendarExport.response(events, name: "Convene events", services: services, request: request, filename: "convene.ics")
            },
            Endpoint(method: .post, path: "/api/v1/me/calendar-feed", role: .viewer, operationId: "createCalendarFeed",
                     summary: "Make a private calendar subscription URL for the caller (shown once; revoke it like a token)", tag: "events",
                     responseSchema: "CalendarFeed", status: 201) { request, context in
                let user = try context.requireUser()
                let (secret, token) = try await services.accounts.createFeedKey(for: user, actor: context.actor)
                let path = "/feeds/calendar/\(secret).ics"
                return try Reply.created(["url": CalendarExport.absolute(path, services: services, request: request), "tokenId": token.id], location: path)
            },
        ]
    }
}
