import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web pages: engagement")
struct WebEngagementTests {
    static func person(_ app: TestApp, _ name: String, types: [String] = [], areas: [String] = [], language: String? = nil) async throws -> Stakeholder {
        var p = StakeholderPatch()
        p.displayName = name
        p.types = types
        p.areas = areas
        if let language { p.language = .some(language) }
        return try await app.registry.create(p, actor: .system)
    }

    static func target(_ app: TestApp, type: String?, area: String?, percent: Int) async throws {
        var p = CoverageTargetPatch()
        p.stakeholderType = .some(type)
        p.area = .some(area)
        p.heardPercent = percent
        _ = try await app.services.engagement.createCoverageTarget(p, actor: .system, knownTypes: app.registry.knownTypes)
    }

    /// The markup from `start` to the first `end` after it.
    static func slice(_ html: String, from start: String, to end: String) -> String? {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else { return nil }
        return String(html[a.lowerBound..<b.upperBound])
    }

    @Test("the dashboard is the home page and shows an overdue follow-up, with a Done button, and a coverage gap")
    func dashboard() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let ana = try await Self.person(app, "Ana Ruiz", types: ["parent"], areas: ["Lincoln Elementary"], language: "es")
        try await Self.target(app, type: "parent", area: "Lincoln Elementary", percent: 25)
        var fp = FollowUpPatch()
        fp.title = "Call back about the bus route"
        fp.ownerId = staff.user.id
        fp.dueOn = CalendarDate(date: Date()).adding(days: -3)
        fp.stakeholderIds = [ana.id]
        let f = try await app.services.engagement.createFollowUp(fp, actor: .system)
        try await app.test { client in
            let anonymous = try await client.get("/", cookie: nil)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/login?next=") == true)
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let page = try await client.get("/", cookie: cookie)
            #expect(page.status == .ok)
            let overdue = try #require(Self.slice(page.text, from: "<h2 id=\"overdue\">", to: "</section>"))
            #expect(overdue.contains("<p class=\"big overdue\">1</p>"))
            #expect(overdue.contains("Call back about the bus route"))
            #expect(overdue.contains("action=\"/follow-ups/\(f.id)/done\""))
            #expect(overdue.contains("href=\"/stakeholders/\(ana.id)\">Ana Ruiz</a>"))
            let gaps = try #require(Self.slice(page.text, from: "<h2 id=\"gaps\">", to: "</section>"))
            #expect(gaps.contains("Parents · Lincoln Elementary — 0% heard of target 25% (needs 1 more)"))
            #expect(gaps.contains("href=\"/coverage"))
            for link in ["href=\"/\" aria-current=\"page\">Dashboard", "href=\"/events\">Events", "href=\"/follow-ups\">Follow-ups", "href=\"/coverage\">Coverage", "href=\"/stakeholders\">Stakeholders"] {
                #expect(page.text.contains(link), "nav lacks \(link)")
            }
            let done = try await client.postForm("/follow-ups/\(f.id)/done", [("_csrf", csrf), ("back", "/")], cookie: cookie)
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/?notice=done")
            #expect(try await app.services.engagement.followUp(id: f.id).status == .done)
            let after = try await client.get("/?notice=done", cookie: cookie)
            #expect(after.text.contains("Follow-up marked done."))
            #expect(!after.text.contains("Call back about the bus route"))
        }
    }

    @Test("logging an interaction with a follow-up from the stakeholder page makes both and shows them on the timeline")
    func logInteraction() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let ana = try await Self.person(app, "Ana Ruiz")
        try await app.test { client in
            let (cookie, _) = try await client.signIn(email: staff.user.email)
            let page = try await client.get("/stakeholders/\(ana.id)", cookie: cookie)
            #expect(page.text.contains("never contacted"))
            var form = try #require(BrowserForm(page.text, action: "/stakeholders/\(ana.id)/interactions"))
            let now = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
            #expect(form.first("occurredAt.date") == String(format: "%04d-%02d-%02d", now.year ?? 0, now.month ?? 0, now.day ?? 0))
            #expect(form.first("occurredAt.timeZone") == TimeZone.current.identifier)
            #expect(form.first("followUp.ownerId") == staff.user.id)
            #expect(form.first("direction") == "outbound")
            form.set("kind", "call")
            form.set("direction", "inbound")
            form.set("subject", "Asked about bus routes")
            form.set("notes", "Wants the new schedule")
            form.set("topics", "transport, safety")
            form.set("followUp.title", "Send the new bus schedule")
            form.set("followUp.dueOn", "next week")
            let bad = try await client.postForm("/stakeholders/\(ana.id)/interactions", form.fields, cookie: cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<p class=\"error\" id=\"followUp.dueOn-error\">&quot;next week&quot; is not a date; use YYYY-MM-DD</p>"))
            #expect(bad.text.contains("value=\"Asked about bus routes\""))
            #expect(bad.text.contains("Wants the new schedule</textarea>"))
            #expect(try await app.services.engagement.interactions(InteractionQuery(stakeholderId: ana.id)).isEmpty)

            form.set("followUp.dueOn", "2030-01-15")
            let r = try await client.postForm("/stakeholders/\(ana.id)/interactions", form.fields, cookie: cookie)
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == "/stakeholders/\(ana.id)?notice=logged-follow-up#timeline")
            let logged = try await app.services.engagement.interactions(InteractionQuery(stakeholderId: ana.id))
            #expect(logged.count == 1)
            let i = try #require(logged.first)
            #expect(i.kind == .call && i.direction == .inbound && i.topics == ["transport", "safety"] && i.userIds == [staff.user.id])
            let follow = try await app.services.engagement.followUps(FollowUpQuery(stakeholderId: ana.id))
            #expect(follow.count == 1 && follow.first?.interactionId == i.id && follow.first?.ownerId == staff.user.id)

            let after = try await client.get("/stakeholders/\(ana.id)?notice=logged-follow-up", cookie: cookie)
            #expect(after.text.contains("Interaction logged, with its follow-up."))
            let timeline = try #require(Self.slice(after.text, from: "<h2 id=\"timeline\">", to: "</ol>"))
            #expect(timeline.contains("href=\"/interactions/\(i.id)\">Asked about bus routes</a>"))
            #expect(timeline.contains("Send the new bus schedule"))
            #expect(timeline.contains("They reached out"))
            let open = try #require(Self.slice(after.text, from: "<h2 id=\"follow-ups\">", to: "</ul>"))
            #expect(open.contains("Send the new bus schedule"))
            #expect(after.text.contains("last contact today; 1 contact this year; initiated by them"))
            #expect(after.text.contains("<summary>How this is computed</summary>"))
        }
    }

    @Test("an event whose end is before its start: the error is beside the end, and the typed title is kept")
    func eventEndBeforeStart() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.user.email)
            let fields = [("_csrf", csrf), ("kind", "town-hall"), ("title", "Budget town hall <2027>"), ("startsAt.date", "2026-11-12"),
                          ("startsAt.time", "18:00"), ("endsAt.date", ""), ("endsAt.time", "17:00"), ("timeZone", "America/Chicago"),
                          ("timeZoneOther", ""), ("location", "Lincoln gym"), ("onlineURL", ""), ("organizerId", ""), ("description", ""),
                          ("topics", "budget"), ("notes", "")]
            let r = try await client.postForm("/events/new", fields, cookie: cookie)
            #expect(r.status == .unprocessableContent)
            let end = try #require(Self.slice(r.text, from: "<fieldset id=\"f-endsAt\"", to: "</fieldset>"))
            #expect(end.contains("<p class=\"error\" id=\"endsAt-error\">must be after the start</p>"))
            #expect(end.contains("value=\"17:00\""))
            #expect(r.text.contains("href=\"#f-endsAt\""))
            #expect(r.text.contains("value=\"Budget town hall &lt;2027&gt;\""))
            #expect(r.text.contains("value=\"Lincoln gym\""))
            #expect(try await app.services.engagement.events(EventQuery()).isEmpty)

            var zone = fields
            zone.removeAll { $0.0 == "timeZoneOther" || $0.0 == "endsAt.time" }
            zone += [("timeZoneOther", "Mars/Olympus"), ("endsAt.time", "19:30")]
            let badZone = try await client.postForm("/events/new", zone, cookie: cookie)
            #expect(badZone.status == .unprocessableContent)
            #expect(badZone.text.contains("id=\"timeZone-error\""))
            #expect(badZone.text.contains("value=\"Mars/Olympus\""))

            zone.removeAll { $0.0 == "timeZoneOther" }
            let ok = try await client.postForm("/events/new", zone + [("timeZoneOther", "")], cookie: cookie)
            #expect(ok.status == .seeOther)
            let e = try #require(try await app.services.engagement.events(EventQuery()).first)
            #expect(e.timeZone == "America/Chicago")
            #expect(Timestamp.format(e.startsAt) == "2026-11-13T00:00:00Z")
            #expect(e.endsAt.timeIntervalSince(e.startsAt) == 90 * 60)
        }
    }

    @Test("attendance marked on the event page becomes an interaction on the attendee's page")
    func attendance() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let ana = try await Self.person(app, "Ana Ruiz"), bo = try await Self.person(app, "Bo Chen")
        var ep = EventPatch()
        ep.title = "Family engagement forum"
        ep.kind = .policyForum
        ep.startsAt = Date().addingTimeInterval(-3 * 86_400)
        ep.endsAt = Date().addingTimeInterval(-3 * 86_400 + 7200)
        ep.timeZone = "America/Chicago"
        ep.invitees = [Invitee(stakeholderId: ana.id), Invitee(stakeholderId: bo.id)]
        let e = try await app.services.engagement.createEvent(ep, actor: .system)
        try await app.test { client in
            let (cookie, _) = try await client.signIn(email: staff.user.email)
            let page = try await client.get("/events/\(e.id)", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("href=\"/api/v1/events/\(e.id)/calendar.ics\""))
            #expect(page.text.contains("attendance as one interaction"))
            var form = try #require(BrowserForm(page.text, action: "/events/\(e.id)/invitees"))
            #expect(form.first("invitees[0].stakeholderId") == ana.id)
            form.set("invitees[0].rsvp", "accepted")
            form.set("invitees[0].attended", "yes")
            let r = try await client.postForm("/events/\(e.id)/invitees", form.fields, cookie: cookie)
            #expect(r.status == .seeOther)
            let saved = try await app.services.engagement.event(id: e.id)
            #expect(saved.invitees.first { $0.stakeholderId == ana.id } == Invitee(stakeholderId: ana.id, rsvp: .accepted, attended: true))
            #expect(saved.invitees.first { $0.stakeholderId == bo.id }?.attended == nil)
            let anaPage = try await client.get("/stakeholders/\(ana.id)", cookie: cookie)
            let timeline = try #require(Self.slice(anaPage.text, from: "<h2 id=\"timeline\">", to: "</ol>"))
            #expect(timeline.contains("Family engagement forum"))
            #expect(timeline.contains("href=\"/events/\(e.id)\""))
            let boPage = try await client.get("/stakeholders/\(bo.id)", cookie: cookie)
            #expect(boPage.text.contains("No interactions recorded yet."))
        }
    }

    @Test("the month view starts weeks on Monday and puts an event on its own local day")
    func monthView() async throws {
        let app = try TestApp.make()
        let viewer = try await app.user(.viewer)
        var ep = EventPatch()
        ep.title = "Late board meeting"
        ep.kind = .boardMeeting
        // 23:30 in Chicago on 12 November is already the 13th in UTC.
        ep.startsAt = Timestamp.parse("2026-11-13T05:30:00Z")
        ep.endsAt = Timestamp.parse("2026-11-13T05:55:00Z")
        ep.timeZone = "America/Chicago"
        let e = try await app.services.engagement.createEvent(ep, actor: .system)
        try await app.test { client in
            let (cookie, _) = try await client.signIn(email: viewer.user.email)
            let page = try await client.get("/events?month=2026-11", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h2>November 2026</h2>"))
            #expect(page.text.contains("<thead><tr><th scope=\"col\"><abbr title=\"Monday\">Mon</abbr></th>"))
            let day = try #require(Self.slice(page.text, from: "id=\"d-2026-11-12\"", to: "</td>"))
            #expect(day.contains("href=\"/events/\(e.id)\">23:30"))
            #expect(day.contains("Late board meeting"))
            let next = try #require(Self.slice(page.text, from: "id=\"d-2026-11-13\"", to: "</td>"))
            #expect(!next.contains("Late board meeting"))
            #expect(page.text.contains("href=\"/events?month=2026-10\""))
            #expect(page.text.contains("href=\"/events?month=2026-12\""))
            #expect(!page.text.contains("New event"))
            let list = try await client.get("/events?view=list", cookie: cookie)
            #expect(list.status == .ok)
            let bad = try await client.get("/events?month=November", cookie: cookie)
            #expect(bad.text.contains("is not a month"))
        }
    }

    @Test("the coverage page lists an unmet target with its shortfall, and admins add targets through a form")
    func coverage() async throws {
        let app = try TestApp.make()
        let admin = try await app.user(.admin)
        var parents: [Stakeholder] = []
        for name in ["Ana Ruiz", "Bo Chen", "Cy Diaz", "Di Ekwueme"] {
            parents.append(try await Self.person(app, name, types: ["parent"], areas: ["Lincoln Elementary"]))
        }
        var ip = InteractionPatch()
        ip.kind = .call
        ip.direction = .inbound
        ip.subject = "Question about lunch"
        ip.stakeholderIds = [parents[0].id]
        _ = try await app.services.engagement.createInteraction(ip, actor: .system)
        try await Self.target(app, type: "parent", area: "Lincoln Elementary", percent: 50)
        try await Self.target(app, type: nil, area: nil, percent: 10)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: admin.user.email)
            let page = try await client.get("/coverage", cookie: cookie)
            #expect(page.status == .ok)
            let targets = try #require(Self.slice(page.text, from: "<h2 id=\"targets\">", to: "</table>"))
            let unmet = try #require(Self.slice(targets, from: "<td>Parents · Lincoln Elementary</td>", to: "</tr>"))
            #expect(unmet.contains("<td>50%</td><td>4</td><td>1</td>"))
            #expect(unmet.contains("Unmet</span> — needs 1 more"))
            let met = try #require(Self.slice(targets, from: "<td>Everyone</td>", to: "</tr>"))
            #expect(met.contains("<strong>Met</strong>"))
            #expect(page.text.contains("at least one contact in which the"))
            let byArea = try #require(Self.slice(page.text, from: "<h2 id=\"by-area\">", to: "</table>"))
            #expect(byArea.contains("<td>Lincoln Elementary</td><td>4</td><td>1</td><td>1</td>"))
            #expect(page.text.contains("<figure class=\"chart\"><svg"))

            let bad = try await client.postForm("/coverage/targets", [("_csrf", csrf), ("period", "term"), ("stakeholderType", "parent"),
                                                                      ("area", ""), ("language", "es"), ("heardPercent", "lots")], cookie: cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"heardPercent-error\""))
            #expect(bad.text.contains("value=\"es\""))
            let ok = try await client.postForm("/coverage/targets", [("_csrf", csrf), ("period", "90d"), ("stakeholderType", "parent"),
                                                                     ("area", ""), ("language", "es"), ("heardPercent", "30")], cookie: cookie)
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/coverage?period=90d&notice=target-added#targets")
            let all = try await app.services.engagement.coverageTargets()
            #expect(all.count == 3)
            let added = try #require(all.first { $0.language == "es" })
            let removed = try await client.postForm("/coverage/targets/\(added.id)/delete", [("_csrf", csrf), ("period", "term")], cookie: cookie)
            #expect(removed.status == .seeOther)
            #expect(try await app.services.engagement.coverageTargets().count == 2)
            let custom = try await client.get("/coverage?period=custom&from=2026-01-01&to=2026-12-31", cookie: cookie)
            #expect(custom.text.contains("2026-01-01 to 2026-12-31"))
        }
    }
}
