import Foundation

/// A year of synthetic engagement for a `DemoDistrict`: contacts, events with invitations and
/// attendance, follow-ups and coverage targets (F2, F3).
///
/// Everything is drawn from seeded generators, so the same district, users, seed and `now` give
/// identical records, ids included. Users are drawn from a stream of their own: a different list
/// of users changes who took part in what and the follow-ups, and nothing else.
///
/// The history is deliberately uneven, as real ones are: elected officials, district leaders,
/// PTA officers, unions and advocacy groups are contacted often and reach out themselves; most
/// parents are contacted rarely; Spanish-speaking parents at two schools (the two with the most
/// of them) are almost never heard from, so the coverage targets set for them show a gap.
public struct DemoEngagement: Sendable, Equatable {
    public var events: [Event]
    /// Contacts, oldest first; one attendance record (kind `.event`, `eventId` set, the
    /// attendees as stakeholders) per past event where anyone attended.
    public var interactions: [Interaction]
    public var followUps: [FollowUp]
    public var targets: [CoverageTarget]

    public init(events: [Event] = [], interactions: [Interaction] = [], followUps: [FollowUp] = [], targets: [CoverageTarget] = []) {
        self.events = events; self.interactions = interactions; self.followUps = followUps; self.targets = targets
    }

    /// A year of history ending at `now` for the district: about three contacts per two
    /// stakeholders, about 40 events from ten months ago to two months ahead, about 60
    /// follow-ups owned by `userIds` (none when it is empty), and six coverage targets.
    public static func generate(district: DemoDistrict, userIds: [String], seed: UInt64 = 2026,
                                now: Date = DemoDistrict.referenceNow) -> DemoEngagement {
        var builder = EngagementBuilder(district: district, userIds: userIds, seed: seed, now: now)
        return builder.build()
    }

    /// Fast bulk history for benchmarks: `count` interactions spread over the `days` days before
    /// `now` among `stakeholderIds` (1–3 participants each; a few stakeholders get many, most get
    /// few), with random kinds and directions, short subjects and one of `userIds` (sometimes two).
    ///
    /// Ids are 15 characters: five from the seed, then the position in base 32, so they are
    /// unique within a call, differ between seeds, and are short enough to need no allocation.
    public static func history(count: Int, stakeholderIds: [String], userIds: [String], days: Int = 730, seed: UInt64 = 7,
                               now: Date = DemoDistrict.referenceNow) -> [Interaction] {
        BulkHistory.make(count: count, stakeholderIds: stakeholderIds, userIds: userIds, days: days, seed: seed, now: now)
    }
}

// MARK: - Who gets contacted, how

/// What a stakeholder is to the district as far as contact goes.
private enum Voice: Int, CaseIterable, Sendable {
    case official, formerOfficial, cabinet, administrator, union, ptaLeader, advocacy, agency, researcher, funder, media
    case communityOrg, business, educator, schoolStaff, studentLeader, student, activeParent, parent, quietParent, communityMember
}

/// How often a sort of stakeholder is contacted, how, and about what.
private struct VoiceProfile: Sendable {
    /// Relative contacts a year; scaled so the district gets its budget.
    var weight: Double
    /// Weights over `EngagementBuilder.contactKinds`.
    var kinds: [Int]
    /// The share of contacts they start.
    var inbound: Double
    var outboundSubjects: [String]
    var inboundSubjects: [String]

    static let table: [VoiceProfile] = Voice.allCases.map(VoiceProfile.profile)

