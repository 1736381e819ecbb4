import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web: collaboration and decisions for staff")
struct WebCollaborationTests {
    @Test("staff plan an initiative, record a decision with its promises, publish it, and print the board report")
    func initiativePages() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff, email: "staff@example.org").user
        let viewer = try await app.user(.viewer, email: "viewer@example.org").user
        let consultation = try await app.services.consultations.create(ConsultationPatch(title: "Start times", question: "Should school start later?"), actor: .user(staff))
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.email)
            // Bad input: the form comes back with the problem named, nothing made.
            let bad = try await client.postForm("/initiatives", [("_csrf", csrf), ("title", "Start times"), ("startsOn", "2027-03-01"), ("endsOn", "2027-01-01")], cookie: cookie)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("(2027-01-01) is before startsOn (2027-03-01)"))
            #expect(try await app.services.collaboration.records(Initiative.self).isEmpty)

            let made = try await client.postForm("/initiatives", [("_csrf", csrf), ("title", "New start times"), ("summary", "Should high schools start later?"),
                                                                  ("startsOn", "2026-09-01"), ("isPublished", "")], cookie: cookie)
            #expect(made.status == .seeOther)
            let i = try #require(try await app.services.collaboration.records(Initiative.self).first)
            #expect(i.slug == "new-start-times" && !i.isPublished)
            // The plan, one line at a time, and an activity carried out by the consultation.
            var r = try await client.postForm("/initiatives/\(i.id)/add/plan", [("_csrf", csrf), ("new-stakeholderType", "parent"), ("new-level", "involve"), ("new-target", "200")], cookie: cookie)
            #expect(r.status == .seeOther)
            r = try await client.postForm("/initiatives/\(i.id)/add/plan", [("_csrf", csrf), ("new-stakeholderType", ""), ("new-level", "consult"), ("new-target", "lots")], cookie: cookie)
            #expect(r.status == .unprocessableContent)
            r = try await client.postForm("/initiatives/\(i.id)/add/activities", [("_csrf", csrf), ("new-kind", "consultation"), ("new-title", "Online consultation"),
                                                                                 ("new-consultationId", consultation.id)], cookie: cookie)
            #expect(r.status == .seeOther)
            var now = try await app.services.collaboration.record(Initiative.self, id: i.id)
            #expect(now.plan.count == 1 && now.plan[0].target == 200 && now.activities.first?.consultationId == consultation.id)
            r = try await client.postForm("/initiatives/\(i.id)/set/plan/0", [("_csrf", csrf), ("row0-target", "250")], cookie: cookie)
            now = try await app.services.collaboration.record(Initiative.self, id: i.id)
            #expect(now.plan[0].target == 250)

            let page = try await client.get("/initiatives/\(i.id)", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("Progress against the plan") && page.text.contains("Record a decision"))
            #expect(page.text.contains("value=\"consultation:\(consultation.id)\""))

            // A decision from the initiative's page, with the consultation as evidence.
            let decided = try await client.postForm("/decisions", [("_csrf", csrf), ("initiativeId", i.id), ("title", "Start at 8:45"), ("decidedOn", "2027-02-10"),
                                                                   ("decidedBy", "Board of Education"), ("optionsConsidered", "Keep 7:50\nStart at 8:45"),
                                                                   ("chosenOption", "Start at 8:45"), ("rationale", "Sleep & buses <both> mattered."),
                                                                   ("evidencePick", ""), ("evidencePick", "consultation:\(consultation.id)")], cookie: cookie)
            #expect(decided.status == .seeOther)
            let d = try #require(try await app.services.collaboration.decisions(initiativeId: i.id).first)
            #expect(d.evidence == [Evidence(kind: .consultation, id: consultation.id)] && d.optionsConsidered == ["Keep 7:50", "Start at 8:45"])
            let planId = try #require(now.plan[0].id)
            _ = try await client.postForm("/decisions/\(d.id)/promises", [("_csrf", csrf), ("outcome-\(planId)", "Childcare shaped the plan.")], cookie: cookie)
            #expect(try await app.services.collaboration.record(Decision.self, id: d.id).promiseOutcomes.map(\.outcome) == ["Childcare shaped the plan."])
            let decisionPage = try await client.get("/decisions/\(d.id)", cookie: cookie)
            #expect(decisionPage.text.contains("Sleep &amp; buses &lt;both&gt; mattered."))
            #expect(decisionPage.text.contains("<a href=\"/consultations/\(consultation.id)\">Start times</a>"))

            // The initiative cannot be removed while its decision stands.
            let refused = try await client.postForm("/initiatives/\(i.id)/delete", [("_csrf", csrf)], cookie: cookie)
            #expect(refused.status == .unprocessableContent && refused.text.contains("referred to by 1 decision"))

            // Published from the form, then public.
            _ = try await client.postForm("/initiatives/\(i.id)", [("_csrf", csrf), ("isPublished", ""), ("isPublished", "true")], cookie: cookie)
            #expect(try await app.services.collaboration.record(Initiative.self, id: i.id).isPublished)
            #expect(try await client.get("/i/new-start-times", cookie: nil).status == .ok)

            let report = try await client.get("/initiatives/\(i.id)/report", cookie: cookie)
            #expect(report.status == .ok && report.text.contains("<h1>Board report: New start times</h1>") && report.text.contains("@media print"))
            #expect(report.text.contains("Start at 8:45 (chosen)"))

            // A viewer reads but gets no forms.
            let (viewerCookie, _) = try await client.signIn(email: viewer.email)
            let seen = try await client.get("/initiatives/\(i.id)", cookie: viewerCookie)
            #expect(seen.status == .ok && !seen.text.contains("Record a decision") && !seen.text.contains("/delete"))
        }
    }

    @Test("a campaign's asks and a working group's members take names, and say which name is unknown")
    func namesOnForms() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff, email: "staff@example.org").user
        let senator = try await app.registry.create(Make.person("Alana", "Brooks"), actor: .system)
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.email)
            _ = try await client.postForm("/campaigns", [("_csrf", csrf), ("title", "Fund the buses"), ("status", "active")], cookie: cookie)
            let c = try #require(try await app.services.collaboration.records(Campaign.self).first)
            let ask = try await client.postForm("/campaigns/\(c.id)/add/asks", [("_csrf", csrf), ("new-stakeholderId", "Alana Brooks"), ("new-ask", "Co-sponsor HB 1147")], cookie: cookie)
            #expect(ask.status == .seeOther)
            var now = try await app.services.collaboration.record(Campaign.self, id: c.id)
            #expect(now.asks.map(\.stakeholderId) == [senator.id] && now.asks[0].outcome == .pending)
            let senatorPage = try await client.get("/stakeholders/\(senator.id)", cookie: cookie)
            #expect(senatorPage.text.contains("Campaign: <a href=\"/campaigns/\(c.id)\">Fund the buses</a>"))
            _ = try await client.postForm("/campaigns/\(c.id)/set/asks/0", [("_csrf", csrf), ("row0-outcome", "committed"), ("row0-outcomeNote", "Will sponsor")], cookie: cookie)
            now = try await app.services.collaboration.record(Campaign.self, id: c.id)
            #expect(now.asks[0].outcome == .committed && now.asks[0].outcomeNote == "Will sponsor")
            let unknown = try await client.postForm("/campaigns/\(c.id)/add/asks", [("_csrf", csrf), ("new-stakeholderId", "Nobody Atall"), ("new-ask", "Vote yes")], cookie: cookie)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("no stakeholder matches"))
            #expect(try await app.services.collaboration.record(Campaign.self, id: c.id).asks.count == 1)
            _ = try await client.postForm("/campaigns/\(c.id)/remove/asks/0", [("_csrf", csrf)], cookie: cookie)
            #expect(try await app.services.collaboration.record(Campaign.self, id: c.id).asks.isEmpty)
            #expect(try await client.postForm("/campaigns/\(c.id)/remove/asks/5", [("_csrf", csrf)], cookie: cookie).status == .notFound)
            #expect(try await client.postForm("/campaigns/\(c.id)/add/nothing", [("_csrf", csrf)], cookie: cookie).status == .notFound)
            let list = try await client.get("/campaigns?q=buses", cookie: cookie)
            #expect(list.text.contains("Fund the buses"))
            #expect(try await client.get("/campaigns?q=zebra", cookie: cookie).text.contains("Nothing here yet"))
        }
    }
}
