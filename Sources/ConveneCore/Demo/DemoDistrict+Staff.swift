import Foundation

/// The people pass, part two: district employees, residents, elected officials and the people
/// of partner organizations.
extension DemoDistrictBuilder {
    static let staffSources = ["district onboarding form", "staff directory opt-in", "sign-in sheet, professional development day"]
    static let officialSources = ["public office contact page", "business card, legislative visit", "board meeting sign-in"]
    static let partnerSources = ["business card, community fair", "partnership agreement", "email introduction",
                                 "sign-in sheet, budget forum", "conference attendee list opt-in"]

    /// Someone who works at (or for) an organization: affiliation, title, work contacts, profile.
    mutating func addWorker(type: String, extraTypes: [String] = [], at org: DemoOrg, title: String?,
                            level: JurisdictionLevel?, areas: [String], sources: [String]) -> Int {
        var s = newPerson(types: [type] + extraTypes, culture: pickCulture(), affiliation: org)
        s.title = title
        s.level = level
        s.areas = areas
        s.language = org.language != "en" ? org.language : random.chance(0.06) ? "es" : "en"
        addWorkContacts(&s, at: org)
        fillProfile(&s, type: type)
        fillConsent(&s, sources: sources, weights: org.id == district?.id ? Self.staffConsentWeights : Self.consentWeights)
        return append(s)
    }

    /// A start date for a job or membership, known for a bit over half of them.
    mutating func maybeStart(years: Int) -> CalendarDate? { random.chance(0.55) ? startDate(withinYears: years) : nil }

    mutating func addDistrictStaff(_ q: DemoQuotas) {
        guard let district else { return }
        addAdministrators(q.administrators, district: district)
        for _ in 0..<q.educators {
            let school = pickSchool(studentVoice: false)
            // Many teachers send their own children to district schools.
            let index = addWorker(type: "educator", extraTypes: random.chance(0.06) ? ["parent"] : [], at: district,
                                  title: DemoTitles.teacher(for: school.band, random: &random), level: .school,
                                  areas: [school.name, school.area], sources: Self.staffSources)
            relate(index, district.index, .worksAt, startsOn: maybeStart(years: 30))
            if let principal = principalBySchool[school.name], random.chance(0.3) { relate(index, principal, .reportsTo) }
            if let union = teachersUnion, random.chance(0.72) { relate(index, union.index, .memberOf, startsOn: maybeStart(years: 20)) }
        }
        for _ in 0..<q.schoolStaff {
            let school = pickSchool(studentVoice: false)
            let index = addWorker(type: "school-staff", at: district, title: random.pick(DemoTitles.schoolStaff), level: .school,
                                  areas: [school.name, school.area], sources: Self.staffSources)
            relate(index, district.index, .worksAt, startsOn: maybeStart(years: 25))
            if let union = classifiedUnion, random.chance(0.8) { relate(index, union.index, .memberOf, startsOn: maybeStart(years: 20)) }
        }
    }

    /// Cabinet first, then a principal per school, directors, assistant principals, coordinators,
    /// each reporting to the person above them.
    private mutating func addAdministrators(_ n: Int, district: DemoOrg) {
        var boss: [String: Int] = [:]
        for i in 0..<n {
            let (title, school) = Self.administrativeRole(i, random: &random)
            let index = addWorker(type: "administrator", at: district, title: title, level: school == nil ? .district : .school,
                                  areas: school.map { [$0.name, $0.area] } ?? [], sources: Self.staffSources)
            relate(index, district.index, .worksAt, startsOn: maybeStart(years: 20))
            let chief = boss["Superintendent"]
            let manager: Int? = switch title {
            case "Superintendent": nil
            case "Principal": boss["Assistant Superintendent, Educational Services"] ?? chief
            case "Assistant Principal": school.flatMap { boss["Principal|" + $0.name] } ?? chief
            default: chief
            }
            if let manager { relate(index, manager, .reportsTo) }
            boss[title] = boss[title] ?? index
            if let school, title == "Principal" {
                boss["Principal|" + school.name] = index
                principalBySchool[school.name] = index
            }
            if title == "Superintendent" { stakeholders[index].influence = 5 }
            if school != nil, let union = otherUnions.first, random.chance(0.6) { relate(index, union.index, .memberOf) }
        }
    }

    static func administrativeRole(_ i: Int, random: inout DemoRandom) -> (String, DemoSchool?) {
        let schools = DemoPlaces.schools
        let cabinet = DemoTitles.cabinet, directors = DemoTitles.directors
        var k = i
        if k < cabinet.count { return (cabinet[k], nil) }
        k -= cabinet.count
        if k < schools.count { return ("Principal", schools[k]) }
        k -= schools.count
        if k < directors.count { return (directors[k], nil) }
        k -= directors.count
        if k < schools.count { return ("Assistant Principal", schools[k]) }
        // A large district has many more coordinators and assistant principals.
        return random.chance(0.5) ? (random.pick(DemoTitles.coordinators), nil) : ("Assistant Principal", random.pick(schools))
    }

    mutating func addCommunityMembers(_ n: Int) {
        for _ in 0..<n {
            let culture = pickCulture(), area = random.pick(DemoPlaces.areas)
            var s = newPerson(types: random.chance(0.05) ? ["community-member", "business"] : ["community-member"], culture: culture)
            s.level = random.chance(0.4) ? .district : nil
            s.areas = [area]
            // Alumni still follow their old high school.
            if random.chance(0.15) { s.areas.append(random.pick(Self.highSchools).name) }
            s.language = culture.language.flatMap { random.chance(culture.languageShare * 0.8) ? $0 : nil } ?? "en"
            addPersonalContacts(&s, email: 0.7, phone: 0.6, address: 0.45, area: area)
            fillProfile(&s, type: "community-member")
            if s.language == "es", random.chance(0.5) { s.tags.append("spanish-speaking") }
            fillConsent(&s)
            let index = append(s)
            if !communityOrgs.isEmpty, random.chance(0.2) {
                relate(index, random.pick(communityOrgs).index, .memberOf, startsOn: maybeStart(years: 10))
            }
        }
    }

    mutating func addOfficials(_ n: Int) {
        for i in 0..<n {
            let seat = DemoSeat.nth(i)
            guard let org = seats[seat.body] else { continue }
            let local = seat.body == .board || seat.body == .city
            let index = addWorker(type: "elected-official", at: org, title: seat.title, level: seat.level,
                                  areas: local ? [random.pick(DemoPlaces.areas)] : [], sources: Self.officialSources)
            if seat.title.hasPrefix("Former") {
                let start = startDate(withinYears: 16), end = startDate(withinYears: 2)
                relate(index, org.index, .represents, startsOn: start, endsOn: end.flatMap { e in start.map { max($0, e) } })
            } else {
                relate(index, org.index, .represents, startsOn: maybeStart(years: 8))
            }
        }
    }
}
