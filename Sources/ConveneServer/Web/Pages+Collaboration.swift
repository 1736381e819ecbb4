import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension WebController {
    /// Staff pages of working groups, partnerships, positions, bills, campaigns, the resource
    /// library, initiatives and the decision log, and the printable board report.
    var collaborationRoutes: [WebRoute] {
        workRoutes(WorkingGroup.self) + workRoutes(Partnership.self) + workRoutes(PolicyPosition.self) + workRoutes(Bill.self)
            + workRoutes(Campaign.self) + workRoutes(Resource.self) + workRoutes(Initiative.self) + workRoutes(Decision.self) + boardReportRoutes
    }

    func workRoutes<R: WorkRecord>(_ type: R.Type) -> [WebRoute] {
        let spec = WorkSpec.of(R.kind), services = self.services, collaboration = services.collaboration, reader = WorkFormReader(services: services)
        let path = spec.path

        /// `links`: what the record shown points at, so the page can name it.
        @Sendable func view(_ context: ConveneContext, links: [WorkLink] = [], errors: [FieldError] = []) async throws -> WorkView {
            var v = WorkView(spec: spec, user: try context.requireUser(), csrf: context.csrf)
            v.errors = errors
            for f in spec.fields + spec.lists.flatMap(\.fields) {
                if case .pick(let kind, _) = f.kind, v.options[f.name] == nil { v.options[f.name] = try await reader.options(kind) }
            }
            v.names = try await NameBook.load(links, services: services)
            return v
        }
        @Sendable func detail(_ context: ConveneContext, id: String, notice: String? = nil, errors: [FieldError] = [], alert: String? = nil) async throws -> Response {
            let r = try await collaboration.record(R.self, id: id)
            let json = JSONValue.from(r)
            let v = try await view(context, links: r.links.map(\.link), errors: errors)
            var extra = Layout.alert(alert)
            extra = HTML(raw: extra.text + (try await self.workExtra(r, view: v).text))
            return v.detailPage(json, extra: extra, notice: notice, status: errors.isEmpty && alert == nil ? .ok : .unprocessableContent)
        }
        @Sendable func entries(_ r: R, _ list: String) throws -> [JSONValue] {
            guard spec.lists.contains(where: { $0.name == list }) else { throw ConveneError.notFound(entity: "list", id: list) }
            if case .array(let a)? = JSONValue.from(r)[list] { return a }
            return []
        }
        @Sendable func change(_ context: ConveneContext, id: String, fields: [String: JSONValue], formErrors: [FieldError], notice: String) async throws -> Response {
            do {
                if !formErrors.isEmpty { throw ConveneError.invalid(formErrors) }
                _ = try await collaboration.update(R.self, id: id, fields: fields, actor: context.actor)
                return WebSession.redirect(to: "\(path)/\(id)?notice=\(notice)")
            } catch ConveneError.invalid(let errors) {
                return try await detail(context, id: id, errors: errors)
            } catch ConveneError.conflict(let message) {
                return try await detail(context, id: id, alert: message)
            }
        }
        @Sendable func index(_ context: ConveneContext) throws -> Int {
            guard let n = Int(context.parameters.get("index") ?? ""), n >= 0 else { throw ConveneError.notFound(entity: "entry", id: context.parameters.get("index") ?? "") }
            return n
        }

        return [
            WebRoute(method: .get, path: path, role: .viewer) { request, context in
                let q = request.uri.queryParameters.get("q") ?? ""
                let list = try await collaboration.records(R.self, query: q)
                var draft: [String: JSONValue] = [:]
                for key in ["initiativeId"] { if let v = request.uri.queryParameters.get(key) { draft[key] = .string(v) } }
                return try await view(context).listPage(list.map { JSONValue.from($0) }, query: q, notice: request.uri.queryParameters.get("notice"), draft: draft)
            },
            WebRoute(method: .post, path: path, role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                var (fields, errors) = try await reader.values(form, fields: spec.fields)
                if R.kind == .decision {
                    let picked = form.all("evidencePick").compactMap { v -> JSONValue? in
                        let parts = v.split(separator: ":", maxSplits: 1).map(String.init)
                        return parts.count == 2 ? ["kind": .string(parts[0]), "id": .string(parts[1])] : nil
                    }
                    if !picked.isEmpty { fields["evidence"] = .array(picked) }
                }
                do {
                    if !errors.isEmpty { throw ConveneError.invalid(errors) }
                    let r = try await collaboration.create(R.self, fields: fields, actor: context.actor)
                    return WebSession.redirect(to: "\(path)/\(r.id)?notice=created")
                } catch ConveneError.invalid(let found) {
                    errors = found
                    let list = try await collaboration.records(R.self)
                    return try await view(context, errors: errors).listPage(list.map { JSONValue.from($0) }, query: "", notice: nil, draft: fields, status: .unprocessableContent)
                }
            },
            WebRoute(method: .get, path: "\(path)/:id", role: .viewer) { request, context in
                try await detail(context, id: request.pathID(context), notice: request.uri.queryParameters.get("notice"))
            },
            WebRoute(method: .post, path: "\(path)/:id", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let (fields, errors) = try await reader.values(form, fields: spec.fields)
                return try await change(context, id: request.pathID(context), fields: fields, formErrors: errors, notice: "saved")
            },
            WebRoute(method: .post, path: "\(path)/:id/add/:list", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let id = request.pathID(context), list = context.parameters.get("list") ?? ""
                let r = try await collaboration.record(R.self, id: id)
                let current = try entries(r, list)
                guard let l = spec.lists.first(where: { $0.name == list }) else { throw ConveneError.notFound(entity: "list", id: list) }
                var (entry, errors) = try await reader.values(form, fields: l.fields, prefix: "new-")
                entry = entry.filter { $0.value != .null }
                if list == "evidence", entry["kind"] == "stakeholder", let typed = entry["id"]?.stringValue {
                    switch try await StakeholderLookup(registry: services.registry).find(typed) {
                    case .found(let s): entry["id"] = .string(s.id)
                    case .none: errors.append(FieldError("id", "no stakeholder matches \"\(typed.prefix(60))\""))
                    case .several(let found): errors.append(FieldError("id", "\"\(typed.prefix(60))\" matches \(found.count) stakeholders; type more of the name, or the id"))
                    }
                }
                let renamed = errors.map { FieldError("\(list)[\(current.count)].\($0.field)", $0.message) }
                return try await change(context, id: id, fields: [list: .array(current + [.object(entry)])], formErrors: renamed, notice: "added#\(list)")
            },
            WebRoute(method: .post, path: "\(path)/:id/set/:list/:index", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let id = request.pathID(context), list = context.parameters.get("list") ?? "", n = try index(context)
                var current = try entries(try await collaboration.record(R.self, id: id), list)
                guard let l = spec.lists.first(where: { $0.name == list }), current.indices.contains(n), case .object(var entry) = current[n] else {
                    throw ConveneError.notFound(entity: "entry", id: String(n))
                }
                let (changes, errors) = try await reader.values(form, fields: l.fields.filter { l.quick.contains($0.name) }, prefix: "row\(n)-")
                for (k, v) in changes { if v == .null { entry.removeValue(forKey: k) } else { entry[k] = v } }
                current[n] = .object(entry)
                return try await change(context, id: id, fields: [list: .array(current)], formErrors: errors.map { FieldError("\(list)[\(n)].\($0.field)", $0.message) },
                                        notice: "saved#\(list)")
            },
            WebRoute(method: .post, path: "\(path)/:id/remove/:list/:index", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                let id = request.pathID(context), list = context.parameters.get("list") ?? "", n = try index(context)
                var current = try entries(try await collaboration.record(R.self, id: id), list)
                guard current.indices.contains(n) else { throw ConveneError.notFound(entity: "entry", id: String(n)) }
                current.remove(at: n)
                return try await change(context, id: id, fields: [list: .array(current)], formErrors: [], notice: "removed#\(list)")
            },
            WebRoute(method: .post, path: "\(path)/:id/delete", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                let id = request.pathID(context)
                do {
                    try await collaboration.delete(R.self, id: id, actor: context.actor)
                    return WebSession.redirect(to: "\(path)?notice=deleted")
                } catch ConveneError.conflict(let message) {
                    return try await detail(context, id: id, alert: message)
                }
            },
        ]
    }

    /// What a record's page shows beyond its fields: an initiative's progress and decisions, a
    /// decision's promises, a partnership's stages.
    func workExtra<R: WorkRecord>(_ r: R, view: WorkView) async throws -> HTML {
        let collaboration = services.collaboration
        if let i = r as? Initiative {
            let p = try await collaboration.progress(of: i)
            let decisions = try await collaboration.decisions(initiativeId: i.id)
            let lines: [HTML] = p.lines.map { l in
                let pct = min(100, l.percent ?? 0)
                return """
                    <tr><td>\(l.stakeholderType.map(StakeholderType.label) ?? l.groupName ?? "group")</td><td>\(l.level.rawValue)</td><td>\(l.target.map(String.init) ?? "–")</td>
                    <td>\(l.reached) <span class="muted">(\(l.fromConsultations) in consultations, \(l.fromEvents) at events)</span></td>
                    <td>\(l.percent.map { "<meter min=\"0\" max=\"100\" value=\"\(pct)\">\($0)%</meter> \($0)%" as HTML } ?? "–")</td></tr>
                    """
            }
            let acts: [HTML] = p.activities.map { a in
                let taking = a.participants.map { "\($0) participants, \(a.votes ?? 0) votes" } ?? a.attended.map { "\($0) attended of \(a.invited ?? 0) invited" } ?? "–"
                return "<tr><td>\(a.title)</td><td>\(a.kind.rawValue)</td><td>\(a.plannedOn?.description ?? "–")</td><td>\(a.status)</td><td>\(taking)</td></tr>"
            }
            let picks: [(value: String, label: String)] = i.activities.compactMap { a in
                a.consultationId.map { ("consultation:\($0)", "Consultation: \(a.title)") } ?? a.eventId.map { ("event:\($0)", "Event: \(a.title)") }
            }
            let decisionForm: HTML = view.canWrite ? """
                <details><summary>Record a decision</summary>
                <form method="post" action="/decisions">\(Layout.csrfField(view.csrf))<input type="hidden" name="initiativeId" value="\(i.id)">
                \(WorkSpec.of(.decision).fields.filter { $0.name != "initiativeId" }.map { view.input($0, value: nil) })
                \(picks.isEmpty ? HTML.empty : Layout.checkboxes("evidencePick", legend: "Evidence from this initiative", options: picks, checked: Set(picks.map(\.value)), errors: []))
                <button type="submit">Record the decision</button></form></details>
                """ : .empty
            return """
                <p>\(i.isPublished ? "<a href=\"/i/\(i.slug)\">Public page /i/\(i.slug)</a> · " as HTML : "<span class=\"muted\">Not published</span> · ")<a href="/initiatives/\(i.id)/report">Board report</a> (<a href="/api/v1/initiatives/\(i.id)/board-report?format=md">Markdown</a>)</p>
                <h2>Progress against the plan</h2>
                <p>\(p.consultationParticipants) consultation participants, \(p.votes) votes, \(p.stakeholdersEngaged) stakeholders at its events.</p>
                \(lines.isEmpty ? "<p class=\"muted\">No engagement plan yet: add its lines below.</p>" as HTML : "<table><thead><tr><th scope=\"col\">Audience</th><th scope=\"col\">Promise</th><th scope=\"col\">Target</th><th scope=\"col\">Reached</th><th scope=\"col\">Progress</th></tr></thead><tbody>\(lines)</tbody></table>")
                \(acts.isEmpty ? HTML.empty : "<table><thead><tr><th scope=\"col\">Activity</th><th scope=\"col\">Kind</th><th scope=\"col\">Planned</th><th scope=\"col\">Status</th><th scope=\"col\">Taking part</th></tr></thead><tbody>\(acts)</tbody></table>")
                <h2>Decisions</h2>
                \(decisions.isEmpty ? "<p class=\"muted\">None yet.</p>" as HTML : "<ul>\(decisions.map { "<li>\($0.decidedOn?.description ?? "") — <a href=\"/decisions/\($0.id)\">\($0.title)</a></li>" as HTML })</ul>")
                \(decisionForm)
                """
        }
        if let d = r as? Decision, let i = try? await collaboration.record(Initiative.self, id: d.initiativeId) {
            let outcomes = Dictionary(d.promiseOutcomes.map { ($0.planId, $0.outcome) }, uniquingKeysWith: { a, _ in a })
            let rows: [HTML] = i.plan.map { p in
                let who = p.stakeholderType.map(StakeholderType.label) ?? "group"
                let name = "outcome-\(p.id ?? "")"
                return """
                    <div class="field"><label for="f-\(name)">\(who) — \(p.level.rawValue): “\(p.level.promise(spanish: false))”</label>
                    <textarea id="f-\(name)" name="\(name)" rows="2">\(outcomes[p.id ?? ""] ?? "")</textarea></div>
                    """
            }
            return """
                <p>Initiative: <a href="/initiatives/\(i.id)">\(i.title)</a></p>
                <h2>What the decision did about each promise</h2>
                \(rows.isEmpty ? "<p class=\"muted\">The initiative's plan has no lines.</p>" as HTML : view.canWrite ? "<form method=\"post\" action=\"/decisions/\(d.id)/promises\">\(Layout.csrfField(view.csrf))\(rows)<button type=\"submit\">Save</button></form>" as HTML : "<ul>\(i.plan.map { "<li>\($0.level.rawValue): \(outcomes[$0.id ?? ""] ?? "–")</li>" as HTML })</ul>")
                """
        }
        if let p = r as? Partnership {
            return "<h2>Stages</h2><ol>\(p.stageHistory.map { "<li>\($0.stage.rawValue) since \($0.since.description)</li>" as HTML })</ol>"
        }
        return .empty
    }

    var boardReportRoutes: [WebRoute] {
        let collaboration = services.collaboration, consultations = services.consultations, zone = services.configuration.timeZone, services = self.services
        return [
            WebRoute(method: .get, path: "/initiatives/:id/report", role: .viewer) { request, context in
                let report = try await collaboration.boardReport(initiativeId: request.pathID(context), consultations: consultations)
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: BoardReportRenderer.html(report, zone: zone))))
            },
            WebRoute(method: .get, path: "/board-report", role: .viewer) { request, context in
                let report = try await collaboration.boardReport(period: try APIController.period(request, zone: zone), consultations: consultations)
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: BoardReportRenderer.html(report, zone: zone))))
            },
            WebRoute(method: .post, path: "/decisions/:id/promises", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let d = try await collaboration.record(Decision.self, id: request.pathID(context))
                let i = try await collaboration.record(Initiative.self, id: d.initiativeId)
                let outcomes: [JSONValue] = i.plan.compactMap { p in
                    guard let id = p.id, let text = form.first("outcome-\(id)")?.trimmedText, !text.isEmpty else { return nil }
                    return ["planId": .string(id), "outcome": .string(text)]
                }
                do {
                    _ = try await collaboration.update(Decision.self, id: d.id, fields: ["promiseOutcomes": .array(outcomes)], actor: context.actor)
                    return WebSession.redirect(to: "/decisions/\(d.id)?notice=saved")
                } catch ConveneError.invalid(let errors) {
                    let spec = WorkSpec.of(.decision)
                    var v = WorkView(spec: spec, user: try context.requireUser(), csrf: context.csrf)
                    v.errors = errors
                    v.names = try await NameBook.load(d.links.map(\.link), services: services)
                    return v.detailPage(JSONValue.from(d), extra: try await self.workExtra(d, view: v), notice: nil, status: .unprocessableContent)
                }
            },
        ]
    }
}
