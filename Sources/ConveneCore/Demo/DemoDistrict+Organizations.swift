import Foundation

/// The organization pass: the district and its fixed partners, then invented organizations in
/// numbers that grow with the district.
extension DemoDistrictBuilder {
    static let organizationSources = ["partnership agreement", "organization contact form", "business card, community fair",
                                      "email from the organization", "memorandum of understanding contact sheet"]

    mutating func addOrganizations(_ q: DemoQuotas) {
        let districtSpec = DemoOrgSpec(name: DemoPlaces.districtName, type: "government-agency", level: .district,
                                       titles: DemoOrgCatalog.districtTitles)
        let districtOrg = addOrg(districtSpec, domain: DemoOrgCatalog.districtDomain, mailbox: "communications")
        // The district is the platform's own organization: never archived, and a note about it
        // "as a stakeholder" would read oddly.
        stakeholders[districtOrg.index].notes = nil
        stakeholders[districtOrg.index].isArchived = false
        stakeholders[districtOrg.index].influence = 5
        stakeholders[districtOrg.index].interest = 5
        stakeholders[districtOrg.index].engagementTarget = nil
        district = districtOrg
        seats[.board] = districtOrg
        for school in DemoPlaces.schools { addPTA(school) }
        teachersUnion = addOrg(DemoOrgCatalog.teachersUnion, mailbox: "office")
        classifiedUnion = addOrg(DemoOrgCatalog.classifiedUnion, mailbox: "office")
        for spec in DemoOrgCatalog.extraUnions.prefix(q.extraUnions) { otherUnions.append(addOrg(spec, mailbox: "office")) }
        for spec in DemoOrgCatalog.publicBodies + DemoOrgCatalog.extraAgencies.prefix(q.extraAgencies) {
            let org = addOrg(spec)
            agencies.append(org)
            if let seat = spec.seat { seats[seat] = org }
        }
        addInventedOrganizations(q)
    }

    private mutating func addInventedOrganizations(_ q: DemoQuotas) {
        for i in 0..<q.universities {
            universities.append(i < DemoOrgCatalog.universities.count
                ? addOrg(Self.university(DemoOrgCatalog.universities[i]))
                : addInvented(DemoOrgCatalog.universityPatterns, type: "researcher", levels: [.regional, .state]))
        }
        for i in 0..<q.mediaOutlets {
            media.append(i < DemoOrgCatalog.media.count
                ? addOrg(DemoOrgCatalog.media[i], tld: "example.com", mailbox: "newsroom")
                : addInvented(DemoOrgCatalog.mediaPatterns, type: "media", levels: [.regional], tld: "example.com", mailbox: "newsroom"))
        }
        for i in 0..<q.funders {
            funders.append(i < DemoOrgCatalog.funders.count
                ? addOrg(DemoOrgCatalog.funders[i], mailbox: "grants")
                : addInvented(DemoOrgCatalog.funderPatterns, type: "funder", levels: [.regional, .regional, .state, .national], mailbox: "grants"))
        }
        for _ in 0..<q.businesses {
            businesses.append(addInvented(Self.businessPatterns, type: "business", levels: [.district], tld: "example.com", local: true))
        }
        for _ in 0..<q.communityOrgs {
            communityOrgs.append(addInvented(DemoOrgCatalog.communityPatterns, type: "community-organization",
                                             levels: [.district, .district, .regional], local: true))
        }
        for _ in 0..<q.advocacyOrgs {
            advocacyOrgs.append(addInvented(DemoOrgCatalog.advocacyPatterns, type: "advocacy-organization",
                                            levels: [.district, .regional, .state, .state, .national]))
        }
    }

    static let businessPatterns: [DemoOrgPattern] =
        DemoOrgCatalog.businessKinds.map { DemoOrgPattern("{} \($0)", titles: DemoOrgCatalog.businessTitles) }
        + DemoOrgCatalog.ownerNamedKinds.map { DemoOrgPattern("{} \($0)", DemoOrgCatalog.businessOwners, titles: DemoOrgCatalog.businessTitles) }

    static func university(_ name: String) -> DemoOrgSpec {
        let level: JurisdictionLevel = name.contains("Institute") || name.contains("Graduate") ? .national
            : name.contains("College") ? .regional : .state
        return DemoOrgSpec(name: name, type: "researcher", level: level, titles: [])
    }

    mutating func addPTA(_ school: DemoSchool) {
        let name = school.name + (school.band == .high ? " PTSA" : " PTA")
        let spec = DemoOrgSpec(name: name, type: "community-organization", level: .school, titles: DemoOrgCatalog.ptaTitles)
        ptaBySchool[school.name] = addOrg(spec, areas: [school.name, school.area], mailbox: "president")
    }

    /// An organization made from a pattern, with a name no other organization has.
    mutating func addInvented(_ patterns: [DemoOrgPattern], type: String, levels: [JurisdictionLevel],
                              tld: String = "example.org", mailbox: String = "info", local: Bool = false) -> DemoOrg {
        let (name, pattern) = uniqueOrgName(patterns)
        let spec = DemoOrgSpec(name: name, type: type, level: random.pick(levels), titles: pattern.titles, language: pattern.language)
        return addOrg(spec, areas: local ? [random.pick(DemoPlaces.areas)] : [], tld: tld, mailbox: mailbox)
    }

    /// Draws names until one is free; past a few tries the district is large, so qualify the
    /// name by neighbourhood, then number it like a chain's branches.
    mutating func uniqueOrgName(_ patterns: [DemoOrgPattern]) -> (String, DemoOrgPattern) {
        func draw(_ random: inout DemoRandom) -> (String, DemoOrgPattern) {
            let p = random.pick(patterns)
            return (p.name(random.pick(p.fillers)), p)
        }
        for _ in 0..<8 {
            let (name, p) = draw(&random)
            if usedOrgNames.insert(name).inserted { return (name, p) }
        }
        let (base, p) = draw(&random)
        let area = random.pick(DemoPlaces.areas)
        if usedOrgNames.insert("\(base) (\(area))").inserted { return ("\(base) (\(area))", p) }
        var k = 2
        while !usedOrgNames.insert("\(base) #\(k)").inserted { k += 1 }
        return ("\(base) #\(k)", p)
    }

    /// Adds an organization record with a main email, phone, office address and website.
    @discardableResult
    mutating func addOrg(_ spec: DemoOrgSpec, areas: [String] = [], domain: String? = nil, tld: String = "example.org",
                         mailbox: String = "info") -> DemoOrg {
        usedOrgNames.insert(spec.name)
        var s = newRecord(kind: .organization, name: spec.name, types: [spec.type])
        let slug = Self.orgSlug(spec.name)
        let host = domain ?? Self.hostLabel(slug) + "." + tld
        s.level = spec.level
        s.areas = areas
        s.language = spec.language
        if random.chance(0.85) { s.emails = [uniqueEmail(mailbox, host, label: "main")] }
        if random.chance(0.9) { s.phones = [phone("main")] }
        if random.chance(0.85) {
            s.addresses = [address(area: areas.last ?? random.pick(DemoPlaces.areas), label: "main office", locality: spec.locality)]
        }
        s.links = Self.orgLinks(slug, social: random.chance(0.4))
        fillProfile(&s, type: spec.type)
        fillConsent(&s, sources: Self.organizationSources)
        let index = append(s)
        return DemoOrg(index: index, id: s.id, domain: host, titles: spec.titles, level: spec.level, areas: areas, language: spec.language)
    }
}
