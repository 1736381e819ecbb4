import ConveneCore
import Foundation
import Logging
import ServiceLifecycle

/// Polls the sources that are due, a few at a time, and records each outcome on its source:
/// the last success and the last error in words, and when to try again — the source's own
/// interval after a success, doubling after each failure in a row (up to a day). Servers that
/// share a database share the work: each claims the sources it polls.
public struct FeedPoller: Service {
    let services: Services
    let fetcher: FeedFetcher
    let interval: Duration

    /// How long a claimed source stays with this server before another may take it.
    static let lease: TimeInterval = 600
    /// The most OAI-PMH pages read in one poll; the rest wait for the next.
    static let maxOAIPages = 50

    public init(services: Services, fetcher: FeedFetcher = FeedFetcher()) {
        self.services = services
        self.fetcher = fetcher
        interval = .milliseconds(Int64(max(services.configuration.pollIntervalSeconds, 1) * 1000))
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.tick(now: Date())
                try? await Task.sleep(for: self.interval)
            }
        }
        await fetcher.shutdown()
    }

    /// Polls every due source once (up to 4 at a time).
    public func tick(now: Date) async {
        do {
            while true {
                let due = try await services.store.claimDueSources(now: now, lease: Self.lease, limit: 4)
                if due.isEmpty { return }
                await withTaskGroup(of: Void.self) { group in
                    for source in due { group.addTask { _ = await self.poll(source, now: Date()) } }
                }
            }
        } catch {
            services.logger.warning("feed poller: store unavailable", metadata: ["error": .string(String(describing: type(of: error)))])
        }
    }

    /// Fetches and reads one source now, records the outcome, and returns the source as stored.
    @discardableResult
    public func poll(_ source: FeedSource, now: Date) async -> FeedSource {
        var state = source.fetch
        state.lastAttemptAt = now.wholeMilliseconds
        var kind: SourceKind?
        do {
            if source.kind == .oaiPMH {
                state = try await harvest(source, state: state, now: now)
            } else {
                switch await fetcher.fetch(source.url, etag: state.etag, lastModified: state.lastModified) {
                case .notModified:
                    state = succeeded(state, source: source, now: now, result: "not modified since the last poll")
                    try await services.store.recordFetch(sourceId: source.id, kind: nil, state: state)
                case .failure(let words):
                    state = failed(state, source: source, now: now, error: words)
                    try await services.store.recordFetch(sourceId: source.id, kind: nil, state: state)
                case .content(let bytes, let contentType, let etag, let lastModified):
                    let found = FeedKindProbe.kind(of: bytes, contentType: contentType)
                    if found == .oaiPMH {
                        kind = .oaiPMH
                        var first = source
                        first.kind = .oaiPMH
                        state = try await harvest(first, state: state, now: now)
                    } else {
                        state.etag = etag
                        state.lastModified = lastModified
                        let next = succeeded(state, source: source, now: now, result: "")
                        do {
                            let result = try await services.radar.ingest(bytes, contentType: contentType, source: source, state: next, now: now)
                            kind = result.kind
                            state = result.state
                        } catch let error as RadarReadError {
                            state.etag = nil
                            state.lastModified = nil
                            state = failed(state, source: source, now: now, error: error.message)
                            try await services.store.recordFetch(sourceId: source.id, kind: nil, state: state)
                        }
                    }
                }
            }
        } catch {
            state = failed(state, source: source, now: now, error: "could not store what was read (\(String(describing: type(of: error))))")
            try? await services.store.recordFetch(sourceId: source.id, kind: kind, state: state)
        }
        services.logger.info("feed poll", metadata: ["source": .string(source.id), "ok": .stringConvertible(state.failures == 0)])
        var out = source
        out.fetch = state
        if let kind { out.kind = kind }
        return out
    }

    /// Reads an OAI-PMH repository's new records: `ListRecords` in Dublin Core from the last
    /// datestamp harvested, following resumption tokens.
    func harvest(_ source: FeedSource, state start: FetchState, now: Date) async throws -> FetchState {
        var state = start
        let base = source.url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? source.url
        var query = "verb=ListRecords&metadataPrefix=oai_dc"
        if let set = source.oaiSet { query += "&set=" + Self.escape(set) }
        if let from = state.harvestedThrough { query += "&from=" + Self.escape(from) }
        var url = base + "?" + query
        var total = IngestCounts(), pages = 0
        var newest = state.harvestedThrough
        while pages < Self.maxOAIPages {
            pages += 1
            switch await fetcher.fetch(url, etag: nil, lastModified: nil) {
            case .notModified:
                break
            case .failure(let words):
                state = failed(state, source: source, now: now, error: "page \(pages) of the harvest: \(words)")
                try await services.store.recordFetch(sourceId: source.id, kind: .oaiPMH, state: state)
                return state
            case .content(let bytes, _, _, _):
                let page: RadarOAIPage
                do {
                    page = try await services.radar.ingestOAIPage(bytes, source: source, now: now)
                } catch let error as RadarReadError {
                    state = failed(state, source: source, now: now, error: "page \(pages) of the harvest: \(error.message)")
                    try await services.store.recordFetch(sourceId: source.id, kind: .oaiPMH, state: state)
                    return state
                }
                total.added += page.counts.added; total.updated += page.counts.updated; total.duplicates += page.counts.duplicates
                if let d = page.newestDatestamp, newest.map({ d > $0 }) ?? true { newest = d }
                if let token = page.resumptionToken, !token.isEmpty {
                    url = base + "?verb=ListRecords&resumptionToken=" + Self.escape(token)
                    continue
                }
            }
            break
        }
        // Datestamps to the day: the next harvest asks from that day again (and skips what it
        // already has), so records stamped later the same day are not missed.
        state.harvestedThrough = newest.map { String($0.prefix(10)) }
        state = succeeded(state, source: source, now: now, result: RadarIngestSummary.words(total, pages: pages))
        try await services.store.recordFetch(sourceId: source.id, kind: .oaiPMH, state: state)
        return state
    }

    func succeeded(_ state: FetchState, source: FeedSource, now: Date, result: String) -> FetchState {
        var s = state
        s.lastSuccessAt = now.wholeMilliseconds
        s.failures = 0
        s.lastResult = result
        s.nextPollAt = now.wholeMilliseconds.addingTimeInterval(Double(source.pollMinutes) * 60)
        return s
    }

    func failed(_ state: FetchState, source: FeedSource, now: Date, error: String) -> FetchState {
        var s = state
        s.failures += 1
        s.lastError = error
        s.lastErrorAt = now.wholeMilliseconds
        s.nextPollAt = now.wholeMilliseconds.addingTimeInterval(Self.backoff(pollMinutes: source.pollMinutes, failures: s.failures))
        return s
    }

    /// Seconds to wait after `failures` failures in a row: the interval, then twice, four
    /// times… at most a day.
    public static func backoff(pollMinutes: Int, failures: Int) -> TimeInterval {
        min(Double(pollMinutes) * 60 * pow(2, Double(max(failures - 1, 0))), 86_400)
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
