import ConveneCore
import ConveneFormats
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension WebController {
    /// Import of stakeholders: upload, see the columns and a dry run, change the mapping,
    /// confirm. The file waits in the database between the steps (any server can confirm).
    var importRoutes: [WebRoute] {
        let services = services
        let maxBytes = 20 << 20
        return [
            WebRoute(method: .get, path: "/stakeholders/import", role: .staff) { _, context in
                ImportUploadView(user: try context.requireUser(), csrf: context.csrf, error: nil).render()
            },
            WebRoute(method: .post, path: "/stakeholders/import", role: .staff) { request, context in
                let user = try context.requireUser()
                guard request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true else {
                    _ = try await WebController.form(request, context)
                    throw Problem(status: .unsupportedMediaType, detail: "send the file with the upload form (multipart/form-data)")
                }
                let form = try await MultipartForm.read(request, maxBytes: maxBytes + (64 << 10))
                try WebSession.checkCSRF(FormData(fields: form.fields), context: context)
                guard let file = form.file("file"), !file.bytes.isEmpty else {
                    return ImportUploadView(user: user, csrf: context.csrf, error: "Choose a CSV or vCard file to upload.", status: .unprocessableContent).render()
                }
                let id = Identifier.make()
                try await services.store.putUpload(id: id, userId: user.id, filename: String(file.filename.prefix(200)), content: file.bytes, at: Date())
                return WebSession.redirect(to: "/stakeholders/import/\(id)")
            },
            WebRoute(method: .get, path: "/stakeholders/import/:id", role: .staff) { request, context in
                let user = try context.requireUser()
                guard let upload = try await services.store.upload(id: request.pathID(context), userId: user.id) else {
                    throw ConveneError.notFound(entity: "upload", id: request.pathID(context))
                }
                return try await ImportPreview.page(id: request.pathID(context), upload: upload, settings: ImportPreview.Settings(), services: services,
                                                    user: user, csrf: context.csrf)
            },
            WebRoute(method: .post, path: "/stakeholders/import/:id", role: .staff) { request, context in
                let user = try context.requireUser()
                let form = try await WebController.form(request, context)
                let id = request.pathID(context)
                guard let upload = try await services.store.upload(id: id, userId: user.id) else { throw ConveneError.notFound(entity: "upload", id: id) }
                var settings = ImportPreview.Settings()
                settings.policy = form.first("policy").flatMap(ImportPolicy.init(rawValue:)) ?? .update
                settings.skipInvalid = form.first("skipInvalid") == "on"
                var columns: [Int: ImportField] = [:]
                for (key, value) in form.fields where key.hasPrefix("col-") {
                    if let n = Int(key.dropFirst(4)), let f = ImportField(rawValue: value) { columns[n] = f }
                }
                settings.columns = columns
                if form.first("action") == "import" {
                    return try await ImportPreview.apply(id: id, upload: upload, settings: settings, services: services, user: user, csrf: context.csrf)
                }
                return try await ImportPreview.page(id: id, upload: upload, settings: settings, services: services, user: user, csrf: context.csrf)
            },
            WebRoute(method: .get, path: "/events/import", role: .staff) { _, context in
                EventImportView(user: try context.requireUser(), csrf: context.csrf).render()
            },
            WebRoute(method: .post, path: "/events/import", role: .staff) { request, context in
                let user = try context.requireUser()
                guard request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true else {
                    _ = try await WebController.form(request, context)
                    throw Problem(status: .unsupportedMediaType, detail: "send the file with the upload form (multipart/form-data)")
                }
                let form = try await MultipartForm.read(request, maxBytes: maxBytes + (64 << 10))
                try WebSession.checkCSRF(FormData(fields: form.fields), context: context)
                var view = EventImportView(user: user, csrf: context.csrf)
                guard let file = form.file("file"), !file.bytes.isEmpty else {
                    view.error = "Choose an iCalendar (.ics) file to upload."
                    view.status = .unprocessableContent
                    return view.render()
                }
                do {
                    view.report = try await EventImporter(engagement: services.engagement).run(file.bytes, dryRun: form.first("dryRun") == "on",
                                                                                               skipInvalid: form.first("skipInvalid") == "on",
                                                                                               districtZone: WebTime.defaultZone, actor: .user(user))
                    if let r = view.report, r.count(.reject) > 0, !r.applied, !r.dryRun { view.status = .unprocessableContent }
                } catch ConveneError.invalid(let errors) {
                    view.error = "This file cannot be imported: " + errors.map(\.message).joined(separator: "; ")
                    view.status = .unprocessableContent
                }
                return view.render()
            },
            WebRoute(method: .get, path: "/stakeholders/export", role: .staff) { request, _ in
                let format = StakeholderExporter.Format(rawValue: request.uri.queryParameters.get("format") ?? "csv") ?? .csv
                let query = try StakeholderQuery(request: request)
                let exporter = StakeholderExporter(registry: services.registry)
                let body = ResponseBody { writer in
                    _ = try await exporter.export(query, format: format) { text in try await writer.write(ByteBuffer(string: text)) }
                    try await writer.finish(nil)
                }
                return Response(status: .ok, headers: [.contentType: format == .csv ? "text/csv; charset=utf-8" : "text/vcard; charset=utf-8",
                                                       .contentDisposition: "attachment; filename=\"stakeholders.\(format == .csv ? "csv" : "vcf")\""], body: body)
            },
        ]
    }
}

