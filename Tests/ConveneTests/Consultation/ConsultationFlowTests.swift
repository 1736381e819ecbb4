import ConveneAnalysis
import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A consultation through its API and public page: staff set it up and seed it, participants
/// join, vote and write, staff moderate, the analysis finds the planted groups, and the
/// exports read back. On every engine.
@Suite("Consultations: participation, moderation, analysis, export")
struct ConsultationFlowTests {
    static func cookie(_ r: TestResponse) -> String? {
        r.headers[values: .setCookie].first { $0.hasPrefix("cvp_") }.map { String($0.prefix { $0 != ";" }) }
    }

    @Test("three planted groups of participants are found through the public API", arguments: Engine.available)
    func plantedGroups(engine: Engine) async throws {
        var made = try await TestApp.make(engine: engine)
        made.services = Services(store: made.store, configuration: { var c = made.services.configuration; c.publicRateLimit = 0; return c }())
        let app = made
        let staff = try await app.user(.staff)
        try await app.test { client in
            let made = try await client.send(.post, "/api/v1/consultations", token: staff.token,
                                             json: #"{"title":"School start times","question":"What should we weigh in moving start times?","level":"involve","moderation":"before","audienceTypes":["parent","student","educator"]}"#)
            #expect(made.status == .created)
            let id = try #require(made.json?["id"]?.stringValue)
            #expect(made.json?["slug"] == "school-start-times")
            // 12 seed statements: 4 each that one planted group agrees with, and one everyone agrees with.
            var statementIds: [String] = []
            for n in 0..<13 {
                let r = try await client.send(.post, "/api/v1/consultations/\(id)/statements", token: staff.token, json: #"{"text":"Statement number \#(n) about start times"}"#)
                #expect(r.status == .created)
                statementIds.append(try #require(r.json?["id"]?.stringValue))
            }
            let types = ["parent", "student", "educator"]
            // 150 people in three planted groups; a tenth of their votes flipped and some skipped, as people do.
            var noise: UInt64 = 12345
            func draw() -> Double { noise = noise &* 6364136223846793005 &+ 1442695040888963407; return Double(noise >> 11) / Double(1 << 53) }
            var cast = 0
            for person in 0..<150 {
                let group = person % 3
                let joined = try await client.send(.post, "/api/public/consultations/school-start-times/participants", json: #"{"stakeholderType":"\#(types[group])"}"#)
                #expect(joined.status == .created)
                let cookie = try #require(Self.cookie(joined))
                for (n, sid) in statementIds.enumerated() {
                    if person > 0 && n != 12 && draw() < 0.15 { continue }
                    var vote = n == 12 ? 1 : (n / 4 == group ? 1 : -1)
                    if n != 12 && draw() < 0.1 { vote = -vote }
                    cast += 1
                    let r = try await client.send(.post, "/api/public/consultations/school-start-times/votes", json: #"{"statementId":"\#(sid)","vote":\#(vote)}"#,
                                                  headers: [.cookie: cookie])
                    #expect(r.status == .noContent)
                }
                if person == 0 {
                    #expect(try await client.send(.get, "/api/public/consultations/school-start-times/next", headers: [.cookie: cookie]).status == .noContent)
                }
            }
            let analysis = try await client.send(.get, "/api/v1/consultations/\(id)/analysis", token: staff.token)
            #expect(analysis.status == .ok)
            #expect(analysis.json?["votesAnalyzed"] == .number(Double(cast)))
            guard case .array(let groups)? = analysis.json?["groups"] else { Issue.record("no groups"); return }
            #expect(groups.count == 3)
            #expect(analysis.json?["consensusStatementIds"]?[0]?.stringValue == statementIds[12])
            for g in groups { if case .array(let reps)? = g["representativeStatementIds"] { #expect(!reps.isEmpty) } }

            let votesCSV = try await client.send(.get, "/api/v1/consultations/\(id)/export/votes.csv", token: staff.token)
            #expect(votesCSV.text.hasPrefix("timestamp,datetime,comment-id,voter-id,vote\r\n"))
            #expect(votesCSV.text.split(separator: "\r\n").count == cast + 1)
            let matrix = try await client.send(.get, "/api/v1/consultations/\(id)/export/participants-votes.csv", token: staff.token)
            #expect(matrix.text.hasPrefix("participant,group-id,n-comments,n-votes,n-agree,n-disagree"))
            let summary = try await client.send(.get, "/api/v1/consultations/\(id)/export/summary.csv", token: staff.token)
            #expect(summary.text.contains("groups,3"), "\(summary.text)")
            #expect(try await client.send(.get, "/api/v1/consultations/\(id)/export/secrets.csv", token: staff.token).status == .notFound)
            let whole = try await client.send(.get, "/api/v1/consultations/\(id)/export/consultation.json", token: staff.token)
            if case .array(let votes)? = whole.json?["votes"] { #expect(votes.count == cast) } else { Issue.record("no votes in the JSON export") }
            #expect(whole.json?["analysis"]?["votesAnalyzed"] == .number(Double(cast)))
            #expect(!whole.text.contains("\"participantId\""))
        }
    }

    @Test("hostile participation gets clear errors and does no harm", arguments: Engine.available)
    func hostile(engine: Engine) async throws {
        var made = try await TestApp.make(engine: engine)
        made.services = Services(store: made.store, configuration: { var c = made.services.configuration; c.publicRateLimit = 0; return c }())
        let app = made
        let staff = try await app.user(.staff)
        try await app.test { client in
            let made = try await client.send(.post, "/api/v1/consultations", token: staff.token, json: #"{"title":"Budget","slug":"budget","question":"What matters most?"}"#)
            let id = try #require(made.json?["id"]?.stringValue)
            let seed = try await client.send(.post, "/api/v1/consultations/\(id)/statements", token: staff.token, json: #"{"text":"Keep class sizes small"}"#)
            let sid = try #require(seed.json?["id"]?.stringValue)
            // No cookie, an unknown type, a vote out of range, a statement of another kind.
            #expect(try await client.send(.get, "/api/public/consultations/budget/next").status == .unauthorized)
            let badJoin = try await client.send(.post, "/api/public/consultations/budget/participants", json: #"{"stakeholderType":"wizard"}"#)
            #expect(badJoin.status == .unprocessableContent && badJoin.text.contains("stakeholderType"))
            let joined = try await client.send(.post, "/api/public/consultations/budget/participants", json: #"{"stakeholderType":"parent","area":"Lincoln"}"#)
            let cookie = try #require(Self.cookie(joined))
            // The answer names the participant by its random id only; it does not echo the area.
            #expect(!joined.text.contains("Lincoln"))
            let badVote = try await client.send(.post, "/api/public/consultations/budget/votes", json: #"{"statementId":"\#(sid)","vote":5}"#, headers: [.cookie: cookie])
            #expect(badVote.status == .unprocessableContent && badVote.text.contains("vote"))
            // Duplicate votes replace each other.
            for v in [1, -1, -1] {
                #expect(try await client.send(.post, "/api/public/consultations/budget/votes", json: #"{"statementId":"\#(sid)","vote":\#(v)}"#, headers: [.cookie: cookie]).status == .noContent)
            }
            #expect(try await app.store.countVotes(consultationId: id) == 1)
            // HTML is kept as text and escaped; 10,000 characters are refused with the limit named.
            let html = try await client.send(.post, "/api/public/consultations/budget/statements", json: #"{"text":"<script>alert(1)</script> more buses"}"#, headers: [.cookie: cookie])
            #expect(html.status == .created && html.json?["status"] == "pending")
            let long = try await client.send(.post, "/api/public/consultations/budget/statements", json: "{\"text\":\"\(String(repeating: "a", count: 10_000))\"}", headers: [.cookie: cookie])
            #expect(long.status == .unprocessableContent && long.text.contains("280"))
            // A pending statement cannot be voted on; a rejected one needs a reason and then cannot either.
            let pendingId = try #require(html.json?["id"]?.stringValue)
            #expect(try await client.send(.post, "/api/public/consultations/budget/votes", json: #"{"statementId":"\#(pendingId)","vote":1}"#, headers: [.cookie: cookie]).status == .unprocessableContent)
            #expect(try await client.send(.post, "/api/v1/consultations/\(id)/statements/\(pendingId)/moderation", token: staff.token, json: #"{"status":"rejected"}"#).status == .unprocessableContent)
            let rejected = try await client.send(.post, "/api/v1/consultations/\(id)/statements/\(pendingId)/moderation", token: staff.token, json: #"{"status":"rejected","reason":"off topic"}"#)
            #expect(rejected.json?["status"] == "rejected")
            let queue = try await client.send(.get, "/api/v1/consultations/\(id)/statements?status=pending", token: staff.token)
            #expect(queue.json?["total"] == 0)
            // The public page escapes what participants wrote and shows no personal data.
            let approvedWrite = try await client.send(.post, "/api/public/consultations/budget/statements", json: #"{"text":"<b>Bold</b> idea about buses"}"#, headers: [.cookie: cookie])
            let approvedId = try #require(approvedWrite.json?["id"]?.stringValue)
            _ = try await client.send(.post, "/api/v1/consultations/\(id)/statements/\(approvedId)/moderation", token: staff.token, json: #"{"status":"approved"}"#)
            let page = try await client.execute(uri: "/c/budget", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("&lt;b&gt;Bold&lt;/b&gt;") && !page.text.contains("<b>Bold</b>"))
            #expect(!page.text.contains(staff.user.email))
            // Closed: votes and statements are refused.
            #expect(try await client.send(.patch, "/api/v1/consultations/\(id)", token: staff.token, json: #"{"isClosed":true}"#).json?["isOpen"] == false)
            let late = try await client.send(.post, "/api/public/consultations/budget/votes", json: #"{"statementId":"\#(sid)","vote":1}"#, headers: [.cookie: cookie])
            #expect(late.status == .conflict)
            #expect(try await app.store.countVotes(consultationId: id) == 1)
        }
    }

    @Test("a closed audience joins with invite codes, each good once", arguments: Engine.available)
    func invites(engine: Engine) async throws {
        var made = try await TestApp.make(engine: engine)
        made.services = Services(store: made.store, configuration: { var c = made.services.configuration; c.publicRateLimit = 0; return c }())
        let app = made
        let staff = try await app.user(.staff)
        try await app.test { client in
            let c = try await client.send(.post, "/api/v1/consultations", token: staff.token,
                                          json: #"{"title":"Board retreat","slug":"retreat","question":"What should the board discuss?","inviteOnly":true,"audienceAreas":["North","South"]}"#)
            let id = try #require(c.json?["id"]?.stringValue)
            #expect(c.json?["inviteOnly"] == true)
            #expect(try await client.send(.post, "/api/v1/consultations/\(id)/invites", token: staff.token, json: #"{"count":0}"#).status == .unprocessableContent)
            let invites = try await client.send(.post, "/api/v1/consultations/\(id)/invites", token: staff.token, json: #"{"count":3}"#)
            #expect(invites.status == .created)
            guard case .array(let codes)? = invites.json?["codes"], let code = codes.first?.stringValue else { Issue.record("no codes"); return }
            #expect(codes.count == 3 && code.count == 10)
            let without = try await client.send(.post, "/api/public/consultations/retreat/participants", json: #"{"stakeholderType":"parent"}"#)
            #expect(without.status == .unprocessableContent && without.text.contains("inviteCode"))
            let wrongArea = try await client.send(.post, "/api/public/consultations/retreat/participants", json: #"{"stakeholderType":"parent","area":"East","inviteCode":"\#(code)"}"#)
            #expect(wrongArea.status == .unprocessableContent && wrongArea.text.contains("area"))
            let typed = code.lowercased().prefix(5) + "-" + code.lowercased().dropFirst(5)
            let ok = try await client.send(.post, "/api/public/consultations/retreat/participants", json: #"{"stakeholderType":"parent","area":"North","inviteCode":"\#(typed)"}"#)
            #expect(ok.status == .created)
            let again = try await client.send(.post, "/api/public/consultations/retreat/participants", json: #"{"stakeholderType":"student","inviteCode":"\#(code)"}"#)
            #expect(again.status == .unprocessableContent && again.text.contains("used already"))
            #expect(try await app.store.countParticipants(consultationId: id) == 1)
            let counts = try await app.store.inviteCounts(consultationId: id)
            #expect(counts.total == 3 && counts.used == 1)
        }
    }

    @Test("the public page works without JavaScript, in English and Spanish; a flood from one address is slowed")
    func publicPage() async throws {
        var made = try TestApp.make()
        made.services = Services(store: made.store, configuration: { var c = made.services.configuration; c.publicRateLimit = 30; return c }())
        let app = made
        let staff = try await app.user(.staff)
        let c = try await app.services.consultations.create(ConsultationPatch(slug: "calendar", title: "Calendar", question: "Which calendar?", level: .consult), actor: .user(staff.user))
        _ = try await app.services.consultations.addStatement(consultationId: c.id, text: "Start after Labor Day", actor: .user(staff.user))
        try await app.test { client in
            let es = try await client.execute(uri: "/c/calendar?lang=es", method: .get)
            #expect(es.text.contains("Participar") && es.text.contains("lang=\"es\""))
            #expect(!es.text.contains("<script"))
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let joined = try await client.execute(uri: "/c/calendar/join", method: .post, headers: headers, body: ByteBuffer(string: "stakeholderType=parent&area="))
            #expect(joined.status == .seeOther)
            headers[.cookie] = Self.cookie(joined)
            #expect(headers[.cookie] != nil)
            let page = try await client.execute(uri: "/c/calendar", method: .get, headers: headers)
            #expect(page.text.contains("Start after Labor Day") && page.text.contains("name=\"vote\" value=\"1\""))
            let sid = try #require(try await app.store.statements(consultationId: c.id, status: .approved).first?.id)
            let voted = try await client.execute(uri: "/c/calendar/vote", method: .post, headers: headers, body: ByteBuffer(string: "statementId=\(sid)&vote=1"))
            #expect(voted.status == .seeOther)
            #expect(try await client.execute(uri: "/c/calendar", method: .get, headers: headers).text.contains("Thank you"))
            var limited = false
            for _ in 0..<40 where !limited { limited = try await client.execute(uri: "/c/calendar", method: .get).status == .tooManyRequests }
            #expect(limited)
        }
    }
}
