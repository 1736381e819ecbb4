import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The words of the "you said, we did" page, in English and Spanish.
struct InitiativeWords {
    let spanish: Bool
    func callAsFunction(_ english: String) -> String { spanish ? Self.es[english] ?? PublicWords.es[english] ?? english : english }

    /// A stakeholder type as the public reads it.
    func type(_ t: String) -> String { spanish ? Self.types[t] ?? t : StakeholderType.label(t) }

    static let types: [String: String] = [
        "parent": "Madres, padres y tutores", "student": "Estudiantes", "educator": "Docentes", "school-staff": "Personal escolar",
        "administrator": "Directivos", "community-member": "Miembros de la comunidad", "business": "Empresas",
        "community-organization": "Organizaciones comunitarias o religiosas", "elected-official": "Funcionarios electos", "government-agency": "Agencias de gobierno",
        "researcher": "Investigadores y universidades", "advocacy-organization": "Organizaciones de incidencia", "union": "Sindicatos", "media": "Medios",
        "funder": "Financiadores", "unspecified": "Sin especificar",
    ]

    static let es: [String: String] = [
        "What we asked": "Lo que preguntamos", "Who took part": "Quiénes participaron", "What we heard": "Lo que escuchamos",
        "What we decided and why": "Lo que decidimos y por qué", "people took part": "personas participaron", "votes": "votos",
        "Take part": "Participar", "See the consultation": "Ver la consulta", "participants": "participantes", "statements": "afirmaciones",
        "Themes": "Temas", "Where people agreed": "Donde hubo acuerdo", "agree": "de acuerdo", "disagree": "en desacuerdo",
        "Decided by": "Decidido por", "Options we weighed": "Opciones consideradas", "chosen": "elegida", "Why": "Por qué",
        "Our promise, and what we did": "Nuestro compromiso y lo que hicimos", "We promised": "Prometimos", "What we did": "Lo que hicimos",
        "What we drew on": "En qué nos basamos", "No decision yet. We will say here what we decide, and why.": "Aún no hay decisión. Aquí diremos lo que decidamos y por qué.",
        "No names, emails or phone numbers of participants are shown.": "No se muestran nombres, correos ni teléfonos de los participantes.",
        "Stakeholder type": "Tipo de participante", "People": "Personas", "Total": "Total",
        "consultation": "consulta", "forum": "foro", "meeting": "reunión", "survey": "encuesta", "workshop": "taller", "other": "otra actividad",
        "conversations with stakeholders": "conversaciones con personas interesadas", "stakeholders consulted": "personas interesadas consultadas",
        "groups consulted": "grupos consultados", "meetings and forums": "reuniones y foros",
        "conversation with a stakeholder": "conversación con una persona interesada", "stakeholder consulted": "persona interesada consultada",
        "group consulted": "grupo consultado", "meeting or forum": "reunión o foro", "working group": "grupo de trabajo", "working groups": "grupos de trabajo", "Also": "Además", "Nothing to show yet.": "Aún no hay nada que mostrar.",
        "Groups of opinion": "Grupos de opinión", "A group of stakeholders": "Un grupo de participantes", "Our promises": "Nuestros compromisos",
        "Other types (fewer than 3 people each)": "Otros tipos (menos de 3 personas cada uno)",
    ]
}

/// `/i/{slug}`: what the district asked, who took part, what it heard, and what it decided and
/// why. No account, no JavaScript, no one named.
public struct PublicInitiativeView {
    var view: PublicInitiative
    var spanish: Bool

