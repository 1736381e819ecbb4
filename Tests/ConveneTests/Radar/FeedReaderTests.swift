import ConveneFormats
import Foundation
import Testing

@Suite("Feed reader")
struct FeedReaderTests {
    func read(_ text: String) throws -> FeedDocument {
        try FeedReader.read(Array(text.utf8))
    }

    @Test func rss20() throws {
        let document = try read("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel>
              <title>Board news</title><link>https://district.example/</link>
              <description>What the board decided</description>
              <lastBuildDate>Tue, 10 Jun 2003 04:00:00 GMT</lastBuildDate>
              <item>
                <title>Budget hearing</title>
                <link>https://district.example/budget</link>
                <guid isPermaLink="false">item-1</guid>
                <description>&lt;p&gt;Come &amp; speak&lt;/p&gt;</description>
                <pubDate>Wed, 11 Jun 2003 09:39:21 EST</pubDate>
                <dc:creator>Clerk (clerk@district.example)</dc:creator>
                <category>Budget</category>
                <enclosure url="https://district.example/a.mp3" length="1234" type="audio/mpeg"/>
              </item>
            </channel>
            </rss>
            """)
        #expect(document.version == "rss20")
        #expect(document.isWellFormed)
        #expect(document.title == "Board news")
        #expect(document.subtitle == "What the board decided")
        #expect(document.updated == FeedTime(year: 2003, month: 6, day: 10, hour: 4).date)
        let item = try #require(document.items.first)
        #expect(item.title == "Budget hearing")
        #expect(item.id == "item-1")
        #expect(item.link == "https://district.example/budget")
        #expect(item.summary == "<p>Come & speak</p>") // as feedparser: a lone & stays raw
        #expect(item.published == FeedTime(year: 2003, month: 6, day: 11, hour: 14, minute: 39, second: 21).date)
        #expect(item.authors == [FeedPerson(name: "Clerk", email: "clerk@district.example", url: nil)])
        #expect(item.categories == ["Budget"])
        #expect(item.enclosures == [FeedEnclosure(url: "https://district.example/a.mp3", type: "audio/mpeg", length: "1234")])
    }

    @Test func atom10() throws {
        let document = try read("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
              <title type="html">Parents &amp;lt;3 schools</title>
              <id>urn:district:feed</id>
              <updated>2024-05-01T12:00:00+02:00</updated>
              <link rel="alternate" type="text/html" href="https://district.example/"/>
              <entry>
                <id>urn:district:1</id>
                <title>Open day</title>
                <link href="https://district.example/open-day"/>
                <published>2024-04-30T08:00:00Z</published>
                <author><name>Ana</name><email>ana@district.example</email><uri>https://district.example/ana</uri></author>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Come <b>along</b></div></content>
                <category term="events" label="Events"/>
              </entry>
            </feed>
            """)
        #expect(document.version == "atom10")
        #expect(document.isWellFormed)
        #expect(document.title == "Parents &lt;3 schools")
        #expect(document.language == "en")
        #expect(document.updated == FeedTime(year: 2024, month: 5, day: 1, hour: 10).date)
        let item = try #require(document.items.first)
        #expect(item.link == "https://district.example/open-day")
        #expect(item.content == FeedContent(value: "Come <b>along</b>", type: "application/xhtml+xml"))
        #expect(item.authors == [FeedPerson(name: "Ana", email: "ana@district.example", url: "https://district.example/ana")])
        #expect(item.categories == ["events"])
    }

    @Test func rss10AndAtom03() throws {
        let rdf = try read("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <channel rdf:about="https://district.example/"><title>RDF news</title></channel>
              <item rdf:about="https://district.example/1"><title>One</title><link>https://district.example/1</link></item>
            </rdf:RDF>
            """)
        #expect(rdf.version == "rss10")
        #expect(rdf.items.first?.id == "https://district.example/1")
        let atom03 = try read("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
            <entry><title>E</title><issued>2004-01-01T19:48:21Z</issued></entry></feed>
            """)
        #expect(atom03.version == "atom03")
        #expect(atom03.items.first?.published == FeedTime(year: 2004, month: 1, day: 1, hour: 19, minute: 48, second: 21).date)
    }

