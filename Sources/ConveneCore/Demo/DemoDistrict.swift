import Foundation

/// A synthetic, reproducible school district for demos, tests and benchmarks.
///
/// Everything is drawn from one seeded generator, so the same `seed` and `count` give the same
/// records byte for byte (ids, names, dates); `ownerIds` only decides the `ownerId` fields.
/// All names, contacts and organizations are invented; emails and links use the reserved
/// `example.com`, `example.net` and `example.org` domains and phones the fictional 555 area code.
public struct DemoDistrict: Sendable, Equatable {
    /// Organizations and people; `count` of them in all (a small floor keeps every type present).
    public var stakeholders: [Stakeholder]
    public var relationships: [Relationship]
    /// The school names used in `areas`.
    public var schools: [String]
    /// The neighbourhood names used in `areas`.
    public var areas: [String]
    /// The records planted as second copies of an existing person, for duplicate detection.
    public var nearDuplicates: [NearDuplicate]

    /// A planted duplicate: `duplicateId` is a second record for the person `originalId`.
    public struct NearDuplicate: Sendable, Equatable {
        public var originalId: String
        public var duplicateId: String
        /// "same email", "same phone" or "similar name, same affiliation".
        public var reason: String
    }

    /// The default clock, 2026-11-01T12:00:00Z, so that generated dates do not depend on today.
    public static let referenceNow = Date(timeIntervalSince1970: 1_793_534_400)

    /// Same seed and count → identical output (ids, names, dates, everything).
    public static func generate(seed: UInt64 = 2026, count: Int = 2000, ownerIds: [String] = [],
                                now: Date = DemoDistrict.referenceNow) -> DemoDistrict {
        let schools = DemoPlaces.schools.map(\.name)
        guard count > 0 else {
            return DemoDistrict(stakeholders: [], relationships: [], schools: schools, areas: DemoPlaces.areas, nearDuplicates: [])
        }
        var builder = DemoDistrictBuilder(seed: seed, now: now)
        builder.build(DemoQuotas(count: count))
        var stakeholders = builder.stakeholders
        // Owners come from their own stream so that changing the list of users leaves every
        // other field of the district exactly as it was.
        DemoOwners.assign(ownerIds, to: &stakeholders, seed: seed)
        return DemoDistrict(stakeholders: stakeholders, relationships: builder.relationships, schools: schools,
                            areas: DemoPlaces.areas, nearDuplicates: builder.nearDuplicates)
    }
}

/// How many records of each sort a district of `count` stakeholders gets.
struct DemoQuotas: Sendable {
    /// The district, a PTA per school, two unions and six public bodies: always present.
    static let fixedOrganizations = 1 + DemoPlaces.schools.count + 2 + DemoOrgCatalog.publicBodies.count

    var parents = 0, students = 0, educators = 0, schoolStaff = 0, administrators = 0, communityMembers = 0
    var businessPeople = 0, communityOrgPeople = 0, officials = 0, agencyStaff = 0, researchers = 0
    var advocates = 0, unionOfficers = 0, reporters = 0, funderStaff = 0
    var businesses = 0, communityOrgs = 0, advocacyOrgs = 0, universities = 0, mediaOutlets = 0, funders = 0
    var extraAgencies = 0, extraUnions = 0
    var duplicates = 0

    init(count: Int) {
        func share(_ fraction: Double, min least: Int) -> Int { max(least, Int((Double(count) * fraction).rounded())) }
        students = share(0.15, min: 10); educators = share(0.10, min: 8); schoolStaff = share(0.04, min: 3)
        administrators = share(0.012, min: 3); communityMembers = share(0.12, min: 8)
        businessPeople = share(0.01, min: 1); communityOrgPeople = share(0.006, min: 1); officials = share(0.008, min: 3)
        agencyStaff = share(0.004, min: 1); researchers = share(0.01, min: 2); advocates = share(0.004, min: 1)
        unionOfficers = share(0.003, min: 1); reporters = share(0.005, min: 1); funderStaff = share(0.002, min: 1)
        businesses = share(0.025, min: 3); communityOrgs = share(0.015, min: 3); advocacyOrgs = share(0.005, min: 2)
        universities = share(0.001, min: 2); mediaOutlets = share(0.002, min: 2); funders = share(0.002, min: 2)
        // A district has only so many public partners and unions; beyond the catalogue, more
        // records go to the groups that really grow with a district.
        extraAgencies = min(DemoOrgCatalog.extraAgencies.count, count / 2000)
        extraUnions = min(DemoOrgCatalog.extraUnions.count, count / 5000)
        duplicates = share(0.005, min: 3)
        let others = students + educators + schoolStaff + administrators + communityMembers + businessPeople
            + communityOrgPeople + officials + agencyStaff + researchers + advocates + unionOfficers + reporters
            + funderStaff + businesses + communityOrgs + advocacyOrgs + universities + mediaOutlets + funders
            + extraAgencies + extraUnions + duplicates + DemoQuotas.fixedOrganizations
        parents = max(10, count - others)
    }
}

/// Gives some stakeholders a relationship owner: most organizations and officials, few families.
enum DemoOwners {
    static func assign(_ ownerIds: [String], to stakeholders: inout [Stakeholder], seed: UInt64) {
        guard !ownerIds.isEmpty else { return }
        var random = DemoRandom(seed: seed ^ 0x6F77_6E65_7273_2121)
        for i in stakeholders.indices {
            let primary = stakeholders[i].types.first ?? ""
            guard random.chance(ownedShare(primary, kind: stakeholders[i].kind)) else { continue }
            // Staff usually hold a portfolio by stakeholder type; the rest is spread around.
            let portfolio = (StakeholderType.builtIn.firstIndex(of: primary) ?? 0) % ownerIds.count
            stakeholders[i].ownerId = random.chance(0.7) ? ownerIds[portfolio] : random.pick(ownerIds)
        }
    }

    static func ownedShare(_ type: String, kind: StakeholderKind) -> Double {
        switch type {
        case "elected-official", "government-agency", "media", "funder", "union", "advocacy-organization": 0.85
        case "researcher", "administrator": 0.6
        case _ where kind == .organization: 0.45
        case "business", "community-organization": 0.3
        case "educator", "school-staff": 0.1
        default: 0.05
        }
    }
}
