import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The collaboration endpoints answer with the records themselves, so their OpenAPI schemas
/// must follow the records' fields: every answer, filled in as fully as a client can, is
/// checked against the schema the document gives for it (types, required fields, closed
/// objects, enumerations), and so is every input schema against a full request.
@Suite("Collaboration answers match the OpenAPI document")
struct CollaborationSchemaTests {
    /// The subset of JSON Schema the document uses. Returns one line per disagreement.
    static func check(_ value: JSONValue, _ schema: JSONValue, _ schemas: [String: JSONValue], at path: String = "$") -> [String] {
        if let ref = schema["$ref"]?.stringValue {
            guard let target = schemas[String(ref.dropFirst("#/components/schemas/".count))] else { return ["\(path): dangling \(ref)"] }
            return check(value, target, schemas, at: path)
        }
        var types: [String] = []
        switch schema["type"] {
        case .string(let t)?: types = [t]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default: break
        }
        let actual: String = {
            switch value {
            case .null: return "null"
            case .bool: return "boolean"
            case .number(let n): return n.rounded() == n ? "integer" : "number"
            case .string: return "string"
            case .array: return "array"
            case .object: return "object"
            }
        }()
        if !types.isEmpty && !types.contains(actual) && !(actual == "integer" && types.contains("number")) {
            return ["\(path): is \(actual), the schema says \(types.joined(separator: " or "))"]
        }
        var out: [String] = []
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) { out.append("\(path): \(value.encodedString()) is not in the enumeration") }
        switch value {
        case .object(let members):
            let properties: [String: JSONValue] = { if case .object(let p)? = schema["properties"] { return p }; return [:] }()
            if case .array(let required)? = schema["required"] {
                for r in required.compactMap(\.stringValue) where members[r] == nil { out.append("\(path): misses required \(r)") }
            }
            for (key, v) in members {
                if let s = properties[key] { out += check(v, s, schemas, at: "\(path).\(key)") }
                else if schema["additionalProperties"] == .bool(false) { out.append("\(path): has \(key), which the schema does not") }
                else if let extra = schema["additionalProperties"], case .object = extra { out += check(v, extra, schemas, at: "\(path).\(key)") }
            }
        case .array(let items):
            if let itemSchema = schema["items"] { for (n, item) in items.enumerated() { out += check(item, itemSchema, schemas, at: "\(path)[\(n)]") } }
        default: break
        }
        return out
    }

    @Test("every kind, filled in, reads back as its schema says; inputs match the input schemas")
    func schemas() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let consultation = try await app.services.consultations.create(ConsultationPatch(title: "Start times", question: "Later?"), actor: .user(staff.user))
        let person = try await app.registry.create(Make.person("Dana", "Lee"), actor: .system)
        try await app.test { client in
            let doc = try #require(try await client.send(.get, "/api/v1/openapi.json").json)
            guard case .object(let schemas)? = doc["components"]?["schemas"] else { Issue.record("no schemas"); return }
            let issue = try #require(try await client.send(.post, "/api/v1/issues", token: staff.token, json: #"{"name":"Start times"}"#).json?["id"]?.stringValue)
            let group = try #require(try await client.send(.post, "/api/v1/groups", token: staff.token, json: #"{"name":"Bus riders","kind":"static"}"#).json?["id"]?.stringValue)
            let event = try #require(try await client.send(.post, "/api/v1/events", token: staff.token, json: """
                {"kind":"town-hall","title":"Town hall","startsAt":"2026-11-10T18:00:00Z","endsAt":"2026-11-10T20:00:00Z","timeZone":"America/Chicago","invitees":[{"stakeholderId":"\(person.id)","rsvp":"accepted","attended":true}]}
                """).json?["id"]?.stringValue)
            var made: [String: String] = [:]
            let bodies: [(String, String, String)] = [
                ("working-groups", "WorkingGroup", """
                 {"name":"G","purpose":"P","status":"active","issueIds":["\(issue)"],"members":[{"stakeholderId":"\(person.id)","role":"chair"},{"userId":"\(staff.user.id)"}],
                  "meetingIds":["\(event)"],"actionItems":[{"title":"A","ownerId":"\(staff.user.id)","dueOn":"2027-01-20","status":"done"}],"documents":[{"title":"D","url":"https://example.org/d"}]}
                 """),
                ("partnerships", "Partnership", """
                 {"name":"P","kind":"research-practice","summary":"S","stage":"active","stageSince":"2026-05-01","partnerIds":["\(person.id)"],"ownerId":"\(staff.user.id)",
                  "issueIds":["\(issue)"],"researchQuestions":["Q?"],"agreements":[{"kind":"mou","title":"M","signedOn":"2026-01-01","expiresOn":"2027-01-01","remindDaysBefore":30,"url":"https://example.org/m"}],
                  "outputs":[{"kind":"report","title":"R","url":"https://example.org/r","publishedOn":"2026-06-01"}]}
                 """),
                ("bills", "Bill", """
                 {"number":"HB 1","jurisdiction":"State","title":"T","kind":"bill","status":"introduced","summary":"S","nextAction":"Hearing","nextActionOn":"2027-01-05","url":"https://example.org/b","issueIds":["\(issue)"]}
                 """),
                ("resources", "Resource", """
                 {"title":"R","url":"https://example.org/r","type":"case-study","organization":"O","issueIds":["\(issue)"],"notes":"N","publishedOn":"2026-01-01"}
                 """),
                ("initiatives", "Initiative", """
                 {"title":"I","titleEs":"I es","slug":"i-slug","summary":"S","summaryEs":"S es","startsOn":"2026-09-01","endsOn":"2027-06-30","ownerId":"\(staff.user.id)","issueIds":["\(issue)"],
                  "plan":[{"stakeholderType":"parent","level":"involve","target":10,"note":"N"},{"groupId":"\(group)","level":"inform","publicLabel":"Riders"}],
                  "activities":[{"kind":"consultation","title":"C","plannedOn":"2026-10-01","consultationId":"\(consultation.id)"},{"kind":"forum","title":"F","eventId":"\(event)"}],"isPublished":true}
                 """),
            ]
            for (path, schema, body) in bodies {
                #expect(Self.check(try #require(JSONValue.parse(Data(body.utf8))), schemas["\(schema)Input"] ?? .null, schemas).isEmpty)
                let r = try await client.send(.post, "/api/v1/\(path)", token: staff.token, json: body)
                #expect(r.status == .created, "\(path): \(r.text)")
                made[path] = try #require(r.json?["id"]?.stringValue)
            }
            let bill = made["bills"] ?? "", initiative = made["initiatives"] ?? ""
            let more: [(String, String, String)] = [
                ("positions", "Position", #"{"title":"P","policy":"Later starts","billId":"\#(bill)","stance":"oppose","rationale":"R","adoptedOn":"2026-10-01","issueIds":["\#(issue)"]}"#),
                ("campaigns", "Campaign", """
                 {"title":"C","goal":"G","status":"active","billId":"\(bill)","startsOn":"2026-10-01","endsOn":"2027-05-01","coalitionIds":["\(person.id)"],
                  "asks":[{"stakeholderId":"\(person.id)","ask":"A","askedOn":"2026-10-02","outcome":"partial","outcomeNote":"N","outcomeOn":"2026-10-09"}],"issueIds":["\(issue)"]}
                 """),
                ("decisions", "Decision", """
                 {"initiativeId":"\(initiative)","title":"D","decidedOn":"2027-02-01","decidedBy":"Board","rationale":"R","optionsConsidered":["A","B"],"chosenOption":"B",
                  "evidence":[{"kind":"consultation","id":"\(consultation.id)","note":"N"},{"kind":"stakeholder","id":"\(person.id)"}],"promiseOutcomes":[]}
                 """),
            ]
            for (path, schema, body) in more {
                #expect(Self.check(try #require(JSONValue.parse(Data(body.utf8))), schemas["\(schema)Input"] ?? .null, schemas).isEmpty)
                let r = try await client.send(.post, "/api/v1/\(path)", token: staff.token, json: body)
                #expect(r.status == .created, "\(path): \(r.text)")
                made[path] = try #require(r.json?["id"]?.stringValue)
            }
            for (path, schema) in [("working-groups", "WorkingGroup"), ("partnerships", "Partnership"), ("bills", "Bill"), ("resources", "Resource"), ("initiatives", "Initiative"),
                                   ("positions", "Position"), ("campaigns", "Campaign"), ("decisions", "Decision")] {
                let one = try await client.send(.get, "/api/v1/\(path)/\(made[path] ?? "")", token: staff.token)
                #expect(Self.check(try #require(one.json), schemas[schema] ?? .null, schemas) == [], "\(path)")
                let list = try await client.send(.get, "/api/v1/\(path)", token: staff.token)
                #expect(Self.check(try #require(list.json), schemas["\(schema)List"] ?? .null, schemas) == [], "\(path) list")
            }
            for (uri, schema) in [("/api/v1/initiatives/\(initiative)/progress", "InitiativeProgress"), ("/api/public/initiatives/i-slug", "PublicInitiative"),
                                  ("/api/v1/agreements/expiring", "AgreementReminderList"), ("/api/v1/action-items", "ActionItemList")] {
                let r = try await client.send(.get, uri, token: staff.token)
                #expect(r.status == .ok, "\(uri)")
                #expect(Self.check(try #require(r.json), schemas[schema] ?? .null, schemas) == [], "\(uri)")
            }
            // The checker itself finds a stray field and a wrong type.
            #expect(Self.check(["name": 1, "colour": "red"], schemas["WorkingGroupInput"] ?? .null, schemas).count == 2)
        }
    }
}
