import Foundation
import Testing
@testable import ConveneCore

/// The demo engagement history feeds the demo, the dashboard's first look and benchmarks: it must
/// pass the service's rules, be exactly reproducible, and show the gaps it is meant to show.
@Suite struct DemoEngagementTests {
    static let users = ["demouser00000000000000001a", "demouser00000000000000002b", "demouser00000000000000003c"]
    static let district = DemoDistrict.generate(ownerIds: users)
    static let demo = DemoEngagement.generate(district: district, userIds: users)
    static let now = DemoDistrict.referenceNow
    static let day = 86_400.0

    static var known: Set<String> { Set(district.stakeholders.map(\.id)) }
    static var today: CalendarDate { CalendarDate(date: now) }

    @Test func sameInputsSameOutput() {
        let again = DemoEngagement.generate(district: Self.district, userIds: Self.users)
        #expect(again == Self.demo)
        let other = DemoEngagement.generate(district: Self.district, userIds: Self.users, seed: 99)
        #expect(other.interactions.map(\.id) != Self.demo.interactions.map(\.id))
        let ids = Self.demo.events.map(\.id) + Self.demo.interactions.map(\.id) + Self.demo.followUps.map(\.id) + Self.demo.targets.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { Identifier.isPlausible($0) && $0.count == 26 })
        #expect(Set(ids).isDisjoint(with: Self.known))
    }

    @Test func usersOnlyDecideWhoTookPartAndTheFollowUps() {
        let none = DemoEngagement.generate(district: Self.district, userIds: [])
        #expect(none.followUps.isEmpty)
        #expect(none.interactions.allSatisfy { $0.userIds.isEmpty && $0.createdBy == nil })
        var cleared = Self.demo.interactions
        for k in cleared.indices {
            cleared[k].userIds = []
            cleared[k].createdBy = nil
        }
        #expect(cleared == none.interactions)
        #expect(none.events == Self.demo.events)
        #expect(none.targets == Self.demo.targets)
        #expect(DemoEngagement.generate(district: DemoDistrict.generate(count: 0), userIds: Self.users) == DemoEngagement())
    }

    @Test func interactionsPassTheServiceRules() {
        let known = Self.known, users = Set(Self.users)
        let earliest = Self.now.addingTimeInterval(-365 * Self.day)
        for i in Self.demo.interactions {
            #expect(!i.subject.isEmpty || i.kind == .event)
            #expect(i.subject.count <= 300 && i.subject == i.subject.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(!i.stakeholderIds.isEmpty && i.stakeholderIds.allSatisfy { known.contains($0) })
            #expect(Set(i.stakeholderIds).count == i.stakeholderIds.count)
            #expect(i.userIds.allSatisfy { users.contains($0) } && Set(i.userIds).count == i.userIds.count)
            #expect(i.createdBy == i.userIds.first)
            #expect(i.occurredAt <= Self.now && i.occurredAt >= earliest)
            #expect(i.createdAt == i.occurredAt && i.updatedAt == i.occurredAt)
            #expect(i.occurredAt == i.occurredAt.wholeMilliseconds)
            #expect((i.kind == .event) == (i.eventId != nil))
        }
        let sorted = Self.demo.interactions.map(\.occurredAt)
        #expect(sorted == sorted.sorted())
        // About three contacts for every two stakeholders, most of them not attendance.
        let ratio = Double(Self.demo.interactions.count) / Double(Self.district.stakeholders.count)
        #expect((1.3...1.7).contains(ratio), "\(ratio) contacts per stakeholder")
        #expect(Set(Self.demo.interactions.map(\.kind)) == Set(InteractionKind.allCases))
        #expect(Self.demo.interactions.contains { $0.direction == .inbound })
        #expect(Self.demo.interactions.contains { $0.stakeholderIds.count > 1 && $0.kind != .event })
    }

    @Test func eventsPassTheServiceRules() {
        let byId = Dictionary(Self.district.stakeholders.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let events = Self.demo.events
        #expect((35...45).contains(events.count), "\(events.count) events")
        #expect(Set(events.map(\.kind)).isSuperset(of: [.boardMeeting, .townHall, .policyForum, .researchConference, .workingGroupMeeting]))
        #expect(events.filter { $0.kind == .boardMeeting }.count >= 10)
        #expect(events.contains { $0.startsAt > Self.now } && events.contains { $0.endsAt <= Self.now })
        #expect(Set(events.map(\.timeZone)).count >= 3)
        for e in events {
            #expect(!e.title.isEmpty && e.title.count <= 300)
            #expect(e.endsAt > e.startsAt && e.endsAt.timeIntervalSince(e.startsAt) <= 31 * Self.day)
            #expect(TimeZone(identifier: e.timeZone) != nil && e.timeZone.contains("/"))
            #expect(e.startsAt >= Self.now.addingTimeInterval(-305 * Self.day) && e.startsAt <= Self.now.addingTimeInterval(70 * Self.day))
            #expect(e.location != nil || e.onlineURL != nil)
            if let url = e.onlineURL { #expect(url.hasPrefix("https://meet.example.org/") && URL(string: url)?.host != nil) }
            #expect(e.organizerId.flatMap { byId[$0] }?.kind == .organization, "\(e.title) has no organizing organization")
            #expect(!e.invitees.isEmpty)
            #expect(Set(e.invitees.map(\.stakeholderId)).count == e.invitees.count)
            #expect(e.invitees.allSatisfy { byId[$0.stakeholderId] != nil })
            #expect(e.createdAt <= e.updatedAt && e.updatedAt <= Self.now)
            #expect(e.startsAt == e.startsAt.wholeMilliseconds && e.createdAt == e.createdAt.wholeMilliseconds)
            let past = e.endsAt <= Self.now
            if !past || e.isCancelled { #expect(e.invitees.allSatisfy { $0.attended == nil }, "\(e.title) has attendance") }
            if past && !e.isCancelled { #expect(e.invitees.allSatisfy { $0.attended != nil }, "\(e.title) has no attendance") }
        }
    }

    @Test func everyAttendedEventHasOneAttendanceRecord() {
        let attendance = Self.demo.interactions.filter { $0.kind == .event }
        var seen = Set<String>()
        for a in attendance {
            #expect(seen.insert(a.eventId ?? "").inserted)
            guard let e = Self.demo.events.first(where: { $0.id == a.eventId }) else {
                Issue.record("attendance for a missing event")
                continue
            }
            #expect(a.stakeholderIds == e.invitees.filter { $0.attended == true }.map(\.stakeholderId))
            #expect(a.occurredAt == e.startsAt && a.subject == e.title && a.topics == e.topics)
            #expect(a.direction == .outbound)
        }
        let attended = Self.demo.events.filter { $0.invitees.contains { $0.attended == true } }
        #expect(attended.count == attendance.count)
        #expect(attended.count >= 20)
    }

    @Test func followUpsAreOwnedAndDated() {
        let followUps = Self.demo.followUps, known = Self.known, users = Set(Self.users)
        let interactions = Set(Self.demo.interactions.map(\.id))
        #expect((50...70).contains(followUps.count), "\(followUps.count) follow-ups")
        for f in followUps {
            #expect(users.contains(f.ownerId))
            #expect(!f.title.isEmpty && f.title.count <= 300)
            #expect(f.stakeholderIds.allSatisfy { known.contains($0) })
            if let i = f.interactionId { #expect(interactions.contains(i)) }
            #expect((f.completedAt != nil) == (f.status != .open))
            #expect(f.createdAt <= Self.now && f.createdAt <= f.updatedAt && f.updatedAt <= Self.now)
            if let done = f.completedAt { #expect(done >= f.createdAt && done == f.updatedAt) }
        }
        let today = Self.today, soon = today.adding(days: 35)
        #expect(followUps.filter { $0.isOverdue(today: today) }.count >= 5)
        #expect(followUps.filter { $0.status == .done }.count >= 10)
        #expect(followUps.filter { $0.status == .open && $0.dueOn >= today && $0.dueOn <= soon }.count >= 5)
        #expect(Set(followUps.map(\.ownerId)).count > 1)
    }

    @Test func targetsUseTheDistrictsVocabulary() {
        let targets = Self.demo.targets
        let places = Set(Self.district.schools + Self.district.areas)
        #expect((4...6).contains(targets.count))
        for t in targets {
            if let type = t.stakeholderType { #expect(StakeholderType.builtIn.contains(type)) }
            if let area = t.area { #expect(places.contains(area)) }
            if let language = t.language { #expect(language == "es") }
            #expect((0...100).contains(t.heardPercent))
            #expect(t.createdAt <= Self.now)
        }
        #expect(targets.contains { $0.language == "es" && $0.area.map { Self.district.schools.contains($0) } == true })
    }

    /// Who has been heard from in `[from, now]`: anyone in a contact they started or that was a conversation.
    static func heard(since from: Date) -> Set<String> {
        var heard = Set<String>()
        for i in demo.interactions where i.occurredAt >= from && i.isHeard { heard.formUnion(i.stakeholderIds) }
        return heard
    }

    @Test func spanishSpeakingParentsAtTheQuietSchoolsAreRarelyHeard() {
        let parents = Self.district.stakeholders.filter { !$0.isArchived && $0.types.contains("parent") }
        let termStart = CalendarDate(year: Self.today.year, month: Self.today.month >= 8 ? 8 : 1, day: 1).startInstant
        for since in [Self.now.addingTimeInterval(-365 * Self.day), termStart] {
            let heard = Self.heard(since: since)
            func share(_ group: [Stakeholder]) -> Double { Double(group.filter { heard.contains($0.id) }.count) / Double(max(1, group.count)) }
            let overall = share(parents)
            #expect(overall > 0.1, "parents heard: \(overall)")
            for target in Self.demo.targets where target.language != nil {
                guard let school = target.area else { continue }
                let group = parents.filter { p in p.areas.contains(school) && (p.language ?? "").hasPrefix("es") }
                #expect(group.count >= 5)
                #expect(share(group) < overall / 2, "\(school): \(share(group)) against \(overall) for all parents")
                #expect(share(group) < Double(target.heardPercent) / 100)
            }
        }
    }

    @Test func contactIsSkewedTowardsThePowerful() {
        var contacts: [String: Int] = [:]
        for i in Self.demo.interactions where i.kind != .event { for s in i.stakeholderIds { contacts[s, default: 0] += 1 } }
        func average(_ type: String) -> Double {
            let group = Self.district.stakeholders.filter { !$0.isArchived && $0.kind == .person && $0.types.first == type }
            return Double(group.map { contacts[$0.id] ?? 0 }.reduce(0, +)) / Double(max(1, group.count))
        }
        #expect(average("elected-official") > 5 * average("parent"))
        #expect(average("administrator") > 3 * average("parent"))
        let parents = Self.district.stakeholders.filter { $0.types.first == "parent" }.map { contacts[$0.id] ?? 0 }.sorted()
        #expect(parents[parents.count / 2] <= 1, "most parents are contacted rarely")
        // Officials hear back: a good share of their contacts were started by them.
        let officials = Set(Self.district.stakeholders.filter { $0.types.first == "elected-official" }.map(\.id))
        let withOfficials = Self.demo.interactions.filter { $0.kind != .event && $0.stakeholderIds.contains { officials.contains($0) } }
        #expect(Double(withOfficials.filter { $0.direction == .inbound }.count) / Double(max(1, withOfficials.count)) > 0.3)
    }

    @Test func bulkHistoryHasTheCountAndShapeAskedFor() {
        let ids = Self.district.stakeholders.prefix(500).map(\.id), known = Set(ids), users = Set(Self.users)
        let history = DemoEngagement.history(count: 10_000, stakeholderIds: ids, userIds: Self.users)
        #expect(history.count == 10_000)
        #expect(Set(history.map(\.id)).count == 10_000)
        #expect(history.allSatisfy { Identifier.isPlausible($0.id) })
        let earliest = Self.now.addingTimeInterval(-730 * Self.day)
        var perStakeholder: [String: Int] = [:]
        for i in history {
            #expect((1...3).contains(i.stakeholderIds.count) && Set(i.stakeholderIds).count == i.stakeholderIds.count)
            #expect(i.stakeholderIds.allSatisfy { known.contains($0) })
            #expect(!i.userIds.isEmpty && i.userIds.allSatisfy { users.contains($0) })
            #expect(!i.subject.isEmpty && i.subject.count <= 300)
            #expect(i.occurredAt <= Self.now && i.occurredAt >= earliest)
            #expect(i.createdAt == i.occurredAt && i.updatedAt == i.occurredAt && i.occurredAt == i.occurredAt.wholeMilliseconds)
            for s in i.stakeholderIds { perStakeholder[s, default: 0] += 1 }
        }
        // Skewed: the busiest 5% of stakeholders hold far more than 5% of the contacts.
        let counts = perStakeholder.values.sorted(by: >)
        let top = counts.prefix(ids.count / 20).reduce(0, +), total = counts.reduce(0, +)
        #expect(Double(top) / Double(total) > 0.2)
        #expect(Set(history.map(\.kind)).count >= 5 && Set(history.map(\.direction)).count == 2)
        #expect(DemoEngagement.history(count: 10_000, stakeholderIds: ids, userIds: Self.users) == history)
        let otherSeed = DemoEngagement.history(count: 100, stakeholderIds: ids, userIds: Self.users, seed: 8)
        #expect(Set(otherSeed.map(\.id)).isDisjoint(with: history.map(\.id)))
        #expect(DemoEngagement.history(count: 100, stakeholderIds: ids, userIds: []).allSatisfy { $0.userIds.isEmpty })
        #expect(DemoEngagement.history(count: 100, stakeholderIds: [], userIds: Self.users).isEmpty)
        #expect(DemoEngagement.history(count: 5, stakeholderIds: [ids[0]], userIds: Self.users).allSatisfy { $0.stakeholderIds == [ids[0]] })
    }
}
