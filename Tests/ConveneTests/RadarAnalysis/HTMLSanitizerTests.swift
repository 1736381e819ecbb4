import ConveneFormats
import Foundation
import Testing

@Suite("HTML sanitizer")
struct HTMLSanitizerTests {
    static let base = "https://policy.example/news/item-1"

    static let allowedTags: Set<String> = [
        "p", "br", "b", "strong", "i", "em", "u", "s", "small", "mark", "a", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "q",
        "code", "pre", "kbd", "samp", "var", "h1", "h2", "h3", "h4", "h5", "h6", "img", "figure", "figcaption", "table", "caption",
        "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th", "span", "div", "abbr", "cite", "dfn", "sub", "sup", "hr",
        "del", "ins", "time", "section", "article", "aside", "header", "footer", "address", "wbr",
    ]
    static let allowedAttributes: Set<String> = [
        "href", "src", "alt", "title", "lang", "dir", "hreflang", "width", "height", "colspan", "rowspan", "headers", "scope",
        "abbr", "span", "start", "reversed", "type", "value", "cite", "datetime", "rel",
    ]
    static let voids: Set<String> = ["br", "hr", "img", "wbr", "col"]

    /// Reads our own output: every tag allowed, every attribute allowed and double-quoted,
    /// every URL http(s) or mailto, no stray `<`, and every element closed in order.
    static func checkSafe(_ html: String, _ input: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var stack: [String] = []
        /// Tag names and non-URL attributes: where an executable part would have to hide.
        var markup = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else {
                Issue.record("unclosed '<' in \(html) from \(input)", sourceLocation: sourceLocation)
                return
            }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst())
                #expect(stack.popLast() == name, "unbalanced </\(name)> in \(html) from \(input)", sourceLocation: sourceLocation)
                continue
            }
            let name = String(tag.prefix { $0 != " " })
            markup += " <" + name
            #expect(allowedTags.contains(name), "tag <\(name)> from \(input)", sourceLocation: sourceLocation)
            if !voids.contains(name) { stack.append(name) }
            // Attributes: name="value" with no raw quote inside the value.
            var attributes = tag.dropFirst(name.count)
            while !attributes.isEmpty {
                #expect(attributes.hasPrefix(" "), "attribute syntax in <\(tag)>", sourceLocation: sourceLocation)
                attributes = attributes.dropFirst()
                guard let equals = attributes.firstIndex(of: "=") else { break }
                let attribute = String(attributes[..<equals])
                let valueStart = attributes.index(equals, offsetBy: 2)
                guard let valueEnd = attributes[valueStart...].firstIndex(of: "\"") else { break }
                let value = attributes[valueStart..<valueEnd]
                #expect(allowedAttributes.contains(attribute), "attribute \(attribute) from \(input)", sourceLocation: sourceLocation)
                if ["href", "src", "cite"].contains(attribute) {
                    let ok = value.hasPrefix("https:") || value.hasPrefix("http:") || value.hasPrefix("mailto:")
                    #expect(ok, "URL \(value) from \(input)", sourceLocation: sourceLocation)
                } else {
                    markup += " " + attribute + "=" + value
                }
                attributes = attributes[attributes.index(after: valueEnd)...]
            }
        }
        #expect(stack.isEmpty, "left open \(stack) in \(html) from \(input)", sourceLocation: sourceLocation)
        let lower = markup.lowercased()
        for word in ["javascript:", "vbscript:", "data:", "expression(", "onerror", "onload", "onclick", "onmouseover", "<script", "<svg", "<iframe"] {
            #expect(!lower.contains(word), "\(word) survived in \(html) from \(input)", sourceLocation: sourceLocation)
        }
    }

    static let vectors: [String] = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<script>document.write('<p>')</script><p>after</p>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<IMG SRC=JaVaScRiPt:alert(1)>",
        "<img src=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000049&#0000041>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"jav&#9;ascript:alert(1)\">x</a>",
        "<a href=\"jav\nascript:alert(1)\">x</a>",
        "<a href=\"jav\tascript:alert(1)\">x</a>",
        "<a href=\"javas&Tab;cript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"javascript&#x3A;alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"\u{01}javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<a href='javascript:alert(1)'>x</a>",
        "<a href=javascript:alert(1)>x</a>",
        "<a href=\"javascript:alert(1)",
        "<a href=\"https://ok.example/\" onclick=\"alert(1)\">ok</a>",
        "<a href=\"https://ok.example/&quot; onmouseover=&quot;alert(1)\">ok</a>",
        "<svg onload=alert(1)>",
        "<svg/onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<style>@import 'javascript:alert(1)';</style>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">go</button></form>",
        "<body onload=alert(1)>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<<script>alert(1);//<</script>",
        "<scr<script>ipt>alert(1)</script>",
        "<img \"\"\"><script>alert(1)</script>\">",
        "<!--<script>alert(1)</script>-->",
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<xmp><script>alert(1)</script></xmp>",
        "<textarea><script>alert(1)</script></textarea>",
        "<template><img src=x onerror=alert(1)></template>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<p onmouseover=\"alert(1)\" title=\"x\">hi</p>",
        "</div></div></td></table></body><script>alert(1)</script>",
        "<table><tr><td><table><tr><td>deep",
        "<table><script>alert(1)</script><tr>text<td>cell</table>",
        "<b><i>unclosed",
        "<a href=\"https://ok.example/\"><a href=\"https://ok2.example/\">nested</a></a>",
        "<p>a<div>b</p>c</div>",
        "<ul><li>a<li>b<table><td>c</ul>",
        "<h1><h2>x</h1></h2>",
        "<a href=\"//evil.example/x\">protocol-relative</a>",
        "<img src=\"/chart.png\" onerror=\"alert(1)\" alt=\"a\">",
        "<a href=\"/relative\" title='\"><script>alert(1)</script>'>r</a>",
        "<plaintext><script>alert(1)</script>",
        "<a href=\"mailto:someone@example.org?subject=x\">mail</a>",
        "<a href=\"https:\\\\evil.example\">odd</a>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<p>unterminated <!-- comment",
        "<!DOCTYPE html><html><head><title>x</title></head><body><p>ok</p></body></html>",
    ]

    @Test("no executable part survives any of the attack vectors", arguments: vectors)
    func attackVectors(_ input: String) {
        Self.checkSafe(HTMLSanitizer.sanitize(input, baseURL: Self.base), input)
        Self.checkSafe(HTMLSanitizer.sanitize(input, baseURL: nil), input)
    }

    @Test("safe markup is kept")
    func keepsSafeMarkup() {
        #expect(HTMLSanitizer.sanitize("<p>Hello <b>world</b> &amp; <em>you</em></p>", baseURL: nil) == "<p>Hello <b>world</b> &amp; <em>you</em></p>")
        #expect(HTMLSanitizer.sanitize("<a href=\"/report.pdf\" target=\"_blank\">Report</a>", baseURL: Self.base)
            == "<a href=\"https://policy.example/report.pdf\" rel=\"nofollow noopener\">Report</a>")
        #expect(HTMLSanitizer.sanitize("<a href=\"chart.png\">c</a>", baseURL: Self.base)
            == "<a href=\"https://policy.example/news/chart.png\" rel=\"nofollow noopener\">c</a>")
        #expect(HTMLSanitizer.sanitize("<a href=\"/report.pdf\">Report</a>", baseURL: nil) == "<a>Report</a>")
        #expect(HTMLSanitizer.sanitize("<img src=\"a.png\" alt=\"A chart\" width=\"300\" height=\"x\" class=\"c\">", baseURL: Self.base)
            == "<img src=\"https://policy.example/news/a.png\" alt=\"A chart\" width=\"300\">")
        #expect(HTMLSanitizer.sanitize("<td colspan=2>x</td><table><tr><td colspan=\"2\">x</td></tr></table>", baseURL: nil)
            == "x<table><tr><td colspan=\"2\">x</td></tr></table>")
    }

    @Test("tags are balanced the way browsers would read them")
    func balancing() {
        #expect(HTMLSanitizer.sanitize("<p>a<p>b", baseURL: nil) == "<p>a</p><p>b</p>")
        #expect(HTMLSanitizer.sanitize("<b>bold", baseURL: nil) == "<b>bold</b>")
        #expect(HTMLSanitizer.sanitize("</div></div>text", baseURL: nil) == "text")
        #expect(HTMLSanitizer.sanitize("<ul><li>a<li>b</ul>", baseURL: nil) == "<ul><li>a</li><li>b</li></ul>")
        #expect(HTMLSanitizer.sanitize("<table><tr><td>1<td>2</table>", baseURL: nil) == "<table><tr><td>1</td><td>2</td></tr></table>")
        #expect(HTMLSanitizer.sanitize("<table><td>x</td></table>", baseURL: nil) == "<table><tr><td>x</td></tr></table>")
        #expect(HTMLSanitizer.sanitize("<b><i>x</b>y</i>", baseURL: nil) == "<b><i>x</i></b>y")
    }

    @Test("text is escaped and references normalized")
    func text() {
        #expect(HTMLSanitizer.sanitize("5 < 6 & 7 > 3", baseURL: nil) == "5 &lt; 6 &amp; 7 &gt; 3")
        #expect(HTMLSanitizer.sanitize("caf&eacute; &#8212; &unknown; &amp;", baseURL: nil) == "café — &amp;unknown; &amp;")
        #expect(HTMLSanitizer.sanitize("", baseURL: nil) == "")
    }

    @Test("deep, huge and broken input neither crashes nor slows down")
    func robustness() {
        let deep = String(repeating: "<div><span>", count: 50_000) + "x"
        let out = HTMLSanitizer.sanitize(deep, baseURL: nil)
        Self.checkSafe(out, "deep nesting")
        #expect(out.components(separatedBy: "<div>").count - 1 <= 64)

        let comments = String(repeating: "<!---->", count: 200_000) + "end"
        #expect(HTMLSanitizer.sanitize(comments, baseURL: nil) == "end")

        var generator = SystemRandomNumberGenerator()
        let pieces = ["<", ">", "&", "#", ";", "\"", "'", "=", "/", "a", "p", "script", "<!--", "-->", "<a href=", "javascript:", " ", "\n", "é", "\u{0}"]
        for _ in 0..<200 {
            let input = (0..<200).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            Self.checkSafe(HTMLSanitizer.sanitize(input, baseURL: Self.base), input)
            _ = HTMLText.plainText(input)
        }

        let big = String(repeating: "<p class=x>Attendance <b>rose</b> &amp; <a href=\"/n\">more</a></p>\n", count: 60_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = HTMLSanitizer.sanitize(big, baseURL: Self.base) }
        #expect(elapsed < .seconds(20), "3.9 MB took \(elapsed)")
    }
}
