import ConveneCore
import HTTPTypes
import Hummingbird
import NIOCore

/// The page frame every web page shares: landmarks, a skip link, the navigation, the style.
enum Layout {
    static func page(_ title: String, user: User?, csrf: String?, current: String = "", status: HTTPResponse.Status = .ok, _ body: HTML) -> Response {
        var nav: [HTML] = []
        if let user {
            var links: [(String, String)] = [("/", "Dashboard"), ("/stakeholders", "Stakeholders"), ("/groups", "Groups"), ("/events", "Events"),
                                               ("/follow-ups", "Follow-ups"), ("/coverage", "Coverage"), ("/radar", "Radar"), ("/consultations", "Consultations"), ("/initiatives", "Initiatives"), ("/duplicates", "Duplicates"), ("/account/tokens", "API tokens")]
            if user.role == .admin { links += [("/admin/users", "Users"), ("/audit", "Audit log")] }
            nav = links.map { href, label in
                href == current ? "<li><a href=\"\(href)\" aria-current=\"page\">\(label)</a></li>" : "<li><a href=\"\(href)\">\(label)</a></li>"
            }
            nav.append("""
                <li class="who"><span>\(user.displayName) (\(user.role.rawValue))</span>
                <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="link">Sign out</button></form></li>
                """)
        }
        let html: HTML = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Convene</title>
            <style>\(HTML(raw: style + engagementStyle))</style>
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header><a class="brand" href="/">Convene</a>\(nav.isEmpty ? HTML.empty : "<nav aria-label=\"Main\"><ul>\(nav)</ul></nav>")</header>
            <main id="main" tabindex="-1">
            \(body)
            </main>
            </body>
            </html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html.text)))
    }

    /// A labelled text input with its error, if any, right after it.
    static func field(_ name: String, _ label: String, value: String?, errors: [FieldError], type: String = "text", hint: String? = nil, required: Bool = false) -> HTML {
        let own = errors.filter { $0.field == name || $0.field.hasPrefix(name + "[") || $0.field.hasPrefix(name + ".") }
        let describedBy = [hint != nil ? "\(name)-hint" : nil, own.isEmpty ? nil : "\(name)-error"].compactMap { $0 }.joined(separator: " ")
        return """
            <div class="field\(own.isEmpty ? "" : " has-error")">
            <label for="f-\(name)">\(label)\(required ? " (required)" : "")</label>
            \(hint.map { "<p class=\"hint\" id=\"\(name)-hint\">\($0)</p>" as HTML } ?? .empty)
            <input id="f-\(name)" name="\(name)" type="\(type)" value="\(value)"\(required ? " required" : "")\(describedBy.isEmpty ? "" : HTML(raw: " aria-describedby=\"\(HTML.escape(describedBy))\""))\(own.isEmpty ? HTML.empty : HTML(raw: " aria-invalid=\"true\""))>
            \(fieldErrors(name, own))
            </div>
            """
    }

    static func fieldErrors(_ name: String, _ errors: [FieldError]) -> HTML {
        errors.isEmpty ? .empty : "<p class=\"error\" id=\"\(name)-error\">\(errors.map(\.message).joined(separator: "; "))</p>"
    }

    static func csrfField(_ csrf: String?) -> HTML { "<input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\">" }

    static let style = """
        :root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--bad:#b42318;--bg:#fff;--soft:#f6f8fa}
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f5a623;outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
        header{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;padding:10px 16px;border-bottom:1px solid var(--line);background:var(--soft)}
        .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg)}
        nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0;align-items:center}
        nav a[aria-current]{font-weight:700;text-decoration:none;color:var(--fg)}.who{color:var(--muted)}
        main{padding:16px;max-width:1200px;margin:0 auto}h1{font-size:1.6rem;margin:.2em 0 .6em}h2{font-size:1.2rem;margin-top:1.5em}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        .field{margin:0 0 12px}.field label{display:block;font-weight:600}.hint{margin:0;color:var(--muted);font-size:.9rem}
        input[type=text],input[type=email],input[type=password],input[type=search],input[type=number],input[type=date],select,textarea{width:100%;max-width:36rem;padding:8px;border:1px solid #8c959f;border-radius:4px;font:inherit}
        textarea{min-height:5rem}.has-error input,.has-error textarea,.has-error select{border-color:var(--bad)}.error{color:var(--bad);margin:4px 0 0;font-weight:600}
        button,.button{display:inline-block;padding:8px 14px;border:1px solid var(--accent);border-radius:4px;background:var(--accent);color:#fff;font:inherit;cursor:pointer;text-decoration:none}
        button.secondary{background:#fff;color:var(--accent)}button.danger{background:var(--bad);border-color:var(--bad)}button.link{background:none;border:0;color:var(--accent);padding:0;text-decoration:underline}
        form.inline{display:inline}.notice{padding:10px 12px;background:#eef6ee;border:1px solid #9bc59b;border-radius:4px}.alert{padding:10px 12px;background:#fdeceb;border:1px solid #e8a39e;border-radius:4px}
        .layout{display:grid;grid-template-columns:16rem 1fr;gap:24px}@media(max-width:800px){.layout{display:flex;flex-direction:column-reverse}table.responsive thead{display:none}table.responsive td{display:block;border:0;padding:2px 0}table.responsive tr{display:block;border-bottom:1px solid var(--line);padding:8px 0}}
        fieldset{border:1px solid var(--line);border-radius:4px;margin:0 0 12px;padding:8px 12px}legend{font-weight:600}
        .facets ul{list-style:none;padding:0;margin:0 0 8px}.facets li{margin:2px 0}.count{color:var(--muted)}.tag{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:10px;padding:0 8px;margin:0 4px 4px 0;font-size:.9rem}
        dl.details{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.details dt{font-weight:600}dl.details dd{margin:0}
        .muted{color:var(--muted)}.pager{display:flex;gap:16px;margin:12px 0}.checks label{display:inline-block;margin-right:12px;font-weight:400}
        """
}
