import ConveneAnalysis
import ConveneFormats
import Foundation

/// Why what a source sent could not be read, in words for the source list.
public struct RadarReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What one read of a source did.
public struct IngestResult: Sendable, Equatable {
    public var kind: SourceKind
    public var counts: IngestCounts
    public var eventsCreated = 0
    public var eventsUpdated = 0
    /// A feed read in spite of a defect (ill-formed XML): what the defect was.
    public var problem: String?
    /// The fetch state as stored.
    public var state: FetchState
}

/// One page of an OAI-PMH harvest, as stored.
public struct RadarOAIPage: Sendable, Equatable {
    public var counts: IngestCounts
    public var resumptionToken: String?
    public var newestDatestamp: String?
}

/// The outcome of a read in words ("3 new items, 1 updated").
public enum RadarIngestSummary {
    public static func words(_ c: IngestCounts, pages: Int? = nil) -> String {
        var parts = ["\(c.added) new item\(c.added == 1 ? "" : "s")"]
        if c.updated > 0 { parts.append("\(c.updated) updated") }
        if c.duplicates > 0 { parts.append("\(c.duplicates) already known") }
        if let pages, pages > 1 { parts.append("\(pages) pages") }
        return parts.joined(separator: ", ")
    }
}

/// An item as read from any kind of source, before it is sanitized, matched and stored.
struct ReadItem: Sendable {
    var guid: String?
    var link: String?
    var title: String
    var summaryHTML: String?
    var contentHTML: String?
    var authors: [String] = []
    var categories: [String] = []
    var enclosures: [ItemEnclosure] = []
    var publishedAt: Date?
    var updatedAt: Date?
}

extension Radar {
    /// Reads what a source sent — a feed, an OAI-PMH page or a calendar — and stores its new
    /// and changed items, matched to the issues (or its events, for a calendar), with `state`
    /// as the source's fetch state. Throws `RadarReadError` when the bytes are none of these.
    public func ingest(_ bytes: [UInt8], contentType: String?, source: FeedSource, state: FetchState, now: Date = Date(),
                       districtZone: TimeZone = .current) async throws -> IngestResult {
        guard let kind = FeedKindProbe.kind(of: bytes, contentType: contentType) else { throw RadarReadError(FeedKindProbe.notAFeed(bytes, contentType: contentType)) }
        var state = state
        // Reading it is the success, whoever fetched it.
        state.lastSuccessAt = now.wholeMilliseconds
        state.failures = 0
        switch kind {
        case .iCalendar:
            let report: EventImportReport
            do {
                report = try await EventImporter(engagement: Engagement(store: store)).run(bytes, dryRun: false, skipInvalid: true, districtZone: districtZone,
                                                                                            actor: Actor(userId: nil, label: "source \(source.title)"), now: now)
            } catch ConveneError.invalid(let errors) {
                throw RadarReadError(errors.map(\.message).joined(separator: "; "))
            }
            let created = report.count(.create), updated = report.count(.update)
            state.lastResult = "\(created) new event\(created == 1 ? "" : "s"), \(updated) updated" + (report.count(.reject) > 0 ? ", \(report.count(.reject)) rejected" : "")
            try await store.recordFetch(sourceId: source.id, kind: .iCalendar, state: state)
            return IngestResult(kind: kind, counts: IngestCounts(), eventsCreated: created, eventsUpdated: updated, state: state)
        case .oaiPMH:
            let page = try await ingestOAIPage(bytes, source: source, state: state, now: now)
            state.lastResult = RadarIngestSummary.words(page.counts)
            return IngestResult(kind: kind, counts: page.counts, state: state)
        default:
            let (items, problem) = try Self.readFeed(bytes)
            let matcher = try await matcher()
            let stored = items.map { Self.radarItem($0, source: source, now: now, matcher: matcher) }
            let describe: @Sendable (IngestCounts) -> String? = { RadarIngestSummary.words($0) + (problem.map { "; read in spite of a defect: \($0)" } ?? "") }
            let counts = try await store.ingestItems(sourceId: source.id, stored, kind: kind, state: state, describe: describe)
            state.lastResult = describe(counts)
            return IngestResult(kind: kind, counts: counts, problem: problem, state: state)
        }
    }

    /// Reads and stores one OAI-PMH page (records in Dublin Core); "no records match" is an
    /// empty page, not a failure.
    /// With `state`, that is written as the source's fetch state with the page's counts in words
    /// (a single page read once); without, the source's own state is kept (a harvest in pages,
    /// whose caller writes the state at the end).
    public func ingestOAIPage(_ bytes: [UInt8], source: FeedSource, state: FetchState? = nil, now: Date = Date()) async throws -> RadarOAIPage {
        let (items, token, newest) = try Self.readOAI(bytes)
        let matcher = try await matcher()
        let stored = items.map { Self.radarItem($0, source: source, now: now, matcher: matcher) }
        let written: FetchState
        if let state { written = state } else {
            guard let current = try await store.feedSource(id: source.id) else { throw ConveneError.notFound(entity: "source", id: source.id) }
            written = current.fetch
        }
        let counts = try await store.ingestItems(sourceId: source.id, stored, kind: .oaiPMH, state: written,
                                                 describe: { state == nil ? nil : RadarIngestSummary.words($0) })
        return RadarOAIPage(counts: counts, resumptionToken: token, newestDatestamp: newest)
    }

    /// Sanitizes, flattens to text, hashes and matches one item read from a source.
    static func radarItem(_ r: ReadItem, source: FeedSource, now: Date, matcher: IssueMatcher) -> RadarItem {
        let base = r.link ?? (source.url.hasPrefix("http") ? source.url : nil)
        let summary = r.summaryHTML.map { HTMLSanitizer.sanitize($0, baseURL: base) }.flatMap(Text.tidy)
        let content = r.contentHTML.map { HTMLSanitizer.sanitize($0, baseURL: base) }.flatMap(Text.tidy)
        let title = Text.tidy(HTMLText.plainText(r.title)) ?? (r.link ?? "Untitled")
        let bodyText = [summary, content == summary ? nil : content].compactMap { $0 }.map(HTMLText.plainText).joined(separator: "\n")
        let text = String(bodyText.prefix(20_000))
        let hash = ContentHash.of(title + "\n" + text)
        var item = RadarItem(sourceId: source.id, guid: String((r.guid ?? r.link ?? hash).prefix(1000)), link: r.link.map { String($0.prefix(2000)) },
                             title: String(title.prefix(1000)), summaryHTML: summary.map { String($0.prefix(50_000)) },
                             contentHTML: content.map { String($0.prefix(200_000)) }, text: text, authors: Array(r.authors.prefix(20)),
                             categories: Array(r.categories.prefix(50)), enclosures: Array(r.enclosures.prefix(20)),
                             publishedAt: r.publishedAt ?? r.updatedAt, updatedAt: r.updatedAt, fetchedAt: now.wholeMilliseconds, contentHash: hash)
        if let p = item.publishedAt, p > now.addingTimeInterval(86_400) { item.publishedAt = now.wholeMilliseconds }
        item.matches = matches(matcher, title: item.title, text: item.text, categories: item.categories)
        return item
    }
}

/// A short, stable fingerprint of an item's words (64-bit FNV-1a over the folded text): the
/// same story published twice has the same one.
enum ContentHash {
    static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var lastWasSpace = true
        for scalar in text.lowercased().unicodeScalars {
            let isSpace = CharacterSet.whitespacesAndNewlines.contains(scalar)
            if isSpace && lastWasSpace { continue }
            lastWasSpace = isSpace
            for byte in String(isSpace ? " " : String(scalar)).utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
