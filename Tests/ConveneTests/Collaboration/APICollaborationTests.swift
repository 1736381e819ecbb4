import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The collaboration and decision endpoints as scripts meet them: names, statuses, problem
/// documents that name each field, filters, versions, and nothing changed by a failed request.
@Suite("Collaboration API")
struct APICollaborationTests {
    @Test("records are made, listed with filters and search, changed with If-Match, and removed")
    func crud() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff), viewer = try await app.user(.viewer)
        try await app.test { client in
            let issue = try await client.send(.post, "/api/v1/issues", token: staff.token, json: #"{"name":"School start times"}"#)
            let issueId = try #require(issue.json?["id"]?.stringValue)
            let bill = try await client.send(.post, "/api/v1/bills", token: staff.token, json: """
                {"number":"HB 1147","jurisdiction":"State legislature","title":"Transportation funding","status":"in-committee","nextAction":"Hearing","nextActionOn":"2027-01-20","issueIds":["\(issueId)"]}
                """)
            #expect(bill.status == .created)
            let billId = try #require(bill.json?["id"]?.stringValue)
            #expect(bill.json?["kind"] == "bill" && bill.json?["nextActionOn"] == "2027-01-20")
            let etag = try #require(bill.headers[.eTag])
            _ = try await client.send(.post, "/api/v1/bills", token: staff.token, json: #"{"number":"SB 9","jurisdiction":"State legislature","title":"Teacher pay","status":"passed"}"#)
            #expect(try await client.send(.get, "/api/v1/bills?issueId=\(issueId)", token: viewer.token).json?["total"] == 1)
            #expect(try await client.send(.get, "/api/v1/bills?status=passed", token: viewer.token).json?["items"]?[0]?["number"] == "SB 9")
            #expect(try await client.send(.get, "/api/v1/bills?q=transportation", token: viewer.token).json?["total"] == 1)
            let page = try await client.send(.get, "/api/v1/bills?limit=1", token: viewer.token)
            #expect(page.json?["items"]?.arrayCount == 1 && page.json?["nextCursor"]?.stringValue != nil)

            let changed = try await client.send(.patch, "/api/v1/bills/\(billId)", token: staff.token, json: #"{"status":"passed-chamber","nextAction":null}"#, headers: [.ifMatch: etag])
            #expect(changed.status == .ok)
            #expect(changed.json?["status"] == "passed-chamber" && changed.json?["nextAction"] == nil && changed.json?["title"] == "Transportation funding")
            let stale = try await client.send(.patch, "/api/v1/bills/\(billId)", token: staff.token, json: #"{"status":"enacted"}"#, headers: [.ifMatch: etag])
            #expect(stale.status == .conflict)
            #expect(try await client.send(.patch, "/api/v1/bills/\(billId)", token: viewer.token, json: #"{"status":"enacted"}"#).status == .forbidden)

            let position = try await client.send(.post, "/api/v1/positions", token: staff.token, json: #"{"title":"Support HB 1147","billId":"\#(billId)","stance":"support"}"#)
            #expect(position.status == .created)
            let refused = try await client.send(.delete, "/api/v1/bills/\(billId)", token: staff.token)
            #expect(refused.status == .conflict)
            #expect(refused.json?["detail"]?.stringValue?.contains("1 policy position") == true)
            let positionId = try #require(position.json?["id"]?.stringValue)
            #expect(try await client.send(.delete, "/api/v1/positions/\(positionId)", token: staff.token).status == .noContent)
            #expect(try await client.send(.delete, "/api/v1/bills/\(billId)", token: staff.token).status == .noContent)
            #expect(try await client.send(.get, "/api/v1/bills/\(billId)", token: viewer.token).status == .notFound)
        }
    }

    @Test("bad requests get problem documents naming each field, and change nothing")
    func badInput() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        try await app.test { client in
            let before = try await app.store.auditEntries(AuditQuery(limit: 500)).count
            let cases: [(String, String, [String])] = [
                ("/api/v1/initiatives", #"{"title":"X","startsOn":"2027-03-01","endsOn":"2027-01-01"}"#, ["endsOn"]),
                ("/api/v1/initiatives", #"{"title":"X","slug":"Not A Slug!"}"#, ["slug"]),
                ("/api/v1/initiatives", #"{"title":"X","isPublished":"yes"}"#, ["isPublished"]),
                ("/api/v1/initiatives", #"{"title":"X","plan":[{"level":"shout","stakeholderType":"parent"}]}"#, ["plan[0].level"]),
                ("/api/v1/initiatives", #"{"title":"X","plan":[{"level":"consult"}]}"#, ["plan[0]"]),
                ("/api/v1/initiatives", #"{"title":"X","activities":[{"kind":"consultation","title":"C","consultationId":"nosuch"}]}"#, ["activities[0].consultationId"]),
                ("/api/v1/decisions", #"{"initiativeId":"nosuch","title":"T","decidedOn":"2027-02-30","rationale":"r"}"#, ["decidedOn"]),
                ("/api/v1/decisions", #"{"initiativeId":"nosuch","title":"T","decidedOn":"2027-02-10","rationale":"r","evidence":[{"kind":"gossip","id":"x"}]}"#, ["evidence[0].kind"]),
                ("/api/v1/decisions", #"{"title":"T","decidedOn":"2027-02-10"}"#, ["initiativeId", "rationale"]),
                ("/api/v1/resources", #"{"title":"T","url":"javascript:alert(1)","type":"guide"}"#, ["url"]),
                ("/api/v1/resources", #"{"title":"T","url":"https://example.org","type":"guide","secret":1}"#, ["secret"]),
                ("/api/v1/partnerships", #"{"name":"P","agreements":[{"kind":"mou","title":"M","remindDaysBefore":9999}]}"#, ["agreements[0].remindDaysBefore"]),
                ("/api/v1/working-groups", #"{"name":"G","members":[{"role":"chair"}]}"#, ["members[0]"]),
                ("/api/v1/campaigns", #"{"title":"C","startsOn":"2027-01-02","endsOn":"2027-01-01"}"#, ["endsOn"]),
            ]
            for (path, body, fields) in cases {
                let r = try await client.send(.post, path, token: staff.token, json: body)
                #expect(r.status == .unprocessableContent, "\(path) \(body) gave \(r.status.code)")
                #expect(r.headers[.contentType] == "application/problem+json")
                let named = (r.json?["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
                #expect(named.sorted() == fields.sorted(), "\(body) named \(named)")
            }
            #expect(try await client.send(.post, "/api/v1/initiatives", token: staff.token, json: "[1,2]").status == .badRequest)
            #expect(try await client.send(.post, "/api/v1/initiatives", token: staff.token, json: "{\"title\":").status == .badRequest)
            #expect(try await client.send(.get, "/api/v1/board-report?from=2027-02-01&to=2027-01-01", token: staff.token).status == .unprocessableContent)
            #expect(try await client.send(.get, "/api/v1/initiatives/nosuch/board-report?format=pdf", token: staff.token).status == .notFound)
            #expect(try await client.send(.get, "/api/public/initiatives/nosuch").status == .notFound)
            #expect(try await app.store.auditEntries(AuditQuery(limit: 500)).count == before)
        }
    }

    @Test("expiring agreements, open action items and the period's board report")
    func insight() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let today = CalendarDate(date: Date(), timeZone: app.services.configuration.timeZone)
        try await app.test { client in
            let p = try await client.send(.post, "/api/v1/partnerships", token: staff.token, json: """
                {"name":"Attendance study","agreements":[{"kind":"data-sharing","title":"DSA","expiresOn":"\(today.adding(days: 20))"},{"kind":"mou","title":"MOU","expiresOn":"\(today.adding(days: 200))"}]}
                """)
            #expect(p.status == .created)
            let due = try await client.send(.get, "/api/v1/agreements/expiring", token: staff.token)
            #expect(due.json?["total"] == 1 && due.json?["items"]?[0]?["daysLeft"] == 20 && due.json?["items"]?[0]?["title"] == "DSA")
            let g = try await client.send(.post, "/api/v1/working-groups", token: staff.token, json: """
                {"name":"Bell times","actionItems":[{"title":"Cost bus tiers","ownerId":"\(staff.user.id)","dueOn":"\(today.adding(days: 3))"},{"title":"Done already","status":"done"}]}
                """)
            #expect(g.json?["actionItems"]?[1]?["doneOn"]?.stringValue != nil)
            let mine = try await client.send(.get, "/api/v1/action-items?ownerId=me", token: staff.token)
            #expect(mine.json?["total"] == 1 && mine.json?["items"]?[0]?["item"]?["title"] == "Cost bus tiers")
            let report = try await client.send(.get, "/api/v1/board-report?format=md", token: staff.token)
            #expect(report.status == .ok && report.text.hasPrefix("# Board report"))
            let html = try await client.send(.get, "/api/v1/board-report", token: staff.token)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8" && html.text.contains("<h2>Engagement coverage</h2>"))
        }
    }
}

extension JSONValue {
    fileprivate var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    fileprivate var arrayCount: Int? { arrayValue?.count }
}
