import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches one source address politely: a conditional GET (`If-None-Match`,
/// `If-Modified-Since`), redirects followed up to a limit, time limits on connecting, on
/// silence and on the whole transfer, and a size limit. Failures come back in words.
public struct FeedFetcher: Sendable {
    public struct Limits: Sendable {
        public var maxBytes = 10 * 1024 * 1024
        public var maxRedirects = 5
        public var connectTimeout: TimeAmount = .seconds(10)
        /// Longest silence while reading.
        public var readTimeout: TimeAmount = .seconds(20)
        /// Longest whole transfer.
        public var totalTimeout: TimeAmount = .seconds(60)
        public init() {}
    }

    /// What a fetch came to.
    public enum Outcome: Sendable, Equatable {
        case notModified
        case content(bytes: [UInt8], contentType: String?, etag: String?, lastModified: String?)
        case failure(String)
    }

    public static let userAgent = "Convene/1.0 (feed reader; +https://github.com/convene)"
    let client: HTTPClient
    public let limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
        let config = HTTPClient.Configuration(redirectConfiguration: .follow(max: limits.maxRedirects, allowCycles: false),
                                              timeout: .init(connect: limits.connectTimeout, read: limits.readTimeout))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    /// Stops the client; call once when done.
    public func shutdown() async { try? await client.shutdown() }

    public func fetch(_ url: String, etag: String?, lastModified: String?) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "Accept", value: "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/calendar;q=0.9, */*;q=0.5")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        let deadline = NIODeadline.now() + limits.totalTimeout
        do {
            let response = try await client.execute(request, deadline: deadline)
            if response.status == .notModified { return .notModified }
            guard (200..<300).contains(response.status.code) else {
                return .failure("HTTP \(response.status.code) \(response.status.reasonPhrase)")
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limits.maxBytes {
                return .failure("the response is \(length) bytes, more than the limit of \(limits.maxBytes)")
            }
            var bytes: [UInt8] = []
            for try await chunk in response.body {
                bytes.append(contentsOf: chunk.readableBytesView)
                if bytes.count > limits.maxBytes { return .failure("the response passed the limit of \(limits.maxBytes) bytes; stopped reading") }
                if NIODeadline.now() > deadline { return .failure("the response took longer than \(limits.totalTimeout.nanoseconds / 1_000_000_000) s; stopped reading") }
            }
            return .content(bytes: bytes, contentType: response.headers.first(name: "Content-Type"), etag: response.headers.first(name: "ETag"),
                            lastModified: response.headers.first(name: "Last-Modified"))
        } catch {
            return .failure(words(error))
        }
    }

    /// An error as a reader of the source list understands it.
    func words(_ error: any Error) -> String {
        func seconds(_ t: TimeAmount) -> Int64 { t.nanoseconds / 1_000_000_000 }
        if let e = error as? HTTPClientError {
            let known: [(HTTPClientError, String)] = [
                (.readTimeout, "the server sent nothing for more than \(seconds(limits.readTimeout)) s"),
                (.connectTimeout, "could not connect within \(seconds(limits.connectTimeout)) s"),
                (.deadlineExceeded, "the response took longer than \(seconds(limits.totalTimeout)) s"),
                (.redirectLimitReached, "more than \(limits.maxRedirects) redirects"),
                (.redirectCycleDetected, "the redirects go round in a circle"),
                (.remoteConnectionClosed, "the server closed the connection early"),
                (.invalidURL, "the address is not a valid http or https address"),
                (.emptyHost, "the address has no host name"),
            ]
            if let words = known.first(where: { $0.0 == e })?.1 { return words }
            return "HTTP error: \(e)"
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "could not connect: connection refused" }
        if text.contains("NXDOMAIN") || text.lowercased().contains("name resolution") { return "could not connect: host not found" }
        return "could not fetch: \(String(text.prefix(200)))"
    }
}