    @Test func rss09Versions() throws {
        #expect(try read("<rss version=\"0.91\"><channel><title>t</title></channel></rss>").version == "rss091u")
        #expect(try read("<rss version=\"0.92\"><channel><title>t</title></channel></rss>").version == "rss092")
        #expect(try read("<rss><channel><title>t</title></channel></rss>").version == "rss")
    }

    @Test func jsonFeed() throws {
        let document = try read("""
            {"version": "https://jsonfeed.org/version/1.1", "title": "JSON news",
             "items": [{"id": "1", "url": "https://district.example/1", "content_html": "<p>Hi</p>",
                        "date_published": "2024-01-02T03:04:05Z", "tags": ["a"]}]}
            """)
        #expect(document.version == "json11")
        #expect(document.title == "JSON news")
        #expect(document.items.first?.content == FeedContent(value: "<p>Hi</p>", type: "text/html"))
        #expect(document.items.first?.published == FeedTime(year: 2024, month: 1, day: 2, hour: 3, minute: 4, second: 5).date)
    }

    @Test func encodings() throws {
        var latin1 = Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>Caf".utf8)
        latin1 += [0xE9] + Array("</title></channel></rss>".utf8)
        let document = try FeedReader.read(latin1)
        #expect(document.title == "Café")
        #expect(document.encoding == "iso-8859-1")
        #expect(document.isWellFormed)

        let utf16: [UInt8] = [0xFF, 0xFE] + Array("<rss version=\"2.0\"><channel><title>Ünï</title></channel></rss>".utf16).flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try FeedReader.read(utf16).title == "Ünï")

        var undeclared = Array("<rss version=\"2.0\"><channel><title>".utf8)
        undeclared += [0x93, 0x41, 0x94] + Array("</title></channel></rss>".utf8)
        let fallback = try FeedReader.read(undeclared)
        #expect(fallback.title == "\u{201C}A\u{201D}")
        #expect(!fallback.isWellFormed)
    }

    @Test func dates() {
        let expected = FeedTime(year: 2004, month: 1, day: 1, hour: 19, minute: 48, second: 21)
        for text in ["Thu, 01 Jan 2004 19:48:21 GMT", "01 Jan 2004 19:48:21 +0000", "Thu, 1 January 2004 14:48:21 EST",
                     "2004-01-01T19:48:21Z", "2004-01-01T21:48:21+02:00", "20040101T194821Z", "Thu Jan  1 19:48:21 2004"] {
            #expect(FeedDate.parse(text) == expected, "\(text)")
        }
        #expect(FeedDate.parse("2003-12-31") == FeedTime(year: 2003, month: 12, day: 31))
        #expect(FeedDate.parse("not a date") == nil)
        #expect(expected.structTime == [2004, 1, 1, 19, 48, 21, 3, 1, 0])
    }

    @Test func illFormedIsReadBestEffort() throws {
        let document = try read("<rss version=\"2.0\"><channel><title>Broken</title>\n<item><title>One</title></channel></rss>")
        #expect(!document.isWellFormed)
        #expect(document.problem?.contains("line 2") == true)
        #expect(document.title == "Broken")
        #expect(document.items.first?.title == "One")
    }

    @Test func notAFeedThrowsWithLine() {
        #expect(throws: FeedError.self) { try read("") }
        #expect(throws: FeedError.self) { try read("\n\n<!DOCTYPE html>\n<html><body>hi</body></html>") }
        do {
            _ = try FeedReader.read(Array("\n\n<html><body>hi</body></html>".utf8))
            Issue.record("HTML was read as a feed")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("HTML"))
        }
        #expect(throws: FeedError.self) { try read("{\"not\": \"a feed\"}") }
    }

    @Test func feedparserJSONShape() throws {
        let document = try read("<rss version=\"2.0\"><channel><title>T</title><item><guid>g</guid><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item></channel></rss>")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(document.feedparserJSON())) as? [String: Any])
        #expect(json["bozo"] as? Bool == false)
        #expect(json["version"] as? String == "rss20")
        let entries = try #require(json["entries"] as? [[String: Any]])
        #expect(entries.first?["published_parsed"] as? [Int] == [2004, 1, 1, 19, 48, 21, 3, 1, 0])
        #expect(entries.first?["guid"] as? String == "g")
        #expect(entries.first?["guidislink"] as? Bool == true)
    }
}
