import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension WebController {
    var stakeholderRoutes: [WebRoute] {
        let registry = services.registry
        return [
            WebRoute(method: .get, path: "/stakeholders", role: .viewer) { request, context in
                let user = try context.requireUser()
                var query: StakeholderQuery
                do { query = try StakeholderQuery(request: request) } catch let e as ConveneError {
                    return WebPages.errorPage(Problem.from(e), user: user, csrf: context.csrf)
                }
                query.limit = min(query.limit, 100)
                let page: StakeholderPage, facets: [FacetField: [FacetCount]]
                do {
                    page = try await registry.search(query)
                    facets = try await registry.facets(query, fields: [.type, .level, .area, .consent, .tag, .topic], limit: 12)
                } catch let e as ConveneError {
                    return WebPages.errorPage(Problem.from(e), user: user, csrf: context.csrf)
                }
                let affiliations = try await registry.store.stakeholders(ids: Array(Set(page.items.compactMap(\.affiliationId))))
                let orgNames = Dictionary(uniqueKeysWithValues: affiliations.map { ($0.id, $0.displayName) })
                return StakeholderListPage(request: request, query: query, page: page, facets: facets, orgNames: orgNames, user: user, csrf: context.csrf).render()
            },
        ]
    }
}

/// The stakeholder list: search box, filters with facet counts, results, pages.
struct StakeholderListPage {
    let request: Request
    let query: StakeholderQuery
    let page: StakeholderPage
    let facets: [FacetField: [FacetCount]]
    let orgNames: [String: String]
    let user: User
    let csrf: String?

    /// The current URL with one parameter toggled, for facet links.
    func link(toggling name: String, _ value: String) -> String {
        var items = request.uri.queryParameters.map { (String($0.key), String($0.value)) }.filter { $0.0 != "cursor" }
        if items.contains(where: { $0.0 == name && $0.1 == value }) { items.removeAll { $0.0 == name && $0.1 == value } } else { items.append((name, value)) }
        return "/stakeholders?" + items.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    func link(cursor: String) -> String {
        var items = request.uri.queryParameters.map { (String($0.key), String($0.value)) }.filter { $0.0 != "cursor" }
        items.append(("cursor", cursor))
        return "/stakeholders?" + items.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    func isSelected(_ name: String, _ value: String) -> Bool {
        request.uri.queryParameters.getAll(name).contains(value)
    }

    func facetBlock(_ field: FacetField, title: String, param: String, label: (String) -> String = { $0 }) -> HTML {
        let counts = facets[field] ?? []
        if counts.isEmpty { return .empty }
        let items: [HTML] = counts.map { c in
            let on = isSelected(param, c.value)
            return "<li><a href=\"\(link(toggling: param, c.value))\"\(on ? HTML(raw: " aria-current=\"true\"") : .empty)>\(on ? "✓ " : "")\(label(c.value))</a> <span class=\"count\">\(c.count)</span></li>"
        }
        return "<h3>\(title)</h3><ul>\(items)</ul>"
    }

    func render() -> Response {
        let q = request.uri.queryParameters.get("q") ?? ""
        let rows: [HTML] = page.items.map { s in
            let org = s.affiliationId.flatMap { orgNames[$0] }
            return """
                <tr><td><a href="/stakeholders/\(s.id)">\(s.displayName)</a>\(s.isArchived ? " <span class=\"tag\">archived</span>" as HTML : .empty)\(s.title.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? .empty)</td>
                <td>\(s.types.map(StakeholderType.label).joined(separator: ", "))</td>
                <td>\(org ?? "")</td>
                <td>\(s.areas.joined(separator: ", "))</td>
                <td>\(s.emails.first?.value ?? "")</td></tr>
                """
        }
        let next = Cursor.next(offset: query.offset, count: page.items.count, total: page.total)
        let prev = query.offset > 0 ? Cursor.encode(max(0, query.offset - query.limit)) : nil
        let shownFrom = page.total == 0 ? 0 : query.offset + 1
        let body: HTML = """
            <h1>Stakeholders</h1>
            <form method="get" action="/stakeholders" role="search">
            <label for="q">Search names, organizations, emails, notes, tags and topics</label>
            <p class="hint" id="q-hint">Words, "exact phrases", prefixes like educat*, and filters like type:parent or tag:volunteer.</p>
            <input id="q" name="q" type="search" value="\(q)" aria-describedby="q-hint">
            <button type="submit">Search</button>
            \(user.role >= .staff ? " <a class=\"button secondary\" href=\"/stakeholders/new\">New stakeholder</a>" as HTML : .empty)
            </form>
            \(user.role >= .staff ? "<p><a href=\"/stakeholders/import\">Import from CSV or vCard</a> · Export this list: <a href=\"/stakeholders/export?format=csv&amp;q=\(Layout.queryValue(q))\">CSV</a> · <a href=\"/stakeholders/export?format=vcard&amp;q=\(Layout.queryValue(q))\">vCard</a></p>" as HTML : .empty)
            <div class="layout">
            <aside class="facets" aria-label="Filters">
            <h2>Filters</h2>
            \(facetBlock(.type, title: "Type", param: "type", label: StakeholderType.label))
            \(facetBlock(.level, title: "Level", param: "level"))
            \(facetBlock(.area, title: "School or area", param: "area"))
            \(facetBlock(.consent, title: "Consent", param: "consent"))
            \(facetBlock(.topic, title: "Topic", param: "topic"))
            \(facetBlock(.tag, title: "Tag", param: "tag"))
            <h3>Archived</h3><ul><li><a href="\(link(toggling: "archived", "only"))">\(isSelected("archived", "only") ? "✓ " : "")Archived only</a></li></ul>
            </aside>
            <section aria-labelledby="results">
            <h2 id="results">\(page.total == 0 ? "No stakeholders match" : "Showing \(shownFrom)–\(query.offset + page.items.count) of \(page.total)")</h2>
            \(page.items.isEmpty ? .empty : """
            <table class="responsive"><thead><tr><th scope="col">Name</th><th scope="col">Types</th><th scope="col">Organization</th><th scope="col">Schools and areas</th><th scope="col">Email</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """ as HTML)
            <nav class="pager" aria-label="Pages">\(prev.map { "<a href=\"\(link(cursor: $0))\" rel=\"prev\">← Previous</a>" as HTML } ?? .empty)\(next.map { "<a href=\"\(link(cursor: $0))\" rel=\"next\">Next →</a>" as HTML } ?? .empty)</nav>
            </section>
            </div>
            """
        return Layout.page("Stakeholders", user: user, csrf: csrf, current: "/stakeholders", body)
    }
}
