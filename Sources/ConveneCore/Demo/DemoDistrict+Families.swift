import Foundation

/// The people pass, part one: households of parents and students who share a family name,
/// a home language, schools and sometimes an address.
extension DemoDistrictBuilder {
    static let cultureWeights = DemoNames.cultures.map(\.weight)
    static let parentSources = ["enrollment form", "enrollment form", "parent portal preferences", "back-to-school night sign-up",
                                "sign-in sheet, budget forum", "PTA membership form", "community survey opt-in"]
    static let studentSources = ["enrollment form", "student leadership application", "youth advisory council sign-up"]
    static let studentEmailDomain = "students." + DemoOrgCatalog.districtDomain

    mutating func addPeople(_ q: DemoQuotas) {
        addFamilies(parents: q.parents, students: q.students)
        addDistrictStaff(q)
        addCommunityMembers(q.communityMembers)
        addOfficials(q.officials)
        addPartnerPeople(q)
    }

    mutating func pickCulture() -> DemoCulture { DemoNames.cultures[random.weighted(Self.cultureWeights)] }

    /// A school, weighted by how many children attend each band (students in the registry skew
    /// older: student voice comes mostly from middle and high schools).
    mutating func pickSchool(studentVoice: Bool) -> DemoSchool {
        let band = random.weighted(studentVoice ? Self.studentBandWeights : Self.familyBandWeights)
        return random.pick(Self.schoolsByBand[band])
    }

    static let studentBandWeights = [25, 30, 45], familyBandWeights = [55, 25, 20]
    static let siblingWeights = [60, 30, 10]
    static let highSchools = schoolsByBand[2]

    static let schoolsByBand: [[DemoSchool]] = [DemoSchool.Band.elementary, .middle, .high].map { band in
        DemoPlaces.schools.filter { $0.band == band }
    }

    /// A person record. With an affiliation, a name too close to a colleague's (same family name,
    /// same first letters) is redrawn, so near-identical names mostly come from planted duplicates.
    mutating func newPerson(types: [String], culture: DemoCulture, family: String? = nil, affiliation: DemoOrg? = nil,
                            avoiding taken: [String] = []) -> Stakeholder {
        var given = random.pick(culture.given), surname = family ?? random.pick(culture.family)
        for _ in 0..<4 {
            var clash = taken.contains(given)
            if !clash, let org = affiliation {
                let key = DemoNameKey(organization: org.index, family: nameSlug(surname), givenStart: nameSlug(given).prefix(2))
                clash = !usedNameKeys.insert(key).inserted
            }
            if !clash { break }
            given = random.pick(culture.given)
            if family == nil { surname = random.pick(culture.family) }
        }
        var s = newRecord(kind: .person, name: "\(given) \(surname)", types: types)
        s.givenName = given
        s.familyName = surname
        s.affiliationId = affiliation?.id
        return s
    }

    mutating func addFamilies(parents: Int, students: Int) {
        var parentsLeft = parents, studentsLeft = students
        while parentsLeft > 0 || studentsLeft > 0 {
            // Spread the families whose children are in the registry evenly through the output.
            let withKids = studentsLeft > 0 && (parentsLeft == 0 || random.chance(Double(studentsLeft) * 1.05 / Double(parentsLeft)))
            let kids = withKids ? min(studentsLeft, 1 + random.weighted(Self.siblingWeights)) : 0
            let adults = min(parentsLeft, random.chance(0.55) ? 2 : 1)
            addFamily(adults: adults, kids: kids)
            parentsLeft -= adults
            studentsLeft -= kids
        }
    }

