import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Possible duplicates, side by side, with merge and dismiss (F1).
    var duplicateRoutes: [WebRoute] {
        let registry = services.registry
        return [
            WebRoute(method: .get, path: "/duplicates", role: .viewer) { request, context in
                let user = try context.requireUser()
                let pairs = try await registry.duplicatePairs(limit: 100)
                let records = try await registry.store.stakeholders(ids: Array(Set(pairs.flatMap { [$0.firstId, $0.secondId] })))
                var byId = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                let orgIds = Set(records.compactMap(\.affiliationId)).subtracting(byId.keys)
                for org in try await registry.store.stakeholders(ids: Array(orgIds)) { byId[org.id] = org }
                return DuplicatesView(pairs: pairs, records: byId, user: user, csrf: context.csrf,
                                      notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .post, path: "/duplicates/merge", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let kept = try await registry.merge(keepId: form.first("keepId") ?? "", removeId: form.first("removeId") ?? "", actor: context.actor)
                return WebSession.redirect(to: "/stakeholders/\(kept.id)?notice=merged")
            },
            WebRoute(method: .post, path: "/duplicates/dismiss", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                try await registry.dismissDuplicate(form.first("firstId") ?? "", form.first("secondId") ?? "", actor: context.actor)
                return WebSession.redirect(to: "/duplicates?notice=dismissed")
            },
        ]
    }
}

/// The duplicates page: each pair in two columns with the reasons it was flagged.
struct DuplicatesView {
    var pairs: [DuplicatePair]
    /// The paired stakeholders and their affiliations, by id.
    var records: [String: Stakeholder]
    var user: User
    var csrf: String?
    var notice: String?

    static let notices = ["dismissed": "Marked as not a duplicate. The pair will not be suggested again."]

    func render() -> Response {
        let shown: [HTML] = pairs.enumerated().compactMap { i, p in
            guard let a = records[p.firstId], let b = records[p.secondId] else { return nil }
            return pair(i + 1, a, b, p.reasons)
        }
        let body: HTML = """
            <h1>Possible duplicates</h1>
            \(Layout.notice(notice, Self.notices))
            <p>Stakeholders that share an email or phone, or have very similar names at the same organization.
            Merging keeps one record, adds what only the other had, and moves the other's relationships and groups to it.</p>
            \(shown.isEmpty ? "<p>No possible duplicates found.</p>" as HTML : shown.joined())
            """
        return Layout.page("Possible duplicates", user: user, csrf: csrf, current: "/duplicates", body)
    }

    func pair(_ n: Int, _ a: Stakeholder, _ b: Stakeholder, _ reasons: [String]) -> HTML {
        func cell(_ s: Stakeholder, _ value: (Stakeholder) -> String) -> HTML { "<td>\(value(s))</td>" }
        func row(_ label: String, _ value: (Stakeholder) -> String) -> HTML {
            "<tr><th scope=\"row\">\(label)</th>\(cell(a, value))\(cell(b, value))</tr>"
        }
        let rows: [HTML] = [
            "<tr><th scope=\"row\">Name</th><td><a href=\"/stakeholders/\(a.id)\">\(a.displayName)</a></td><td><a href=\"/stakeholders/\(b.id)\">\(b.displayName)</a></td></tr>",
            row("Kind") { $0.kind == .person ? "Person" : "Organization" },
            row("Types") { $0.types.map(StakeholderType.label).joined(separator: ", ") },
            row("Emails") { $0.emails.map(\.value).joined(separator: ", ") },
            row("Phones") { $0.phones.map(\.value).joined(separator: ", ") },
            row("Affiliation") { s in s.affiliationId.map { records[$0]?.displayName ?? $0 } ?? "" },
            row("Schools and areas") { $0.areas.joined(separator: ", ") },
            row("Status") { $0.isArchived ? "Archived" : "Active" },
        ]
        let staff: HTML = user.role >= .staff ? """
            <form method="post" action="/duplicates/merge" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="keepId" value="\(a.id)"><input type="hidden" name="removeId" value="\(b.id)"><button type="submit">Keep left, merge right into it</button></form>
            <form method="post" action="/duplicates/merge" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="keepId" value="\(b.id)"><input type="hidden" name="removeId" value="\(a.id)"><button type="submit">Keep right, merge left into it</button></form>
            <form method="post" action="/duplicates/dismiss" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="firstId" value="\(a.id)"><input type="hidden" name="secondId" value="\(b.id)"><button type="submit" class="secondary">Not a duplicate</button></form>
            """ : .empty
        return """
            <section aria-labelledby="pair-\(n)">
            <h2 id="pair-\(n)">\(a.displayName) and \(b.displayName)</h2>
            <p>Why: \(reasons.joined(separator: "; "))</p>
            <table><caption class="skip">Pair \(n) side by side</caption>
            <thead><tr><td></td><th scope="col">Left</th><th scope="col">Right</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <div>\(staff)</div>
            </section>
            """
    }
}
