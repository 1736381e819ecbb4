import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The per-address limit on the public consultation pages and API (`CONVENE_PUBLIC_RATE_LIMIT`).
enum PublicLimit {
    static func check(_ context: ConveneContext, _ services: Services, now: Date = Date()) async throws {
        let limit = services.configuration.publicRateLimit
        guard limit > 0 else { return }
        // The address is kept only as a digest, and only for a minute's counting.
        let key = "public:" + BcryptHashing(cost: 4).digest(context.clientAddress)
        let n = try await services.store.recordAttempt(key: key, at: now, since: now.addingTimeInterval(-60))
        if n > limit { throw ConveneError.rateLimited(retryAfter: 60) }
    }

    /// The cookie that names a participant of one consultation.
    static func cookieName(_ slug: String) -> String { "cvp_" + slug }

    static func cookie(_ request: Request, slug: String) -> String? {
        request.cookies[cookieName(slug)]?.value
    }
}

struct NextStatementBody: Encodable { var id: String, text: String }

extension APIController {
    var participationEndpoints: [Endpoint] {
        let consultations = services.consultations, services = self.services
        return [
            Endpoint(method: .post, path: "/api/public/consultations/{slug}/participants", role: nil, operationId: "joinConsultation",
                     summary: "Start taking part: a stakeholder type and, if wished, a school or area; sets the participant cookie", tag: "participation",
                     requestSchema: "ParticipantInput", responseSchema: "Participant", status: 201) { request, context in
                try await PublicLimit.check(context, services)
                var input = try await JSONInput.read(request, context: context)
                let type = input.string("stakeholderType", max: 100), area = input.optionalString("area", max: 200)
                let invite = input.optionalString("inviteCode", max: 100)
                try input.finish()
                let slug = request.pathID(context, "slug")
                let (p, secret) = try await consultations.join(slug: slug, stakeholderType: type, area: area ?? nil, inviteCode: invite ?? nil)
                var r = try Reply.json(["participantId": p.id, "stakeholderType": p.stakeholderType], status: .created)
                r.setCookie(Cookie(name: PublicLimit.cookieName(slug), value: secret, maxAge: 180 * 86_400, path: "/", secure: services.configuration.secureCookies,
                                   httpOnly: true, sameSite: .lax))
                return r
            },
            Endpoint(method: .get, path: "/api/public/consultations/{slug}/next", role: nil, operationId: "nextStatement",
                     summary: "The next statement to vote on (204 when none is left)", tag: "participation", responseSchema: "NextStatement") { request, context in
                try await PublicLimit.check(context, services)
                let slug = request.pathID(context, "slug")
                let c = try await consultations.consultation(slug: slug)
                let p = try await consultations.participant(secret: PublicLimit.cookie(request, slug: slug), consultation: c)
                guard let s = try await consultations.next(for: p, in: c) else { return Reply.noContent() }
                return try Reply.json(NextStatementBody(id: s.id, text: s.text))
            },
            Endpoint(method: .post, path: "/api/public/consultations/{slug}/votes", role: nil, operationId: "vote",
                     summary: "Vote on a statement: 1 agree, -1 disagree, 0 pass (a later vote replaces an earlier one)", tag: "participation",
                     requestSchema: "VoteInput", responseSchema: nil, status: 204) { request, context in
                try await PublicLimit.check(context, services)
                var input = try await JSONInput.read(request, context: context)
                let statementId = input.string("statementId", max: 100)
                let vote = input.optionalInt("vote")
                try input.finish()
                let slug = request.pathID(context, "slug")
                let c = try await consultations.consultation(slug: slug)
                let p = try await consultations.participant(secret: PublicLimit.cookie(request, slug: slug), consultation: c)
                try await consultations.vote(p, in: c, statementId: statementId, vote: vote ?? nil)
                try await services.store.enqueueAnalysis(c.id)
                return Reply.noContent()
            },
            Endpoint(method: .post, path: "/api/public/consultations/{slug}/statements", role: nil, operationId: "writeStatement",
                     summary: "Write a short statement (at most 280 characters); it may wait for moderation", tag: "participation",
                     requestSchema: "ParticipantStatementInput", responseSchema: "PublicStatement", status: 201) { request, context in
                try await PublicLimit.check(context, services)
                var input = try await JSONInput.read(request, context: context)
                let text = input.string("text", max: 10_000)
                try input.finish()
                let slug = request.pathID(context, "slug")
                let c = try await consultations.consultation(slug: slug)
                let p = try await consultations.participant(secret: PublicLimit.cookie(request, slug: slug), consultation: c)
                let s = try await consultations.write(p, in: c, text: text)
                return try Reply.json(["id": s.id, "text": s.text, "status": s.status.rawValue], status: .created)
            },
        ]
    }
}

extension ConveneStore {
    /// Asks the background runner to analyze a consultation again, at most once a minute.
    func enqueueAnalysis(_ consultationId: String, now: Date = Date()) async throws {
        let minute = Int(now.timeIntervalSince1970 / 60)
        _ = try await enqueueJob(Job(kind: "consultation-analysis", key: "consultation-analysis:\(consultationId):\(minute)", payload: consultationId, runAfter: now))
    }
}