    private mutating func addFamily(adults: Int, kids: Int) {
        let culture = pickCulture()
        let surname = random.pick(culture.family)
        let language = culture.language.flatMap { random.chance(culture.languageShare) ? $0 : nil } ?? "en"
        var schools: [DemoSchool] = []
        // Children who are not in the registry still tie their parents to a school.
        for _ in 0..<max(kids, random.chance(0.3) ? 2 : 1) { schools.append(pickSchool(studentVoice: kids > 0)) }
        let area = schools[0].area
        let home: PostalAddress? = random.chance(0.3) ? address(area: area, label: "home") : nil
        let pta = random.chance(0.38) ? ptaBySchool[schools[0].name] : nil
        var names: [String] = []
        var parentIndices: [Int] = []
        for n in 0..<adults {
            let partner = n > 0 && random.chance(0.25)
            let parentCulture = partner ? pickCulture() : culture
            var s = newPerson(types: ["parent"], culture: parentCulture, family: partner ? nil : surname,
                              affiliation: (n == 0 || random.chance(0.4)) ? pta : nil, avoiding: names)
            names.append(s.givenName ?? "")
            s.language = n == 0 || random.chance(0.85) ? language : "en"
            parentIndices.append(addParent(&s, schools: schools, area: area, home: home, pta: pta))
        }
        for k in 0..<kids {
            var s = newPerson(types: ["student"], culture: culture, family: surname, avoiding: names)
            names.append(s.givenName ?? "")
            let index = addStudent(&s, school: schools[k], homeLanguage: language)
            for parent in parentIndices { relate(parent, index, .parentOf) }
        }
    }

    private mutating func addParent(_ s: inout Stakeholder, schools: [DemoSchool], area: String, home: PostalAddress?, pta: DemoOrg?) -> Int {
        s.level = .school
        for school in schools where !s.areas.contains(school.name) { s.areas.append(school.name) }
        s.areas.append(area)
        addPersonalContacts(&s, email: 0.85, phone: 0.9, address: 0, area: area)
        if let home { s.addresses = [home] }
        fillProfile(&s, type: "parent")
        if s.language == "es", random.chance(0.6) { s.tags.append("spanish-speaking") }
        if s.language != "en", random.chance(0.3) { s.tags.append("needs-interpreter") }
        let member = s.affiliationId != nil ? pta : nil
        if let member, let office = claimRole(DemoOrgCatalog.ptaTitles, at: member.id, chance: 0.35) {
            // Officers run the PTA with the principal: more say, and worth collaborating with.
            s.title = office
            s.tags.append("pta-board")
            s.influence = 3
            s.engagementTarget = .collaborate
        }
        fillConsent(&s, sources: Self.parentSources)
        let index = append(s)
        if let member { relate(index, member.index, .memberOf, startsOn: random.chance(0.6) ? schoolYearStart() : nil) }
        return index
    }

    private mutating func addStudent(_ s: inout Stakeholder, school: DemoSchool, homeLanguage: String) -> Int {
        s.level = .school
        s.areas = [school.name, school.area]
        s.language = homeLanguage == "en" || random.chance(0.7) ? "en" : homeLanguage
        // Only older students get a district account and are likely to be reached directly.
        let reach = school.band == .high ? 1.0 : school.band == .middle ? 0.3 : 0
        if random.chance(0.5 * reach) {
            s.emails.append(uniqueEmail("\(nameSlug(s.givenName ?? "")).\(nameSlug(s.familyName ?? ""))", Self.studentEmailDomain, label: "school"))
        }
        if random.chance(0.35 * reach) { s.phones.append(phone("mobile")) }
        fillProfile(&s, type: "student")
        if school.band == .high {
            if let role = claimRole(["Student Board Member"], at: "district", chance: 0.05) ?? claimRole(["ASB President"], at: school.name, chance: 0.05) {
                s.title = role
                s.tags.append("student-leader")
                s.engagementTarget = .empower
            }
        }
        fillConsent(&s, sources: Self.studentSources)
        let index = append(s)
        // Clubs, leagues and youth groups.
        if !communityOrgs.isEmpty, random.chance(0.1) { relate(index, random.pick(communityOrgs).index, .memberOf) }
        return index
    }

    /// The first still-open role of `roles` at `place`, with probability `chance`.
    mutating func claimRole(_ roles: [String], at place: String, chance: Double) -> String? {
        guard random.chance(chance), let role = roles.first(where: { !filledRoles.contains("\(place)|\($0)") }) else { return nil }
        filledRoles.insert("\(place)|\(role)")
        return role
    }
}