    static func profile(_ voice: Voice) -> VoiceProfile {
        switch voice {
        case .official:
            VoiceProfile(weight: 14, kinds: [35, 20, 30, 6, 5, 2, 2], inbound: 0.45,
                         outboundSubjects: ["Briefing on the facilities bond timeline", "Budget update ahead of the board vote",
                                            "Walkthrough of the chronic absenteeism data", "Preview of the school start times proposal",
                                            "Legislative priorities for the coming session", "Invitation to visit the career academy",
                                            "Follow-up on the school funding formula bill"],
                         inboundSubjects: ["Question about the bond project list", "Constituent concern about bus routes",
                                           "Request for attendance data by school", "Asked for talking points on the funding formula",
                                           "Concern about safety at dismissal", "Request to meet about the boundary proposal"])
        case .formerOfficial:
            VoiceProfile(weight: 2, kinds: [20, 20, 50, 0, 10, 0, 0], inbound: 0.4,
                         outboundSubjects: ["Invitation to the bond oversight committee", "Thank-you for years of service",
                                            "Background on the boundary history"],
                         inboundSubjects: ["Advice on the facilities bond campaign", "Question about the board's new priorities"])
        case .cabinet:
            VoiceProfile(weight: 10, kinds: [50, 15, 30, 5, 0, 0, 0], inbound: 0.45,
                         outboundSubjects: ["Cabinet check-in on the engagement plan", "Review of the family survey results",
                                            "Planning the next town hall", "Attendance improvement plan update",
                                            "Budget assumptions for next year"],
                         inboundSubjects: ["Request to review the board presentation", "Update from the principals' meeting",
                                           "Question about the communications calendar", "Concern about the survey response rate"])
        case .administrator:
            VoiceProfile(weight: 6, kinds: [40, 20, 30, 10, 0, 0, 0], inbound: 0.45,
                         outboundSubjects: ["Site visit and walkthrough", "Planning the family night", "Attendance letters for the site",
                                            "Preparing for the school site council", "Interpretation for parent conferences"],
                         inboundSubjects: ["Site concern about substitute coverage", "Request for interpretation at the family night",
                                           "Question about the new attendance letters", "Asked for help with a parent complaint"])
        case .union:
            VoiceProfile(weight: 10, kinds: [40, 25, 30, 0, 5, 0, 0], inbound: 0.5,
                         outboundSubjects: ["Labor-management committee agenda", "Calendar committee follow-up",
                                            "Preview of the budget reductions", "Consultation on the AI classroom guidance"],
                         inboundSubjects: ["Concerns about class sizes", "Request to discuss the evaluation timeline",
                                           "Question about substitute pay", "Members' feedback on the school calendar",
                                           "Safety concerns at dismissal"])
        case .ptaLeader:
            VoiceProfile(weight: 8, kinds: [35, 15, 38, 10, 0, 0, 2], inbound: 0.5,
                         outboundSubjects: ["Planning the family night", "PTA input on the school start times proposal",
                                            "Volunteer needs for the fall festival", "Sharing the bond project timeline with the PTA",
                                            "Coordinating translation for the PTA meeting"],
                         inboundSubjects: ["PTA board questions about the budget", "Request for the principal to visit the PTA meeting",
                                           "Concern about traffic at drop-off", "Fundraiser permission request",
                                           "Feedback from families on early-release days"])
        case .advocacy:
            VoiceProfile(weight: 7, kinds: [30, 15, 35, 0, 10, 5, 5], inbound: 0.55,
                         outboundSubjects: ["Consultation on the special education plan", "Preview of the English learner master plan",
                                            "Invitation to the policy forum", "Sharing the draft equity report"],
                         inboundSubjects: ["Letter on special education staffing", "Request for a meeting on the funding formula",
                                           "Coalition sign-on request", "Concerns about school discipline data",
                                           "Petition on mental health supports"])
        case .agency:
            VoiceProfile(weight: 5, kinds: [30, 25, 40, 0, 5, 0, 0], inbound: 0.4,
                         outboundSubjects: ["Data-sharing agreement renewal", "Differentiated assistance check-in",
                                            "Question about English learner reclassification rules", "Joint planning for the youth services fair"],
                         inboundSubjects: ["Reminder on attendance reporting", "Request for the engagement summary",
                                           "Follow-up on the county attendance dashboard", "Invitation to the regional convening"])
        case .researcher:
            VoiceProfile(weight: 4, kinds: [35, 15, 50, 0, 0, 0, 0], inbound: 0.45,
                         outboundSubjects: ["Research-practice partnership planning", "Data request for the absenteeism study",
                                            "Review of the literacy pilot findings", "Invitation to present at the board study session"],
                         inboundSubjects: ["Request to survey teachers for a study", "Preliminary findings on chronic absenteeism",
                                           "Question about the data-sharing agreement", "Proposal for a math curriculum evaluation"])
        case .funder:
            VoiceProfile(weight: 4, kinds: [35, 20, 40, 5, 0, 0, 0], inbound: 0.35,
                         outboundSubjects: ["Grant report check-in", "Proposal conversation on the summer literacy pilot",
                                            "Site visit for the program officer", "Budget revision request"],
                         inboundSubjects: ["Request for the mid-year grant report", "Invitation to apply for the mental health grant",
                                           "Question about program outcomes"])
        case .media:
            VoiceProfile(weight: 4, kinds: [5, 40, 45, 0, 0, 10, 0], inbound: 0.6,
                         outboundSubjects: ["Press briefing on the budget", "Embargoed release on test results",
                                            "Background on the boundary proposal", "Response to a records request"],
                         inboundSubjects: ["Interview request about the facilities bond", "Question about enrollment numbers",
                                           "Request for comment on school safety", "Inquiry about the AI classroom guidance"])
        case .communityOrg:
            VoiceProfile(weight: 3, kinds: [30, 20, 35, 10, 0, 5, 0], inbound: 0.4,
                         outboundSubjects: ["Partnership on the Saturday food distribution", "Space for the evening parent meeting",
                                            "Outreach help for the family survey", "Planning the back-to-school resource fair"],
                         inboundSubjects: ["Offer to host a family workshop", "Concerns raised by families at the center",
                                           "Request for school space after hours", "Volunteer tutors for the library program"])
        case .business:
            VoiceProfile(weight: 1.2, kinds: [20, 20, 45, 10, 5, 0, 0], inbound: 0.35,
                         outboundSubjects: ["Sponsorship for the science fair", "Internship placements for the career academy",
                                            "Thank-you for the supply drive", "Invitation to the career day panel"],
                         inboundSubjects: ["Offer to sponsor the robotics team", "Question about the bond construction schedule",
                                           "Interest in hosting student interns"])
        case .educator:
            VoiceProfile(weight: 0.9, kinds: [35, 10, 40, 15, 0, 0, 0], inbound: 0.35,
                         outboundSubjects: ["Input on the literacy curriculum adoption", "Teacher focus group on AI in classrooms",
                                            "Check-in on the math pilot", "Survey on professional development needs"],
                         inboundSubjects: ["Concern about substitute coverage", "Suggestion for the family night agenda",
                                           "Question about the new grading guidance", "Invitation to visit the classroom"])
        case .schoolStaff:
            VoiceProfile(weight: 0.6, kinds: [30, 15, 40, 15, 0, 0, 0], inbound: 0.3,
                         outboundSubjects: ["Input on the attendance calling process", "Safety drill debrief", "Bus route changes for the fall"],
                         inboundSubjects: ["Concern about afternoon bus delays", "Request for more bilingual help at the front office",
                                           "Question about the new attendance codes"])
        case .studentLeader:
            VoiceProfile(weight: 5, kinds: [50, 0, 25, 10, 0, 10, 5], inbound: 0.35,
                         outboundSubjects: ["Student advisory council session", "Student voice on later start times",
                                            "Feedback on the wellness survey", "Invitation to present at the board meeting"],
                         inboundSubjects: ["Student proposal for mental health days", "Question about the AI use policy",
                                           "Request for more elective courses"])
        case .student:
            VoiceProfile(weight: 0.2, kinds: [35, 0, 30, 10, 0, 20, 5], inbound: 0.3,
                         outboundSubjects: ["Student focus group on school climate", "Invitation to the youth advisory council",
                                            "Feedback on the wellness survey"],
                         inboundSubjects: ["Question about the AI use policy", "Concern about cafeteria lines", "Request for a new club"])
        case .activeParent:
            VoiceProfile(weight: 1.5, kinds: [25, 20, 40, 5, 2, 3, 5], inbound: 0.45,
                         outboundSubjects: ["Back-to-school night follow-up", "Invitation to the family survey",
                                            "Reminder about the school site council vote", "Update on the bus route change",
                                            "Invitation to the budget town hall"],
                         inboundSubjects: ["Question about bus routes", "Concern about class sizes", "Feedback on early-release days",
                                           "Question about the boundary proposal", "Asked about after-school programs"])
        case .parent:
            VoiceProfile(weight: 0.3, kinds: [10, 20, 48, 4, 10, 4, 4], inbound: 0.3,
                         outboundSubjects: ["Attendance check-in", "Update on the bus route change", "Invitation to the family survey",
                                            "Special education meeting scheduling", "Back-to-school night follow-up"],
                         inboundSubjects: ["Question about bus routes", "Request for an interpreter at conferences",
                                           "Concern about safety at pickup", "Asked about after-school programs",
                                           "Question about the boundary proposal"])
        case .quietParent:
            VoiceProfile(weight: 0.02, kinds: [0, 4, 56, 0, 40, 0, 0], inbound: 0.02,
                         outboundSubjects: ["Attendance letter (sent in Spanish)", "Enrollment verification reminder",
                                            "Invitation to the family survey (sent in Spanish)", "School newsletter follow-up"],
                         inboundSubjects: ["Question about enrollment documents", "Asked for the newsletter in Spanish"])
        case .communityMember:
            VoiceProfile(weight: 0.25, kinds: [10, 20, 40, 2, 10, 12, 6], inbound: 0.4,
                         outboundSubjects: ["Invitation to the facilities bond town hall", "Reply about the bond project list",
                                            "Volunteer tutor onboarding", "Survey on the school calendar"],
                         inboundSubjects: ["Question about stadium lights", "Concern about traffic near the high school",
                                           "Offer to volunteer as a tutor", "Comment on the facilities bond",
                                           "Request for the bond spending report"])
        }
    }

    static let socialOutbound = ["Replied to a comment on the district's post", "Shared the town hall announcement",
                                 "Direct message about the family survey"]
    static let socialInbound = ["Comment on the district's social media post", "Direct message asking about the bell schedule",
                                "Post about bus delays tagging the district", "Message asking how to join the PTA"]
    static let forumSubjects = ["Public comment at the board meeting", "Spoke at the community forum",
                                "Question at the budget forum", "Comment card from the town hall"]
    static let notes = ["Promised an answer by the end of the week.", "Wants to be kept posted before the board votes.",
                        "Shared the one-page summary.", "Asked for the data broken down by school.",
                        "Will bring the question to the next PTA meeting.", "Prefers a phone call to email.",
                        "An interpreter helped.", "Suggested a follow-up with the principal.",
                        "Raised the same concern as last month.", "Very supportive; offered to help with outreach.",
                        "Frustrated with the response time.", "Sent the link to the survey afterwards."]
}

