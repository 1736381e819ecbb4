import ConveneFormats
import Testing

@Suite("Plain text from HTML")
struct HTMLTextTests {
    @Test("blocks become line breaks and whitespace collapses")
    func blocks() {
        #expect(HTMLText.plainText("<p>Chronic&nbsp;absenteeism   rose\n again</p><p>Second</p>") == "Chronic absenteeism rose again\n\nSecond")
        #expect(HTMLText.plainText("<ul><li>One</li><li>Two</li></ul>After") == "One\nTwo\n\nAfter")
        #expect(HTMLText.plainText("a<br>b<br/>c") == "a\nb\nc")
        #expect(HTMLText.plainText("<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table>") == "A B\nC")
        #expect(HTMLText.plainText("  <div> x </div>  ") == "x")
        #expect(HTMLText.plainText("<pre>line 1\nline 2</pre>") == "line 1\nline 2")
    }

    @Test("references decode and hidden content goes")
    func hidden() {
        #expect(HTMLText.plainText("&lt;b&gt; &amp; &#8217; &#x2019; &eacute;") == "<b> & ’ ’ é")
        #expect(HTMLText.plainText("<script>var x = \"<p>\";</script>Text<style>p { color: red }</style>") == "Text")
        #expect(HTMLText.plainText("Before<!-- hidden -->After") == "BeforeAfter")
        #expect(HTMLText.plainText("<svg><text>drawn</text></svg>Shown") == "Shown")
        #expect(HTMLText.plainText("Plain text with no tags") == "Plain text with no tags")
        #expect(HTMLText.plainText("") == "")
    }
}
