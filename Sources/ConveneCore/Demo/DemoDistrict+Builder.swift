import Foundation

/// A colleague's name, reduced to what makes two names look alike to duplicate detection.
struct DemoNameKey: Hashable, Sendable {
    var organization: Int
    var family: String
    var givenStart: Substring
}

/// An organization already in the output, with what people who work there need from it.
struct DemoOrg: Sendable {
    var index: Int
    var id: String
    var domain: String
    var titles: [String]
    var level: JurisdictionLevel?
    var areas: [String]
    var language: String
}

/// Accumulates the district record by record. One instance, one pass: every draw comes from
/// `random` in a fixed order, which is what makes the output reproducible.
struct DemoDistrictBuilder {
    var random: DemoRandom
    let nowMs: Int64
    var stakeholders: [Stakeholder] = []
    // Ids and creation times by position, so relationships need not copy whole records.
    var ids: [String] = []
    var createdMs: [Int64] = []
    var relationships: [Relationship] = []
    var nearDuplicates: [DemoDistrict.NearDuplicate] = []

    // Organizations by role, filled by the organization pass and used by the people pass.
    var district: DemoOrg?
    var ptaBySchool: [String: DemoOrg] = [:]
    var principalBySchool: [String: Int] = [:]
    var teachersUnion: DemoOrg?
    var classifiedUnion: DemoOrg?
    var otherUnions: [DemoOrg] = []
    var agencies: [DemoOrg] = []
    var seats: [DemoSeat.Body: DemoOrg] = [:]
    var universities: [DemoOrg] = []
    var media: [DemoOrg] = []
    var funders: [DemoOrg] = []
    var businesses: [DemoOrg] = []
    var communityOrgs: [DemoOrg] = []
    var advocacyOrgs: [DemoOrg] = []

    // Uniqueness bookkeeping, so that the only shared contacts are the planted duplicates.
    var usedEmails: Set<String> = []
    var usedOrgNames: Set<String> = []
    var usedNameKeys: Set<DemoNameKey> = []
    /// One-of-a-kind roles already given out (a school's PTA president, its ASB president).
    var filledRoles: Set<String> = []
    /// Relationships already made, so none is made twice: both positions (each below 2^28) and
    /// the type packed into one integer, which hashes far faster than a string key.
    var relationshipKeys: Set<Int> = []
    var phoneSerial = 0
    let phoneOffset: Int
    var slugs: [String: String] = [:]
    var days: [Int: CalendarDate] = [:]

    init(seed: UInt64, now: Date) {
        random = DemoRandom(seed: seed)
        nowMs = now.millisecondsSince1970
        phoneOffset = random.below(1_000_000)
    }

    mutating func build(_ quotas: DemoQuotas) {
        addOrganizations(quotas)
        addPeople(quotas)
        addOrganizationLinks()
        addNearDuplicates(quotas.duplicates)
    }

    // MARK: Records

    /// A record with a fresh id and dates in the two years before `now`.
    mutating func newRecord(kind: StakeholderKind, name: String, types: [String]) -> Stakeholder {
        let created = nowMs - 1 - random.int64(below: 2 * DemoClock.yearMs)
        // Many records are never edited after they are entered.
        let updated = random.chance(0.35) ? created : created + random.int64(below: nowMs - created + 1)
        return Stakeholder(id: random.identifier(), kind: kind, displayName: name, types: types,
                           createdAt: DemoClock.date(created), updatedAt: DemoClock.date(updated))
    }

    /// Appends a record and returns its position, which relationships refer to.
    @discardableResult
    mutating func append(_ s: Stakeholder) -> Int {
        stakeholders.append(s)
        ids.append(s.id)
        createdMs.append(s.createdAt.millisecondsSince1970)
        return stakeholders.count - 1
    }

    /// Influence, interest, engagement target, topics, tags, notes and the archive flag, by type.
    mutating func fillProfile(_ s: inout Stakeholder, type: String) {
        let p = DemoProfiles.profile(type)
        if random.chance(0.85) { s.influence = random.int(p.influence) }
        if random.chance(0.85) { s.interest = random.int(p.interest) }
        if random.chance(0.75), !p.targets.isEmpty { s.engagementTarget = random.pick(p.targets) }
        var topics = p.topics.isEmpty ? [] : random.pick(p.topics, count: random.int(0...3))
        let extra = random.pick(DemoPlaces.topics)
        if random.chance(0.2), !topics.contains(extra) { topics.append(extra) }
        s.topics = topics
        var t = 0
        while t < p.tags.count {
            if random.chance(0.07) { s.tags.append(p.tags[t]) }
            t += 1
        }
        if random.chance(0.2), !p.notes.isEmpty { s.notes = random.pick(p.notes) }
        s.isArchived = random.chance(0.02)
    }

