import Foundation

/// People at partner organizations, and the ties between organizations.
extension DemoDistrictBuilder {
    mutating func addPartnerPeople(_ q: DemoQuotas) {
        addPeople(q.agencyStaff, type: "government-agency", orgs: agencies)
        addPeople(q.researchers, type: "researcher", orgs: universities)
        addPeople(q.unionOfficers, type: "union", orgs: [teachersUnion, classifiedUnion].compactMap { $0 } + otherUnions, relation: .memberOf)
        addPeople(q.reporters, type: "media", orgs: media)
        addPeople(q.businessPeople, type: "business", orgs: businesses)
        addPeople(q.communityOrgPeople, type: "community-organization", orgs: communityOrgs)
        addPeople(q.advocates, type: "advocacy-organization", orgs: advocacyOrgs)
        addPeople(q.funderStaff, type: "funder", orgs: funders)
    }

    private mutating func addPeople(_ n: Int, type: String, orgs: [DemoOrg], relation: RelationshipType = .worksAt) {
        guard !orgs.isEmpty else { return }
        for _ in 0..<n {
            // Union officers come mostly from the two big bargaining units, listed first.
            let org = type == "union" && orgs.count > 1 && random.chance(0.9) ? orgs[random.below(10) < 6 ? 0 : 1] : random.pick(orgs)
            var title = org.titles.isEmpty ? DemoTitles.researcher(random: &random) : random.pick(org.titles)
            var areas = org.areas
            if title == "Site Representative" {
                let school = random.pick(DemoPlaces.schools)
                title += ", " + school.name
                areas = [school.name, school.area]
            }
            let index = addWorker(type: type, at: org, title: title, level: org.level, areas: areas, sources: Self.partnerSources)
            relate(index, org.index, relation, startsOn: maybeStart(years: 15))
            if type == "media", !stakeholders[index].tags.contains("press-list") { stakeholders[index].tags.append("press-list") }
            if type == "researcher", let district, random.chance(0.3) {
                relate(index, district.index, .advises, startsOn: maybeStart(years: 4), notes: random.chance(0.3) ? "Advises the attendance working group." : nil)
            }
        }
    }

    /// Partnerships, alliances, advice and grants between organizations.
    mutating func addOrganizationLinks() {
        guard let district else { return }
        let ptas = DemoPlaces.schools.compactMap { ptaBySchool[$0.name] }
        for pta in ptas { relate(pta.index, district.index, .partner, startsOn: random.chance(0.5) ? startDate(withinYears: 20) : nil) }
        if let teachers = teachersUnion, let classified = classifiedUnion { relate(teachers.index, classified.index, .ally) }
        if let county = agencies.first(where: { stakeholders[$0.index].displayName == "Riverside County Office of Education" }) {
            relate(county.index, district.index, .advises, notes: "Differentiated assistance for chronic absenteeism.")
        }
        for business in businesses {
            if random.chance(0.5), !ptas.isEmpty {
                relate(business.index, random.pick(ptas).index, .partner, notes: random.chance(0.3) ? "Sponsors the spring carnival." : nil)
            }
            if random.chance(0.1) { relate(business.index, district.index, .partner, startsOn: maybeStart(years: 6)) }
        }
        for org in communityOrgs {
            if random.chance(0.4) { relate(org.index, random.chance(0.5) || ptas.isEmpty ? district.index : random.pick(ptas).index, .partner) }
            if random.chance(0.25), !advocacyOrgs.isEmpty { relate(org.index, random.pick(advocacyOrgs).index, .ally) }
        }
        for org in advocacyOrgs { addAdvocacyLinks(org, district: district) }
        for university in universities {
            relate(university.index, district.index, .advises, startsOn: maybeStart(years: 8),
                   notes: random.chance(0.4) ? "Research-practice partnership on early literacy." : nil)
        }
        let grantees = [district] + ptas + communityOrgs + universities
        for funder in funders { addGrants(from: funder, to: grantees) }
    }

    private mutating func addAdvocacyLinks(_ org: DemoOrg, district: DemoOrg) {
        if random.chance(0.5), advocacyOrgs.count > 1 { relate(org.index, random.pick(advocacyOrgs).index, .ally) }
        if random.chance(0.2), let union = teachersUnion { relate(org.index, union.index, .ally) }
        // Not every group is on the district's side.
        if random.chance(0.1) { relate(org.index, district.index, .opponent, notes: "Opposes the facilities bond measure.") }
        else if random.chance(0.3) { relate(org.index, district.index, .partner) }
    }

    /// Each funder supports a few grantees; some grants carry a fixed end date.
    private mutating func addGrants(from funder: DemoOrg, to grantees: [DemoOrg]) {
        for _ in 0..<random.int(1...4) {
            let grantee = random.pick(grantees)
            let start = startDate(withinYears: 5)
            let ended = random.chance(0.3)
            let end: CalendarDate? = ended ? start.flatMap { s in
                calendarDay(year: s.year + random.int(1...3), month: s.month, day: min(s.day, 28))
            } : nil
            relate(grantee.index, funder.index, .fundedBy, startsOn: start, endsOn: end,
                   notes: random.chance(0.4) ? random.pick(["Summer literacy grant.", "Mental health first aid training.",
                                                            "Career pathways equipment grant.", "Family engagement mini-grant."]) : nil)
        }
    }
}
