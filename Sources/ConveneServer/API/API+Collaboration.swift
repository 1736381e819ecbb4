import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How the API names one kind of record: `WorkingGroup` in schemas and operation ids.
struct WorkNames {
    var singular: String
    var plural: String
    var noun: String

    static func of(_ kind: WorkKind) -> WorkNames {
        switch kind {
        case .workingGroup: WorkNames(singular: "WorkingGroup", plural: "WorkingGroups", noun: "working group")
        case .partnership: WorkNames(singular: "Partnership", plural: "Partnerships", noun: "partnership")
        case .position: WorkNames(singular: "Position", plural: "Positions", noun: "policy position")
        case .bill: WorkNames(singular: "Bill", plural: "Bills", noun: "bill or regulation")
        case .campaign: WorkNames(singular: "Campaign", plural: "Campaigns", noun: "advocacy campaign")
        case .resource: WorkNames(singular: "Resource", plural: "Resources", noun: "library resource")
        case .initiative: WorkNames(singular: "Initiative", plural: "Initiatives", noun: "initiative")
        case .decision: WorkNames(singular: "Decision", plural: "Decisions", noun: "decision")
        }
    }
}

/// A list filter: a link (`issueId` → records linking to that issue) or a top-level field's value.
struct WorkFilter {
    enum Match { case link(LinkKind), field(String) }
    var name: String
    var description: String
    var match: Match
}

extension APIController {
    var collaborationEndpoints: [Endpoint] {
        let issue = WorkFilter(name: "issueId", description: "Only those on this radar issue", match: .link(.issue))
        let stakeholder = WorkFilter(name: "stakeholderId", description: "Only those naming this stakeholder", match: .link(.stakeholder))
        return workEndpoints(WorkingGroup.self, filters: [issue, stakeholder, .init(name: "status", description: "active, paused or closed", match: .field("status"))])
            + workEndpoints(Partnership.self, filters: [issue, stakeholder, .init(name: "stage", description: "exploring, agreement, active, sustaining or closed", match: .field("stage")),
                                                        .init(name: "kind", description: "The kind of partnership", match: .field("kind"))])
            + workEndpoints(PolicyPosition.self, filters: [issue, .init(name: "billId", description: "Only positions on this bill", match: .link(.bill)),
                                                           .init(name: "stance", description: "support, oppose or watch", match: .field("stance"))])
            + workEndpoints(Bill.self, filters: [issue, .init(name: "status", description: "The bill's status", match: .field("status")),
                                                 .init(name: "jurisdiction", description: "Exactly this jurisdiction", match: .field("jurisdiction"))])
            + workEndpoints(Campaign.self, filters: [issue, stakeholder, .init(name: "billId", description: "Only campaigns on this bill", match: .link(.bill)),
                                                     .init(name: "status", description: "The campaign's status", match: .field("status"))])
            + workEndpoints(Resource.self, filters: [issue, .init(name: "type", description: "guide, template, toolkit, case-study, research or other", match: .field("type"))])
            + workEndpoints(Initiative.self, filters: [issue, .init(name: "consultationId", description: "Only initiatives carried out through this consultation", match: .link(.consultation))])
            + workEndpoints(Decision.self, filters: [.init(name: "initiativeId", description: "Only this initiative's decisions", match: .link(.initiative))])
            + initiativeEndpoints
    }

