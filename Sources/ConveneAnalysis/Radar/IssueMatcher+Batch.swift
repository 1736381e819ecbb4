import Foundation

extension IssueMatcher {
    /// The matches of many items, worked out on all processor cores; one result per item, in
    /// the items' order, the same as asking about each item alone.
    public func matches(for items: [MatchableItem]) async -> [[IssueMatch]] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard cores > 1, items.count >= 256 else { return items.map { matches(for: $0) } }
        // A few chunks per core, so one slow chunk does not leave a core idle at the end.
        let chunkSize = (items.count + 4 * cores - 1) / (4 * cores)
        return await withTaskGroup(of: (Int, [[IssueMatch]]).self) { group in
            for start in stride(from: 0, to: items.count, by: chunkSize) {
                let chunk = Array(items[start..<min(start + chunkSize, items.count)])
                group.addTask { (start, chunk.map { self.matches(for: $0) }) }
            }
            var parts: [(Int, [[IssueMatch]])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
