import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension JSONInput {
    mutating func consultationPatch() -> ConsultationPatch {
        var p = ConsultationPatch()
        p.slug = string("slug", max: 60)
        p.title = string("title", max: 200)
        p.question = string("question", max: 500)
        p.description = optionalString("description", max: 10_000)
        p.audienceTypes = strings("audienceTypes", maxItems: 50)
        p.audienceAreas = strings("audienceAreas", maxItems: 200)
        if let v = raw("opensAt") { p.opensAt = instantOrNull("opensAt", v) }
        if let v = raw("closesAt") { p.closesAt = instantOrNull("closesAt", v) }
        p.languages = strings("languages", maxItems: 5)
        p.level = enumeration("level", IAP2Level.self)
        p.moderation = enumeration("moderation", ModerationMode.self)
        p.isClosed = bool("isClosed")
        p.inviteOnly = bool("inviteOnly")
        for key in ["id", "createdAt", "updatedAt", "isOpen", "publicURL"] { _ = raw(key) }
        return p
    }

    mutating func instantOrNull(_ key: String, _ value: JSONValue) -> Date?? {
        switch value {
        case .null: return .some(nil)
        case .string(let s):
            guard let d = Timestamp.parse(s) else { fail(key, "\"\(s.prefix(40))\" is not a date and time (use RFC 3339)"); return nil }
            return .some(d)
        default: fail(key, "must be an RFC 3339 date and time or null, not \(value.typeName)"); return nil
        }
    }
}

struct ConsultationBody: Encodable {
    var id: String, slug: String, title: String, question: String, description: String?, audienceTypes: [String], audienceAreas: [String]
    var opensAt: String?, closesAt: String?, languages: [String], level: String, promise: String, moderation: String, isClosed: Bool, isOpen: Bool, inviteOnly: Bool
    var publicURL: String, createdAt: String, updatedAt: String
    init(_ c: Consultation) {
        id = c.id; slug = c.slug; title = c.title; question = c.question; description = c.description; audienceTypes = c.audienceTypes
        audienceAreas = c.audienceAreas; opensAt = c.opensAt.map(Timestamp.format); closesAt = c.closesAt.map(Timestamp.format); languages = c.languages
        level = c.level.rawValue; promise = c.level.promise(spanish: false); moderation = c.moderation.rawValue; isClosed = c.isClosed; isOpen = c.isOpen(at: Date()); inviteOnly = c.isInviteOnly
        publicURL = "/c/\(c.slug)"; createdAt = Timestamp.format(c.createdAt); updatedAt = Timestamp.format(c.updatedAt)
    }
}

struct StatementBody: Encodable {
    var id: String, seq: Int, text: String, source: String, status: String, rejectReason: String?, stakeholderType: String?, createdAt: String
    init(_ s: ConsultationStatement) {
        id = s.id; seq = s.seq; text = s.text; source = s.source.rawValue; status = s.status.rawValue; rejectReason = s.rejectReason
        stakeholderType = s.stakeholderType; createdAt = Timestamp.format(s.createdAt)
    }
}