    func workEndpoints<R: WorkRecord>(_ type: R.Type, filters: [WorkFilter]) -> [Endpoint] {
        let collaboration = services.collaboration
        let names = WorkNames.of(R.kind), base = "/api/v1/\(R.kind.collection)", tag = R.kind == .initiative || R.kind == .decision ? "decisions" : "collaboration"
        @Sendable func etag(_ r: R) -> HTTPFields { [.eTag: "\"\(Registry.version(of: r.updatedAt))\""] }
        let listQuery: [Endpoint.QueryParameter] = [.q("q", "Words every result holds (title, notes and the like; case and accents aside)")]
            + filters.map { .q($0.name, $0.description) }
            + [.q("limit", "Page size, 1 to 500", ["type": "integer"]), .q("cursor", "From the previous page's nextCursor")]
        return [
            Endpoint(method: .get, path: base, role: .viewer, operationId: "list\(names.plural)", summary: "Search and list \(names.noun)s, most recently changed first",
                     tag: tag, query: listQuery, responseSchema: "\(names.singular)List") { request, _ in
                let limit = try request.limit(), offset = try Cursor.decode(request.uri.queryParameters.get("cursor"))
                var links: [WorkLink] = [], fields: [(String, String)] = []
                for f in filters {
                    guard let value = request.uri.queryParameters.get(f.name), !value.isEmpty else { continue }
                    switch f.match {
                    case .link(let kind): links.append(WorkLink(kind, value))
                    case .field(let name): fields.append((name, value))
                    }
                }
                let found = try await collaboration.records(R.self, query: request.uri.queryParameters.get("q"), linkedTo: links.first)
                let kept = found.filter { r in
                    let own = Set(r.links.map(\.link)), json = JSONValue.from(r)
                    return links.dropFirst().allSatisfy(own.contains) && fields.allSatisfy { json[$0.0]?.stringValue == $0.1 }
                }
                let page = Array(kept.dropFirst(offset).prefix(limit))
                return try Reply.json(ListBody(items: page.map { JSONValue.from($0) }, nextCursor: Cursor.next(offset: offset, count: page.count, total: kept.count),
                                               total: kept.count, facets: nil))
            },
            Endpoint(method: .post, path: base, role: .staff, operationId: "create\(names.singular)", summary: "Create a \(names.noun)",
                     tag: tag, requestSchema: "\(names.singular)Input", responseSchema: names.singular, status: 201) { request, context in
                let input = try await JSONInput.read(request, context: context)
                let r = try await collaboration.create(R.self, fields: input.object, actor: context.actor)
                var headers = etag(r)
                headers[.location] = "\(base)/\(r.id)"
                return try Reply.json(JSONValue.from(r), status: .created, headers: headers)
            },
            Endpoint(method: .get, path: "\(base)/{id}", role: .viewer, operationId: "get\(names.singular)", summary: "Read a \(names.noun)",
                     tag: tag, responseSchema: names.singular) { request, context in
                let r = try await collaboration.record(R.self, id: request.pathID(context))
                return try Reply.json(JSONValue.from(r), headers: etag(r))
            },
            Endpoint(method: .patch, path: "\(base)/{id}", role: .staff, operationId: "update\(names.singular)",
                     summary: "Change a \(names.noun)'s given fields (null clears one; lists are replaced whole; If-Match supported)",
                     tag: tag, requestSchema: "\(names.singular)Input", responseSchema: names.singular) { request, context in
                let input = try await JSONInput.read(request, context: context)
                let version = request.headers[.ifMatch].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/")) }
                let r = try await collaboration.update(R.self, id: request.pathID(context), fields: input.object, actor: context.actor, ifVersion: version)
                return try Reply.json(JSONValue.from(r), headers: etag(r))
            },
            Endpoint(method: .delete, path: "\(base)/{id}", role: .staff, operationId: "delete\(names.singular)",
                     summary: "Remove a \(names.noun) that nothing else refers to", tag: tag, status: 204) { request, context in
                try await collaboration.delete(R.self, id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
        ]
    }

    var initiativeEndpoints: [Endpoint] {
        let collaboration = services.collaboration, consultations = services.consultations, services = self.services
        let zone = services.configuration.timeZone
        let format: Endpoint.QueryParameter = .q("format", "html (a printable page, the default) or md", ["type": "string", "enum": ["html", "md"]])
        @Sendable func report(_ r: BoardReport, _ request: Request) throws -> Response {
            switch request.uri.queryParameters.get("format") ?? "html" {
            case "html": return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                         body: .init(byteBuffer: ByteBuffer(string: BoardReportRenderer.html(r, zone: zone))))
            case "md": return Response(status: .ok, headers: [.contentType: "text/markdown; charset=utf-8"],
                                       body: .init(byteBuffer: ByteBuffer(string: BoardReportRenderer.markdown(r, zone: zone))))
            default: throw ConveneError.invalid("format", "must be html or md")
            }
        }
        return [
            Endpoint(method: .get, path: "/api/v1/initiatives/{id}/progress", role: .viewer, operationId: "getInitiativeProgress",
                     summary: "Progress against the engagement plan, from attendance, interactions at its events, and its consultations' participants and votes",
                     tag: "decisions", responseSchema: "InitiativeProgress") { request, context in
                let i = try await collaboration.record(Initiative.self, id: request.pathID(context))
                return try Reply.json(JSONValue.from(try await collaboration.progress(of: i)))
            },
            Endpoint(method: .get, path: "/api/v1/initiatives/{id}/board-report", role: .viewer, operationId: "getInitiativeBoardReport",
                     summary: "The board report of an initiative: coverage, consultations, decisions, progress", tag: "decisions", query: [format],
                     contentType: "text/html, text/markdown") { request, context in
                try report(try await collaboration.boardReport(initiativeId: request.pathID(context), consultations: consultations), request)
            },
            Endpoint(method: .get, path: "/api/v1/board-report", role: .viewer, operationId: "getBoardReport",
                     summary: "The board report of a period: coverage, consultations, decisions, initiatives under way", tag: "decisions",
                     query: [.q("from", "First day, YYYY-MM-DD (default: the start of the school term)"), .q("to", "Last day, YYYY-MM-DD (default: today)"), format],
                     contentType: "text/html, text/markdown") { request, _ in
                try report(try await collaboration.boardReport(period: try Self.period(request, zone: zone), consultations: consultations), request)
            },
            Endpoint(method: .get, path: "/api/v1/agreements/expiring", role: .viewer, operationId: "listExpiringAgreements",
                     summary: "Partnership agreements whose reminder time has come (from remindDaysBefore before they lapse to 30 days after)",
                     tag: "collaboration", responseSchema: "AgreementReminderList") { _, _ in
                let list = try await collaboration.agreementReminders(today: CalendarDate(date: Date(), timeZone: zone))
                return try Reply.json(ListBody(items: list.map(AgreementReminderBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .get, path: "/api/v1/action-items", role: .viewer, operationId: "listActionItems",
                     summary: "Open action items of every working group, soonest due first", tag: "collaboration",
                     query: [.q("ownerId", "Only this user's (\"me\" for the caller)")], responseSchema: "ActionItemList") { request, context in
                var owner = request.uri.queryParameters.get("ownerId")
                if owner == "me" { owner = try context.requireUser().id }
                let list = try await collaboration.openActionItems(ownerId: owner)
                return try Reply.json(ListBody(items: list.map { ActionItemBody(groupId: $0.group.id, groupName: $0.group.name, item: JSONValue.from($0.item)) },
                                               nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .get, path: "/api/public/initiatives/{slug}", role: nil, operationId: "getPublicInitiative",
                     summary: "A published initiative's \"you said, we did\": what was asked, who took part (counts), what was heard, what was decided",
                     tag: "public", query: [.q("lang", "en (default) or es")], responseSchema: "PublicInitiative") { request, context in
                try await PublicLimit.check(context, services)
                let view = try await collaboration.publicView(slug: request.pathID(context, "slug"), spanish: request.uri.queryParameters.get("lang") == "es",
                                                              consultations: consultations)
                return try Reply.json(JSONValue.from(view))
            },
        ]
    }

    /// A period from `from` and `to` query parameters.
    static func period(_ request: Request, zone: TimeZone) throws -> Period {
        let today = CalendarDate(date: Date(), timeZone: zone)
        func day(_ name: String) throws -> CalendarDate? {
            guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
            guard let d = CalendarDate(text) else { throw ConveneError.invalid(name, "must be a date such as 2027-01-15") }
            return d
        }
        let to = try day("to") ?? today
        let from = try day("from") ?? Period.term(containing: to).from
        if to < from { throw ConveneError.invalid("to", "(\(to)) is before from (\(from))") }
        return Period(from: from, to: to, label: "\(from) to \(to)")
    }
}

struct AgreementReminderBody: Encodable {
    var partnershipId: String, partnershipName: String, agreementId: String?, kind: String, title: String, expiresOn: String, daysLeft: Int
    init(_ r: AgreementReminder) {
        partnershipId = r.partnershipId; partnershipName = r.partnershipName; agreementId = r.agreement.id; kind = r.agreement.kind.rawValue
        title = r.agreement.title; expiresOn = r.expiresOn.description; daysLeft = r.daysLeft
    }
}

struct ActionItemBody: Encodable {
    var groupId: String, groupName: String, item: JSONValue
}
