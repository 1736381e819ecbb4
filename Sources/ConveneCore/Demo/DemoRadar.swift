import Foundation

/// The demo district's issue radar: the issues a superintendent follows, the sources of a
/// state agency, an association, a research repository and a policy tracker, and two years of
/// generated headlines read through the real feed reader — with chronic absenteeism rising in
/// the last weeks, so the trend and the briefing have something to say. The sources are
/// paused: the demo never calls the internet.
public enum DemoRadar {
    struct Topic {
        var name: String
        var summary: String
        var keywords: [String]
        var exclusions: [String]
        var status: IssueStatus
        var priority: IssuePriority
        var headlines: [String]
    }

    static let topics: [Topic] = [
        Topic(name: "Chronic absenteeism", summary: "Students missing 10% or more of the school year, and what brings them back.",
              keywords: ["chronic absenteeism", "attendance", "truancy"], exclusions: ["employee attendance"], status: .active, priority: .high,
              headlines: ["Chronic absenteeism stays above pre-pandemic levels in %@", "%@ districts try text nudges to lift attendance",
                          "Study: bus routes and attendance in %@", "Truancy rules revised after %@ hearing"]),
        Topic(name: "School funding formula", summary: "How the state divides aid between districts, and changes to the formula.",
              keywords: ["funding formula", "state aid", "school finance"], exclusions: ["university"], status: .active, priority: .high,
              headlines: ["Legislators debate the funding formula in %@", "State aid estimates released for %@", "School finance panel meets in %@"]),
        Topic(name: "AI in classrooms", summary: "Artificial intelligence tools in teaching and learning, and the policies around them.",
              keywords: ["artificial intelligence", "AI tools", "chatbots"], exclusions: [], status: .emerging, priority: .medium,
              headlines: ["Teachers in %@ write guidance on AI tools", "Artificial intelligence pilot expands to %@ classrooms", "Board in %@ weighs chatbots policy"]),
        Topic(name: "Teacher shortage", summary: "Recruiting and keeping teachers, licensure and pay.",
              keywords: ["teacher shortage", "teacher pipeline", "licensure"], exclusions: [], status: .monitoring, priority: .medium,
              headlines: ["Teacher shortage eases in %@", "New licensure route opens in %@", "Grow-your-own teacher pipeline funded in %@"]),
        Topic(name: "Student mental health", summary: "Counseling, school-based health and student well-being.",
              keywords: ["mental health", "counselors", "well-being"], exclusions: [], status: .active, priority: .medium,
              headlines: ["Counselors stretched thin in %@", "Mental health days approved in %@", "Student well-being survey results for %@"]),
    ]

    static let places = ["Riverside County", "the capital", "rural districts", "Lakeview", "the northern region", "three cities", "Oak Grove", "the state"]
    static let sources: [(title: String, url: String)] = [
        ("State Department of Education news", "https://education.state.example.gov/news/rss"),
        ("State School Boards Association", "https://ssba.example.org/feed/atom"),
        ("Education research repository", "https://repository.example.edu/oai"),
        ("Legislative policy tracker", "https://policytracker.example.org/education.json"),
    ]

    /// Adds the radar to a store: issues, paused sources, and items read from generated feeds.
    public static func seed(into store: any ConveneStore, ownerId: String?, seed: UInt64, now: Date, weeks: Int = 104) async throws {
        let radar = Radar(store: store)
        let actor = Actor(userId: nil, label: "demo")
        for t in topics {
            _ = try await radar.createIssue(RadarIssuePatch(name: t.name, summary: .some(t.summary), keywords: t.keywords, exclusions: t.exclusions,
                                                            status: t.status, priority: t.priority, ownerId: .some(ownerId)), actor: actor, now: now.addingTimeInterval(-Double(weeks) * 7 * 86_400))
        }
        let made = try await radar.createSources(sources.map { FeedSourcePatch(title: $0.title, url: $0.url, pollMinutes: 240, isPaused: true) }, actor: actor, now: now)
        var random = DemoRandom(seed: seed ^ 0x5241_4441_52)
        for (n, source) in made.enumerated() {
            var entries: [String] = []
            for week in 0..<weeks {
                for (k, topic) in topics.enumerated() where (k + n) % 2 == 0 || k == 0 {
                    // About one story a week per topic and source; chronic absenteeism jumps this week.
                    var count = random.chance(0.6) ? 1 : 0
                    if k == 0 && week == weeks - 2 { count += 1 }
                    if k == 0 && week == weeks - 1 { count += 5 + random.below(3) }
                    for c in 0..<count {
                        // The last week's stories fall in the last half day, so they stay in this week.
                        let spread = week == weeks - 1 ? 12 * 3600 : 6 * 86_400
                        let at = now.addingTimeInterval(-Double(weeks - 1 - week) * 7 * 86_400 - Double(random.below(spread)))
                        let headline = String(format: topic.headlines[random.below(topic.headlines.count)], places[random.below(places.count)])
                        entries.append(entry(id: "\(source.id.prefix(8))-\(week)-\(k)-\(c)", title: headline, topic: topic, at: at, source: source.url))
                    }
                }
            }
            let feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>\(escape(source.title))</title><link>\(escape(source.url))</link>"
                + entries.joined() + "</channel></rss>"
            var state = source.fetch
            state.lastSuccessAt = now
            state.lastAttemptAt = now
            _ = try await radar.ingest(Array(feed.utf8), contentType: "application/rss+xml", source: source, state: state, now: now)
        }
    }

    static func entry(id: String, title: String, topic: Topic, at: Date, source: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let link = source.split(separator: "/").prefix(3).joined(separator: "/") + "/stories/" + id
        return "<item><guid isPermaLink=\"false\">\(id)</guid><title>\(escape(title))</title><link>\(escape(link))</link>"
            + "<description>\(escape("<p>\(topic.summary) " + title + ". Story \(id).</p>"))</description><category>\(escape(topic.name))</category>"
            + "<pubDate>\(formatter.string(from: at))</pubDate></item>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