// MARK: - The builder

private struct EngagementBuilder {
    static let contactKinds: [InteractionKind] = [.meeting, .call, .email, .visit, .letter, .social, .forum]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
    /// How busy each month is (school years are quiet in summer), out of 11.
    static let monthWeights = [10, 10, 10, 9, 10, 5, 3, 8, 11, 11, 10, 6]
    static let hourMs: Int64 = 3_600_000
    static let localZone = "America/Los_Angeles"

    var random: DemoRandom
    /// A separate stream for user choices, so the list of users changes nothing else.
    var userRandom: DemoRandom
    let nowMs: Int64
    let todayIndex: Int
    let all: [Stakeholder]
    let schools: [String]
    let areas: [String]
    let userIds: [String]
    let userSet: Set<String>

    /// Indexed like `all`; nil for archived records and the district itself.
    var voices: [Voice?] = []
    var byVoice: [[Int]] = Array(repeating: [], count: Voice.allCases.count)
    var active: [Int] = []
    /// Affiliation id → the active people there (and the organization itself).
    var colleagues: [String: [Int]] = [:]
    /// School or area → active parents (first type) there; and community members by area.
    var parentsAt: [String: [Int]] = [:]
    var residentsAt: [String: [Int]] = [:]
    var districtOrg: Int?
    var gapSchools: [String] = []

    var events: [Event] = []
    var interactions: [Interaction] = []
    /// Parallel to `interactions`: the position in `all` of the stakeholder a contact was with,
    /// or -1 for attendance; follow-ups read it.
    var primaries: [Int] = []

    init(district: DemoDistrict, userIds: [String], seed: UInt64, now: Date) {
        random = DemoRandom(seed: seed ^ 0x656E_6761_6765_2121)
        userRandom = DemoRandom(seed: seed ^ 0x7573_6572_7321_2121)
        nowMs = now.millisecondsSince1970
        todayIndex = Int(Self.floorDiv(nowMs, DemoClock.dayMs))
        all = district.stakeholders
        schools = district.schools
        areas = district.areas
        self.userIds = userIds
        userSet = Set(userIds)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

    /// Oldest first, ties by id. Sorts positions by plain numbers, then moves each record once:
    /// comparing and swapping whole records is slow in debug builds.
    mutating func sortInteractions() {
        let list = interactions, keys = list.map { $0.occurredAt.millisecondsSince1970 }
        let order = list.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : list[a].id < list[b].id }
        let from = primaries
        interactions = order.map { list[$0] }
        primaries = order.map { from[$0] }
    }

