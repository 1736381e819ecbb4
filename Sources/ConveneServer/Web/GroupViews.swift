import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// The groups page: every group, and for staff a form to make one.
struct GroupListView {
    var groups: [StakeholderGroup]
    var counts: [String: Int]
    var user: User
    var csrf: String?
    var notice: String?
    var form = GroupFormValues()
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    static let notices = ["deleted": "Group deleted. Its members are still in the registry."]

    func render() -> Response {
        let rows: [HTML] = groups.map { g in
            let what: HTML = g.kind == .static
                ? "\(counts[g.id] ?? 0) \(counts[g.id] == 1 ? "member" : "members")"
                : "Search: <code>\(g.query ?? "")</code>"
            return "<tr><td><a href=\"/groups/\(g.id)\">\(g.name)</a>\(g.description.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? .empty)</td><td>\(GroupDetailView.kindLabel(g.kind))</td><td>\(what)</td></tr>"
        }
        let body: HTML = """
            <h1>Groups</h1>
            \(Layout.notice(notice, Self.notices))
            \(groups.isEmpty ? "<p>No groups yet.</p>" as HTML : """
            <table class="responsive"><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Members or search</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
            \(user.role >= .staff ? GroupDetailView.form(title: "Create a group", action: "/groups", button: "Create group", values: form, errors: errors, csrf: csrf) : .empty)
            """
        return Layout.page("Groups", user: user, csrf: csrf, current: "/groups", status: status, body)
    }
}

/// One group: what it is, its members a page at a time, and for staff its edit form.
struct GroupDetailView {
    static let pageSize = 50

    var group: StakeholderGroup
    var offset: Int
    var page = StakeholderPage(items: [], total: 0)
    /// Set when a saved search's query no longer reads (it cannot list members).
    var queryProblem: String?
    var user: User
    var csrf: String?
    var notice: String?
    var form: GroupFormValues
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    static let notices = ["created": "Group created.", "saved": "Changes saved.", "removed": "Removed from the group."]

    static func kindLabel(_ kind: StakeholderGroup.Kind) -> String { kind == .static ? "Static list" : "Saved search" }

    var isStaff: Bool { user.role >= .staff }

    func render() -> Response {
        let g = group
        let searchLink: HTML = g.kind == .savedSearch
            ? "<p>Search: <code>\(g.query ?? "")</code> — <a href=\"/stakeholders?q=\(Layout.queryValue(g.query ?? ""))\">Open this search in the stakeholder list</a></p>"
            : .empty
        let body: HTML = """
            <h1>\(g.name)</h1>
            \(Layout.notice(notice, Self.notices))
            <p class="muted">\(Self.kindLabel(g.kind))</p>
            \(g.description.map { "<p>\(Layout.multiline($0))</p>" as HTML } ?? .empty)
            \(searchLink)
            <h2 id="members">Members</h2>
            \(members)
            \(isStaff ? staffForms : .empty)
            """
        return Layout.page(g.name, user: user, csrf: csrf, current: "/groups", status: status, body)
    }

    var members: HTML {
        if let queryProblem { return Layout.alert("This saved search cannot run: \(queryProblem). Edit its query below.") }
        if page.items.isEmpty {
            return offset > 0 ? "<p>No more members. <a href=\"/groups/\(group.id)#members\">Back to the first page</a></p>" : "<p>No members.</p>"
        }
        let canRemove = isStaff && group.kind == .static
        let rows: [HTML] = page.items.map { s in
            let remove: HTML = canRemove ? """
                <td><form method="post" action="/groups/\(group.id)/members/remove" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="stakeholderId" value="\(s.id)"><button type="submit" class="link">Remove<span class="skip"> \(s.displayName)</span></button></form></td>
                """ : .empty
            return "<tr><td><a href=\"/stakeholders/\(s.id)\">\(s.displayName)</a>\(s.isArchived ? " <span class=\"tag\">archived</span>" as HTML : .empty)</td><td>\(s.types.map(StakeholderType.label).joined(separator: ", "))</td><td>\(s.areas.joined(separator: ", "))</td>\(remove)</tr>"
        }
        let next = Cursor.next(offset: offset, count: page.items.count, total: page.total)
        let prev = offset > 0 ? Cursor.encode(max(0, offset - Self.pageSize)) : nil
        return """
            <p>\(offset + 1)–\(offset + page.items.count) of \(page.total)</p>
            <table class="responsive"><thead><tr><th scope="col">Name</th><th scope="col">Types</th><th scope="col">Schools and areas</th>\(canRemove ? "<th scope=\"col\">Change</th>" as HTML : .empty)</tr></thead>
            <tbody>\(rows)</tbody></table>
            \(prev == nil && next == nil ? .empty : """
            <nav class="pager" aria-label="Member pages">\(prev.map { "<a href=\"/groups/\(group.id)?cursor=\($0)#members\" rel=\"prev\">← Previous</a>" as HTML } ?? .empty)\(next.map { "<a href=\"/groups/\(group.id)?cursor=\($0)#members\" rel=\"next\">Next →</a>" as HTML } ?? .empty)</nav>
            """ as HTML)
            """
    }

    var staffForms: HTML {
        """
        \(Self.form(title: "Edit this group", action: "/groups/\(group.id)/edit", button: "Save changes", values: form, errors: errors, csrf: csrf))
        <h2>Delete this group</h2>
        <p>Deleting the group does not delete its members from the registry.</p>
        <form method="post" action="/groups/\(group.id)/delete">\(Layout.csrfField(csrf))<button type="submit" class="danger">Delete group</button></form>
        """
    }

    static func form(title: String, action: String, button: String, values: GroupFormValues, errors: [FieldError], csrf: String?) -> HTML {
        let kinds = StakeholderGroup.Kind.allCases.map { ($0.rawValue, kindLabel($0)) }
        let labels = ["name": "Name", "description": "Description", "kind": "Kind", "query": "Search query"]
        return """
            <h2 id="group-form">\(title)</h2>
            \(Layout.errorSummary(errors, level: 3, anchor: { "f-\($0)" }, label: { labels[$0] ?? $0 }))
            <form method="post" action="\(action)#group-form" novalidate>
            \(Layout.csrfField(csrf))
            \(Layout.field("name", "Name", value: values.name, errors: errors, required: true))
            \(Layout.textarea("description", "Description (optional)", value: values.description, errors: errors))
            \(Layout.radios("kind", legend: "Kind", options: kinds, selected: values.kind, errors: errors, hint: "A static list holds the stakeholders you add. A saved search holds whoever its query finds at the time."))
            \(Layout.field("query", "Search query (saved searches only)", value: values.query, errors: errors, hint: "As in the stakeholder search box, for example: type:parent area:\"Lincoln Elementary\""))
            <button type="submit">\(button)</button>
            </form>
            """
    }
}
