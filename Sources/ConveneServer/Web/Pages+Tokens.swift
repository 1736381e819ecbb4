import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Your own API tokens: list, create (secret shown once), revoke.
    var tokenRoutes: [WebRoute] {
        let accounts = services.accounts, store = services.store
        return [
            WebRoute(method: .get, path: "/account/tokens", role: .viewer) { request, context in
                let user = try context.requireUser()
                return TokensView(tokens: try await store.tokens(userId: user.id), user: user, csrf: context.csrf,
                                  notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .post, path: "/account/tokens", role: .viewer) { request, context in
                let form = try await WebController.form(request, context)
                let user = try context.requireUser()
                var view = TokensView(tokens: [], user: user, csrf: context.csrf)
                do {
                    let (secret, token) = try await accounts.createToken(for: user, name: form.first("name") ?? "", actor: context.actor)
                    view.created = (secret, token)
                } catch ConveneError.invalid(let errors) {
                    view.name = form.first("name") ?? ""
                    view.errors = errors
                    view.status = .unprocessableContent
                }
                view.tokens = try await store.tokens(userId: user.id)
                var response = view.render()
                // The secret is on this page only: no cache may keep it.
                response.headers[.cacheControl] = "no-store"
                return response
            },
            WebRoute(method: .post, path: "/account/tokens/:id/revoke", role: .viewer) { request, context in
                _ = try await WebController.form(request, context)
                _ = try await accounts.revokeToken(id: request.pathID(context), by: try context.requireUser())
                return WebSession.redirect(to: "/account/tokens?notice=revoked")
            },
        ]
    }
}

/// The API tokens page.
struct TokensView {
    var tokens: [APIToken]
    var user: User
    var csrf: String?
    var notice: String?
    /// A token just made, with its secret: shown on this one answer and never again.
    var created: (secret: String, token: APIToken)?
    var name = ""
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    static let notices = ["revoked": "Token revoked. Programs using it can no longer sign in with it."]

    func render() -> Response {
        let rows: [HTML] = tokens.map { t in
            let state: HTML = t.revokedAt.map { "Revoked \(Layout.when($0))" } ?? "Active"
            let revoke: HTML = t.revokedAt == nil ? """
                <form method="post" action="/account/tokens/\(t.id)/revoke" class="inline">\(Layout.csrfField(csrf))<button type="submit" class="secondary">Revoke<span class="skip"> \(t.name)</span></button></form>
                """ : .empty
            return """
                <tr><td>\(t.name)</td><td><code>\(t.prefix)…</code></td><td>\(Layout.when(t.createdAt))</td>
                <td>\(t.lastUsedAt.map(Layout.when) ?? "Never")</td><td>\(state)</td><td>\(revoke)</td></tr>
                """
        }
        let body: HTML = """
            <h1>API tokens</h1>
            \(Layout.notice(notice, Self.notices))
            \(createdBox)
            <p>A token lets a program use the JSON API as you (send it as <code>Authorization: Bearer …</code>). It can do what your role allows.</p>
            \(tokens.isEmpty ? "<p>You have no tokens.</p>" as HTML : """
            <table class="responsive"><thead><tr><th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col">Change</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
            <h2 id="new-token-form">Create a token</h2>
            \(Layout.errorSummary(errors, level: 3, anchor: { "f-\($0)" }, label: { $0 == "name" ? "Name" : $0 }))
            <form method="post" action="/account/tokens" novalidate>
            \(Layout.csrfField(csrf))
            \(Layout.field("name", "Name", value: name, errors: errors, hint: "What the token is for, such as \"board report script\".", required: true))
            <button type="submit">Create token</button>
            </form>
            """
        return Layout.page("API tokens", user: user, csrf: csrf, current: "/account/tokens", status: status, body)
    }

    var createdBox: HTML {
        guard let created else { return .empty }
        return """
            <div class="notice" role="status">
            <h2>Your new token “\(created.token.name)”</h2>
            <p><label for="new-token">Token</label><br><input id="new-token" type="text" readonly value="\(created.secret)" size="60" aria-describedby="new-token-warning"></p>
            <p id="new-token-warning"><strong>Copy it now: it will not be shown again.</strong> Convene keeps only a fingerprint of it. If you lose it, revoke it and make another.</p>
            </div>
            """
    }
}
