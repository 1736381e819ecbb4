import ConveneAnalysis
import Testing

@Suite("Themes in statements")
struct StatementThemesTests {
    @Test("statements about the same thing form a theme named by its words; unrelated ones stay out")
    func themes() {
        let texts: [Int: String] = [
            0: "Buses should arrive before the first bell",
            1: "More buses for the east side routes",
            2: "Buses take too long on winter routes",
            3: "Teenagers need more sleep in the morning",
            4: "Sleep matters more than early practice for teenagers",
            5: "The cafeteria menu needs vegetarian options",
        ]
        let (keywords, themes) = StatementThemes.find(texts)
        #expect(themes.count == 2, "\(themes)")
        let bus = themes.first { $0.statements.contains(0) }
        let sleep = themes.first { $0.keywords.contains("sleep") || $0.keywords.contains("teenagers") }
        #expect(Set(bus?.statements ?? []) == [0, 1, 2], "\(themes)")
        #expect(Set(sleep?.statements ?? []) == [3, 4], "\(themes)")
        #expect(!themes.contains { $0.statements.contains(5) })
        #expect(keywords.contains("buses"), "\(keywords)")
        let again = StatementThemes.find(texts)
        #expect(again.keywords == keywords && again.themes == themes)
    }
}
