import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// One initiative from plan to public page, through the HTTP API and the public pages only:
/// an engagement plan, a consultation people take part in, a forum people attend, a decision
/// with its evidence, and the "you said, we did" page — which shows the decision, the themes
/// and the counts, and not one name, email or phone number. On every engine.
@Suite("Initiatives end to end")
struct InitiativeEndToEndTests {
    struct Person { var given: String, family: String, email: String, phone: String, type: String }

    static let people: [Person] = [
        Person(given: "Marisela", family: "Quintanilla", email: "marisela.q@example.org", phone: "+1 555 201 7788", type: "parent"),
        Person(given: "Deshawn", family: "Abernathy", email: "deshawn.abernathy@example.net", phone: "(555) 310-4492", type: "parent"),
        Person(given: "Ingrid", family: "Solberg", email: "isolberg@example.com", phone: "555.867.5309", type: "student"),
        Person(given: "Tomasz", family: "Wieczorek", email: "t.wieczorek@example.org", phone: "+1-555-404-1200", type: "educator"),
    ]

    @Test("plan, consultation, forum, decision, public page: the page shows what was decided and heard, and no one's name, email or phone",
          arguments: Engine.available)
    func endToEnd(engine: Engine) async throws {
        var made = try await TestApp.make(engine: engine)
        made.services = Services(store: made.store, configuration: { var c = made.services.configuration; c.publicRateLimit = 0; return c }())
        let app = made
        let staff = try await app.user(.staff)
        try await app.test { client in
            // The people the district knows.
            var ids: [String] = []
            for p in Self.people {
                let r = try await client.send(.post, "/api/v1/stakeholders", token: staff.token, json: """
                    {"kind":"person","givenName":"\(p.given)","familyName":"\(p.family)","types":["\(p.type)"],"emails":[{"value":"\(p.email)"}],"phones":[{"value":"\(p.phone)"}]}
                    """)
                #expect(r.status == .created)
                ids.append(try #require(r.json?["id"]?.stringValue))
            }

            // A consultation, with statements in two camps and one everyone agrees with.
            let c = try await client.send(.post, "/api/v1/consultations", token: staff.token,
                                          json: #"{"title":"Later start times","slug":"later-starts","question":"Should high schools start later?","level":"involve","moderation":"before"}"#)
            #expect(c.status == .created)
            let consultationId = try #require(c.json?["id"]?.stringValue)
            let texts = ["Teenagers need more sleep in the morning", "Later starts help attendance in first period", "Sleep research should guide the schedule",
                         "Childcare gets harder with a later start", "Bus routes cost more with new bell times", "Working parents need the current schedule",
                         "Buses must arrive on time whatever we decide"]
            var statementIds: [String] = []
            for t in texts {
                let r = try await client.send(.post, "/api/v1/consultations/\(consultationId)/statements", token: staff.token, json: #"{"text":"\#(t)"}"#)
                statementIds.append(try #require(r.json?["id"]?.stringValue))
            }
            let types = ["parent", "student", "parent", "educator"]
            for n in 0..<40 {
                let joined = try await client.send(.post, "/api/public/consultations/later-starts/participants", json: #"{"stakeholderType":"\#(types[n % 4])"}"#)
                #expect(joined.status == .created)
                let cookie = try #require(ConsultationFlowTests.cookie(joined))
                for (s, sid) in statementIds.enumerated() {
                    let vote = s == 6 ? 1 : ((s < 3) == (n % 2 == 0) ? 1 : -1)
                    let r = try await client.send(.post, "/api/public/consultations/later-starts/votes", json: #"{"statementId":"\#(sid)","vote":\#(vote)}"#, headers: [.cookie: cookie])
                    #expect(r.status == .noContent)
                }
            }

            // One elected official took part: too few to show as their own count.
            let official = try await client.send(.post, "/api/public/consultations/later-starts/participants", json: #"{"stakeholderType":"elected-official"}"#)
            let officialCookie = try #require(ConsultationFlowTests.cookie(official))
            _ = try await client.send(.post, "/api/public/consultations/later-starts/votes", json: #"{"statementId":"\#(statementIds[6])","vote":1}"#, headers: [.cookie: officialCookie])
            // A group the district keeps, whose name is its own business.
            let group = try await client.send(.post, "/api/v1/groups", token: staff.token, json: #"{"name":"Parents who complained about buses","kind":"static"}"#)
            let groupId = try #require(group.json?["id"]?.stringValue)

            // A forum three of them attend.
            let forum = try await client.send(.post, "/api/v1/events", token: staff.token, json: """
                {"kind":"town-hall","title":"Town hall on start times","startsAt":"2026-10-06T18:00:00Z","endsAt":"2026-10-06T20:00:00Z","timeZone":"America/Chicago",
                 "invitees":[\(ids.map { #"{"stakeholderId":"\#($0)"}"# }.joined(separator: ","))]}
                """)
            #expect(forum.status == .created)
            let eventId = try #require(forum.json?["id"]?.stringValue)
            for id in ids.prefix(3) {
                let r = try await client.send(.put, "/api/v1/events/\(eventId)/invitees/\(id)", token: staff.token, json: #"{"rsvp":"accepted","attended":true}"#)
                #expect(r.status == .ok)
            }

            // The initiative with its plan, not yet published.
            let created = try await client.send(.post, "/api/v1/initiatives", token: staff.token, json: """
                {"title":"New school start times","slug":"start-times-2027","summary":"Should our high schools start later? We asked before the board decides.","isPublished":false,
                 "titleEs":"Nuevos horarios","startsOn":"2026-09-01",
                 "plan":[{"stakeholderType":"parent","level":"involve","target":20},{"stakeholderType":"student","level":"consult","target":20},
                         {"groupId":"\(groupId)","level":"inform","publicLabel":"Families on the transport list"}],
                 "activities":[{"kind":"consultation","title":"Online consultation","consultationId":"\(consultationId)"},
                               {"kind":"forum","title":"Town hall","eventId":"\(eventId)"}]}
                """)
            #expect(created.status == .created)
            let initiativeId = try #require(created.json?["id"]?.stringValue)
            #expect(created.headers[.location] == "/api/v1/initiatives/\(initiativeId)")
            let parentLine = try #require(created.json?["plan"]?[0]?["id"]?.stringValue)
            #expect(try await client.send(.get, "/i/start-times-2027").status == .notFound)
            #expect(try await client.send(.get, "/api/public/initiatives/start-times-2027").status == .notFound)

            // Progress from what happened: 20 parents in the consultation and 2 at the forum.
            let progress = try await client.send(.get, "/api/v1/initiatives/\(initiativeId)/progress", token: staff.token)
            #expect(progress.json?["lines"]?[0]?["reached"] == 22)
            #expect(progress.json?["lines"]?[0]?["percent"] == 110)
            #expect(progress.json?["lines"]?[1]?["reached"] == 11)
            #expect(progress.json?["activities"]?[1]?["attended"] == 3)
            #expect(progress.json?["consultationParticipants"] == 41)
            #expect(progress.json?["lines"]?[2]?["groupName"] == "Parents who complained about buses")

            // The decision, with its evidence.
            let decision = try await client.send(.post, "/api/v1/decisions", token: staff.token, json: """
                {"initiativeId":"\(initiativeId)","title":"High schools start at 8:45 from fall 2027","decidedOn":"2027-02-10","decidedBy":"Board of Education",
                 "rationale":"Reliable buses and more sleep were where people agreed; a two-tier bus plan keeps costs level.",
                 "optionsConsidered":["Keep 7:50","Start at 8:45"],"chosenOption":"Start at 8:45",
                 "evidence":[{"kind":"consultation","id":"\(consultationId)"},{"kind":"event","id":"\(eventId)"},{"kind":"stakeholder","id":"\(ids[0])"}],
                 "promiseOutcomes":[{"planId":"\(parentLine)","outcome":"Childcare worries shaped a before-school program."}]}
                """)
            #expect(decision.status == .created)
            let listed = try await client.send(.get, "/api/v1/decisions?initiativeId=\(initiativeId)", token: staff.token)
            #expect(listed.json?["total"] == 1)

            let published = try await client.send(.patch, "/api/v1/initiatives/\(initiativeId)", token: staff.token, json: #"{"isPublished":true}"#)
            #expect(published.status == .ok)
            #expect(published.json?["publishedAt"]?.stringValue != nil)

            // Staff read the analysis (which brings it up to date); the public page shows what it found.
            #expect(try await client.send(.get, "/api/v1/consultations/\(consultationId)/analysis", token: staff.token).status == .ok)
            let page = try await client.send(.get, "/i/start-times-2027")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("High schools start at 8:45 from fall 2027"))
            #expect(html.contains("Reliable buses and more sleep were where people agreed"))
            #expect(html.contains("Start at 8:45 (chosen)"))
            #expect(html.contains("Childcare worries shaped a before-school program."))
            #expect(html.contains("44 people took part"))
            #expect(html.contains("Other types (fewer than 3 people each)</td><td class=\"n\">1<") && !html.contains("Elected official"))
            #expect(html.contains("Families on the transport list") && !html.contains("complained"))
            #expect(html.contains("<td>Parent</td><td class=\"n\">22</td>"))
            #expect(html.contains("<td>Student</td><td class=\"n\">11</td>"))
            #expect(html.contains("<td>Educator</td><td class=\"n\">10</td>"))
            #expect(html.contains("What we heard") && html.contains("Themes"))
            #expect(html.contains("“Buses must arrive on time whatever we decide” — 100% agree"))
            #expect(html.contains("1 stakeholder consulted; 1 meeting or forum"))
            for p in Self.people {
                for secret in [p.given, p.family, p.email, p.phone, String(p.email.prefix { $0 != "@" })] {
                    #expect(!html.contains(secret), "the public page shows \(secret)")
                }
                let digits = p.phone.filter(\.isNumber)
                #expect(!html.filter(\.isNumber).contains(digits), "the public page shows the digits of \(p.phone)")
            }
            let json = try await client.send(.get, "/api/public/initiatives/start-times-2027")
            #expect(json.status == .ok)
            #expect(json.json?["tookPartTotal"] == 44)
            #expect(json.json?["tookPart"]?["other"] == 1 && json.json?["tookPart"]?["elected-official"] == nil)
            #expect(!json.text.contains("complained"))
            for p in Self.people { #expect(!json.text.contains(p.family) && !json.text.contains(p.email)) }

            // In Spanish, and found from the consultation's own page.
            let es = try await client.send(.get, "/i/start-times-2027?lang=es")
            #expect(es.text.contains("Lo que decidimos y por qué") && es.text.contains("Nuevos horarios") && es.text.contains("Madres, padres y tutores"))
            let consultationPage = try await client.send(.get, "/c/later-starts")
            #expect(consultationPage.text.contains("href=\"/i/start-times-2027\""))

            // The board report, for scripts.
            let md = try await client.send(.get, "/api/v1/initiatives/\(initiativeId)/board-report?format=md", token: staff.token)
            #expect(md.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(md.text.contains("## Decisions") && md.text.contains("High schools start at 8:45 from fall 2027"))
            #expect(md.text.contains("| parent | involve | 20 | 22 | 110% |"))
            for p in Self.people { #expect(!md.text.contains(p.family)) }
        }
    }
}