extension APIController {
    var consultationEndpoints: [Endpoint] {
        let consultations = services.consultations
        let base = services.configuration.publicURL ?? ""
        return [
            Endpoint(method: .get, path: "/api/v1/consultations", role: .viewer, operationId: "listConsultations", summary: "Consultations, newest first",
                     tag: "consultations", responseSchema: "ConsultationList") { _, _ in
                let list = try await consultations.store.consultations()
                return try Reply.json(ListBody(items: list.map(ConsultationBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/consultations", role: .staff, operationId: "createConsultation",
                     summary: "Set up a consultation (slug from the title unless given)", tag: "consultations", requestSchema: "ConsultationInput",
                     responseSchema: "Consultation", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.consultationPatch()
                try input.finish()
                let c = try await consultations.create(patch, actor: context.actor)
                return try Reply.created(ConsultationBody(c), location: "/api/v1/consultations/\(c.id)")
            },
            Endpoint(method: .get, path: "/api/v1/consultations/{id}", role: .viewer, operationId: "getConsultation", summary: "Read a consultation",
                     tag: "consultations", responseSchema: "Consultation") { request, context in
                try Reply.json(ConsultationBody(try await consultations.consultation(id: request.pathID(context))))
            },
            Endpoint(method: .patch, path: "/api/v1/consultations/{id}", role: .staff, operationId: "updateConsultation",
                     summary: "Change a consultation's given fields; isClosed true closes it, false reopens it", tag: "consultations",
                     requestSchema: "ConsultationInput", responseSchema: "Consultation") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.consultationPatch()
                try input.finish()
                return try Reply.json(ConsultationBody(try await consultations.update(id: request.pathID(context), patch, actor: context.actor)))
            },
            Endpoint(method: .get, path: "/api/v1/consultations/{id}/statements", role: .viewer, operationId: "listStatements",
                     summary: "A consultation's statements in order; status=pending is the moderation queue", tag: "consultations",
                     query: [.q("status", "pending, approved or rejected", OpenAPISchemas.enumeration(StatementStatus.allCases.map(\.rawValue)))],
                     responseSchema: "StatementList") { request, context in
                let c = try await consultations.consultation(id: request.pathID(context))
                var status: StatementStatus?
                if let s = request.uri.queryParameters.get("status") {
                    guard let v = StatementStatus(rawValue: s) else { throw ConveneError.invalid("status", "must be pending, approved or rejected") }
                    status = v
                }
                let list = try await consultations.store.statements(consultationId: c.id, status: status)
                return try Reply.json(ListBody(items: list.map(StatementBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/consultations/{id}/statements", role: .staff, operationId: "addStatement",
                     summary: "Add a seed statement, or feedback heard elsewhere (with stakeholderType); approved at once", tag: "consultations",
                     requestSchema: "StatementInput", responseSchema: "Statement", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let text = input.string("text", max: 1000)
                let type = input.optionalString("stakeholderType", max: 100)
                if text == nil, !input.errors.contains(where: { $0.field == "text" }) { input.fail("text", "is required") }
                try input.finish()
                let s = try await consultations.addStatement(consultationId: request.pathID(context), text: text ?? "", heardFrom: type ?? nil, actor: context.actor)
                return try Reply.created(StatementBody(s), location: "/api/v1/consultations/\(s.consultationId)/statements")
            },
            Endpoint(method: .post, path: "/api/v1/consultations/{id}/statements/{statementId}/moderation", role: .staff, operationId: "moderateStatement",
                     summary: "Approve or reject (with a reason) a statement", tag: "consultations", requestSchema: "ModerationInput",
                     responseSchema: "Statement") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let status = input.enumeration("status", StatementStatus.self)
                let reason = input.optionalString("reason", max: 500)
                if status == nil, !input.errors.contains(where: { $0.field == "status" }) { input.fail("status", "is required: approved or rejected") }
                if status == .pending { input.fail("status", "must be approved or rejected") }
                try input.finish()
                let c = try await consultations.consultation(id: request.pathID(context))
                let sid = request.pathID(context, "statementId")
                guard let s = try await consultations.store.statement(id: sid), s.consultationId == c.id else { throw ConveneError.notFound(entity: "statement", id: sid) }
                let moderated = try await consultations.moderate(statementId: s.id, approve: status == .approved, reason: reason ?? nil, actor: context.actor)
                try await consultations.store.enqueueAnalysis(s.consultationId)
                return try Reply.json(StatementBody(moderated))
            },
            Endpoint(method: .post, path: "/api/v1/consultations/{id}/invites", role: .staff, operationId: "createInvites",
                     summary: "Make invite codes for a closed audience (shown once; stored hashed)", tag: "consultations", requestSchema: "InvitesInput",
                     responseSchema: "InviteCodes", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let count = input.optionalInt("count")
                try input.finish()
                guard let n = count ?? nil else { throw ConveneError.invalid("count", "is required: how many codes (1 to 5000)") }
                let codes = try await consultations.createInvites(consultationId: request.pathID(context), count: n, actor: context.actor)
                return try Reply.json(["codes": codes], status: .created)
            },
            Endpoint(method: .get, path: "/api/v1/consultations/{id}/analysis", role: .viewer, operationId: "getConsultationAnalysis",
                     summary: "Opinion groups, representative, consensus and divisive statements, by stakeholder type and area", tag: "consultations",
                     responseSchema: "ConsultationAnalysis") { request, context in
                try Reply.json(try await consultations.analysis(consultationId: request.pathID(context)))
            },
            Endpoint(method: .get, path: "/api/v1/consultations/{id}/export/{file}", role: .staff, operationId: "exportConsultation",
                     summary: "Pol.is-compatible CSV (comments.csv, votes.csv, participants-votes.csv, summary.csv), or consultation.json: everything in one document",
                     tag: "consultations",
                     responseSchema: nil, contentType: "text/csv") { request, context in
                let name = request.pathID(context, "file")
                if name == "consultation.json" {
                    let doc = try await consultations.exportJSON(consultationId: request.pathID(context))
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    encoder.dateEncodingStrategy = .iso8601
                    return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .contentDisposition: "attachment; filename=\"consultation.json\""],
                                    body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(doc))))
                }
                guard name.hasSuffix(".csv"), let file = ConsultationExportFile(rawValue: String(name.dropLast(4))) else {
                    throw ConveneError.notFound(entity: "export", id: name)
                }
                let text = try await consultations.export(file, consultationId: request.pathID(context), publicURL: base)
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                                body: .init(byteBuffer: ByteBuffer(string: text)))
            },
        ]
    }
}
