import Foundation

/// Who has been engaged and heard from, by stakeholder type and by school or area.
///
/// *Engaged* means at least one contact in the period; *heard* means at least one contact in
/// which the stakeholder spoke to us (they started it, or it was a meeting, call, visit, forum
/// or event). Percentages are of the stakeholders (not archived) in each part.
public enum Coverage {
    /// One stakeholder as coverage sees them.
    public struct Subject: Sendable {
        public var types: [String]
        public var areas: [String]
        public var language: String?
        public var engaged: Bool
        public var heard: Bool
        public init(types: [String], areas: [String], language: String?, engaged: Bool, heard: Bool) {
            self.types = types; self.areas = areas; self.language = language; self.engaged = engaged; self.heard = heard
        }
    }

    /// A part of the community and how much of it was reached.
    public struct Row: Sendable, Equatable, Codable {
        public var dimension: String
        public var value: String
        public var total: Int
        public var engaged: Int
        public var heard: Int
        public init(dimension: String, value: String, total: Int = 0, engaged: Int = 0, heard: Int = 0) {
            self.dimension = dimension; self.value = value; self.total = total; self.engaged = engaged; self.heard = heard
        }
        public var engagedPercent: Double { total == 0 ? 0 : 100 * Double(engaged) / Double(total) }
        public var heardPercent: Double { total == 0 ? 0 : 100 * Double(heard) / Double(total) }
    }

    /// Criteria for a target; nil matches everyone.
    public struct Criteria: Sendable, Equatable {
        public var type: String?
        public var area: String?
        public var language: String?
        public init(type: String?, area: String?, language: String?) { self.type = type; self.area = area; self.language = language }

        public func matches(_ s: Subject) -> Bool {
            if let type, !s.types.contains(type) { return false }
            if let area, !s.areas.contains(area) { return false }
            if let language {
                guard let l = s.language?.lowercased() else { return false }
                let want = language.lowercased()
                if l != want && !l.hasPrefix(want + "-") { return false }
            }
            return true
        }
    }

    /// Counts per type and per area (each sorted by name), plus one row per criteria set.
    public static func compute(_ subjects: [Subject], targets: [Criteria]) -> (byType: [Row], byArea: [Row], overall: Row, targets: [Row]) {
        var types: [String: Row] = [:], areas: [String: Row] = [:]
        var overall = Row(dimension: "all", value: "Everyone")
        var targetRows = targets.map { _ in Row(dimension: "target", value: "") }
        func add(_ row: inout Row, _ s: Subject) {
            row.total += 1
            if s.engaged { row.engaged += 1 }
            if s.heard { row.heard += 1 }
        }
        for s in subjects {
            add(&overall, s)
            for t in Set(s.types) { add(&types[t, default: Row(dimension: "type", value: t)], s) }
            for a in Set(s.areas) { add(&areas[a, default: Row(dimension: "area", value: a)], s) }
            for (i, c) in targets.enumerated() where c.matches(s) { add(&targetRows[i], s) }
        }
        return (types.values.sorted { $0.value < $1.value }, areas.values.sorted { $0.value < $1.value }, overall, targetRows)
    }
}
