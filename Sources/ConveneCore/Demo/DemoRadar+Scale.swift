import Foundation

extension DemoRadar {
    static let vocabulary = ["attendance", "funding", "formula", "literacy", "math", "assessment", "charter", "voucher", "transport", "bus", "meals",
                             "nutrition", "counseling", "safety", "bullying", "discipline", "suspension", "graduation", "dropout", "college",
                             "career", "apprenticeship", "broadband", "devices", "curriculum", "standards", "science", "history", "civics",
                             "language", "bilingual", "immigrant", "special", "disability", "gifted", "enrollment", "housing", "facilities",
                             "construction", "bond", "levy", "tax", "property", "salary", "union", "contract", "pension", "recruitment",
                             "retention", "mentoring", "coaching", "tutoring", "summer", "calendar", "schedule", "start", "times", "sleep",
                             "sports", "arts", "music", "library", "books", "censorship", "privacy", "data", "cybersecurity", "artificial",
                             "intelligence", "chatbots", "phones", "screen", "wellness", "vaping", "opioids", "nurses", "clinics", "vaccines"]
    static let filler = ["the", "board", "district", "state", "report", "new", "plan", "says", "study", "finds", "officials", "parents", "students",
                         "teachers", "year", "week", "county", "city", "rural", "urban", "policy", "bill", "vote", "hearing", "budget", "leaders"]

    /// Generated issues and items at scale, for the benchmark: `issues` issues of two words
    /// each, and `items` items over the last two years in feeds of 2,000, read through the
    /// real reader, sanitizer and matcher.
    public static func seedScale(into store: any ConveneStore, issues: Int, items: Int, seed: UInt64, now: Date,
                                 progress: (Int) -> Void = { _ in }) async throws {
        let radar = Radar(store: store)
        let actor = Actor(userId: nil, label: "seed")
        var random = DemoRandom(seed: seed)
        var names = Set<String>()
        while names.count < issues {
            names.insert(vocabulary[random.below(vocabulary.count)] + " " + vocabulary[random.below(vocabulary.count)])
        }
        for name in names.sorted() {
            let words = name.split(separator: " ").map(String.init)
            _ = try await radar.createIssue(RadarIssuePatch(name: name.capitalized, keywords: [name] + (words[0] == words[1] ? [] : [words[0] + "s " + words[1]])),
                                            actor: actor, now: now.addingTimeInterval(-2 * 365 * 86_400))
        }
        let perFeed = 2000, perSource = 10_000
        var sources: [FeedSource] = []
        var made = 0
        while made < items {
            if made % perSource == 0 {
                sources.append(try await radar.createSource(FeedSourcePatch(title: "Generated source \(sources.count + 1)",
                                                                           url: "https://source\(sources.count + 1).example.org/feed", isPaused: true), actor: actor, now: now))
            }
            guard let source = sources.last else { break }
            let count = min(perFeed, items - made)
            var entries: [String] = []
            entries.reserveCapacity(count)
            for n in 0..<count {
                var words: [String] = []
                for _ in 0..<(8 + random.below(8)) {
                    words.append(random.chance(0.35) ? vocabulary[random.below(vocabulary.count)] : filler[random.below(filler.count)])
                }
                let title = words.prefix(7).joined(separator: " ").capitalized
                let at = now.addingTimeInterval(-Double(random.below(104 * 7 * 86_400)))
                entries.append(entry(id: "g\(made + n)", title: title, topic: Topic(name: "", summary: words.joined(separator: " "), keywords: [], exclusions: [],
                                                                                  status: .active, priority: .medium, headlines: []),
                                     at: at, source: source.url))
            }
            let feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>\(source.title)</title>" + entries.joined() + "</channel></rss>"
            _ = try await radar.ingest(Array(feed.utf8), contentType: "application/rss+xml", source: source, state: source.fetch, now: now)
            made += count
            progress(made)
        }
    }
}
