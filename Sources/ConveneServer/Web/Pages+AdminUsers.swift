import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Users, API tokens and the audit log (F7).
    var adminRoutes: [WebRoute] {
        userAdminRoutes + tokenRoutes + auditRoutes
    }

    var userAdminRoutes: [WebRoute] {
        let accounts = services.accounts, store = services.store
        return [
            WebRoute(method: .get, path: "/admin/users", role: .admin) { request, context in
                UsersView(users: try await store.users(), user: try context.requireUser(), csrf: context.csrf,
                          notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .post, path: "/admin/users", role: .admin) { request, context in
                let form = try await WebController.form(request, context)
                let user = try context.requireUser()
                let typed = UsersView.NewUser(email: form.first("email") ?? "", displayName: form.first("displayName") ?? "", role: form.first("role") ?? "")
                var view = UsersView(users: [], user: user, csrf: context.csrf, form: typed)
                do {
                    guard let role = Role(rawValue: typed.role) else { throw ConveneError.invalid("role", "choose viewer, staff or admin") }
                    _ = try await accounts.createUser(email: typed.email, displayName: typed.displayName, role: role,
                                                      password: form.first("password") ?? "", actor: context.actor)
                    return WebSession.redirect(to: "/admin/users?notice=created")
                } catch ConveneError.invalid(let errors) {
                    (view.errors, view.status) = (errors, .unprocessableContent)
                } catch ConveneError.conflict(let message) {
                    (view.errors, view.status) = ([FieldError("email", message)], .conflict)
                }
                view.users = try await store.users()
                return view.render()
            },
            WebRoute(method: .post, path: "/admin/users/:id", role: .admin) { request, context in
                let form = try await WebController.form(request, context)
                let target = try await accounts.user(id: request.pathID(context))
                var view = UsersView(users: [], user: try context.requireUser(), csrf: context.csrf)
                do {
                    let notice: String
                    switch form.first("action") ?? "" {
                    case "role":
                        guard let role = Role(rawValue: form.first("role") ?? "") else { throw ConveneError.invalid("role", "choose viewer, staff or admin") }
                        _ = try await accounts.updateUser(id: target.id, displayName: nil, role: role, isDisabled: nil, actor: context.actor)
                        notice = "role"
                    case "disable", "enable":
                        let disable = form.first("action") == "disable"
                        _ = try await accounts.updateUser(id: target.id, displayName: nil, role: nil, isDisabled: disable, actor: context.actor)
                        notice = disable ? "disabled" : "enabled"
                    case "password":
                        try await accounts.setPassword(userId: target.id, password: form.first("password") ?? "", actor: context.actor)
                        notice = "password"
                    default:
                        throw ConveneError.invalid("action", "unknown change")
                    }
                    return WebSession.redirect(to: "/admin/users?notice=\(notice)")
                } catch ConveneError.invalid(let errors) {
                    view.message = "\(target.email) was not changed: " + errors.map(\.message).joined(separator: "; ") + "."
                    view.status = .unprocessableContent
                } catch ConveneError.conflict(let message) {
                    view.message = "\(target.email) was not changed: \(message)."
                    view.status = .conflict
                }
                view.users = try await store.users()
                return view.render()
            },
        ]
    }
}

/// The users page: who can sign in, with what role, and the forms to change that.
struct UsersView {
    struct NewUser: Sendable {
        var email = "", displayName = "", role = Role.viewer.rawValue
    }

    var users: [User]
    var user: User
    var csrf: String?
    var notice: String?
    var form = NewUser()
    var errors: [FieldError] = []
    /// A change to an existing user that was refused (the last admin, a short password).
    var message: String?
    var status: HTTPResponse.Status = .ok

    static let notices = [
        "created": "User created.", "role": "Role changed. Their sessions were ended, so they sign in again with the new role.",
        "disabled": "User disabled and signed out.", "enabled": "User enabled.",
        "password": "Password set. Their sessions were ended.",
    ]

    static var roles: [(value: String, label: String)] {
        [("viewer", "Viewer (reads)"), ("staff", "Staff (reads and changes data)"), ("admin", "Admin (everything)")]
    }

    func render() -> Response {
        let rows: [HTML] = users.map(row)
        let labels = ["email": "Email", "displayName": "Name", "role": "Role", "password": "Password"]
        let body: HTML = """
            <h1>Users</h1>
            \(Layout.notice(notice, Self.notices))
            \(Layout.alert(message))
            <table class="responsive"><thead><tr><th scope="col">Name and email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Change</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <h2 id="new-user">Add a user</h2>
            \(Layout.errorSummary(errors, level: 3, anchor: { "f-\($0)" }, label: { labels[$0] ?? $0 }))
            <form method="post" action="/admin/users#new-user" novalidate>
            \(Layout.csrfField(csrf))
            \(Layout.field("email", "Email", value: form.email, errors: errors, type: "email", required: true))
            \(Layout.field("displayName", "Name", value: form.displayName, errors: errors, hint: "Optional; the part of the email before @ if blank."))
            \(Layout.select("role", "Role", options: Self.roles, selected: form.role, errors: errors))
            \(Layout.field("password", "Password", value: nil, errors: errors, type: "password", hint: "At least \(Accounts.minimumPasswordLength) characters. Give it to them privately.", required: true))
            <button type="submit">Add user</button>
            </form>
            """
        return Layout.page("Users", user: user, csrf: csrf, current: "/admin/users", status: status, body)
    }

    func row(_ u: User) -> HTML {
        let roleOptions: [HTML] = Self.roles.map { "<option value=\"\($0.value)\"\(u.role.rawValue == $0.value ? " selected" : "")>\($0.label)</option>" }
        let action = "/admin/users/\(u.id)"
        return """
            <tr><td>\(u.displayName)\(u.id == user.id ? " (you)" : "")<br><span class="muted">\(u.email)</span></td>
            <td>\(u.role.rawValue.capitalized)</td>
            <td>\(u.isDisabled ? "Disabled" : "Active")</td>
            <td>
            <form method="post" action="\(action)">\(Layout.csrfField(csrf))<input type="hidden" name="action" value="role">
            <label for="role-\(u.id)">Role for \(u.email)</label>
            <select id="role-\(u.id)" name="role">\(roleOptions)</select> <button type="submit" class="secondary">Change role</button></form>
            <form method="post" action="\(action)">\(Layout.csrfField(csrf))<input type="hidden" name="action" value="\(u.isDisabled ? "enable" : "disable")">
            <button type="submit" class="secondary">\(u.isDisabled ? "Enable" : "Disable")<span class="skip"> \(u.email)</span></button></form>
            <form method="post" action="\(action)">\(Layout.csrfField(csrf))<input type="hidden" name="action" value="password">
            <label for="password-\(u.id)">New password for \(u.email)</label>
            <input type="password" id="password-\(u.id)" name="password" autocomplete="new-password" minlength="\(Accounts.minimumPasswordLength)">
            <button type="submit" class="secondary">Set password</button></form>
            </td></tr>
            """
    }
}
