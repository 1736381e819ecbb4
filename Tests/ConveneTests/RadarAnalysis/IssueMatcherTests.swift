import ConveneAnalysis
import Testing

@Suite("Issue matching")
struct IssueMatcherTests {
    static let absenteeism = MatchableIssue(
        id: "issue-absenteeism", name: "Chronic absenteeism",
        keywords: ["chronic absenteeism", "attendance", "truancy", "absence"],
        exclusions: ["employee attendance"],
        summary: "Students missing many school days, attendance rates, truancy and how schools re-engage families.")
    static let finance = MatchableIssue(id: "issue-finance", name: "School funding formula", keywords: ["school finance", "funding formula"])
    static let ai = MatchableIssue(id: "issue-ai", name: "AI in classrooms", keywords: ["AI", "artificial intelligence"])
    static let spanish = MatchableIssue(id: "issue-es", name: "Educación bilingüe", keywords: ["educación bilingüe"])

    static func matcher(_ issues: [MatchableIssue] = [absenteeism, finance, ai, spanish],
                        recent: [String: [MatchableItem]] = [:]) -> IssueMatcher {
        IssueMatcher(issues: issues, recentItems: recent)
    }

    static func ids(_ matches: [IssueMatch]) -> [String] { matches.map(\.issueId) }

    @Test("a keyword matches whole words only")
    func wordBoundaries() {
        let m = Self.matcher()
        #expect(Self.ids(m.matches(for: MatchableItem(title: "Superintendent said the budget is tight"))).isEmpty)
        #expect(Self.ids(m.matches(for: MatchableItem(title: "Maintenance backlog grows", summary: "Repairs wait."))).isEmpty)
        let hit = m.matches(for: MatchableItem(title: "AI tutors arrive in three districts"))
        #expect(Self.ids(hit) == ["issue-ai"])
        #expect(hit.first?.reasons == ["title contains “AI”"])
        #expect(Self.ids(m.matches(for: MatchableItem(title: "The district's AI's first year"))) == ["issue-ai"])
    }

    @Test("a phrase matches its words in order, across hyphens but not across punctuation")
    func phrases() {
        let m = Self.matcher([Self.absenteeism])
        let hyphen = m.matches(for: MatchableItem(title: "Chronic-absenteeism rates fall"))
        #expect(hyphen.first?.reasons.first == "title contains “chronic absenteeism”")
        let reversed = m.matches(for: MatchableItem(title: "Is absenteeism chronic?"))
        #expect(reversed.isEmpty)
        let split = m.matches(for: MatchableItem(title: "Illness, chronic. Absenteeism follows"))
        #expect(split.isEmpty)
    }

    @Test("plurals, case and accents fold")
    func folding() {
        let m = Self.matcher()
        let plural = m.matches(for: MatchableItem(title: "Unexcused ABSENCES climb"))
        #expect(plural.first?.reasons == ["title contains “absence”"])
        let accents = m.matches(for: MatchableItem(title: "Programa de EDUCACION BILINGUE crece"))
        #expect(Self.ids(accents) == ["issue-es"])
        let decomposed = m.matches(for: MatchableItem(title: "educacio\u{301}n bilingu\u{308}e"))
        #expect(Self.ids(decomposed) == ["issue-es"])
    }

    @Test("an exclusion vetoes the issue, and only that issue")
    func exclusions() {
        let m = Self.matcher()
        let vetoed = m.matches(for: MatchableItem(title: "Employee attendance policy revised", summary: "Also school finance news."))
        #expect(Self.ids(vetoed) == ["issue-finance"])
        #expect(Self.ids(m.matches(for: MatchableItem(title: "Student attendance improves"))) == ["issue-absenteeism"])
    }

    @Test("reasons say where and how often")
    func reasons() throws {
        let m = Self.matcher()
        let item = MatchableItem(
            title: "Chronic absenteeism in the spotlight",
            summary: "Attendance dropped. Attendance officers say attendance matters.",
            categories: ["School Finance", "Local"],
            content: "Truancy cases rose.")
        let matches = m.matches(for: item)
        let absenteeism = try #require(matches.first { $0.issueId == "issue-absenteeism" })
        #expect(absenteeism.reasons.contains("title contains “chronic absenteeism”"))
        #expect(absenteeism.reasons.contains("summary mentions “attendance” 3 times"))
        #expect(absenteeism.reasons.contains("text mentions “truancy”"))
        let finance = try #require(matches.first { $0.issueId == "issue-finance" })
        #expect(finance.reasons == ["category “School Finance” matches keyword “school finance”"])
        #expect(matches.allSatisfy { (0...1).contains($0.score) })
        #expect(absenteeism.score > finance.score)
        #expect(Self.ids(matches) == ["issue-absenteeism", "issue-finance"])
    }

    static let recent: [String: [MatchableItem]] = [
        "issue-absenteeism": [
            MatchableItem(title: "Districts send mentors to homes of students who miss school",
                          summary: "Home visits and mentors help families when students miss many school days."),
            MatchableItem(title: "Missing school: early warning data flags students",
                          summary: "Counselors call families after students miss three days; mentors follow up."),
        ],
        "issue-finance": [
            MatchableItem(title: "Legislature debates weights for poverty in the formula",
                          summary: "Per-pupil weights and property wealth decide state aid to districts."),
        ],
    ]

    @Test("an item about the issue in other words matches by similarity, with the reason")
    func similarity() throws {
        let m = Self.matcher(recent: Self.recent)
        let item = MatchableItem(title: "Mentors and home visits bring students who miss school back",
                                 summary: "Families get calls when students miss days; counselors and mentors follow up.")
        let matches = m.matches(for: item)
        let match = try #require(matches.first)
        #expect(match.issueId == "issue-absenteeism")
        #expect(match.reasons.count == 1)
        #expect(match.reasons[0].hasPrefix("similar to the issue's recent items (cosine 0."))
        let unrelated = m.matches(for: MatchableItem(title: "Board approves new bus contract", summary: "The transport vendor changes in July."))
        #expect(unrelated.isEmpty)
    }

    @Test("the same input gives the same matches, in the same order")
    func determinism() {
        let items = [
            MatchableItem(title: "Chronic absenteeism and school finance", summary: "AI tools track attendance."),
            MatchableItem(title: "Mentors visit homes of students who miss school", summary: "Families and counselors."),
            MatchableItem(title: "Nothing relevant here", summary: "Weather and sports."),
        ]
        let first = Self.matcher(recent: Self.recent), second = Self.matcher(recent: Self.recent)
        for item in items { #expect(first.matches(for: item) == second.matches(for: item)) }
    }

    @Test("many items at once give the same matches as one by one")
    func batch() async {
        let m = Self.matcher(recent: Self.recent)
        let items = (0..<600).map { MatchableItem(title: $0 % 3 == 0 ? "AI item \($0)" : "Attendance \($0)", summary: "Truancy.") }
        let batch = await m.matches(for: items)
        #expect(batch == items.map { m.matches(for: $0) })
    }
}
