import Foundation

/// Request counts and durations, written out in Prometheus text format at `/metrics`.
public final class Metrics: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while holding `lock`.
    private let lock = NSLock()
    private var requests: [String: Int] = [:]
    private var durationSum: Double = 0
    private var durationCount = 0
    private var buckets: [Double: Int] = [:]
    static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
    private let started = Date()

    public init() {}

    func record(method: String, status: Int, seconds: Double) {
        lock.lock(); defer { lock.unlock() }
        requests["method=\"\(method)\",status=\"\(status)\"", default: 0] += 1
        durationSum += seconds
        durationCount += 1
        for bound in Self.bucketBounds where seconds <= bound { buckets[bound, default: 0] += 1 }
    }

    /// The Prometheus exposition, with extra gauges the caller supplies.
    func exposition(gauges: [(name: String, help: String, value: Double)]) -> String {
        lock.lock(); defer { lock.unlock() }
        var out = "# HELP convene_http_requests_total HTTP requests answered, by method and status.\n# TYPE convene_http_requests_total counter\n"
        for (labels, n) in requests.sorted(by: { $0.key < $1.key }) { out += "convene_http_requests_total{\(labels)} \(n)\n" }
        out += "# HELP convene_http_request_duration_seconds Time to answer a request.\n# TYPE convene_http_request_duration_seconds histogram\n"
        for bound in Self.bucketBounds { out += "convene_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(buckets[bound] ?? 0)\n" }
        out += "convene_http_request_duration_seconds_bucket{le=\"+Inf\"} \(durationCount)\n"
        out += "convene_http_request_duration_seconds_sum \(durationSum)\nconvene_http_request_duration_seconds_count \(durationCount)\n"
        out += "# HELP convene_uptime_seconds Seconds since the server started.\n# TYPE convene_uptime_seconds gauge\nconvene_uptime_seconds \(Int(Date().timeIntervalSince(started)))\n"
        for g in gauges { out += "# HELP \(g.name) \(g.help)\n# TYPE \(g.name) gauge\n\(g.name) \(Int(g.value))\n" }
        return out
    }
}
