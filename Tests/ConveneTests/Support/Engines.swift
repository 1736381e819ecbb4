import ConveneCore
import ConveneSQLite
import Foundation

/// The storage engines the contract suite runs on: SQLite always; PostgreSQL joins here when
/// its engine lands and `CONVENE_TEST_POSTGRES_URL` is set.
enum Engine: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite

    var description: String { rawValue }

    static var available: [Engine] { [.sqlite] }

    /// A fresh, empty store on this engine.
    func makeStore() throws -> any ConveneStore {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return try SQLiteStore(path: dir.appendingPathComponent("store.sqlite").path)
        }
    }
}

/// Builders for test records.
enum Make {
    static func person(_ given: String, _ family: String, types: [String] = ["parent"], email: String? = nil, phone: String? = nil,
                       areas: [String] = [], tags: [String] = [], topics: [String] = [], notes: String? = nil, affiliationId: String? = nil) -> StakeholderPatch {
        var p = StakeholderPatch()
        p.kind = .person
        p.givenName = .some(given)
        p.familyName = .some(family)
        p.types = types
        if let email { p.emails = [ContactPoint(email)] }
        if let phone { p.phones = [ContactPoint(phone)] }
        p.areas = areas
        p.tags = tags
        p.topics = topics
        p.notes = notes.map { .some($0) }
        p.affiliationId = affiliationId.map { .some($0) }
        return p
    }

    static func organization(_ name: String, types: [String] = ["community-organization"]) -> StakeholderPatch {
        var p = StakeholderPatch()
        p.kind = .organization
        p.displayName = name
        p.types = types
        return p
    }
}
