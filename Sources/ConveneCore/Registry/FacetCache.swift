import Foundation

/// Remembers facet counts until the data changes. Counting every value of a field over the
/// whole registry is the most expensive read there is, and the unfiltered list page asks for
/// it on every visit. The store's change version (the newest audit entry, since every change
/// is audited) says when the counts are stale, whichever server made the change.
public final class FacetCache: @unchecked Sendable {
    // @unchecked: `entries` is read and written only while holding `lock`.
    private let lock = NSLock()
    private var entries: [String: (version: Int64, facets: [FacetField: [FacetCount]])] = [:]
    private let capacity: Int

    public init(capacity: Int = 256) { self.capacity = capacity }

    func get(_ key: String, version: Int64) -> [FacetField: [FacetCount]]? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[key], e.version == version else { return nil }
        return e.facets
    }

    func put(_ key: String, version: Int64, _ facets: [FacetField: [FacetCount]]) {
        lock.lock(); defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (version, facets)
    }
}
