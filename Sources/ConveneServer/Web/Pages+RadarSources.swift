import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension WebController {
    /// Sources: the list with each one's last success and last error, adding one, OPML in and
    /// out, and poll, pause, resume and delete.
    var radarSourceRoutes: [WebRoute] {
        let radar = services.radar
        return [
            WebRoute(method: .get, path: "/radar/sources", role: .viewer) { request, context in
                SourceListView(sources: try await radar.sources(), counts: try await radar.store.itemCountsBySource(), user: try context.requireUser(),
                               csrf: context.csrf, notice: request.uri.queryParameters.get("notice")).render()
            },
            WebRoute(method: .post, path: "/radar/sources", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                var view = SourceListView(sources: [], counts: [:], user: try context.requireUser(), csrf: context.csrf)
                view.typed = (form.first("url") ?? "", form.first("title") ?? "", form.first("pollMinutes") ?? "60")
                do {
                    var patch = FeedSourcePatch(title: form.first("title").flatMap { $0.trimmedText.isEmpty ? nil : $0 }, url: form.first("url") ?? "")
                    if let url = patch.url, url.lowercased().hasPrefix("file:") { throw ConveneError.invalid("url", "must be an http or https address") }
                    if let minutes = form.first("pollMinutes"), !minutes.isEmpty {
                        guard let n = Int(minutes) else { throw ConveneError.invalid("pollMinutes", "must be a whole number of minutes") }
                        patch.pollMinutes = n
                    }
                    _ = try await radar.createSource(patch, actor: context.actor)
                    return WebSession.redirect(to: "/radar/sources?notice=added")
                } catch ConveneError.invalid(let errors) {
                    view.errors = errors
                    view.status = .unprocessableContent
                }
                view.sources = try await radar.sources()
                view.counts = try await radar.store.itemCountsBySource()
                return view.render()
            },
            WebRoute(method: .post, path: "/radar/sources/opml", role: .staff) { request, context in
                guard request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true else {
                    _ = try await WebController.form(request, context)
                    throw Problem(status: .unsupportedMediaType, detail: "send the file with the upload form (multipart/form-data)")
                }
                let form = try await MultipartForm.read(request, maxBytes: 5 << 20)
                try WebSession.checkCSRF(FormData(fields: form.fields), context: context)
                var view = SourceListView(sources: try await radar.sources(), counts: try await radar.store.itemCountsBySource(), user: try context.requireUser(),
                                          csrf: context.csrf)
                guard let file = form.file("file"), !file.bytes.isEmpty else {
                    view.opmlError = "Choose an OPML file (.opml) to upload."
                    view.status = .unprocessableContent
                    return view.render()
                }
                do {
                    let made = try await radar.importOPML(file.bytes, actor: context.actor)
                    return WebSession.redirect(to: "/radar/sources?notice=" + (made.isEmpty ? "none-new" : "imported"))
                } catch ConveneError.invalid(let errors) {
                    view.opmlError = "Nothing was added: " + errors.prefix(10).map { "\($0.field): \($0.message)" }.joined(separator: "; ")
                    view.status = .unprocessableContent
                    return view.render()
                }
            },
            WebRoute(method: .get, path: "/radar/sources.opml", role: .viewer) { _, _ in
                Response(status: .ok, headers: [.contentType: "text/x-opml; charset=utf-8", .contentDisposition: "attachment; filename=\"convene-sources.opml\""],
                         body: .init(byteBuffer: ByteBuffer(string: try await radar.exportOPML())))
            },
            WebRoute(method: .post, path: "/radar/sources/:id/poll", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                _ = try await radar.pollSoon(id: request.pathID(context))
                return WebSession.redirect(to: "/radar/sources?notice=polling")
            },
            WebRoute(method: .post, path: "/radar/sources/:id/pause", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let pause = form.first("paused") != "false"
                _ = try await radar.updateSource(id: request.pathID(context), FeedSourcePatch(isPaused: pause), actor: context.actor)
                return WebSession.redirect(to: "/radar/sources?notice=" + (pause ? "paused" : "resumed"))
            },
            WebRoute(method: .post, path: "/radar/sources/:id/delete", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                try await radar.deleteSource(id: request.pathID(context), actor: context.actor)
                return WebSession.redirect(to: "/radar/sources?notice=deleted")
            },
        ]
    }
}

