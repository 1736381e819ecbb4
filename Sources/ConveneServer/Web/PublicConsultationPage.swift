import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The words of the public consultation page, in English and Spanish.
struct PublicWords {
    let spanish: Bool
    func callAsFunction(_ english: String) -> String {
        guard spanish else { return english }
        return Self.es[english] ?? english
    }

    static let es: [String: String] = [
        "Take part": "Participar", "I am a": "Soy", "School or area (optional)": "Escuela o zona (opcional)", "Start": "Comenzar",
        "Agree": "De acuerdo", "Disagree": "En desacuerdo", "Pass / unsure": "Paso / no estoy seguro",
        "What do you think of this statement?": "¿Qué piensa de esta afirmación?", "Add your own statement": "Agregue su propia afirmación",
        "Short and about one idea (at most 280 characters). Please leave out names.": "Breve y sobre una sola idea (máximo 280 caracteres). No incluya nombres.",
        "Send": "Enviar", "Invite code": "Código de invitación", "You have voted on every statement. Thank you! Come back later for new ones.":
            "Ha votado sobre todas las afirmaciones. ¡Gracias! Vuelva más tarde para ver otras nuevas.",
        "This consultation is closed.": "Esta consulta está cerrada.", "Our promise to you": "Nuestro compromiso con usted",
        "Thank you; your statement will appear once a moderator has read it.": "Gracias; su afirmación aparecerá cuando la haya leído un moderador.",
        "Thank you; your statement is added.": "Gracias; se agregó su afirmación.", "English": "English", "Español": "Español",
        "No names, emails or addresses are asked for or shown.": "No se piden ni se muestran nombres, correos ni direcciones.",
        "What we heard and what we decided": "Lo que escuchamos y lo que decidimos",
        "parent": "madre, padre o tutor", "student": "estudiante", "teacher": "docente", "staff": "personal escolar", "community-member": "miembro de la comunidad",
        "educator": "docente", "school-staff": "personal escolar", "administrator": "directivo", "business": "empresa",
        "community-organization": "organización comunitaria o religiosa", "elected-official": "funcionario electo", "government-agency": "agencia de gobierno",
        "researcher": "investigador o universidad", "advocacy-organization": "organización de incidencia", "union": "sindicato", "media": "medio de comunicación",
        "funder": "financiador",
    ]
}

/// The public page of a consultation: join, vote one statement at a time, write. No
/// JavaScript, one column for phones, and no personal data anywhere on it.
struct PublicConsultationView {
    var consultation: Consultation
    var participant: Participant?
    var next: ConsultationStatement?
    var spanish: Bool
    var message: String?
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok
    /// The published initiative this consultation serves: its slug and title.
    var initiative: (slug: String, title: String)? = nil

