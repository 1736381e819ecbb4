import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension WebController {
    var signInRoutes: [WebRoute] {
        let accounts = services.accounts, secure = services.configuration.secureCookies
        return [
            WebRoute(method: .get, path: "/login", role: nil) { request, context in
                let token = request.cookies[WebSession.preSessionCookie]?.value ?? Secret.make(bytes: 18)
                var response = WebPages.signIn(next: request.uri.queryParameters.get("next"), csrf: token, email: nil, error: nil)
                response.setCookie(Cookie(name: WebSession.preSessionCookie, value: token, path: "/login", secure: secure, httpOnly: true, sameSite: .strict))
                return response
            },
            WebRoute(method: .post, path: "/login", role: nil) { request, context in
                let form = try await FormData.read(request)
                let expected = request.cookies[WebSession.preSessionCookie]?.value ?? ""
                let next = form.first("next")
                guard !expected.isEmpty, Authorization.constantTimeEqual(form.first("_csrf") ?? "", expected) else {
                    return WebPages.signIn(next: next, csrf: expected, email: form.first("email"), error: "The form expired. Please sign in again.", status: .forbidden)
                }
                do {
                    let user = try await accounts.signIn(email: form.first("email") ?? "", password: form.first("password") ?? "", clientAddress: context.clientAddress)
                    let (cookie, _) = try await accounts.startSession(for: user)
                    return WebSession.redirect(to: WebSession.safeNext(next), cookies: [
                        WebSession.sessionCookie(cookie, secure: secure, maxAge: Int(accounts.sessionLifetime)),
                        Cookie(name: WebSession.preSessionCookie, value: "gone", maxAge: 0, path: "/login", secure: secure, httpOnly: true, sameSite: .strict),
                    ])
                } catch let error as ConveneError {
                    let status: HTTPResponse.Status = if case .rateLimited = error { .tooManyRequests } else { .unauthorized }
                    let message = if case .rateLimited = error { "Too many failed sign-ins. Wait 15 minutes and try again." } else { "Wrong email or password." }
                    return WebPages.signIn(next: next, csrf: expected, email: form.first("email"), error: message, status: status)
                }
            },
            WebRoute(method: .post, path: "/logout", role: .viewer) { request, context in
                _ = try await WebController.form(request, context)
                if case .session(_, let cookie) = context.identity?.credential { try await accounts.endSession(cookie: cookie) }
                return WebSession.redirect(to: "/login", cookies: [WebSession.clearedCookie(WebSession.cookieName, secure: secure)])
            },
        ]
    }
}

enum WebPages {
    static func signIn(next: String?, csrf: String, email: String?, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        Layout.page("Sign in", user: nil, csrf: nil, status: status, """
            <h1>Sign in to Convene</h1>
            \(error.map { "<p class=\"alert\" role=\"alert\">\($0)</p>" as HTML } ?? .empty)
            <form method="post" action="/login">
            <input type="hidden" name="_csrf" value="\(csrf)">
            <input type="hidden" name="next" value="\(WebSession.safeNext(next))">
            <div class="field"><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="\(email)"></div>
            <div class="field"><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
            <button type="submit">Sign in</button>
            </form>
            """)
    }

    static func errorPage(_ problem: Problem, user: User?, csrf: String?) -> Response {
        let advice: HTML = switch problem.status {
        case 403: "<p>You do not have permission for this. Ask an administrator if you need it.</p>"
        case 404: "<p>It may have been merged, erased, or the address is wrong.</p>"
        case 500...: "<p>Something went wrong on our side. It has been logged; please try again.</p>"
        default: .empty
        }
        let fieldList: HTML = (problem.errors ?? []).isEmpty ? .empty : "<ul>\((problem.errors ?? []).map { "<li>\($0.field): \($0.message)</li>" as HTML })</ul>"
        return Layout.page(problem.title, user: user, csrf: csrf, status: .init(code: problem.status), """
            <h1>\(problem.title)</h1>
            <p>\(problem.detail)</p>
            \(fieldList)
            \(advice)
            <p><a href="/stakeholders">Back to stakeholders</a></p>
            """)
    }
}
