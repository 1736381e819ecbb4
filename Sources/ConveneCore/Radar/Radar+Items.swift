import Foundation

extension Radar {
    public func items(_ query: ItemQuery) async throws -> [ItemListing] {
        var q = query
        q.limit = min(max(q.limit, 1), 500)
        q.offset = max(q.offset, 0)
        if let issue = q.issueId, !Identifier.isPlausible(issue) { throw ConveneError.invalid("issueId", "no issue has id \"\(Text.clip(issue))\"") }
        if let source = q.sourceId, !Identifier.isPlausible(source) { throw ConveneError.invalid("sourceId", "no source has id \"\(Text.clip(source))\"") }
        return try await store.radarItems(q)
    }

    public func item(id: String, userId: String?) async throws -> ItemListing {
        guard Identifier.isPlausible(id), let item = try await store.radarItem(id: id, userId: userId) else { throw ConveneError.notFound(entity: "item", id: id) }
        return item
    }

    /// Read and star flags are the user's own: not audited, like a mail reader's.
    public func mark(itemId: String, userId: String, isRead: Bool?, isStarred: Bool?) async throws {
        guard Identifier.isPlausible(itemId) else { throw ConveneError.notFound(entity: "item", id: itemId) }
        if isRead == nil && isStarred == nil { throw ConveneError.invalid("isRead", "send isRead or isStarred (true or false)") }
        try await store.setItemState(itemId: itemId, userId: userId, isRead: isRead, isStarred: isStarred)
    }
}
