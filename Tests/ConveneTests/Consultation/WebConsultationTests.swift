import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web: consultations for staff")
struct WebConsultationTests {
    @Test("staff start a consultation, seed it, moderate a participant's statement, and read the report with its map")
    func staffPages() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff, email: "staff@example.org").user
        try await app.test { client in
            let (cookie, csrf) = try await client.signIn(email: staff.email)
            let bad = try await client.postForm("/consultations", [("_csrf", csrf), ("title", ""), ("question", "")], cookie: cookie)
            #expect(bad.status == .unprocessableContent)
            let made = try await client.postForm("/consultations", [("_csrf", csrf), ("title", "Later start times"), ("question", "Should high school start later?"),
                                                                    ("audienceTypes", "parent"), ("audienceTypes", "student"), ("level", "involve"), ("moderation", "before")], cookie: cookie)
            #expect(made.status == .seeOther)
            let c = try #require(try await app.store.consultations().first)
            #expect(c.audienceTypes == ["parent", "student"] && c.level == .involve && c.slug == "later-start-times")
            for text in ["Teenagers need more sleep", "Buses cost more", "Sports practice ends late"] {
                #expect(try await client.postForm("/consultations/\(c.id)/statements", [("_csrf", csrf), ("text", text)], cookie: cookie).status == .seeOther)
            }
            _ = try await client.postForm("/consultations/\(c.id)/statements", [("_csrf", csrf), ("text", "Childcare gets harder"), ("stakeholderType", "parent")], cookie: cookie)
            let (p, _) = try await app.services.consultations.join(slug: c.slug, stakeholderType: "student", area: nil)
            let pending = try await app.services.consultations.write(p, in: c, text: "Let us choose our own schedule")
            let page = try await client.get("/consultations/\(c.id)", cookie: cookie)
            #expect(page.text.contains("Waiting for moderation (1)") && page.text.contains("Let us choose our own schedule"))
            #expect(page.text.contains("heard from parent"))
            let noReason = try await client.postForm("/consultations/\(c.id)/statements/\(pending.id)/moderate", [("_csrf", csrf), ("decision", "reject")], cookie: cookie)
            #expect(noReason.headers[.location]?.contains("reason-needed") == true)
            _ = try await client.postForm("/consultations/\(c.id)/statements/\(pending.id)/moderate", [("_csrf", csrf), ("decision", "approve")], cookie: cookie)
            #expect(try await app.store.statement(id: pending.id)?.status == .approved)
            for s in try await app.store.statements(consultationId: c.id, status: .approved) {
                try await app.services.consultations.vote(p, in: c, statementId: s.id, vote: 1)
            }
            let report = try await client.get("/consultations/\(c.id)/report", cookie: cookie)
            #expect(report.status == .ok && report.text.contains("<svg") && report.text.contains("1 participants") == false)
            #expect(report.text.contains("Who took part") && report.text.contains("student"))
            let closed = try await client.postForm("/consultations/\(c.id)/state", [("_csrf", csrf), ("closed", "true")], cookie: cookie)
            #expect(closed.headers[.location]?.contains("closed") == true)
            #expect(try await app.services.consultations.consultation(id: c.id).isClosed)
        }
    }
}
