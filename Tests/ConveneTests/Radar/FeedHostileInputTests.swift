import ConveneFormats
import Foundation
import Testing

/// Inputs meant to crash, hang or exhaust a parser: each must end quickly with a result or an error.
@Suite("Feed reader on hostile input")
struct FeedHostileInputTests {
    func readAnything(_ bytes: [UInt8]) -> FeedDocument? {
        try? FeedReader.read(bytes)
    }

    @Test func truncatedAtEveryByte() {
        let feed = Array("""
            <?xml version="1.0"?><rss version="2.0"><channel><title a="1">T &amp; U</title>
            <item><title><![CDATA[x]]></title><!-- c --><description>&lt;b&gt;</description></item></channel></rss>
            """.utf8)
        for length in 0..<feed.count {
            if let document = readAnything(Array(feed.prefix(length))), length < feed.count - 1 {
                #expect(!document.isWellFormed, "prefix \(length)")
            }
        }
    }

    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 1...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = readAnything(bytes)
            _ = readAnything(Array("<rss version=\"2.0\"><channel>".utf8) + bytes)
            _ = FeedKind.detect(bytes, contentType: nil)
        }
    }

    @Test func deepNesting() throws {
        let depth = 10_000
        let text = "<rss version=\"2.0\"><channel><title>Deep</title>" + String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth) + "</channel></rss>"
        let document = try FeedReader.read(Array(text.utf8))
        #expect(document.title == "Deep")
        let unclosed = "<feed xmlns=\"http://www.w3.org/2005/Atom\">" + String(repeating: "<entry><content type=\"xhtml\">", count: depth)
        #expect(readAnything(Array(unclosed.utf8))?.isWellFormed == false)
        let opml = "<opml><body>" + String(repeating: "<outline text=\"a\">", count: depth) + "</body></opml>"
        #expect(throws: OPMLError.self) { try OPMLReader.read(Array(opml.utf8)) }
    }

    @Test func billionLaughsDoesNotExpand() throws {
        var doctype = "<!DOCTYPE rss [<!ENTITY lol0 \"lol\">"
        for level in 1...12 {
            let previous = "&lol\(level - 1);"
            doctype += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        doctype += "]>"
        let text = doctype + "<rss version=\"2.0\"><channel><title>&lol12;</title></channel></rss>"
        let start = Date()
        let document = try FeedReader.read(Array(text.utf8))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect((document.title?.utf8.count ?? 0) <= 1_100_000)
        #expect(!document.isWellFormed)
    }

    @Test func hugeAttribute() throws {
        let value = String(repeating: "a", count: 5_000_000)
        let text = "<rss version=\"2.0\"><channel><title x=\"\(value)\">Big</title><link>https://e.example/</link></channel></rss>"
        let document = try FeedReader.read(Array(text.utf8))
        #expect(document.title == "Big")
        #expect(readAnything(Array("<rss><channel><title x=\"\(value)".utf8))?.isWellFormed != true)
    }
}
