import ConveneFormats
import Foundation

/// What kind of source some bytes are, from their content first and their media type second.
public enum FeedKindProbe {
    public static func kind(of bytes: [UInt8], contentType: String?) -> SourceKind? {
        switch FeedKind.detect(bytes, contentType: contentType) {
        case .rss: .rss
        case .atom: .atom
        case .rdf: .rdf
        case .jsonFeed: .jsonFeed
        case .oaiPMH: .oaiPMH
        case .iCalendar: .iCalendar
        case .opml, .html, .unknown: nil
        }
    }

    /// Why bytes are not a source, in words: what was expected, what came instead.
    public static func notAFeed(_ bytes: [UInt8], contentType: String?) -> String {
        let expected = "expected a feed (RSS, Atom, JSON Feed), an OAI-PMH response or an iCalendar file"
        if bytes.isEmpty { return "\(expected), but the response was empty" }
        switch FeedKind.detect(bytes, contentType: contentType) {
        case .html: return "\(expected), but this is an HTML page\(contentType.map { " (\($0))" } ?? ""); use the address of the site's feed"
        case .opml: return "\(expected), but this is an OPML list of feeds; import it on the sources page"
        default:
            let type = contentType.map { " (\($0))" } ?? ""
            return "\(expected), but found something else\(type)"
        }
    }
}

extension Radar {
    /// The items of an RSS, Atom or JSON feed, and the defect it was read in spite of.
    static func readFeed(_ bytes: [UInt8]) throws -> ([ReadItem], String?) {
        let doc: FeedDocument
        do { doc = try FeedReader.read(bytes) } catch { throw RadarReadError("\(error) (expected RSS, Atom or JSON Feed)") }
        let items = doc.items.map { i in
            ReadItem(guid: i.id.flatMap(Text.tidy), link: i.link.flatMap(Text.tidy), title: i.title ?? "", summaryHTML: i.summary,
                     contentHTML: i.content.map { $0.type.contains("html") ? $0.value : HTMLText.escape($0.value) },
                     authors: i.authors.compactMap { $0.name ?? $0.email }, categories: i.categories.compactMap(Text.tidy),
                     enclosures: i.enclosures.map { ItemEnclosure(url: $0.url, type: $0.type, length: $0.length.flatMap { Int($0) }) },
                     publishedAt: i.published, updatedAt: i.updated)
        }
        return (items, doc.problem)
    }

    /// The records of an OAI-PMH `ListRecords` page (deleted ones left out), its resumption
    /// token, and its newest datestamp.
    static func readOAI(_ bytes: [UInt8]) throws -> ([ReadItem], String?, String?) {
        let response: OAIPMHResponse
        do { response = try OAIPMHReader.read(bytes) } catch { throw RadarReadError("\(error) (expected an OAI-PMH response)") }
        if response.isNoRecordsMatch { return ([], nil, nil) }
        if let e = response.errors.first { throw RadarReadError("the repository answered \(e.codeName): \(e.message)") }
        var items: [ReadItem] = []
        var newest: String?
        for r in response.records {
            if newest.map({ r.header.datestamp > $0 }) ?? true { newest = r.header.datestamp }
            if r.header.isDeleted { continue }
            let link = r.values("identifier").first { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
            let description = r.values("description").joined(separator: "\n\n")
            items.append(ReadItem(guid: r.header.identifier, link: link, title: r.values("title").first ?? r.header.identifier,
                                  summaryHTML: description.isEmpty ? nil : HTMLText.escape(description),
                                  authors: r.values("creator"), categories: r.values("subject") + r.values("type"),
                                  publishedAt: r.values("date").lazy.compactMap(Self.oaiDate).first ?? Self.oaiDate(r.header.datestamp)))
        }
        return (items, response.resumptionToken.flatMap { $0.value.isEmpty ? nil : $0.value }, newest)
    }

    /// A Dublin Core or OAI date: `2026`, `2026-11`, `2026-11-16` or a full UTC instant.
    static func oaiDate(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let d = Timestamp.parse(t) { return d }
        let parts = t.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard let year = parts.first, (1000...9999).contains(year) else { return nil }
        let month = parts.count > 1 ? parts[1] : 1, day = parts.count > 2 ? parts[2] : 1
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return CalendarDate(String(format: "%04d-%02d-%02d", year, month, day))?.startInstant
    }

    // MARK: OPML

    /// Follows every feed of an OPML file not followed yet, in one transaction; a feed with a
    /// bad address stops the whole file, naming the outline.
    public func importOPML(_ bytes: [UInt8], actor: Actor, now: Date = Date()) async throws -> [FeedSource] {
        let outlines: [OPMLOutline]
        do { outlines = try OPMLReader.read(bytes) } catch { throw ConveneError.invalid("file", "\(error) (expected an OPML file)") }
        let feeds = outlines.filter { $0.xmlURL != nil }
        if feeds.isEmpty { throw ConveneError.invalid("file", "the OPML file lists no feeds (outlines with an xmlUrl)") }
        let known = Set(try await store.feedSources().map(\.url))
        var seen = Set<String>()
        let patches = feeds.compactMap { o -> FeedSourcePatch? in
            guard let url = o.xmlURL.map(Text.trimmed), !known.contains(url), seen.insert(url).inserted else { return nil }
            return FeedSourcePatch(title: Text.tidy(o.title), url: url)
        }
        guard !patches.isEmpty else { return [] }
        return try await createSources(patches, actor: actor, now: now, fieldPrefix: "outline")
    }

    /// Every source as an OPML 2.0 file (`file:` sources read once from the command line left out).
    public func exportOPML() async throws -> String {
        let sources = try await store.feedSources().filter { !$0.url.hasPrefix("file:") }
        return OPMLWriter.write(title: "Convene sources", outlines: sources.map { s in
            OPMLOutline(title: s.title, xmlURL: s.url, type: s.kind == .oaiPMH ? "oai-pmh" : "rss")
        })
    }
}