extension FormData {
    init(fields: [(String, String)]) { self.fields = fields }
}

struct ImportUploadView {
    var user: User
    var csrf: String?
    var error: String?
    var status: HTTPResponse.Status = .ok

    func render() -> Response {
        Layout.page("Import stakeholders", user: user, csrf: csrf, current: "/stakeholders", status: status, """
            <h1>Import stakeholders</h1>
            <p>From a spreadsheet saved as CSV (the first line names the columns: “First name”, “Email”, “School”…) or from a
            vCard file exported by Outlook, Gmail or Apple Contacts. Nothing is written until you have seen what will happen.</p>
            \(Layout.alert(error))
            <form method="post" action="/stakeholders/import" enctype="multipart/form-data">
            \(Layout.csrfField(csrf))
            <div class="field\(error == nil ? "" : " has-error")">
            <label for="f-file">File (CSV or vCard, at most 20 MiB)</label>
            <input id="f-file" type="file" name="file" accept=".csv,.tsv,.txt,.vcf,text/csv,text/vcard" required>
            </div>
            <p><button type="submit">Upload and check</button></p>
            </form>
            <p>To bring back a list you changed in a spreadsheet, <a href="/stakeholders/export?format=csv">export it as CSV</a> first:
            the <code>id</code> column brings each row back onto its record.</p>
            """)
    }
}

/// The preview of an upload: columns and their fields, the policy, and the dry run's report.
enum ImportPreview {
    struct Settings {
        var policy: ImportPolicy = .update
        var skipInvalid = false
        /// Column position → field, as the user set them (others are guessed).
        var columns: [Int: ImportField] = [:]
    }

    static func isVCard(_ upload: (filename: String, content: [UInt8])) -> Bool {
        upload.filename.lowercased().hasSuffix(".vcf") || upload.content.prefix(200).starts(with: Array("BEGIN:VCARD".utf8))
            || String(decoding: upload.content.prefix(300), as: UTF8.self).uppercased().contains("BEGIN:VCARD")
    }

    static func run(_ upload: (filename: String, content: [UInt8]), settings: Settings, options: StakeholderImporter.Options,
                    services: Services, user: User) async throws -> (ImportReport, ImportMapping?, [[String]]) {
        let bytes = upload.content
        if isVCard(upload) {
            let report = try await StakeholderImporter(store: services.store, knownTypes: services.registry.knownTypes).run({
                var sent = false
                return try VCardImportSource(chunks: { if sent { return nil }; sent = true; return bytes })
            }, options: options, actor: .user(user))
            return (report, nil, [])
        }
        let (header, sample) = try CSVImportSource.preview(bytes)
        var mapping = ImportMapping.guess(header: header)
        for (n, f) in settings.columns where n < mapping.fields.count { mapping.fields[n] = f }
        let fixed = mapping
        let report = try await StakeholderImporter(store: services.store, knownTypes: services.registry.knownTypes).run({
            var sent = false
            return CSVImportSource(mapping: { _ in fixed }, chunks: { if sent { return nil }; sent = true; return bytes })
        }, options: options, actor: .user(user))
        return (report, fixed, sample)
    }