    mutating func build() -> DemoEngagement {
        classify()
        guard !active.isEmpty else { return DemoEngagement() }
        addEvents()
        addContacts()
        sortInteractions()
        events.sort { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
        // Targets before follow-ups: follow-ups are made only when there are users, and the
        // rest of the output must not depend on the list of users.
        let targets = makeTargets()
        return DemoEngagement(events: events, interactions: interactions, followUps: makeFollowUps(), targets: targets)
    }

    // MARK: Sorting people out

    static func isSpanish(_ language: String?) -> Bool {
        guard let l = language?.lowercased() else { return false }
        return l == "es" || l.hasPrefix("es-")
    }

    func isFirstTypeParent(_ s: Stakeholder) -> Bool { s.kind == .person && s.types.first == "parent" }

    mutating func classify() {
        districtOrg = all.firstIndex { $0.kind == .organization && $0.displayName == DemoPlaces.districtName }
        // The two schools with the most Spanish-speaking parents are the ones never heard from.
        var counts = Array(repeating: 0, count: schools.count)
        for s in all where !s.isArchived && isFirstTypeParent(s) && Self.isSpanish(s.language) {
            for (k, school) in schools.enumerated() where s.areas.contains(school) { counts[k] += 1 }
        }
        gapSchools = schools.indices.filter { counts[$0] > 0 }
            .sorted { (counts[$0], -$0) > (counts[$1], -$1) }.prefix(2).map { schools[$0] }

        voices = Array(repeating: nil, count: all.count)
        for (i, s) in all.enumerated() where !s.isArchived && i != districtOrg {
            let v = voice(of: s)
            voices[i] = v
            byVoice[v.rawValue].append(i)
            active.append(i)
            if v != .quietParent {
                if s.kind == .organization { colleagues[s.id, default: []].append(i) }
                else if let a = s.affiliationId, let d = districtOrg, a != all[d].id { colleagues[a, default: []].append(i) }
            }
            if isFirstTypeParent(s) { for place in s.areas { parentsAt[place, default: []].append(i) } }
            if s.kind == .person, s.types.first == "community-member" { for place in s.areas { residentsAt[place, default: []].append(i) } }
        }
    }

    func voice(of s: Stakeholder) -> Voice {
        let type = s.types.first ?? ""
        if s.kind == .organization {
            switch type {
            case "union": return .union
            case "community-organization": return s.level == .school ? .ptaLeader : .communityOrg
            case "advocacy-organization": return .advocacy
            case "government-agency", "elected-official": return .agency
            case "researcher": return .researcher
            case "funder": return .funder
            case "media": return .media
            case "business": return .business
            default: return .communityOrg
            }
        }
        switch type {
        case "elected-official": return (s.title ?? "").hasPrefix("Former") ? .formerOfficial : .official
        case "administrator": return s.level == .district ? .cabinet : .administrator
        case "union": return .union
        case "advocacy-organization": return .advocacy
        case "government-agency": return .agency
        case "researcher": return .researcher
        case "funder": return .funder
        case "media": return .media
        case "community-organization": return .communityOrg
        case "business": return .business
        case "educator": return .educator
        case "school-staff": return .schoolStaff
        case "community-member": return .communityMember
        case "student": return s.tags.contains("student-leader") ? .studentLeader : .student
        case "parent":
            // PTA officers are heard even at the quiet schools; the rest of those families are not.
            if s.tags.contains("pta-board") { return .ptaLeader }
            if Self.isSpanish(s.language), s.areas.contains(where: { gapSchools.contains($0) }) { return .quietParent }
            let engaged = ["key-communicator", "site-council", "elac-member", "budget-committee"]
            return s.tags.contains(where: engaged.contains) ? .activeParent : .parent
        default: return .communityMember
        }
    }

    // MARK: Small draws

    mutating func unit() -> Double { Double(random.next() >> 11) * 0x1p-53 }

    /// Adds up to `n` members of `pool` not yet in `seen` to `taken`. Parents at the quiet schools
    /// are mostly passed over (kept with `quietChance`): they are rarely on anyone's list.
    mutating func draw(_ n: Int, from pool: [Int], into taken: inout [Int], seen: inout Set<Int>, quietChance: Double = 0.1) {
        guard n > 0, !pool.isEmpty else { return }
        var added = 0, tries = 0
        while added < n, tries < n * 6 {
            tries += 1
            let i = pool[random.below(pool.count)]
            if voices[i] == .quietParent, !random.chance(quietChance) { continue }
            if seen.insert(i).inserted {
                taken.append(i)
                added += 1
            }
        }
    }

    /// The users who took part: usually the stakeholder's relationship owner, sometimes two.
    mutating func users(owner: String?) -> [String] {
        guard !userIds.isEmpty else { return [] }
        let first: String
        if let owner, userSet.contains(owner), userRandom.chance(0.8) { first = owner } else { first = userIds[userRandom.below(userIds.count)] }
        guard userIds.count > 1, userRandom.chance(0.15) else { return [first] }
        let second = userIds[userRandom.below(userIds.count)]
        return second == first ? [first] : [first, second]
    }

    func day(_ ms: Int64) -> CalendarDate {
        let (y, m, d) = DemoClock.civil(ms: ms)
        return DemoClock.day(year: y, month: m, day: d) ?? CalendarDate(date: DemoClock.date(ms))
    }

    static func weekday(_ dayIndex: Int) -> Int { ((dayIndex % 7) + 11) % 7 }  // 0 = Sunday; 1970-01-01 was a Thursday

    /// Hinnant's days-from-civil: days since 1970 of a proleptic Gregorian date.
    static func dayIndex(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Milliseconds of a wall-clock time on a day in a time zone.
    static func instant(zone: String, dayIndex: Int, hour: Int, minute: Int) -> Int64 {
        let (y, m, d) = DemoClock.civil(daysSince1970: dayIndex)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        var c = DateComponents()
        c.year = y; c.month = m; c.day = d; c.hour = hour; c.minute = minute
        let date = calendar.date(from: c) ?? Date(timeIntervalSince1970: Double(dayIndex) * 86_400)
        return date.millisecondsSince1970
    }

    // MARK: Events

    struct Venue {
        var zone: String = EngagementBuilder.localZone
        var location: String?
        var url: String?
    }

    mutating func addEvents() {
        addBoardMeetings()
        addTownHalls()
        addPolicyForums()
        addConferences()
        addWorkingGroups()
    }

    /// `count` day indices spread over ten months back to two months ahead, each moved to the
    /// next allowed weekday.
    mutating func spread(_ count: Int, weekdays: Set<Int>) -> [Int] {
        (0..<count).map { i in
            var d = todayIndex - 300 + Int((Double(i) + unit()) * 356 / Double(count))
            while !weekdays.contains(Self.weekday(d)) { d += 1 }
            return d
        }
    }

    func org(named name: String) -> Int? { all.firstIndex { $0.kind == .organization && $0.displayName == name } }
    func orgs(_ voice: Voice) -> [Int] { byVoice[voice.rawValue].filter { all[$0].kind == .organization } }
    func people(_ voice: Voice) -> [Int] { byVoice[voice.rawValue].filter { all[$0].kind == .person } }
    var anyOrg: Int? { districtOrg ?? all.firstIndex { $0.kind == .organization } }
    var boardMembers: [Int] {
        guard let d = districtOrg else { return [] }
        return people(.official).filter { all[$0].affiliationId == all[d].id }
    }

    mutating func addBoardMeetings() {
        let (year, month, _) = DemoClock.civil(ms: nowMs)
        let topics = [["school funding formula"], ["facilities bond"], ["school boundaries", "transportation"], ["school start times"],
                      ["chronic absenteeism"], ["literacy", "math curriculum"], ["mental health", "school safety"], ["teacher retention"]]
        for k in -10...2 {
            let serial = year * 12 + (month - 1) + k
            let (y, m) = (serial / 12, serial % 12 + 1)
            let first = Self.dayIndex(year: y, month: m, day: 1)
            let secondThursday = first + (4 - Self.weekday(first) + 7) % 7 + 7
            let start = Self.instant(zone: Self.localZone, dayIndex: secondThursday, hour: 18, minute: 0)
            guard start >= nowMs - 300 * DemoClock.dayMs, start <= nowMs + 62 * DemoClock.dayMs else { continue }
            let end = start + 3 * Self.hourMs + Int64(random.int(0...4)) * 15 * 60_000
            var seen = Set<Int>(), invited: [Int] = []
            draw(boardMembers.count, from: boardMembers, into: &invited, seen: &seen)
            draw(3, from: people(.cabinet), into: &invited, seen: &seen)
            draw(2, from: people(.union), into: &invited, seen: &seen)
            draw(random.int(3...5), from: people(.ptaLeader), into: &invited, seen: &seen)
            draw(random.int(1...3), from: people(.media), into: &invited, seen: &seen)
            draw(random.int(3...6), from: byVoice[Voice.activeParent.rawValue], into: &invited, seen: &seen)
            draw(random.int(2...5), from: byVoice[Voice.communityMember.rawValue], into: &invited, seen: &seen)
            draw(random.int(1...2), from: byVoice[Voice.studentLeader.rawValue], into: &invited, seen: &seen)
            draw(random.int(1...3), from: people(.advocacy), into: &invited, seen: &seen)
            addEvent(kind: .boardMeeting, title: "Board of Education Regular Meeting, \(Self.monthNames[m - 1]) \(y)",
                     start: start, end: end,
                     venue: Venue(location: "District Education Center, Board Room, 1250 Orange Grove Ave, Riverside",
                                  url: "https://meet.example.org/riverside-usd/board-livestream"),
                     organizer: districtOrg ?? anyOrg,
                     description: "Regular meeting of the Board of Education. Public comment opens the meeting; Spanish interpretation is available and the meeting is livestreamed.",
                     topics: topics[(serial % topics.count + topics.count) % topics.count], invited: invited)
        }
    }

    mutating func addTownHalls() {
        struct Plan { var title: String; var topics: [String]; var atSchool: Bool; var byPTA: Bool; var description: String }
        let plans = [
            Plan(title: "Facilities Bond Town Hall — {}", topics: ["facilities bond"], atSchool: false, byPTA: false,
                 description: "What the bond would build, school by school, and how the oversight committee reports on spending."),
            Plan(title: "Budget Town Hall at {}", topics: ["school funding formula"], atSchool: true, byPTA: true,
                 description: "The district budget in plain language, and what families want protected. Childcare and interpretation provided."),
            Plan(title: "Superintendent's Community Town Hall, {}", topics: ["school safety", "transportation"], atSchool: false, byPTA: false,
                 description: "An open conversation with the superintendent. Questions may be submitted in advance or on comment cards."),
            Plan(title: "Town Hall on Proposed School Boundaries — {}", topics: ["school boundaries"], atSchool: false, byPTA: false,
                 description: "The draft attendance boundaries, the maps, and how to comment before the board votes."),
            Plan(title: "Family Town Hall on Chronic Absenteeism at {}", topics: ["chronic absenteeism"], atSchool: true, byPTA: true,
                 description: "Why attendance matters, what gets in the way, and what would help families."),
            Plan(title: "Town Hall on Later School Start Times at {}", topics: ["school start times", "transportation"], atSchool: true, byPTA: false,
                 description: "The proposal to start secondary schools later, its effect on bus routes, and a chance to be heard."),
        ]
        let days = spread(plans.count, weekdays: [2, 3, 4])
        for (plan, dayIndex) in zip(plans, days) {
            let school = schools.isEmpty ? nil : schools[random.below(schools.count)]
            let place = plan.atSchool ? school : (areas.isEmpty ? school : areas[random.below(areas.count)])
            let name = place ?? DemoPlaces.city
            let start = Self.instant(zone: Self.localZone, dayIndex: dayIndex, hour: 18, minute: 30)
            var seen = Set<Int>(), invited: [Int] = []
            draw(random.int(20...45), from: parentsAt[name] ?? byVoice[Voice.parent.rawValue], into: &invited, seen: &seen)
            let area = DemoPlaces.schools.first { $0.name == name }?.area ?? name
            draw(random.int(5...12), from: residentsAt[area] ?? byVoice[Voice.communityMember.rawValue], into: &invited, seen: &seen)
            draw(random.int(1...2), from: boardMembers, into: &invited, seen: &seen)
            draw(2, from: people(.cabinet) + people(.administrator), into: &invited, seen: &seen)
            draw(2, from: people(.ptaLeader), into: &invited, seen: &seen)
            draw(2, from: orgs(.communityOrg), into: &invited, seen: &seen)
            draw(1, from: people(.media), into: &invited, seen: &seen)
            let pta = plan.byPTA ? orgs(.ptaLeader).first { all[$0].areas.first == name } : nil
            let location = plan.atSchool ? "\(name), multipurpose room" : "\(name) Community Center"
            addEvent(kind: .townHall, title: plan.title.replacingOccurrences(of: "{}", with: name), start: start,
                     end: start + 2 * Self.hourMs, venue: Venue(location: location), organizer: pta ?? districtOrg ?? anyOrg,
                     description: plan.description, topics: plan.topics, invited: invited)
        }
    }

    mutating func addPolicyForums() {
        let agencies = orgs(.agency), advocacy = orgs(.advocacy), universities = orgs(.researcher), community = orgs(.communityOrg)
        func first(_ list: [Int]) -> Int? { list.first }
        let county = org(named: "Riverside County Office of Education") ?? first(agencies)
        let state = org(named: "State Department of Education") ?? first(agencies)
        let health = org(named: "County Department of Behavioral Health") ?? county ?? first(community)
        struct Plan { var title: String; var topics: [String]; var organizer: Int?; var venue: Venue; var hour: Int; var minute: Int; var hours: Int }
        let plans = [
            Plan(title: "County Forum on Chronic Absenteeism", topics: ["chronic absenteeism"], organizer: county,
                 venue: Venue(location: "Riverside County Office of Education, Conference Center"), hour: 9, minute: 0, hours: 3),
            Plan(title: "Legislative Breakfast on the School Funding Formula", topics: ["school funding formula"], organizer: first(advocacy),
                 venue: Venue(location: "Mission Grove Community Hall, 300 Citrus St, Riverside"), hour: 7, minute: 30, hours: 2),
            Plan(title: "Policy Forum: AI in Classrooms", topics: ["AI in classrooms"], organizer: first(universities),
                 venue: Venue(location: universities.first.map { "\(all[$0].displayName), Student Center Ballroom" } ?? "Riverside Public Library, Main Auditorium",
                              url: "https://meet.example.org/ai-in-classrooms-forum"), hour: 17, minute: 30, hours: 2),
            Plan(title: "Special Education Funding Roundtable", topics: ["special education", "school funding formula"],
                 organizer: advocacy.count > 1 ? advocacy[1] : first(advocacy),
                 venue: Venue(zone: "America/New_York", url: "https://meet.example.org/special-education-funding-roundtable"), hour: 13, minute: 0, hours: 2),
            Plan(title: "Youth Mental Health Policy Forum", topics: ["mental health"], organizer: health,
                 venue: Venue(location: "Riverside Public Library, Main Auditorium"), hour: 17, minute: 0, hours: 2),
            Plan(title: "English Learner Policy Forum", topics: ["English learners"], organizer: state,
                 venue: Venue(location: "State Department of Education, Sacramento, Room 1101",
                              url: "https://meet.example.org/english-learner-policy-forum"), hour: 10, minute: 0, hours: 3),
        ]
        let days = spread(plans.count, weekdays: [2, 3, 4, 5])
        for (plan, dayIndex) in zip(plans, days) {
            let start = Self.instant(zone: plan.venue.zone, dayIndex: dayIndex, hour: plan.hour, minute: plan.minute)
            var seen = Set<Int>(), invited: [Int] = []
            draw(random.int(2...4), from: people(.official), into: &invited, seen: &seen)
            draw(random.int(2...4), from: people(.agency), into: &invited, seen: &seen)
            draw(random.int(3...5), from: byVoice[Voice.advocacy.rawValue], into: &invited, seen: &seen)
            draw(random.int(1...3), from: people(.researcher), into: &invited, seen: &seen)
            draw(2, from: people(.cabinet), into: &invited, seen: &seen)
            draw(random.int(1...2), from: people(.union), into: &invited, seen: &seen)
            draw(2, from: byVoice[Voice.communityOrg.rawValue], into: &invited, seen: &seen)
            draw(random.int(3...6), from: byVoice[Voice.activeParent.rawValue] + people(.ptaLeader), into: &invited, seen: &seen)
            draw(1, from: people(.media), into: &invited, seen: &seen)
            draw(random.int(0...2), from: byVoice[Voice.business.rawValue], into: &invited, seen: &seen)
            addEvent(kind: .policyForum, title: plan.title, start: start, end: start + Int64(plan.hours) * Self.hourMs, venue: plan.venue,
                     organizer: plan.organizer ?? districtOrg ?? anyOrg,
                     description: "A public discussion of \(plan.topics[0]) with policymakers, researchers, educators and families.",
                     topics: plan.topics, invited: invited)
        }
    }

    mutating func addConferences() {
        let universities = orgs(.researcher)
        func host(_ k: Int) -> Int? { universities.isEmpty ? nil : universities[k % universities.count] }
        struct Plan { var title: String; var topics: [String]; var venue: Venue; var days: Int }
        let plans = [
            Plan(title: "Inland Education Research Conference", topics: ["literacy", "chronic absenteeism"],
                 venue: Venue(location: universities.first.map { "\(all[$0].displayName), Conference Center" } ?? "Riverside Convention Hall"), days: 2),
            Plan(title: "National Convening of Research–Practice Partnerships", topics: ["literacy", "math curriculum"],
                 venue: Venue(zone: "America/Chicago", location: "Lakefront Conference Center, Chicago, IL"), days: 2),
            Plan(title: "Attendance Research Symposium", topics: ["chronic absenteeism"],
                 venue: Venue(zone: "America/Denver", location: "Front Range Conference Hall, Denver, CO",
                              url: "https://meet.example.org/attendance-research-symposium"), days: 1),
            Plan(title: "Education Data and Evidence Summit", topics: ["AI in classrooms", "teacher retention"],
                 venue: Venue(zone: "America/New_York", location: "Hudson Conference Hall, New York, NY"), days: 2),
        ]
        let days = spread(plans.count, weekdays: [3, 4])
        for (k, (plan, dayIndex)) in zip(plans, days).enumerated() {
            let start = Self.instant(zone: plan.venue.zone, dayIndex: dayIndex, hour: 8, minute: 30)
            let end = Self.instant(zone: plan.venue.zone, dayIndex: dayIndex + plan.days - 1, hour: 17, minute: 0)
            var seen = Set<Int>(), invited: [Int] = []
            draw(random.int(4...7), from: people(.researcher), into: &invited, seen: &seen)
            draw(2, from: people(.cabinet), into: &invited, seen: &seen)
            draw(random.int(1...3), from: people(.administrator), into: &invited, seen: &seen)
            draw(random.int(1...2), from: people(.agency), into: &invited, seen: &seen)
            draw(1, from: people(.funder), into: &invited, seen: &seen)
            draw(random.int(1...3), from: byVoice[Voice.educator.rawValue], into: &invited, seen: &seen)
            addEvent(kind: .researchConference, title: plan.title, start: start, end: end, venue: plan.venue,
                     organizer: host(k) ?? anyOrg,
                     description: "Research on \(plan.topics.joined(separator: " and ")) presented with the districts that use it.",
                     topics: plan.topics, invited: invited)
        }
    }

    mutating func addWorkingGroups() {
        struct Group {
            var name: String; var topics: [String]; var meetings: Int; var venue: Venue; var hour: Int; var minute: Int; var minutes: Int
            var roster: [(Voice, Int)]
        }
        let groups = [
            Group(name: "Attendance Working Group", topics: ["chronic absenteeism"], meetings: 4,
                  venue: Venue(location: "District Education Center, Room 204", url: "https://meet.example.org/riverside-usd/attendance-working-group"),
                  hour: 15, minute: 30, minutes: 90,
                  roster: [(.cabinet, 1), (.administrator, 1), (.educator, 2), (.schoolStaff, 2), (.researcher, 1), (.agency, 1), (.activeParent, 2), (.communityOrg, 1)]),
            Group(name: "Literacy Working Group", topics: ["literacy"], meetings: 3,
                  venue: Venue(url: "https://meet.example.org/riverside-usd/literacy-working-group"), hour: 16, minute: 0, minutes: 90,
                  roster: [(.cabinet, 1), (.administrator, 1), (.educator, 4), (.researcher, 1), (.funder, 1), (.activeParent, 2), (.communityOrg, 1)]),
            Group(name: "Student Wellness Advisory Committee", topics: ["mental health"], meetings: 3,
                  venue: Venue(location: "\(DemoPlaces.schools.first { $0.band == .high }?.name ?? "District Education Center"), library"),
                  hour: 15, minute: 45, minutes: 75,
                  roster: [(.administrator, 1), (.educator, 2), (.studentLeader, 2), (.student, 2), (.activeParent, 2), (.agency, 1), (.communityOrg, 1)]),
            Group(name: "District English Learner Advisory Committee", topics: ["English learners"], meetings: 3,
                  venue: Venue(location: "District Education Center, Family Resource Room"), hour: 18, minute: 0, minutes: 90,
                  roster: [(.cabinet, 1), (.schoolStaff, 1), (.communityOrg, 1)]),
        ]
        // Spanish-speaking parents who do take part: none from the two quiet schools.
        let spanishParents = (byVoice[Voice.parent.rawValue] + byVoice[Voice.activeParent.rawValue] + byVoice[Voice.ptaLeader.rawValue])
            .filter { Self.isSpanish(all[$0].language) }.sorted()
        for group in groups {
            var seen = Set<Int>(), roster: [Int] = []
            for (voice, n) in group.roster {
                draw(n, from: voice == .agency || voice == .researcher || voice == .funder ? people(voice) : byVoice[voice.rawValue],
                     into: &roster, seen: &seen)
            }
            if group.name.hasPrefix("District English") { draw(6, from: spanishParents, into: &roster, seen: &seen) }
            let days = spread(group.meetings, weekdays: [2, 3, 4])
            for (n, dayIndex) in days.enumerated() {
                let start = Self.instant(zone: group.venue.zone, dayIndex: dayIndex, hour: group.hour, minute: group.minute)
                let (_, m, _) = DemoClock.civil(daysSince1970: dayIndex)
                let end = start + Int64(group.minutes) * 60_000
                // One meeting was called off: too few members could come.
                let cancelled = group.name.hasPrefix("Literacy") && n == 1 && end <= nowMs
                addEvent(kind: .workingGroupMeeting, title: "\(group.name) — \(Self.monthNames[m - 1]) meeting", start: start, end: end,
                         venue: group.venue, organizer: districtOrg ?? anyOrg,
                         description: "Regular meeting of the \(group.name.replacingOccurrences(of: "District ", with: "district ")): members review progress and action items.",
                         topics: group.topics, invited: roster, cancelled: cancelled)
            }
        }
    }

    static let eventNotes = ["Attendance taken from the sign-in sheet.", "Good turnout; many first-time attendees.",
                             "Several questions left on comment cards; answers to be posted.", "Interpretation used by a few families.",
                             "Slides and recording shared afterwards.", "Ran over time; two agenda items moved to next meeting."]

    mutating func addEvent(kind: EventKind, title: String, start: Int64, end: Int64, venue: Venue, organizer: Int?, description: String,
                           topics: [String], invited: [Int], cancelled: Bool = false) {
        let past = end <= nowMs
        let soon = !past && start - nowMs < 14 * DemoClock.dayMs
        var invitees: [Invitee] = []
        var attendees: [String] = []
        for i in invited {
            // invited (no answer), accepted, tentative, declined
            let rsvp = [RSVP.invited, .accepted, .tentative, .declined][random.weighted(past ? [15, 60, 10, 15] : soon ? [40, 40, 10, 10] : [65, 25, 5, 5])]
            var attended: Bool?
            if past && !cancelled {
                let p: Double = switch rsvp {
                case .accepted: 0.85
                case .tentative: 0.5
                case .invited: 0.15
                case .declined: 0.03
                }
                attended = random.chance(voices[i] == .quietParent ? p * 0.3 : p)
                if attended == true { attendees.append(all[i].id) }
            }
            invitees.append(Invitee(stakeholderId: all[i].id, rsvp: rsvp, attended: attended))
        }
        var created = start - Int64(random.int(10...60)) * DemoClock.dayMs - random.int64(below: DemoClock.dayMs)
        created = min(created, nowMs - 1 - random.int64(below: 3 * DemoClock.dayMs))
        let updated: Int64
        if past {
            updated = max(created, min(end + 2 * Self.hourMs + random.int64(below: 3 * DemoClock.dayMs), nowMs))
        } else {
            updated = random.chance(0.5) ? created : created + random.int64(below: nowMs - created)
        }
        let id = random.identifier()
        let notes: String? = cancelled ? "Cancelled: too few members could attend; items moved to the next meeting."
            : past && random.chance(0.6) ? Self.eventNotes[random.below(Self.eventNotes.count)] : nil
        events.append(Event(id: id, kind: kind, title: title, startsAt: DemoClock.date(start), endsAt: DemoClock.date(end),
                            timeZone: venue.zone, location: venue.location, onlineURL: venue.url, organizerId: organizer.map { all[$0].id },
                            description: description, topics: topics, notes: notes, invitees: invitees, isCancelled: cancelled,
                            createdAt: DemoClock.date(created), updatedAt: DemoClock.date(updated)))
        guard !attendees.isEmpty else { return }
        primaries.append(-1)
        let users = self.users(owner: nil)
        let at = DemoClock.date(start)
        interactions.append(Interaction(id: random.identifier(), kind: .event, occurredAt: at, direction: .outbound, subject: title,
                                        topics: topics, stakeholderIds: attendees, userIds: users, eventId: id, createdBy: users.first,
                                        createdAt: at, updatedAt: at))
    }

    // MARK: Contacts

    mutating func addContacts() {
        let jitter: [Double] = [0.2, 0.4, 0.6, 0.8, 1, 1, 1.3, 1.8, 2.5, 4]
        var cumulative: [Double] = []
        cumulative.reserveCapacity(active.count)
        var total = 0.0
        for i in active {
            let v = voices[i] ?? .parent
            let influence = Double(all[i].influence ?? 3)
            total += VoiceProfile.table[v.rawValue].weight * jitter[random.below(jitter.count)] * (0.7 + 0.1 * influence)
            cumulative.append(total)
        }
        // About three contacts for every two stakeholders, attendance records included.
        let budget = max(0, Int((Double(all.count) * 1.5).rounded()) - interactions.count)
        interactions.reserveCapacity(interactions.count + budget)
        for _ in 0..<budget {
            let roll = unit() * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > roll { hi = mid } else { lo = mid + 1 }
            }
            addContact(with: active[lo])
        }
    }

    mutating func addContact(with p: Int) {
        let s = all[p]
        guard let voice = voices[p] else { return }
        let profile = VoiceProfile.table[voice.rawValue]
        var ids = [s.id]
        // Colleagues come along: the union president with a field representative, the PTA board.
        let groupKey = s.kind == .organization ? s.id : s.affiliationId
        if let key = groupKey, let group = colleagues[key], group.count > 1, random.chance(s.kind == .organization ? 0.45 : 0.3) {
            for _ in 0..<random.int(1...2) {
                let other = all[group[random.below(group.count)]].id
                if !ids.contains(other) { ids.append(other) }
            }
        }
        let kind = Self.contactKinds[random.weighted(profile.kinds)]
        let inbound = kind == .forum || random.chance(profile.inbound)
        let subject: String
        switch kind {
        case .forum: subject = VoiceProfile.forumSubjects[random.below(VoiceProfile.forumSubjects.count)]
        case .social:
            let list = inbound ? VoiceProfile.socialInbound : VoiceProfile.socialOutbound
            subject = list[random.below(list.count)]
        default:
            let list = inbound ? profile.inboundSubjects : profile.outboundSubjects
            subject = list[random.below(list.count)]
        }
        var topics: [String] = []
        if !s.topics.isEmpty, random.chance(0.6) {
            topics = random.pick(s.topics, count: random.chance(0.3) ? 2 : 1)
        } else if random.chance(0.25) {
            topics = [DemoPlaces.topics[random.below(DemoPlaces.topics.count)]]
        }
        let notes: String? = random.chance(0.25) ? VoiceProfile.notes[random.below(VoiceProfile.notes.count)] : nil
        let at = DemoClock.date(contactTime())
        let users = self.users(owner: s.ownerId)
        primaries.append(p)
        interactions.append(Interaction(id: random.identifier(), kind: kind, occurredAt: at, direction: inbound ? .inbound : .outbound,
                                        subject: subject, notes: notes, topics: topics, stakeholderIds: ids, userIds: users,
                                        createdBy: users.first, createdAt: at, updatedAt: at))
    }

    /// A working-hours moment (Pacific time, roughly) in the last 364 days, mostly on weekdays and
    /// in the school year.
    mutating func contactTime() -> Int64 {
        while true {
            let d = todayIndex - random.below(364)
            let (_, month, _) = DemoClock.civil(daysSince1970: d)
            guard random.below(11) < Self.monthWeights[month - 1] else { continue }
            let weekday = Self.weekday(d)
            if weekday == 0 || weekday == 6, !random.chance(0.15) { continue }
            // 08:00–19:00 Pacific standard time is 16:00–03:00 UTC.
            let ms = Int64(d) * DemoClock.dayMs + 16 * Self.hourMs + random.int64(below: 11 * Self.hourMs)
            if ms <= nowMs && ms >= nowMs - 365 * DemoClock.dayMs { return ms }
        }
    }

    // MARK: Follow-ups

    static let followUpTitles = ["Send {name} the notes from our conversation", "Call {name} back about {topic}",
                                 "Share the latest data on {topic} with {name}", "Schedule a follow-up meeting with {name}",
                                 "Answer {name}'s question about {topic}", "Invite {name} to the next working-group meeting",
                                 "Send {name} the one-page summary on {topic}", "Connect {name} with the principal"]
    static let titlesByVoice: [Voice: [String]] = [
        .official: ["Send {name} the attendance data by school", "Brief {name} before the board vote on {topic}",
                    "Draft talking points on {topic} for {name}"],
        .media: ["Get {name} the enrollment numbers", "Confirm the interview time with {name}"],
        .funder: ["Submit the grant report to {name}", "Send {name} the revised budget"],
        .researcher: ["Sign the data-sharing agreement with {name}", "Send {name} the de-identified attendance file"],
        .parent: ["Arrange an interpreter for {name}'s conference", "Reply to {name} about {topic}"],
        .union: ["Put {topic} on the labor-management agenda for {name}"],
        .ptaLeader: ["Confirm the family night date with {name}", "Send {name} flyers in English and Spanish"],
    ]
    static let eventFollowUpTitles = ["Send slides and notes to attendees of the {event}", "Post answers to comment cards from the {event}",
                                      "Share the summary of the {event} in English and Spanish"]

    mutating func makeFollowUps() -> [FollowUp] {
        guard !userIds.isEmpty else { return [] }
        // Overdue, due in the coming weeks, done, cancelled.
        let plan: [(FollowUpStatus, Bool, Int)] = [(.open, true, 14), (.open, false, 18), (.done, true, 24), (.cancelled, true, 4)]
        var out: [FollowUp] = []
        for (status, dueBeforeToday, count) in plan {
            for _ in 0..<count {
                let dueDays = dueBeforeToday ? (status == .open ? random.int(1...35) : random.int(2...300)) : random.int(1...28)
                let dueMs = nowMs + Int64(dueBeforeToday ? -dueDays : dueDays) * DemoClock.dayMs
                // The contact it came from: a few days to three weeks before it was due, and before now.
                let target = min(dueMs - Int64(random.int(3...21)) * DemoClock.dayMs, nowMs - Int64(random.int(1...10)) * DemoClock.dayMs)
                let source = interaction(near: target)
                out.append(followUp(from: source.map { interactions[$0] }, primary: source.map { primaries[$0] } ?? -1, dueMs: dueMs, status: status))
            }
        }
        return out.sorted { ($0.dueOn, $0.id) < ($1.dueOn, $1.id) }
    }

    /// The position of a contact a little before `ms` (interactions are sorted by time by now).
    mutating func interaction(near ms: Int64) -> Int? {
        guard !interactions.isEmpty else { return nil }
        var lo = 0, hi = interactions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if interactions[mid].occurredAt.millisecondsSince1970 < ms { lo = mid + 1 } else { hi = mid }
        }
        return max(0, min(interactions.count - 1, lo - 1 - random.below(8)))
    }