    func render() -> Response {
        let t = PublicWords(spanish: spanish)
        let c = consultation, lang = spanish ? "es" : "en", q = spanish ? "?lang=es" : ""
        let types = c.audienceTypes.isEmpty ? StakeholderType.builtIn : c.audienceTypes
        var body: HTML
        if !c.isOpen(at: Date()) {
            body = "<p class=\"alert\">\(t("This consultation is closed."))</p>"
        } else if participant == nil {
            let areaField: HTML = c.audienceAreas.isEmpty
                ? "<label for=\"f-area\">\(t("School or area (optional)"))</label><input id=\"f-area\" name=\"area\" maxlength=\"200\">"
                : "<label for=\"f-area\">\(t("School or area (optional)"))</label><select id=\"f-area\" name=\"area\"><option value=\"\"></option>\(c.audienceAreas.map { "<option>\($0)</option>" as HTML })</select>"
            body = """
                <h2>\(t("Take part"))</h2>
                <form method="post" action="/c/\(c.slug)/join\(q)">
                <label for="f-type">\(t("I am a"))</label>
                <select id="f-type" name="stakeholderType" required>\(types.map { "<option value=\"\($0)\">\(t($0))</option>" as HTML })</select>
                \(areaField)
                \(c.isInviteOnly ? "<label for=\"f-invite\">\(t("Invite code"))</label><input id=\"f-invite\" name=\"inviteCode\" maxlength=\"40\" autocomplete=\"off\" required>" as HTML : .empty)
                <button type="submit">\(t("Start"))</button></form>
                """
        } else if let s = next {
            body = """
                <h2>\(t("What do you think of this statement?"))</h2>
                <blockquote class="statement">\(s.text)</blockquote>
                <form method="post" action="/c/\(c.slug)/vote\(q)" class="votes"><input type="hidden" name="statementId" value="\(s.id)">
                <button type="submit" name="vote" value="1">\(t("Agree"))</button>
                <button type="submit" name="vote" value="-1">\(t("Disagree"))</button>
                <button type="submit" name="vote" value="0" class="secondary">\(t("Pass / unsure"))</button></form>
                """
        } else {
            body = "<p class=\"notice\">\(t("You have voted on every statement. Thank you! Come back later for new ones."))</p>"
        }
        if participant != nil && c.isOpen(at: Date()) {
            body = body + """
                <h2>\(t("Add your own statement"))</h2>
                <form method="post" action="/c/\(c.slug)/write\(q)"><label for="f-text">\(t("Short and about one idea (at most 280 characters). Please leave out names."))</label>
                <textarea id="f-text" name="text" maxlength="280" rows="3"></textarea>\(Layout.fieldErrors("text", errors))<button type="submit" class="secondary">\(t("Send"))</button></form>
                """
        }
        let html: HTML = """
            <!doctype html>
            <html lang="\(lang)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(c.title)</title>
            <style>body{margin:0;font:18px/1.5 system-ui,sans-serif;color:#1b1f24}main{max-width:40rem;margin:0 auto;padding:16px}
            button{font:inherit;padding:12px 18px;margin:4px 4px 4px 0;border-radius:6px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;min-width:8rem}
            button.secondary{background:#fff;color:#0b5cad}select,input,textarea{font:inherit;width:100%;padding:8px;margin:4px 0 12px;box-sizing:border-box}
            .statement{font-size:1.3rem;border-left:4px solid #0b5cad;margin:12px 0;padding:8px 16px;background:#f6f8fa}
            .notice{background:#eef6ee;padding:10px}.alert{background:#fdeceb;padding:10px}.error{color:#b42318}.hint{color:#57606a;font-size:.9rem}
            a:focus,button:focus,select:focus,input:focus,textarea:focus{outline:3px solid #f5a623}</style></head>
            <body><main>
            <p class="hint"><a href="/c/\(c.slug)" lang="en">English</a> · <a href="/c/\(c.slug)?lang=es" lang="es">Español</a></p>
            <h1>\(c.title)</h1>
            <p><strong>\(c.question)</strong></p>
            \(c.description.map { "<p>\($0)</p>" as HTML } ?? .empty)
            <p class="hint">\(t("Our promise to you")): \(c.level.promise(spanish: spanish))</p>
            \(message.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? .empty)
            \(initiative.map { "<p class=\"notice\"><a href=\"/i/\($0.slug)\(q)\">\(t("What we heard and what we decided"))</a>: \($0.title)</p>" as HTML } ?? .empty)
            \(body)
            <p class="hint">\(t("No names, emails or addresses are asked for or shown."))</p>
            </main></body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html.text)))
    }
}

extension WebController {
    /// `/c/{slug}`: the public consultation page and its three forms.
    var publicConsultationRoutes: [WebRoute] {
        let consultations = services.consultations, services = self.services
        @Sendable func page(_ request: Request, _ context: ConveneContext, message: String? = nil, errors: [FieldError] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
            let slug = context.parameters.get("slug") ?? ""
            let c = try await consultations.consultation(slug: slug)
            let p = try? await consultations.participant(secret: PublicLimit.cookie(request, slug: slug), consultation: c)
            var next: ConsultationStatement?
            if let p { next = try await consultations.next(for: p, in: c) }
            let spanish = request.uri.queryParameters.get("lang") == "es"
            let initiative = try await services.collaboration.publishedInitiative(consultationId: c.id)
                .map { (slug: $0.slug, title: spanish ? ($0.titleEs ?? $0.title) : $0.title) }
            return PublicConsultationView(consultation: c, participant: p, next: next, spanish: spanish,
                                          message: message, errors: errors, status: status, initiative: initiative).render()
        }
        @Sendable func back(_ request: Request, _ slug: String, _ notice: String? = nil) -> Response {
            var q: [String] = []
            if request.uri.queryParameters.get("lang") == "es" { q.append("lang=es") }
            if let notice { q.append("notice=\(notice)") }
            return WebSession.redirect(to: "/c/\(slug)" + (q.isEmpty ? "" : "?" + q.joined(separator: "&")))
        }
        return [
            WebRoute(method: .get, path: "/c/:slug", role: nil) { request, context in
                try await PublicLimit.check(context, services)
                let t = PublicWords(spanish: request.uri.queryParameters.get("lang") == "es")
                let notices = ["pending": t("Thank you; your statement will appear once a moderator has read it."), "added": t("Thank you; your statement is added.")]
                return try await page(request, context, message: request.uri.queryParameters.get("notice").flatMap { notices[$0] })
            },
            WebRoute(method: .post, path: "/c/:slug/join", role: nil) { request, context in
                try await PublicLimit.check(context, services)
                let form = try await FormData.read(request)
                let slug = context.parameters.get("slug") ?? ""
                do {
                    let (_, secret) = try await consultations.join(slug: slug, stakeholderType: form.first("stakeholderType"), area: form.first("area"),
                                                                   inviteCode: form.first("inviteCode"))
                    var r = back(request, slug)
                    r.setCookie(Cookie(name: PublicLimit.cookieName(slug), value: secret, maxAge: 180 * 86_400, path: "/", secure: services.configuration.secureCookies,
                                       httpOnly: true, sameSite: .lax))
                    return r
                } catch ConveneError.invalid(let errors) {
                    return try await page(request, context, message: errors.map(\.message).joined(separator: "; "), errors: errors, status: .unprocessableContent)
                }
            },
            WebRoute(method: .post, path: "/c/:slug/vote", role: nil) { request, context in
                try await PublicLimit.check(context, services)
                let form = try await FormData.read(request)
                let slug = context.parameters.get("slug") ?? ""
                let c = try await consultations.consultation(slug: slug)
                let p = try await consultations.participant(secret: PublicLimit.cookie(request, slug: slug), consultation: c)
                try await consultations.vote(p, in: c, statementId: form.first("statementId"), vote: form.first("vote").flatMap { Int($0) })
                try await services.store.enqueueAnalysis(c.id)
                return back(request, slug)
            },
            WebRoute(method: .post, path: "/c/:slug/write", role: nil) { request, context in
                try await PublicLimit.check(context, services)
                let form = try await FormData.read(request)
                let slug = context.parameters.get("slug") ?? ""
                let c = try await consultations.consultation(slug: slug)
                let p = try await consultations.participant(secret: PublicLimit.cookie(request, slug: slug), consultation: c)
                do {
                    let s = try await consultations.write(p, in: c, text: form.first("text"))
                    return back(request, slug, s.status == .pending ? "pending" : "added")
                } catch ConveneError.invalid(let errors) {
                    return try await page(request, context, errors: errors, status: .unprocessableContent)
                }
            },
        ]
    }
}
