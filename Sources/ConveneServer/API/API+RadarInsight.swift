import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

struct TrendBody: Encodable {
    struct Week: Encodable { var week: String, count: Int }
    var issueId: String, name: String, status: String, weeks: [Week], thisWeek: Int, baseline: Double, isRising: Bool, explanation: String
    init(_ t: IssueTrend) {
        issueId = t.issue.id; name = t.issue.name; status = t.issue.status.rawValue; weeks = t.weeks.map { Week(week: $0.week, count: $0.count) }
        thisWeek = t.thisWeek; baseline = (t.baseline * 100).rounded() / 100; isRising = t.isRising; explanation = t.explanation
    }
}

struct BriefingBody: Encodable {
    struct Section: Encodable { var issue: IssueBody, newItems: Int, isRising: Bool, explanation: String, items: [ItemBody] }
    var week: String, from: String, to: String, issues: [Section], rising: [String], upcomingEvents: [EventBody]
    init(_ b: Briefing) {
        week = b.week; from = Timestamp.format(b.from); to = Timestamp.format(b.to)
        issues = b.sections.map { Section(issue: IssueBody($0.issue), newItems: $0.newItems, isRising: $0.trend?.isRising ?? false,
                                          explanation: $0.trend?.explanation ?? "", items: $0.items.map(ItemBody.init)) }
        rising = b.rising.map(\.issue.id); upcomingEvents = b.upcomingEvents.map(EventBody.init)
    }
}

extension APIController {
    var radarInsightEndpoints: [Endpoint] {
        let radar = services.radar, zone = services.configuration.timeZone
        return [
            Endpoint(method: .get, path: "/api/v1/trends", role: .viewer, operationId: "listTrends",
                     summary: "Every issue's items per ISO week (in the district's zone) and whether it is rising, rising ones first", tag: "radar",
                     query: [.q("weeks", "How many weeks to list, 4 to 104 (default 26)", ["type": "integer"])], responseSchema: "TrendList") { request, _ in
                var weeks = 26
                if let text = request.uri.queryParameters.get("weeks") {
                    guard let n = Int(text), (4...104).contains(n) else { throw ConveneError.invalid("weeks", "must be a whole number from 4 to 104") }
                    weeks = n
                }
                let list = try await radar.trends(zone: zone, weeks: weeks)
                return try Reply.json(ListBody(items: list.map(TrendBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .get, path: "/api/v1/briefing", role: .viewer, operationId: "getBriefing",
                     summary: "The caller's weekly briefing: new items per issue, rising issues, upcoming events", tag: "radar",
                     query: [.q("week", "An ISO week such as 2026-W48 (default: this week)")], responseSchema: "Briefing") { request, context in
                let b = try await radar.briefing(week: request.uri.queryParameters.get("week"), userId: try context.requireUser().id, zone: zone)
                return try Reply.json(BriefingBody(b))
            },
        ]
    }
}
