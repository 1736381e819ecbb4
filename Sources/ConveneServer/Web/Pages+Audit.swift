import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// The audit log, newest first, filtered and paged.
    var auditRoutes: [WebRoute] {
        let store = services.store
        return [
            WebRoute(method: .get, path: "/audit", role: .admin) { request, context in
                let params = request.uri.queryParameters
                func filter(_ name: String) -> String? { params.get(name).map { $0.trimmedText }.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) } }
                var before: Int64?
                if let text = filter("before") {
                    guard let n = Int64(text), n > 0 else { throw ConveneError.invalid("before", "is not a position this page gave out") }
                    before = n
                }
                let query = AuditQuery(entityType: filter("entityType"), entityId: filter("entityId"), actorId: filter("actorId"),
                                       beforeSeq: before, limit: AuditView.pageSize)
                let entries = try await store.auditEntries(query)
                return AuditView(entries: entries, query: query, users: try await store.users(),
                                 user: try context.requireUser(), csrf: context.csrf).render()
            },
        ]
    }
}

/// The audit log page: who changed what, when, with the record before and after.
struct AuditView {
    static let pageSize = 50
    static let entityTypes = ["stakeholder", "relationship", "group", "user", "token"]

    var entries: [AuditEntry]
    var query: AuditQuery
    var users: [User]
    var user: User
    var csrf: String?

    func render() -> Response {
        let types = [("", "Any")] + Self.entityTypes.map { ($0, $0.capitalized) }
        let actors = [("", "Anyone")] + users.map { ($0.id, "\($0.displayName) (\($0.email))") }
        let rows: [HTML] = entries.map(row)
        let body: HTML = """
            <h1>Audit log</h1>
            <form method="get" action="/audit" role="search" aria-label="Filter the audit log">
            \(Layout.select("entityType", "Record type", options: types, selected: query.entityType ?? "", errors: []))
            \(Layout.field("entityId", "Record id", value: query.entityId, errors: []))
            \(Layout.select("actorId", "Changed by", options: actors, selected: query.actorId ?? "", errors: []))
            <button type="submit">Filter</button> <a href="/audit">Clear filters</a>
            </form>
            <h2>\(query.beforeSeq == nil ? "Latest changes" : "Older changes")</h2>
            \(entries.isEmpty ? "<p>No entries.</p>" as HTML : """
            <table class="responsive"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Record</th><th scope="col">Before and after</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
            <nav class="pager" aria-label="Pages">\(query.beforeSeq == nil ? .empty : "<a href=\"\(link(before: nil))\">Newest</a>" as HTML)\(olderLink)</nav>
            """
        return Layout.page("Audit log", user: user, csrf: csrf, current: "/audit", body)
    }

    var olderLink: HTML {
        guard entries.count == Self.pageSize, let last = entries.last else { return .empty }
        return "<a href=\"\(link(before: last.seq))\" rel=\"next\">Older →</a>"
    }

    func link(before: Int64?) -> String {
        let items = [("entityType", query.entityType), ("entityId", query.entityId), ("actorId", query.actorId), ("before", before.map(String.init))]
        return "/audit?" + items.compactMap { name, value in value.map { "\(name)=\(Layout.queryValue($0))" } }.joined(separator: "&")
    }

    func row(_ e: AuditEntry) -> HTML {
        let record: HTML = switch e.entityType {
        case "stakeholder" where Identifier.isPlausible(e.entityId): "stakeholder <a href=\"/stakeholders/\(e.entityId)\">\(e.entityId)</a>"
        case "group" where Identifier.isPlausible(e.entityId): "group <a href=\"/groups/\(e.entityId)\">\(e.entityId)</a>"
        default: "\(e.entityType) \(e.entityId)"
        }
        let details: [HTML] = [("Before", e.before), ("After", e.after)].compactMap { label, value in
            value.map { "<details><summary>\(label)</summary><pre>\(Self.pretty($0))</pre></details>" }
        }
        return """
            <tr><td>\(Layout.when(e.at))</td><td>\(e.actorLabel)</td><td>\(e.action)</td><td>\(record)</td>
            <td>\(details.isEmpty ? "—" : details.joined())</td></tr>
            """
    }

    /// Indented JSON with sorted keys, for reading.
    static func pretty(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? value.encodedString()
    }
}