    static func page(id: String, upload: (filename: String, content: [UInt8]), settings: Settings, services: Services, user: User, csrf: String?) async throws -> Response {
        do {
            let (report, mapping, sample) = try await run(upload, settings: settings, options: .init(policy: settings.policy, dryRun: true, skipInvalid: settings.skipInvalid),
                                                          services: services, user: user)
            return render(id: id, filename: upload.filename, settings: settings, report: report, mapping: mapping, sample: sample, user: user, csrf: csrf, message: nil)
        } catch ConveneError.invalid(let errors) {
            let message = "This file cannot be imported: " + errors.map(\.message).joined(separator: "; ")
            return render(id: id, filename: upload.filename, settings: settings, report: nil, mapping: nil, sample: [], user: user, csrf: csrf, message: message,
                          status: .unprocessableContent)
        }
    }

    static func apply(id: String, upload: (filename: String, content: [UInt8]), settings: Settings, services: Services, user: User, csrf: String?) async throws -> Response {
        let (report, mapping, sample) = try await run(upload, settings: settings, options: .init(policy: settings.policy, skipInvalid: settings.skipInvalid),
                                                      services: services, user: user)
        if report.applied { try await services.store.deleteUpload(id: id) }
        return render(id: id, filename: upload.filename, settings: settings, report: report, mapping: mapping, sample: sample, user: user, csrf: csrf,
                      message: report.applied ? nil : "Nothing was imported: some rows were rejected. Fix the file, or tick “leave out rejected rows”.",
                      status: report.applied ? .ok : .unprocessableContent)
    }

    static func actionLabel(_ a: ImportAction) -> String {
        switch a {
        case .create: "New"
        case .update: "Update an existing record"
        case .merge: "Merge with an earlier row"
        case .skip: "Skip (already in Convene)"
        case .reject: "Rejected"
        }
    }