    /// Granted, unknown, withdrawn, denied. (Weight tables are constants: array literals in a hot
    /// path allocate on every call in debug builds.)
    static let consentWeights = [76, 18, 4, 2]

    /// District employees do not opt out of hearing from their employer.
    static let staffConsentWeights = [85, 15, 0, 0]

    /// Consent that agrees with the contact points: granted channels are ones the record has.
    mutating func fillConsent(_ s: inout Stakeholder, sources: [String] = DemoPlaces.consentSources,
                              weights: [Int] = DemoDistrictBuilder.consentWeights) {
        let created = s.createdAt.millisecondsSince1970, updated = s.updatedAt.millisecondsSince1970
        switch random.weighted(weights) {
        case 0:
            var channels: [ContactChannel] = []
            if !s.emails.isEmpty { channels.append(.email) }
            if let phone = s.phones.first { channels.append(phone.label == "mobile" && random.chance(0.7) ? .sms : .phone) }
            if !s.addresses.isEmpty, random.chance(0.3) { channels.append(.mail) }
            if channels.isEmpty { channels = [.inPerson] }
            // Consent usually predates the record: it was given on paper before anyone typed it in.
            let since = calendarDay(created - random.int64(below: 120 * DemoClock.dayMs))
            s.consent = Consent(status: .granted, channels: channels, since: since, source: random.pick(sources))
        case 1:
            s.consent = Consent()
        case 2:
            let since = calendarDay(created + random.int64(below: updated - created + 1))
            s.consent = Consent(status: .withdrawn, since: since, source: random.pick(DemoPlaces.withdrawnSources))
        default:
            s.consent = Consent(status: .denied, since: calendarDay(created), source: "enrollment form opt-out")
        }
    }

    // MARK: Relationships

    /// Links two records already in the output; never a record to itself, never twice.
    mutating func relate(_ from: Int, _ to: Int, _ type: RelationshipType, startsOn: CalendarDate? = nil,
                         endsOn: CalendarDate? = nil, notes: String? = nil) {
        guard from != to, ids.indices.contains(from), ids.indices.contains(to),
              relationshipKeys.insert((from << 36) | (to << 8) | (Self.typeCodes[type] ?? 255)).inserted else { return }
        // A link is recorded after both ends exist.
        let created = max(createdMs[from], createdMs[to])
        let createdAt = created + random.int64(below: max(1, nowMs - created))
        let updatedAt = random.chance(0.8) ? createdAt : createdAt + random.int64(below: max(1, nowMs - createdAt))
        relationships.append(Relationship(id: random.identifier(), fromId: ids[from], toId: ids[to],
                                          type: type, startsOn: startsOn,
                                          endsOn: endsOn, notes: notes, createdAt: DemoClock.date(createdAt),
                                          updatedAt: DemoClock.date(updatedAt)))
    }

    /// The UTC calendar day containing `ms`.
    mutating func calendarDay(_ ms: Int64) -> CalendarDate? {
        let (y, m, d) = DemoClock.civil(ms: ms)
        return calendarDay(year: y, month: m, day: d)
    }

    /// Parsing a `CalendarDate` is the slowest step of a large district, and there are only a few
    /// thousand distinct days, so each is made once.
    mutating func calendarDay(year: Int, month: Int, day: Int) -> CalendarDate? {
        let key = year * 10_000 + month * 100 + day
        if let known = days[key] { return known }
        let made = DemoClock.day(year: year, month: month, day: day)
        days[key] = made
        return made
    }

    /// A small number per relationship type, for the packed keys in `relationshipKeys`. Built
    /// from `allCases` so that a new relationship type needs no change here.
    static let typeCodes = Dictionary(uniqueKeysWithValues: RelationshipType.allCases.enumerated().map { ($1, $0) })

    /// A start date some years back, for jobs, memberships and grants. Records of this sort
    /// usually carry the 1st or the 15th (payroll and grant periods start then).
    mutating func startDate(withinYears years: Int) -> CalendarDate? {
        let (y, m, d) = DemoClock.civil(ms: nowMs - random.int64(below: Int64(years) * DemoClock.yearMs))
        return calendarDay(year: y, month: m, day: d < 15 ? 1 : 15)
    }

    /// A day in the first weeks of one of the last three school years, when memberships start.
    mutating func schoolYearStart() -> CalendarDate? {
        let (year, month, _) = DemoClock.civil(ms: nowMs)
        // Until September, the newest school year to have started is last year's.
        let current = month >= 9 ? year : year - 1
        return calendarDay(year: current - random.int(0...2), month: 8, day: random.int(10...25))
    }
}
