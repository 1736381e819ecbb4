import Foundation
import Testing
@testable import ConveneCore

/// The demo district is used by demos, tests and benchmarks, so it must be valid, consistent
/// and exactly reproducible.
@Suite struct DemoDistrictTests {
    static let district = DemoDistrict.generate()

    @Test func everyStakeholderPassesValidationUnchanged() {
        let known = Set(StakeholderType.builtIn)
        for s in Self.district.stakeholders {
            let (tidied, errors) = StakeholderValidation.normalized(s, knownTypes: known)
            #expect(errors.isEmpty, "\(s.displayName): \(errors)")
            // Already tidy: nothing for validation to trim, lowercase or de-duplicate.
            #expect(tidied == s, "\(s.displayName) changes under normalization")
            #expect(Identifier.isPlausible(s.id) && s.id.count == 26)
            #expect(s.updatedAt >= s.createdAt)
            #expect(s.createdAt == s.createdAt.wholeMilliseconds && s.updatedAt == s.updatedAt.wholeMilliseconds)
            #expect(s.createdAt <= DemoDistrict.referenceNow && s.createdAt > DemoDistrict.referenceNow.addingTimeInterval(-2 * 366 * 86400))
            #expect(s.emails.allSatisfy { Self.isExampleDomain($0.value) })
            #expect(s.links.allSatisfy { $0.value.hasPrefix("https://") && $0.value.contains("example.") })
            #expect(s.phones.allSatisfy { $0.value.filter(\.isNumber).count == 10 && $0.value.hasPrefix("(555) 0") })
            if s.kind == .person { #expect(s.displayName == "\(s.givenName ?? "") \(s.familyName ?? "")") }
        }
    }

    static func isExampleDomain(_ email: String) -> Bool {
        guard let domain = email.split(separator: "@").last else { return false }
        return ["example.com", "example.net", "example.org"].contains { domain == $0 || domain.hasSuffix("." + $0) }
    }

    @Test func idsAreUniqueAndAffiliationsPointAtOrganizations() {
        let byId = Dictionary(Self.district.stakeholders.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byId.count == Self.district.stakeholders.count)
        for s in Self.district.stakeholders {
            guard let affiliation = s.affiliationId else { continue }
            #expect(affiliation != s.id)
            #expect(byId[affiliation]?.kind == .organization, "\(s.displayName) is affiliated with a missing or non-organization record")
        }
        let schools = Set(Self.district.schools), areas = Set(Self.district.areas)
        for s in Self.district.stakeholders { #expect(s.areas.allSatisfy { schools.contains($0) || areas.contains($0) }) }
    }

    @Test func relationshipsConnectRecordsInTheOutput() {
        let byId = Dictionary(Self.district.stakeholders.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        for r in Self.district.relationships {
            #expect(r.fromId != r.toId)
            #expect(byId[r.fromId] != nil && byId[r.toId] != nil)
            #expect(seen.insert("\(r.fromId)|\(r.toId)|\(r.type.rawValue)").inserted)
            #expect(Identifier.isPlausible(r.id) && byId[r.id] == nil)
            #expect(r.updatedAt >= r.createdAt)
            if let start = r.startsOn, let end = r.endsOn { #expect(start <= end) }
            if r.type == .parentOf {
                #expect(byId[r.fromId]?.types.contains("parent") == true && byId[r.toId]?.types.contains("student") == true)
            }
        }
        let ratio = Double(Self.district.relationships.count) / Double(Self.district.stakeholders.count)
        #expect((0.6...1.0).contains(ratio))
        #expect(Set(Self.district.relationships.map(\.type)).isSuperset(of: [.parentOf, .worksAt, .memberOf, .represents, .partner, .ally, .advises, .fundedBy]))
    }

    @Test func theMixReadsLikeADistrict() {
        let all = Self.district.stakeholders
        #expect(all.count == 2000)
        func share(_ type: String) -> Double { Double(all.filter { $0.types.first == type }.count) / Double(all.count) }
        #expect(Set(all.flatMap(\.types)) == Set(StakeholderType.builtIn))
        #expect((0.40...0.50).contains(share("parent")))
        #expect((0.12...0.18).contains(share("student")))
        #expect(Self.district.schools.count == 12)
        let parents = all.filter { $0.types.first == "parent" }
        let spanish = Double(parents.filter { $0.language == "es" }.count) / Double(parents.count)
        #expect((0.18...0.32).contains(spanish))
        let archived = Double(all.filter(\.isArchived).count) / Double(all.count)
        #expect((0.005...0.04).contains(archived))
        #expect(all.filter { $0.kind == .organization }.allSatisfy { $0.givenName == nil && !$0.links.isEmpty })
    }

    @Test func sameSeedSameDistrict() {
        let again = DemoDistrict.generate()
        #expect(again.stakeholders == Self.district.stakeholders)
        #expect(again.relationships == Self.district.relationships)
        #expect(again.nearDuplicates == Self.district.nearDuplicates)
        let other = DemoDistrict.generate(seed: 7)
        #expect(other.stakeholders.map(\.id) != Self.district.stakeholders.map(\.id))
    }

    @Test func ownersChangeOnlyOwnership() {
        let owned = DemoDistrict.generate(ownerIds: ["u1", "u2", "u3"])
        var cleared = owned.stakeholders
        for i in cleared.indices { cleared[i].ownerId = nil }
        #expect(cleared == Self.district.stakeholders)
        let owners = owned.stakeholders.compactMap(\.ownerId)
        #expect(Set(owners) == ["u1", "u2", "u3"])
        #expect(owners.count > 100 && owners.count < 1000)
    }

    @Test func plantedDuplicatesAreFindable() {
        let district = Self.district
        #expect(district.nearDuplicates.count >= 10)
        #expect(Set(district.nearDuplicates.map(\.reason)).count == 3)
        let byId = Dictionary(district.stakeholders.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for pair in district.nearDuplicates {
            guard let a = byId[pair.originalId], let b = byId[pair.duplicateId] else {
                Issue.record("planted pair not in output")
                continue
            }
            switch pair.reason {
            case "same email": #expect(!Set(a.emails.map(\.value)).isDisjoint(with: b.emails.map(\.value)))
            case "same phone": #expect(!Set(a.phones.map(\.value)).isDisjoint(with: b.phones.map(\.value)))
            default:
                #expect(a.affiliationId != nil && a.affiliationId == b.affiliationId)
                #expect(NameSimilarity.score(a.displayName, b.displayName) >= Registry.nameThreshold)
            }
        }
        // Outside the planted pairs no two records share an email or phone number.
        let planted = Set(district.nearDuplicates.map(\.duplicateId))
        let rest = district.stakeholders.filter { !planted.contains($0.id) }
        let emails = rest.flatMap { $0.emails.map(\.value) }, phones = rest.flatMap { $0.phones.map(\.value) }
        #expect(Set(emails).count == emails.count)
        #expect(Set(phones).count == phones.count)
    }

    /// End to end: loaded into a store, the registry's duplicate finder reports every planted
    /// pair, and not many more (different people with look-alike names at one employer).
    @Test func duplicateDetectionFindsThePlantedPairs() async throws {
        let store = try await Engine.sqlite.makeStore()
        // Small enough to load quickly; still plants one pair of each kind.
        let district = DemoDistrict.generate(seed: 11, count: 600)
        try await store.insertStakeholders(district.stakeholders, relationships: district.relationships,
                                           actor: Actor(userId: nil, label: "demo data"))
        let pairs = try await Registry(store: store).duplicatePairs(limit: 1000)
        let found = Set(pairs.map { DuplicatePair.key($0.firstId, $0.secondId) })
        for planted in district.nearDuplicates {
            #expect(found.contains(DuplicatePair.key(planted.originalId, planted.duplicateId)), "missed \(planted.reason) pair")
        }
        #expect(pairs.count <= district.nearDuplicates.count + 5)
    }

    @Test func scalesDownAndUp() {
        let small = DemoDistrict.generate(count: 200)
        #expect(small.stakeholders.count == 200)
        #expect(Set(small.stakeholders.flatMap(\.types)) == Set(StakeholderType.builtIn))
        #expect(small.nearDuplicates.count >= 3)
        #expect(DemoDistrict.generate(count: 0).stakeholders.isEmpty)
        let tiny = DemoDistrict.generate(count: 20)
        #expect(!tiny.stakeholders.isEmpty && tiny.stakeholders.count < 200)
    }
}
