import ConveneAnalysis
import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension WebController {
    /// The weekly briefing: as a page, and as Markdown and e-mail-ready HTML files.
    var briefingRoutes: [WebRoute] {
        let radar = services.radar
        let base = services.configuration.publicURL ?? "http://\(services.configuration.host):\(services.configuration.port)"
        return [
            WebRoute(method: .get, path: "/radar/briefing", role: .viewer) { request, context in
                let user = try context.requireUser()
                let b = try await radar.briefing(week: request.uri.queryParameters.get("week").flatMap { $0.isEmpty ? nil : $0 }, userId: user.id,
                                                 zone: WebTime.defaultZone)
                return BriefingView(briefing: b, user: user, csrf: context.csrf).render()
            },
            WebRoute(method: .get, path: "/radar/briefing.md", role: .viewer) { request, context in
                let user = try context.requireUser()
                let b = try await radar.briefing(week: request.uri.queryParameters.get("week"), userId: user.id, zone: WebTime.defaultZone)
                return Response(status: .ok, headers: [.contentType: "text/markdown; charset=utf-8", .contentDisposition: "attachment; filename=\"briefing-\(b.week).md\""],
                                body: .init(byteBuffer: ByteBuffer(string: BriefingRenderer.markdown(b, baseURL: base))))
            },
            WebRoute(method: .get, path: "/radar/briefing.html", role: .viewer) { request, context in
                let user = try context.requireUser()
                let b = try await radar.briefing(week: request.uri.queryParameters.get("week"), userId: user.id, zone: WebTime.defaultZone)
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentDisposition: "attachment; filename=\"briefing-\(b.week).html\""],
                                body: .init(byteBuffer: ByteBuffer(string: BriefingRenderer.html(b, baseURL: base))))
            },
        ]
    }
}

/// The briefing as a page, with the week before and after, and the files to send.
struct BriefingView {
    var briefing: Briefing
    var user: User
    var csrf: String?

    func render() -> Response {
        let b = briefing
        let week = ISOWeek(b.week)
        let prev = week.map { $0.advanced(by: -1).description } ?? b.week, next = week.map { $0.advanced(by: 1).description } ?? b.week
        let rows = RadarItemRows(issueNames: Dictionary(b.sections.map { ($0.issue.id, $0.issue.name) }, uniquingKeysWith: { a, _ in a }),
                                 sourceNames: b.sourceNames, csrf: csrf, back: "/radar/briefing?week=\(b.week)")
        let rising: [HTML] = b.rising.map { "<li><a href=\"/radar/issues/\($0.issue.id)\">\($0.issue.name)</a>: \($0.explanation)</li>" }
        let sections: [HTML] = b.sections.map { s in
            """
            <section><h3><a href="/radar/issues/\(s.issue.id)">\(s.issue.name)</a>\(s.trend?.isRising == true ? HTML(raw: " <span class=\"tag rising\">rising</span>") : .empty)</h3>
            <p>\(s.newItems) new item\(s.newItems == 1 ? "" : "s")\(s.trend.map { "; " + $0.explanation } ?? "").\(s.newItems > s.items.count ? HTML(raw: " <a href=\"/radar?issue=\(HTML.escape(s.issue.id))\">See all</a>") : .empty)</p>
            \(rows.list(s.items))</section>
            """
        }
        let events: [HTML] = b.upcomingEvents.map { "<li>\(Layout.when($0.startsAt)) <a href=\"/events/\($0.id)\">\($0.title)</a></li>" }
        return Layout.page("Briefing \(b.week)", user: user, csrf: csrf, current: "/radar", """
            <h1>Briefing, \(b.week)</h1>
            <p>\(BriefingRenderer.period(b)) · <a href="/radar/briefing?week=\(prev)">Week before</a> · <a href="/radar/briefing?week=\(next)">Week after</a>
             · <a href="/radar/briefing.md?week=\(b.week)">Markdown</a> · <a href="/radar/briefing.html?week=\(b.week)">E-mail (HTML)</a></p>
            <h2>Rising</h2>
            \(rising.isEmpty ? "<p>No issue is rising this week.</p>" : "<ul>\(rising)</ul>" as HTML)
            <h2>New items by issue</h2>
            \(sections.isEmpty ? "<p>Nothing new matched the issues this week.</p>" : sections.joined())
            \(b.quiet.isEmpty ? HTML.empty : "<p class=\"hint\">Quiet this week: \(b.quiet.map(\.name).joined(separator: ", ")).</p>")
            <h2>Upcoming events</h2>
            \(events.isEmpty ? "<p>None in the calendar for the next two weeks.</p>" : "<ul>\(events)</ul>" as HTML)
            """)
    }
}
