import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// The events calendar as a month: weeks from Monday, each event on the days it covers in
/// its own time zone (a forum at 18:00 in Chicago is on its Chicago day, at 18:00).
struct MonthView {
    /// A calendar month.
    struct Month: Sendable, Equatable {
        var year: Int, month: Int

        init(year: Int, month: Int) { self.year = year; self.month = month }

        /// Reads `2026-11`.
        init?(text: String?) {
            guard let text, text.count == 7, let day = CalendarDate(text + "-01") else { return nil }
            year = day.year; month = day.month
        }

        init(containing date: Date, zone: TimeZone) {
            let d = WebTime.day(date, zone)
            year = d.year; month = d.month
        }

        var first: CalendarDate { CalendarDate(year: year, month: month, day: 1) }
        var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }
        var previous: Month { month == 1 ? Month(year: year - 1, month: 12) : Month(year: year, month: month - 1) }
        var days: Int { Int((next.first.startInstant.timeIntervalSince(first.startInstant) / 86_400).rounded()) }
        var text: String { "\(year)-\(WebTime.two(month))" }
        var label: String { "\(WebTime.months[month - 1]) \(year)" }
        func contains(_ d: CalendarDate) -> Bool { d.year == year && d.month == month }
    }

    var month: Month
    var events: [Event]
    var problem: String?
    var user: User
    var csrf: String?
    var notice: String?

    static let notices = ["deleted": "Event deleted."]

    /// Monday 0 … Sunday 6.
    static func weekdayIndex(_ d: CalendarDate) -> Int {
        let w = WebTime.calendar(TimeZone(identifier: "UTC") ?? .current).component(.weekday, from: d.startInstant)
        return (w + 5) % 7
    }

    /// Each day of the month with the events on it, in start order; `continued` marks days after the first.
    func buckets() -> [CalendarDate: [(event: Event, continued: Bool)]] {
        var out: [CalendarDate: [(event: Event, continued: Bool)]] = [:]
        for e in events.sorted(by: { $0.startsAt < $1.startsAt }) {
            let zone = TimeZone(identifier: e.timeZone) ?? WebTime.defaultZone
            let start = WebTime.day(e.startsAt, zone)
            // An event ending at midnight does not spill into the next day.
            let end = max(start, WebTime.day(max(e.startsAt, e.endsAt.addingTimeInterval(-1)), zone))
            var d = start, n = 0
            while d <= end && n < 32 {
                if month.contains(d) { out[d, default: []].append((e, d != start)) }
                d = d.adding(days: 1); n += 1
            }
        }
        return out
    }

    func render() -> Response {
        let buckets = buckets()
        let lead = Self.weekdayIndex(month.first), days = month.days
        let cells = Int((Double(lead + days) / 7).rounded(.up)) * 7
        let today = WebTime.day(Date(), WebTime.defaultZone)
        var rows: [HTML] = []
        for week in 0..<(cells / 7) {
            var tds: [HTML] = []
            for col in 0..<7 {
                let d = month.first.adding(days: week * 7 + col - lead)
                let wd = WebTime.weekdays[(col + 1) % 7]
                guard month.contains(d) else { tds.append("<td class=\"other\"><span class=\"day\">\(d.day)</span></td>"); continue }
                let list = buckets[d] ?? []
                let items: [HTML] = list.map { item in
                    let e = item.event, zone = TimeZone(identifier: e.timeZone) ?? WebTime.defaultZone
                    let when = item.continued ? "(continued)" : "\(WebTime.timeText(e.startsAt, zone)) \(WebTime.abbreviation(e.startsAt, zone))"
                    return "<li\(e.isCancelled ? " class=\"cancelled\"" : "")><a href=\"/events/\(e.id)\">\(when) \(e.title)</a></li>"
                }
                let classes = [list.isEmpty ? "empty" : nil, d == today ? "today" : nil].compactMap { $0 }.joined(separator: " ")
                tds.append("<td id=\"d-\(d.description)\"\(classes.isEmpty ? "" : HTML(raw: " class=\"\(classes)\""))><span class=\"day\"><span class=\"wd\">\(wd) </span>\(d.day)</span>\(items.isEmpty ? .empty : "<ul>\(items)</ul>" as HTML)</td>")
            }
            rows.append("<tr>\(tds)</tr>")
        }
        let heads: [HTML] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map { "<th scope=\"col\"><abbr title=\"\($0)\">\(String($0.prefix(3)))</abbr></th>" }
        let count = Set(buckets.values.flatMap { $0.map(\.event.id) }).count
        let body: HTML = """
            <h1>Events</h1>
            \(Layout.notice(notice, Self.notices))
            \(Layout.alert(problem))
            \(EventListView.toolbar(user: user, csrf: csrf, list: false))
            <nav class="pager" aria-label="Months"><a href="/events?month=\(month.previous.text)" rel="prev">← \(month.previous.label)</a><a href="/events">This month</a><a href="/events?month=\(month.next.text)" rel="next">\(month.next.label) →</a></nav>
            <table class="month"><caption><h2>\(month.label)</h2><span class="muted">\(count == 0 ? "No events" : count == 1 ? "1 event" : "\(count) events"). Times are each event's own.</span></caption>
            <thead><tr>\(heads)</tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Layout.page("Events · \(month.label)", user: user, csrf: csrf, current: "/events", body)
    }
}

/// Upcoming events as a list, soonest first.
struct EventListView {
    static let pageSize = 50
    var items: [Event]
    var hasMore: Bool
    var offset: Int
    var user: User
    var csrf: String?

    /// Month or list, new event, and the calendar downloads.
    static func toolbar(user: User, csrf: String?, list: Bool) -> HTML {
        """
        <p>\(list ? "<a href=\"/events\">Month view</a>" as HTML : "<a href=\"/events?view=list\">List of upcoming events</a>") ·
        <a href="/api/v1/calendar.ics">Download all (.ics)</a>
        \(user.role >= .staff ? " · <a href=\"/events/import\">Import a calendar (.ics)</a> · <a class=\"button\" href=\"/events/new\">New event</a>" as HTML : .empty)</p>
        <form method="post" action="/events/calendar-feed" class="inline">\(Layout.csrfField(csrf))<button type="submit" class="secondary">Subscribe to all events</button></form>
        """
    }

    func render() -> Response {
        let rows: [HTML] = items.map { e in
            let zone = TimeZone(identifier: e.timeZone) ?? WebTime.defaultZone
            let place = [e.location, e.onlineURL == nil ? nil : "online"].compactMap { $0 }.joined(separator: " · ")
            return """
                <li\(e.isCancelled ? " class=\"cancelled\"" : "")>\(WebTime.span(e.startsAt, e.endsAt, zone))<br><a href="/events/\(e.id)"><strong>\(e.title)</strong></a>
                <span class="muted">· \(e.kind.label)\(place.isEmpty ? "" : " · " + place) · \(e.invitees.count) invited</span></li>
                """
        }
        let prev = offset > 0 ? Cursor.encode(max(0, offset - Self.pageSize)) : nil
        let next = hasMore ? Cursor.encode(offset + items.count) : nil
        let body: HTML = """
            <h1>Upcoming events</h1>
            \(Self.toolbar(user: user, csrf: csrf, list: true))
            \(items.isEmpty ? "<p>No upcoming events.</p>" as HTML : "<ul class=\"plain\">\(rows)</ul>")
            <nav class="pager" aria-label="Pages">\(prev.map { "<a href=\"/events?view=list&amp;cursor=\($0)\" rel=\"prev\">← Sooner</a>" as HTML } ?? .empty)\(next.map { "<a href=\"/events?view=list&amp;cursor=\($0)\" rel=\"next\">Later →</a>" as HTML } ?? .empty)</nav>
            """
        return Layout.page("Upcoming events", user: user, csrf: csrf, current: "/events", body)
    }
}