/// The sources, their health in words, and the forms to add some.
struct SourceListView {
    var sources: [FeedSource]
    var counts: [String: Int]
    var user: User
    var csrf: String?
    var notice: String?
    var errors: [FieldError] = []
    var opmlError: String?
    var typed = (url: "", title: "", pollMinutes: "60")
    var status: HTTPResponse.Status = .ok

    func row(_ s: FeedSource) -> HTML {
        let f = s.fetch
        let health: HTML
        if s.isPaused { health = "<span class=\"tag\">paused</span>" }
        else if f.failures > 0, let e = f.lastError {
            health = "<span class=\"overdue\">failing: \(e)</span> (\(f.failures) in a row\(f.lastSuccessAt.map { "; last success " + Timestamp.format($0).prefix(16).replacingOccurrences(of: "T", with: " ") + " UTC" } ?? "; never succeeded"))"
        } else if let ok = f.lastSuccessAt { health = "OK \(Layout.when(ok))\(f.lastResult.map { ": " + $0 } ?? "")" }
        else { health = "not read yet" }
        let actions: HTML = user.role >= .staff ? """
            <form method="post" action="/radar/sources/\(s.id)/poll" class="inline">\(Layout.csrfField(csrf))<button type="submit" class="secondary">Poll now<span class="skip"> \(s.title)</span></button></form>
            <form method="post" action="/radar/sources/\(s.id)/pause" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="paused" value="\(s.isPaused ? "false" : "true")"><button type="submit" class="secondary">\(s.isPaused ? "Resume" : "Pause")<span class="skip"> \(s.title)</span></button></form>
            <form method="post" action="/radar/sources/\(s.id)/delete" class="inline">\(Layout.csrfField(csrf))<button type="submit" class="danger">Delete<span class="skip"> \(s.title)</span></button></form>
            """ : .empty
        return """
            <tr><td><a href="/radar?source=\(s.id)">\(s.title)</a><br><span class="hint">\(s.url)</span></td><td>\(s.kind?.label ?? "—")</td>
            <td>every \(s.pollMinutes) min</td><td>\(counts[s.id] ?? 0)</td><td>\(health)</td><td>\(actions)</td></tr>
            """
    }

    func render() -> Response {
        let table: HTML = sources.isEmpty ? "<p>No sources yet.</p>" : """
            <table class="responsive"><thead><tr><th>Source</th><th>Kind</th><th>Polled</th><th>Items</th><th>Last poll</th><th><span class="skip">Actions</span></th></tr></thead>
            <tbody>\(sources.map(row))</tbody></table>
            """
        let add: HTML = user.role >= .staff ? """
            <h2>Add a source</h2>
            \(Layout.errorSummary(errors, anchor: { "f-" + $0 }, label: { $0 }))
            <form method="post" action="/radar/sources">\(Layout.csrfField(csrf))
            \(Layout.field("url", "Feed address", value: typed.url, errors: errors, type: "url", hint: "RSS, Atom, JSON Feed, an OAI-PMH repository's base address, or an iCalendar feed.", required: true))
            \(Layout.field("title", "Name", value: typed.title, errors: errors, hint: "Empty: the site's name."))
            \(Layout.field("pollMinutes", "Poll every (minutes)", value: typed.pollMinutes, errors: errors, type: "number"))
            <button type="submit">Add</button></form>
            <h2>Import an OPML file</h2>
            \(Layout.alert(opmlError))
            <form method="post" action="/radar/sources/opml" enctype="multipart/form-data">\(Layout.csrfField(csrf))
            <div class="field"><label for="f-file">OPML file</label><input id="f-file" type="file" name="file" accept=".opml,.xml,text/x-opml"></div>
            <button type="submit">Import</button></form>
            """ : .empty
        return Layout.page("Sources", user: user, csrf: csrf, current: "/radar", status: status, """
            <h1>Sources</h1>
            \(Layout.notice(notice, ["added": "The source was added; it is read within a minute.", "imported": "The sources of the file were added.",
                                     "none-new": "Every source in the file is followed already.", "polling": "The source is read within a minute.",
                                     "paused": "The source is paused.", "resumed": "The source is polled again.", "deleted": "The source and its items were removed."]))
            <p><a href="/radar">Items</a> · <a href="/radar/issues">Issues</a> · <a href="/radar/sources.opml">Export as OPML</a></p>
            \(table)
            \(add)
            """)
    }
}
