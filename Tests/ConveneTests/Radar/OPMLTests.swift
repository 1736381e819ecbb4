import ConveneFormats
import Testing

@Suite("OPML and feed kind detection")
struct OPMLTests {
    @Test func readsNestedOutlines() throws {
        let text = """
            <?xml version="1.0"?>
            <opml version="1.0"><head><title>Subs</title></head><body>
              <outline text="Schools">
                <outline text="North" title="North High" type="rss" xmlUrl="https://north.example/feed" htmlUrl="https://north.example/"/>
                <outline text="Boards"><outline text="Board" xmlUrl="https://board.example/atom"/></outline>
              </outline>
              <outline text="Loose" xmlUrl="https://loose.example/rss"/>
            </body></opml>
            """
        let outlines = try OPMLReader.read(Array(text.utf8))
        #expect(outlines == [
            OPMLOutline(title: "North High", xmlURL: "https://north.example/feed", htmlURL: "https://north.example/", type: "rss", categoryPath: ["Schools"]),
            OPMLOutline(title: "Board", xmlURL: "https://board.example/atom", categoryPath: ["Schools", "Boards"]),
            OPMLOutline(title: "Loose", xmlURL: "https://loose.example/rss"),
        ])
    }

    @Test func roundTripsWithEscaping() throws {
        let outlines = [
            OPMLOutline(title: "A & B <\"quoted\">", xmlURL: "https://a.example/feed?x=1&y=2", htmlURL: "https://a.example/", type: "rss", categoryPath: ["News & Views"]),
            OPMLOutline(title: "Second", xmlURL: "https://b.example/atom", type: "rss", categoryPath: ["News & Views", "Deep"]),
            OPMLOutline(title: "Top", xmlURL: "https://c.example/rss", type: "rss"),
        ]
        let written = OPMLWriter.write(title: "Convene & friends", outlines: outlines)
        #expect(written.contains("<opml version=\"2.0\">"))
        #expect(written.contains("Convene &amp; friends"))
        #expect(try OPMLReader.read(Array(written.utf8)) == outlines)
    }

    @Test func rejectsWhatIsNotOPML() {
        #expect(throws: OPMLError.self) { try OPMLReader.read(Array("<rss/>".utf8)) }
        #expect(throws: OPMLError.self) { try OPMLReader.read([]) }
    }

    @Test func detectsKinds() {
        func kind(_ text: String, _ type: String? = nil) -> FeedKind { FeedKind.detect(Array(text.utf8), contentType: type) }
        #expect(kind("<?xml version=\"1.0\"?>\n<!-- hi --><rss version=\"2.0\"/>") == .rss)
        #expect(kind("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>") == .atom)
        #expect(kind("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>") == .rdf)
        #expect(kind("{\"version\": \"https://jsonfeed.org/version/1.1\"}") == .jsonFeed)
        #expect(kind("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"/>") == .oaiPMH)
        #expect(kind("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") == .iCalendar)
        #expect(kind("<opml version=\"2.0\"/>") == .opml)
        #expect(kind("<!DOCTYPE html><html></html>", "application/rss+xml") == .html)
        #expect(kind("garbage", "application/atom+xml") == .atom)
        #expect(kind("garbage") == .unknown)
    }
}
