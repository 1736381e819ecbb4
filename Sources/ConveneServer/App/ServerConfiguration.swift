import Foundation
import Logging

/// How a Convene server runs. Every value can come from the command line or `CONVENE_*`
/// environment variables; the executable reads those and fills this in.
public struct ServerConfiguration: Sendable {
    /// Address to listen on (`CONVENE_HOST`).
    public var host: String = "127.0.0.1"
    /// Port to listen on (`CONVENE_PORT`); 0 picks a free one.
    public var port: Int = 8080
    /// bcrypt cost for new password hashes (`CONVENE_BCRYPT_COST`); 12 in production, 4 in tests.
    public var bcryptCost: UInt8 = 12
    /// Mark cookies Secure (`CONVENE_SECURE_COOKIES`): on when Convene is served over HTTPS.
    public var secureCookies: Bool = false
    /// The public address of the server, for links (`CONVENE_PUBLIC_URL`).
    public var publicURL: String?
    public var logLevel: Logger.Level = .info
    /// Seconds between rounds of the background job runner (`CONVENE_JOB_INTERVAL`).
    public var jobIntervalSeconds: Double = 30
    /// Seconds between rounds of the feed poller (`CONVENE_POLL_INTERVAL`); 0 turns polling
    /// off (each source keeps its own interval; this is how often the poller looks for due ones).
    public var pollIntervalSeconds: Double = 60
    /// Requests per minute one address may make to the public consultation pages and API
    /// (`CONVENE_PUBLIC_RATE_LIMIT`); 0 turns the limit off (tests, a kiosk behind one address).
    public var publicRateLimit: Int = 120
    /// The district's time zone (`CONVENE_TIME_ZONE`): how the web pages show and read times
    /// that carry no zone of their own, such as when a contact happened. Events keep their own.
    public var timeZone: TimeZone = .current

    /// Largest request body accepted (1 MiB): far above any form or JSON record.
    public static let maxBodyBytes = 1 << 20

    public init() {}
}