    /// A follow-up of `source` (with `primary`, a position in `all`), or a free-standing one.
    mutating func followUp(from source: Interaction?, primary: Int, dueMs: Int64, status: FollowUpStatus) -> FollowUp {
        let owner = source?.userIds.first ?? userIds[userRandom.below(userIds.count)]
        let createdMs = min(nowMs, (source?.occurredAt.millisecondsSince1970 ?? dueMs - 14 * DemoClock.dayMs) + Int64(random.int(5...240)) * 60_000)
        var stakeholders: [String] = []
        var title: String
        if let source, source.kind == .event {
            stakeholders = Array(source.stakeholderIds.prefix(3))
            let template = Self.eventFollowUpTitles[random.below(Self.eventFollowUpTitles.count)]
            title = template.replacingOccurrences(of: "{event}", with: source.subject)
        } else {
            let person = primary >= 0 ? primary : active[random.below(active.count)]
            stakeholders = source.map { Array($0.stakeholderIds.prefix(3)) } ?? [all[person].id]
            let voice = voices[person] ?? .parent
            let specific = Self.titlesByVoice[voice == .activeParent || voice == .quietParent ? .parent : voice] ?? []
            let templates = specific.isEmpty || random.chance(0.5) ? Self.followUpTitles : specific
            let topic = source?.topics.first ?? all[person].topics.first ?? DemoPlaces.topics[random.below(DemoPlaces.topics.count)]
            title = templates[random.below(templates.count)]
                .replacingOccurrences(of: "{name}", with: all[person].displayName)
                .replacingOccurrences(of: "{topic}", with: topic)
        }
        if title.count > 300 { title = String(title.prefix(300)) }
        var completed: Int64?
        if status != .open {
            let latest = min(nowMs, max(createdMs, dueMs + 5 * DemoClock.dayMs))
            completed = createdMs + random.int64(below: max(1, latest - createdMs + 1))
        }
        let notes: String? = status == .cancelled ? "No longer needed: covered at the next meeting." : nil
        return FollowUp(id: random.identifier(), title: title, ownerId: owner, dueOn: day(dueMs), status: status,
                        stakeholderIds: stakeholders, interactionId: source?.id, notes: notes,
                        completedAt: completed.map(DemoClock.date), createdAt: DemoClock.date(createdMs),
                        updatedAt: DemoClock.date(completed ?? createdMs))
    }