    func render() -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html())))
    }

    /// The page as HTML text (also for benchmarks).
    public static func html(_ view: PublicInitiative, spanish: Bool) -> String { PublicInitiativeView(view: view, spanish: spanish).html() }

    func html() -> String {
        let t = InitiativeWords(spanish: spanish), v = view, q = spanish ? "?lang=es" : ""
        var sections: [HTML] = []
        // What we asked.
        if !v.asked.isEmpty {
            let items: [HTML] = v.asked.map { a in
                let link: HTML = a.consultationSlug.map { "<br><a href=\"/c/\($0)\(q)\">\(a.isOpen ? t("Take part") : t("See the consultation"))</a>" as HTML } ?? .empty
                return "<li><strong>\(a.title)</strong> <span class=\"hint\">(\(t(a.kind.rawValue))\(a.on.map { ", \($0.description)" } ?? ""))</span>\(a.question.map { "<br>“\($0)”" as HTML } ?? .empty)\(link)</li>"
            }
            sections.append("<h2>\(t("What we asked"))</h2><ul class=\"plain\">\(items)</ul>")
        }
        // What we promised each audience.
        if !v.promises.isEmpty {
            let items: [HTML] = v.promises.map { p in
                "<li><strong>\(p.isType ? t.type(p.audience) : p.audience.isEmpty ? t("A group of stakeholders") : p.audience)</strong>: \(p.level.promise(spanish: spanish))</li>"
            }
            sections.append("<h2>\(t("Our promises"))</h2><ul>\(items)</ul>")
        }
        // Who took part.
        let rows: [HTML] = v.tookPart.filter { $0.key != "other" }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "<tr><td>\(t.type($0.key))</td><td class=\"n\">\($0.value)</td></tr>" }
            + (v.tookPart["other"].map { ["<tr><td>\(t("Other types (fewer than 3 people each)"))</td><td class=\"n\">\($0)</td></tr>"] } ?? [])
        sections.append("""
            <h2>\(t("Who took part"))</h2>
            <p class="big">\(v.tookPartTotal) \(t("people took part"))\(v.votes > 0 ? " · \(v.votes) \(t("votes"))" : "")</p>
            \(rows.isEmpty ? "" as HTML : "<table><thead><tr><th scope=\"col\">\(t("Stakeholder type"))</th><th scope=\"col\" class=\"n\">\(t("People"))</th></tr></thead><tbody>\(rows)</tbody></table>")
            """)
        // What we heard.
        if !v.heard.isEmpty {
            var heard: [HTML] = ["<h2>\(t("What we heard"))</h2>"]
            for h in v.heard {
                heard.append("<h3>\(h.title)</h3><p>“\(h.question)”<br><span class=\"hint\">\(h.participants) \(t("participants")) · \(h.votes) \(t("votes")) · \(h.statements) \(t("statements"))\(h.opinionGroups > 1 ? " · \(t("Groups of opinion")): \(h.opinionGroups)" : "")</span></p>")
                if !h.themes.isEmpty {
                    heard.append("<h4>\(t("Themes"))</h4><ul>\(h.themes.map { th in "<li><strong>\(th.keywords.joined(separator: ", "))</strong>\(th.statements.map { " — “\($0)”" as HTML })</li>" as HTML })</ul>")
                }
                if !h.consensus.isEmpty {
                    heard.append("<h4>\(t("Where people agreed"))</h4><ul>\(h.consensus.map { c in "<li>“\(c.text)” — \(c.agreePercent)% \(t("agree")), \(c.disagreePercent)% \(t("disagree"))</li>" as HTML })</ul>")
                }
            }
            sections.append(HTML(raw: heard.map(\.text).joined()))
        }
        // What we decided and why.
        var decided: [HTML] = ["<h2>\(t("What we decided and why"))</h2>"]
        if v.decisions.isEmpty { decided.append("<p>\(t("No decision yet. We will say here what we decide, and why."))</p>") }
        for d in v.decisions {
            decided.append("<article class=\"decision\"><h3>\(d.title)</h3><p class=\"hint\">\(d.decidedOn?.description ?? "")\(d.decidedBy.map { " · \(t("Decided by")) \($0)" } ?? "")</p>")
            if !d.optionsConsidered.isEmpty {
                decided.append("<h4>\(t("Options we weighed"))</h4><ul>\(d.optionsConsidered.map { o in "<li>\(o)\(o == d.chosenOption ? " (\(t("chosen")))" : "")</li>" as HTML })</ul>")
            }
            decided.append("<h4>\(t("Why"))</h4><p>\(d.rationale)</p>")
            if !d.promises.isEmpty {
                decided.append("<h4>\(t("Our promise, and what we did"))</h4><ul>\(d.promises.map { p in "<li><strong>\(p.isType ? t.type(p.audience) : p.audience.isEmpty ? t("A group of stakeholders") : p.audience)</strong> — \(t("We promised")): \(p.level.promise(spanish: spanish)) <br>\(t("What we did")): \(p.outcome ?? "")</li>" as HTML })</ul>")
            }
            var drew: [HTML] = d.sources.map { s in
                guard let url = s.url, url.hasPrefix("https://") || url.hasPrefix("http://") || (url.hasPrefix("/") && !url.hasPrefix("//")) else { return "<li>\(s.title)</li>" }
                return "<li><a href=\"\(url)\">\(s.title)</a></li>"
            }
            let counted: [(String, String, String)] = [("interaction", "conversation with a stakeholder", "conversations with stakeholders"),
                                                       ("stakeholder", "stakeholder consulted", "stakeholders consulted"),
                                                       ("group", "group consulted", "groups consulted"), ("event", "meeting or forum", "meetings and forums"),
                                                       ("working-group", "working group", "working groups")]
            let extra = counted.compactMap { key, one, many in d.consulted[key].map { "\($0) \(t($0 == 1 ? one : many))" } }
            if !extra.isEmpty { drew.append("<li>\(t("Also")): \(extra.joined(separator: "; "))</li>") }
            if !drew.isEmpty { decided.append("<h4>\(t("What we drew on"))</h4><ul>\(drew)</ul>") }
            decided.append("</article>")
        }
        sections.append(HTML(raw: decided.map(\.text).joined()))
        let html: HTML = """
            <!doctype html>
            <html lang="\(spanish ? "es" : "en")"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(v.title)</title>
            <style>body{margin:0;font:18px/1.55 system-ui,sans-serif;color:#1b1f24}main{max-width:44rem;margin:0 auto;padding:16px}
            h2{border-bottom:2px solid #0b5cad;padding-bottom:4px;margin-top:2rem}.hint{color:#57606a;font-size:.9rem}.big{font-size:1.4rem}
            table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:6px;text-align:left}.n{text-align:right}
            ul.plain{list-style:none;padding:0}ul.plain li{margin-bottom:12px}.decision{border-left:4px solid #0b5cad;padding-left:12px;margin:16px 0}
            a:focus{outline:3px solid #f5a623}@media print{a{color:inherit}}</style></head>
            <body><main>
            <p class="hint"><a href="/i/\(v.slug)" lang="en">English</a> · <a href="/i/\(v.slug)?lang=es" lang="es">Español</a></p>
            <h1>\(v.title)</h1>
            \(v.summary.map { "<p>\($0)</p>" as HTML } ?? .empty)
            \(sections)
            <p class="hint">\(t("No names, emails or phone numbers of participants are shown."))</p>
            </main></body></html>
            """
        return html.text
    }
}

extension WebController {
    /// `/i/{slug}`: a published initiative's public page (not found until it is published).
    var publicInitiativeRoutes: [WebRoute] {
        let collaboration = services.collaboration, consultations = services.consultations, services = self.services
        return [
            WebRoute(method: .get, path: "/i/:slug", role: nil) { request, context in
                try await PublicLimit.check(context, services)
                let spanish = request.uri.queryParameters.get("lang") == "es"
                let view = try await collaboration.publicView(slug: context.parameters.get("slug") ?? "", spanish: spanish, consultations: consultations)
                return PublicInitiativeView(view: view, spanish: spanish).render()
            },
        ]
    }
}