    static func render(id: String, filename: String, settings: Settings, report: ImportReport?, mapping: ImportMapping?, sample: [[String]],
                       user: User, csrf: String?, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let done = report?.applied == true
        var body: HTML = "<h1>\(done ? "Imported" : "Import") \(filename)</h1>\(Layout.alert(message))"
        if let report {
            let counts: [HTML] = ImportAction.allCases.map { a in "<li>\(actionLabel(a)): <strong>\(report.counts[a] ?? 0)</strong></li>" }
            body = body + """
                <h2>\(done ? "What was done" : "What will happen")</h2>
                <ul>\(counts)</ul>
                \(report.organizationsCreated.isEmpty ? HTML.empty : "<p>Organizations \(done ? "created" : "to create"): \(report.organizationsCreated.prefix(30).joined(separator: ", "))</p>" as HTML)
                """
            let rows: [HTML] = report.rows.sorted { $0.line < $1.line }.prefix(300).map { r in
                let link: HTML = done ? r.stakeholderId.map { "<a href=\"/stakeholders/\($0)\">\(r.name)</a>" as HTML } ?? "\(r.name)" : "\(r.name)"
                return "<tr class=\"\(r.action.rawValue)\"><td>\(r.line)</td><td>\(actionLabel(r.action))</td><td>\(link)</td><td>\(r.reasons.joined(separator: "; "))</td></tr>"
            }
            body = body + """
                <table><caption>Row by row (every rejected row, and the first rows of each kind)</caption>
                <thead><tr><th>Line</th><th>What</th><th>Name</th><th>Why</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        if done {
            body = body + "<p><a href=\"/stakeholders\">Back to the stakeholders</a> · <a href=\"/stakeholders/import\">Import another file</a></p>"
            return Layout.page("Import finished", user: user, csrf: csrf, current: "/stakeholders", status: status, body)
        }
        var columns: HTML = .empty
        if let mapping {
            let options = ImportField.allCases.map { (value: $0.rawValue, label: $0.label) }
            let rows: [HTML] = mapping.header.enumerated().map { n, name in
                let examples = sample.compactMap { n < $0.count ? $0[n] : nil }.filter { !$0.isEmpty }.prefix(3).joined(separator: " · ")
                return """
                    <tr><td>\(name.isEmpty ? "(column \(n + 1))" : name)</td><td>\(Layout.select("col-\(n)", "Field for \(name)", options: options,
                        selected: mapping.fields[n].rawValue, errors: []))</td><td>\(examples)</td></tr>
                    """
            }
            columns = """
                <h2>Columns</h2>
                <p>Each column’s field was guessed from its name; change any of them, then check again.</p>
                <table><thead><tr><th>Column</th><th>Goes into</th><th>Examples</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        let policies = ImportPolicy.allCases.map { p -> (value: String, label: String) in
            switch p {
            case .update: (p.rawValue, "Update it: fill in what the file has, keep everything else")
            case .skip: (p.rawValue, "Skip the row")
            case .create: (p.rawValue, "Create a new record anyway")
            }
        }
        body = body + """
            <form method="post" action="/stakeholders/import/\(id)">
            \(Layout.csrfField(csrf))
            \(columns)
            <h2>Rows that match a stakeholder already in Convene</h2>
            <p>A row matches when it has the same email or phone, or a very similar name at the same organization.</p>
            \(Layout.radios("policy", legend: "When a row matches", options: policies, selected: settings.policy.rawValue, errors: []))
            <p><label><input type="checkbox" name="skipInvalid"\(settings.skipInvalid ? " checked" : "")> Leave out rejected rows and import the rest</label></p>
            <p><button type="submit" name="action" value="preview">Check again</button>
            <button type="submit" name="action" value="import">Import</button></p>
            </form>
            """
        return Layout.page("Import \(filename)", user: user, csrf: csrf, current: "/stakeholders", status: status, body)
    }
}

struct EventImportView {
    var user: User
    var csrf: String?
    var error: String?
    var report: EventImportReport?
    var status: HTTPResponse.Status = .ok

    func render() -> Response {
        var result: HTML = .empty
        if let r = report {
            let verb = r.applied ? "Imported" : r.dryRun ? "Checked (nothing written)" : "Nothing imported: some events were rejected"
            let counts: [HTML] = ImportAction.allCases.map { a in "<li>\(ImportPreview.actionLabel(a)): <strong>\(r.count(a))</strong></li>" }
            let rows: [HTML] = r.rows.prefix(300).map { row in
                let title: HTML = row.eventId.map { r.applied ? "<a href=\"/events/\($0)\">\(row.title)</a>" as HTML : "\(row.title)" } ?? "\(row.title)"
                return "<tr><td>\(row.line)</td><td>\(ImportPreview.actionLabel(row.action))</td><td>\(title)</td><td>\(row.reasons.joined(separator: "; "))</td></tr>"
            }
            result = """
                <h2>\(verb)</h2><ul>\(counts)</ul>
                <table><thead><tr><th>Line</th><th>What</th><th>Event</th><th>Why</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        return Layout.page("Import events", user: user, csrf: csrf, current: "/events", status: status, """
            <h1>Import events</h1>
            <p>From an iCalendar (.ics) file exported by Google Calendar, Outlook or Apple Calendar. A recurring event comes in as its
            occurrences from a year ago to two years ahead; importing the same file again updates what it brought in.</p>
            \(Layout.alert(error))
            \(result)
            <form method="post" action="/events/import" enctype="multipart/form-data">
            \(Layout.csrfField(csrf))
            <div class="field"><label for="f-file">Calendar file (.ics, at most 20 MiB)</label>
            <input id="f-file" type="file" name="file" accept=".ics,text/calendar" required></div>
            <p><label><input type="checkbox" name="dryRun"> Only check: show what would happen</label></p>
            <p><label><input type="checkbox" name="skipInvalid"> Leave out rejected events and import the rest</label></p>
            <p><button type="submit">Upload</button></p>
            </form>
            """)
    }
}
