import Foundation

/// Whether a stakeholder is a person or an organization.
public enum StakeholderKind: String, Sendable, Codable, CaseIterable {
    case person, organization
}

/// The stakeholder types of F1, as the API spells them.
public enum StakeholderType {
    public static let builtIn: [String] = [
        "parent", "student", "educator", "school-staff", "administrator", "community-member",
        "business", "community-organization", "elected-official", "government-agency",
        "researcher", "advocacy-organization", "union", "media", "funder",
    ]

    /// Labels for people, in English.
    public static func label(_ type: String) -> String {
        switch type {
        case "school-staff": "School staff"
        case "community-member": "Community member"
        case "community-organization": "Faith or community organization"
        case "elected-official": "Elected official"
        case "government-agency": "Government agency"
        case "researcher": "Researcher or university"
        case "advocacy-organization": "Advocacy organization"
        default: type.prefix(1).uppercased() + type.dropFirst().replacingOccurrences(of: "-", with: " ")
        }
    }
}

/// The jurisdiction level a stakeholder works at.
public enum JurisdictionLevel: String, Sendable, Codable, CaseIterable {
    case school, district, regional, state, national
}

/// The IAP2 spectrum of public participation, from least to most shared power.
public enum EngagementLevel: String, Sendable, Codable, CaseIterable {
    case inform, consult, involve, collaborate, empower
}

/// Whether a stakeholder has agreed to be contacted.
public enum ConsentStatus: String, Sendable, Codable, CaseIterable {
    case unknown, granted, withdrawn, denied
}

/// The channels a stakeholder may be contacted on.
public enum ContactChannel: String, Sendable, Codable, CaseIterable {
    case email, phone, sms, mail, inPerson = "in-person"
}

/// What a user may do: `viewer` reads, `staff` reads and writes data, `admin` does everything.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer, staff, admin

    var rank: Int {
        switch self {
        case .viewer: 0
        case .staff: 1
        case .admin: 2
        }
    }

    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// The kinds of relationship between two stakeholders.
public enum RelationshipType: String, Sendable, Codable, CaseIterable {
    case memberOf = "member-of"
    case worksAt = "works-at"
    case parentOf = "parent-of"
    case represents
    case partner
    case ally
    case opponent
    case reportsTo = "reports-to"
    case advises
    case fundedBy = "funded-by"
    case other

    public var label: String {
        switch self {
        case .memberOf: "member of"
        case .worksAt: "works at"
        case .parentOf: "parent of"
        case .reportsTo: "reports to"
        case .fundedBy: "funded by"
        default: rawValue
        }
    }
}
