import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Staff pages of consultations: the list, the form, a consultation with its statements
    /// and moderation queue, and the printable report.
    var consultationRoutes: [WebRoute] {
        let consultations = services.consultations, store = services.store
        return [
            WebRoute(method: .get, path: "/consultations", role: .viewer) { request, context in
                let list = try await store.consultations()
                var counts: [String: (Int, Int, Int)] = [:]
                for c in list {
                    counts[c.id] = (try await store.countParticipants(consultationId: c.id), try await store.countVotes(consultationId: c.id),
                                    try await store.statements(consultationId: c.id, status: .pending).count)
                }
                return ConsultationListView(items: list, counts: counts, user: try context.requireUser(), csrf: context.csrf,
                                            notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .post, path: "/consultations", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                var patch = ConsultationPatch(title: form.first("title") ?? "", question: form.first("question") ?? "")
                if let slug = form.first("slug"), !slug.trimmedText.isEmpty { patch.slug = slug }
                patch.description = .some(form.first("description").flatMap { $0.trimmedText.isEmpty ? nil : $0 })
                patch.audienceTypes = form.fields.filter { $0.0 == "audienceTypes" && !$0.1.isEmpty }.map(\.1)
                patch.audienceAreas = IssueFormValues.lines(form.first("audienceAreas") ?? "")
                patch.level = IAP2Level(rawValue: form.first("level") ?? "") ?? .consult
                patch.moderation = ModerationMode(rawValue: form.first("moderation") ?? "") ?? .before
                do {
                    let c = try await consultations.create(patch, actor: context.actor)
                    return WebSession.redirect(to: "/consultations/\(c.id)?notice=created")
                } catch ConveneError.invalid(let errors) {
                    var view = ConsultationListView(items: try await store.consultations(), counts: [:], user: try context.requireUser(), csrf: context.csrf)
                    view.errors = errors
                    view.status = .unprocessableContent
                    return view.render()
                }
            },
            WebRoute(method: .get, path: "/consultations/:id", role: .viewer) { request, context in
                let c = try await consultations.consultation(id: request.pathID(context))
                return ConsultationPageView(consultation: c, statements: try await store.statements(consultationId: c.id, status: nil),
                                            tallies: try await store.voteTallies(consultationId: c.id), participants: try await store.countParticipants(consultationId: c.id),
                                            user: try context.requireUser(), csrf: context.csrf, notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .post, path: "/consultations/:id/statements", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let id = request.pathID(context)
                let heard = form.first("stakeholderType").flatMap { $0.trimmedText.isEmpty ? nil : $0 }
                do {
                    _ = try await consultations.addStatement(consultationId: id, text: form.first("text") ?? "", heardFrom: heard, actor: context.actor)
                    return WebSession.redirect(to: "/consultations/\(id)?notice=added#statements")
                } catch ConveneError.invalid(let errors) {
                    return WebSession.redirect(to: "/consultations/\(id)?notice=" + (errors.first?.message.contains("already") == true ? "duplicate" : "empty") + "#statements")
                }
            },
            WebRoute(method: .post, path: "/consultations/:id/statements/:statementId/moderate", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let id = request.pathID(context), sid = request.pathID(context, "statementId")
                guard let s = try await store.statement(id: sid), s.consultationId == id else { throw ConveneError.notFound(entity: "statement", id: sid) }
                do {
                    _ = try await consultations.moderate(statementId: s.id, approve: form.first("decision") == "approve", reason: form.first("reason"), actor: context.actor)
                    try await store.enqueueAnalysis(s.consultationId)
                    return WebSession.redirect(to: "/consultations/\(id)?notice=moderated#queue")
                } catch ConveneError.invalid {
                    return WebSession.redirect(to: "/consultations/\(id)?notice=reason-needed#queue")
                }
            },
            WebRoute(method: .post, path: "/consultations/:id/state", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let c = try await consultations.update(id: request.pathID(context), ConsultationPatch(isClosed: form.first("closed") == "true"), actor: context.actor)
                return WebSession.redirect(to: "/consultations/\(c.id)?notice=" + (c.isClosed ? "closed" : "reopened"))
            },
            WebRoute(method: .get, path: "/consultations/:id/report", role: .viewer) { request, context in
                let c = try await consultations.consultation(id: request.pathID(context))
                let analysis = try await consultations.analysis(consultationId: c.id)
                return ConsultationReportView(consultation: c, analysis: analysis, user: try context.requireUser(), csrf: context.csrf).render()
            },
        ]
    }
}