    // MARK: Targets

    mutating func makeTargets() -> [CoverageTarget] {
        var specs: [(String?, String?, String?, Int)] = [("parent", nil, nil, 30)]
        for school in gapSchools { specs.append(("parent", school, "es", 25)) }
        specs += [("student", nil, nil, 15), ("educator", nil, nil, 40), ("elected-official", nil, nil, 75)]
        return specs.prefix(6).map { type, area, language, percent in
            let at = DemoClock.date(nowMs - Int64(random.int(20...80)) * DemoClock.dayMs - random.int64(below: DemoClock.dayMs))
            return CoverageTarget(id: random.identifier(), stakeholderType: type, area: area, language: language, heardPercent: percent,
                                  createdAt: at, updatedAt: at)
        }
    }
}

// MARK: - Bulk history

private enum BulkHistory {
    static let kinds: [InteractionKind] = [.meeting, .call, .email, .visit, .letter, .social, .forum]
    /// Kinds in proportion, as a table of 20: emails and calls are the common case.
    static let kindTable: [Int] = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 4, 5, 5, 6]
    static let subjects: [[String]] = [
        ["Check-in meeting", "Planning meeting", "Site visit debrief", "Budget discussion", "Coffee chat"],
        ["Phone check-in", "Returned call", "Call about buses", "Call about enrollment"],
        ["Email follow-up", "Question by email", "Survey invitation", "Meeting recap", "Data request"],
        ["School visit", "Classroom visit", "Home visit"],
        ["Letter of support", "Formal letter", "Attendance letter"],
        ["Social media reply", "Direct message"],
        ["Public comment", "Forum question"],
    ]
    static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    static func make(count: Int, stakeholderIds: [String], userIds: [String], days: Int, seed: UInt64, now: Date) -> [Interaction] {
        guard count > 0, !stakeholderIds.isEmpty else { return [] }
        var random = DemoRandom(seed: seed ^ 0x6869_7374_6F72_7921)
        let n = stakeholderIds.count
        // Popularity is by rank; a fixed permutation (multiply by a unit modulo n) decides who
        // holds each rank, so the busiest are not simply the first ids given.
        var multiplier = max(1, Int(Double(n) * 0.618_033_988_7))
        while gcd(multiplier, n) != 1 { multiplier += 1 }
        let shift = random.below(n)
        // Shared one-element arrays: most contacts have one participant and one user, and
        // sharing their storage saves an allocation each.
        let singles = stakeholderIds.map { [$0] }
        let users = userIds.map { [$0] }
        let topics = DemoPlaces.topics.map { [$0] }
        let alphabet = Self.alphabet, kinds = Self.kinds, kindTable = Self.kindTable, subjects = Self.subjects
        let tagWord = random.next()
        let tag = (0..<5).map { alphabet[Int((tagWord >> (5 * UInt64($0))) & 31)] }
        let (t0, t1, t2, t3, t4) = (tag[0], tag[1], tag[2], tag[3], tag[4])
        let nowMs = now.millisecondsSince1970
        let span = Int64(max(1, days)) * DemoClock.dayMs
        var out: [Interaction] = []
        out.reserveCapacity(count)
        var i = 0
        while i < count {
            let roll = random.below(100)
            let participants = min(n, roll < 60 ? 1 : roll < 88 ? 2 : 3)
            let first = rank(&random, n: n, multiplier: multiplier, shift: shift)
            var ids: [String]
            if participants == 1 {
                ids = singles[first]
            } else {
                ids = [stakeholderIds[first]]
                ids.reserveCapacity(participants)
                var previous = first
                for _ in 1..<participants {
                    var other = rank(&random, n: n, multiplier: multiplier, shift: shift)
                    while other == first || other == previous { other = other + 1 == n ? 0 : other + 1 }
                    ids.append(stakeholderIds[other])
                    previous = other
                }
            }
            let kindIndex = kindTable[random.below(kindTable.count)]
            let list = subjects[kindIndex]
            var who: [String] = []
            if !users.isEmpty {
                let u = random.below(users.count)
                who = users[u]
                if users.count > 1, random.below(10) == 0 {
                    let v = random.below(users.count)
                    if v != u { who = [userIds[u], userIds[v]] }
                }
            }
            let ms = nowMs - random.int64(below: span)
            let at = DemoClock.date(ms)
            var index = UInt64(i)
            let id = String(unsafeUninitializedCapacity: 15) { buffer in
                buffer[0] = t0; buffer[1] = t1; buffer[2] = t2; buffer[3] = t3; buffer[4] = t4
                var k = 14
                while k >= 5 {
                    buffer[k] = alphabet[Int(index & 31)]
                    index >>= 5
                    k -= 1
                }
                return 15
            }
            out.append(Interaction(id: id, kind: kinds[kindIndex], occurredAt: at,
                                   direction: random.below(100) < 35 ? .inbound : .outbound,
                                   subject: list[random.below(list.count)],
                                   topics: random.below(4) == 0 ? topics[random.below(topics.count)] : [],
                                   stakeholderIds: ids, userIds: who, createdBy: who.first, createdAt: at, updatedAt: at))
            i += 1
        }
        return out
    }

    /// A stakeholder position, skewed: the rank is n·(0.98u³ + 0.02v) for uniform u and v. The
    /// cube gives the busiest fiftieth of the stakeholders about a quarter of the contacts and
    /// the quieter half under a fifth; the small uniform part spreads the very top, so that no
    /// single stakeholder collects a few percent of a million contacts.
    @inline(__always)
    static func rank(_ random: inout DemoRandom, n: Int, multiplier: Int, shift: Int) -> Int {
        let u = Double(random.next() >> 11) * 0x1p-53, v = Double(random.next() >> 11) * 0x1p-53
        let r = min(n - 1, Int(Double(n) * (0.98 * u * u * u + 0.02 * v)))
        return (r * multiplier + shift) % n
    }
}
