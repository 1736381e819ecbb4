import Foundation

/// A named organization of the demo and the jobs people hold there.
struct DemoOrgSpec: Sendable {
    var name: String
    var type: String
    var level: JurisdictionLevel
    var locality: String = DemoPlaces.city
    var titles: [String]
    var language: String = "en"
    /// What the public body is called in an elected official's seat, if anyone sits there.
    var seat: DemoSeat.Body?
}

/// A way to invent many organizations of one sort: "{}" in the template takes a filler.
struct DemoOrgPattern: Sendable {
    var prefix: String
    var suffix: String
    var fillers: [String]
    var titles: [String]
    var language: String

    init(_ template: String, _ fillers: [String] = DemoPlaces.placeWords, titles: [String], language: String = "en") {
        let parts = template.components(separatedBy: "{}")
        prefix = parts.first ?? ""
        suffix = parts.count > 1 ? parts[1] : ""
        self.fillers = fillers; self.titles = titles; self.language = language
    }

    func name(_ filler: String) -> String { prefix + filler + suffix }
}

/// The organizations of the demo district: those always present and the patterns that make more.
enum DemoOrgCatalog {
    static let districtDomain = "riversideusd.example.org"
    static let districtTitles = ["Superintendent"]

    static let unionTitles = ["President", "Vice President", "Secretary", "Treasurer", "Bargaining Chair",
                              "Field Representative", "Site Representative"]
    static let teachersUnion = DemoOrgSpec(name: "Riverside Teachers Association", type: "union", level: .district, titles: unionTitles)
    static let classifiedUnion = DemoOrgSpec(name: "Riverside Classified Employees Association", type: "union", level: .district, titles: unionTitles)
    static let extraUnions = [
        DemoOrgSpec(name: "Riverside School Administrators Association", type: "union", level: .district, titles: ["President", "Treasurer"]),
        DemoOrgSpec(name: "Inland Substitute Teachers Guild", type: "union", level: .regional, titles: ["President", "Organizer"]),
        DemoOrgSpec(name: "Inland Building Trades Council", type: "union", level: .regional, titles: ["Business Manager", "Apprenticeship Coordinator"]),
    ]

    /// Public bodies every district deals with; the last four are where its elected officials sit.
    static let publicBodies = [
        DemoOrgSpec(name: "State Department of Education", type: "government-agency", level: .state, locality: "Sacramento",
                    titles: ["Education Programs Consultant", "Policy Analyst", "Director, Special Education Division",
                             "Administrator, Attendance Improvement Office"]),
        DemoOrgSpec(name: "Riverside County Office of Education", type: "government-agency", level: .regional,
                    titles: ["County Superintendent of Schools", "Director, Student Services",
                             "Program Specialist, English Learners", "Coordinator, Differentiated Assistance"]),
        DemoOrgSpec(name: "City of Riverside", type: "government-agency", level: .regional,
                    titles: ["Youth Services Manager", "Community Engagement Officer", "Traffic Safety Engineer"], seat: .city),
        DemoOrgSpec(name: "Riverside County Board of Supervisors", type: "government-agency", level: .regional,
                    titles: ["Chief of Staff", "Education Policy Deputy"], seat: .county),
        DemoOrgSpec(name: "State Senate", type: "government-agency", level: .state, locality: "Sacramento",
                    titles: ["Legislative Director", "District Representative", "Education Committee Consultant"], seat: .senate),
        DemoOrgSpec(name: "State Assembly", type: "government-agency", level: .state, locality: "Sacramento",
                    titles: ["Legislative Aide", "District Director", "Education Committee Consultant"], seat: .assembly),
    ]

    static let extraAgencies = [
        DemoOrgSpec(name: "Riverside County Department of Public Health", type: "government-agency", level: .regional,
                    titles: ["School Health Liaison", "Epidemiologist", "Public Health Nurse"]),
        DemoOrgSpec(name: "Riverside Public Library", type: "government-agency", level: .regional,
                    titles: ["Youth Services Librarian", "Branch Manager"]),
        DemoOrgSpec(name: "Riverside Police Department", type: "government-agency", level: .regional,
                    titles: ["Community Liaison Officer", "Youth Programs Sergeant"]),
        DemoOrgSpec(name: "Inland Regional Transit Authority", type: "government-agency", level: .regional,
                    titles: ["Planning Manager", "Community Outreach Coordinator"]),
        DemoOrgSpec(name: "Commission on Teacher Credentialing", type: "government-agency", level: .state, locality: "Sacramento",
                    titles: ["Consultant, Professional Services"]),
        DemoOrgSpec(name: "County Department of Behavioral Health", type: "government-agency", level: .regional,
                    titles: ["Prevention Services Manager", "Clinical Therapist"]),
        DemoOrgSpec(name: "Inland Workforce Development Board", type: "government-agency", level: .regional,
                    titles: ["Youth Programs Manager"]),
        DemoOrgSpec(name: "Riverside Housing Authority", type: "government-agency", level: .regional,
                    titles: ["Family Self-Sufficiency Coordinator"]),
    ]

    static let universities = ["Sierra Pacific University", "Inland Valley State University", "Riverside Valley Community College",
                               "Pacific Coast Graduate School of Education", "Mesa Verde College", "Western Institute for Education Research"]
    static let universityPatterns = [
        DemoOrgPattern("{} State University", titles: []), DemoOrgPattern("{} Community College", titles: []),
        DemoOrgPattern("{} College", titles: []), DemoOrgPattern("{} Center for Education Research", titles: []),
    ]

    static let reporterTitles = ["Education Reporter", "Reporter", "Managing Editor", "News Director", "Producer",
                                 "Columnist", "Community Reporter", "Photojournalist"]
    static let media = [
        DemoOrgSpec(name: "The Riverside Courier", type: "media", level: .regional, titles: reporterTitles),
        DemoOrgSpec(name: "Inland Public Radio", type: "media", level: .regional, titles: reporterTitles),
        DemoOrgSpec(name: "La Voz del Valle", type: "media", level: .regional, titles: ["Reportera", "Editor"], language: "es"),
        DemoOrgSpec(name: "Inland Viet Weekly", type: "media", level: .regional, titles: ["Reporter", "Publisher"], language: "vi"),
    ]
    static let mediaPatterns = [
        DemoOrgPattern("{} Gazette", titles: reporterTitles), DemoOrgPattern("{} Weekly", titles: reporterTitles),
        DemoOrgPattern("{} Community News", titles: reporterTitles), DemoOrgPattern("{} Parent Magazine", titles: ["Editor", "Writer"]),
        DemoOrgPattern("Noticias {}", titles: ["Reportero", "Productora"], language: "es"),
        DemoOrgPattern("{} Public Media", titles: reporterTitles),
    ]

    static let funderTitles = ["Program Officer", "Senior Program Officer, Education", "Executive Director", "Grants Manager", "Board Chair"]
    static let funders = [
        DemoOrgSpec(name: "Arroyo Valley Community Foundation", type: "funder", level: .regional, titles: funderTitles),
        DemoOrgSpec(name: "Inland Education Fund", type: "funder", level: .regional, titles: funderTitles),
    ]
    static let funderPatterns = [
        DemoOrgPattern("{} Family Foundation", DemoNames.anglo.family + DemoNames.hispanic.family, titles: funderTitles),
        DemoOrgPattern("{} Education Foundation", titles: funderTitles),
        DemoOrgPattern("{} Fund for Children", titles: funderTitles),
    ]

    static let businessTitles = ["Owner", "Co-owner", "General Manager", "Community Relations Manager", "Office Manager"]
    static let businessKinds = [
        "Bakery", "Market", "Hardware", "Insurance Agency", "Pediatrics", "Tutoring Center", "Print Shop", "Construction",
        "Landscaping", "Pharmacy", "Taqueria", "Pho House", "Dental Group", "Realty", "Credit Union", "Coffee Roasters",
        "Bike Shop", "Bookstore", "Learning Center", "Plumbing", "Electric", "Veterinary Clinic", "Martial Arts Academy",
        "Dance Studio", "Swim School", "Child Care Center", "Auto Repair", "Family Dental",
    ]
    /// Trades that are commonly named after their owner ("Ortiz Auto Repair").
    static let ownerNamedKinds = ["Insurance Agency", "Realty", "Dental Group", "Family Dental", "Construction", "Landscaping",
                                  "Plumbing", "Electric", "Auto Repair", "Martial Arts Academy", "Pediatrics", "Tutoring Center"]
    static let businessOwners: [String] = Array(DemoNames.anglo.family.prefix(20)) + Array(DemoNames.hispanic.family.prefix(20))
        + Array(DemoNames.vietnamese.family.prefix(6)) + Array(DemoNames.arabic.family.prefix(6))

    static let communityPatterns = [
        DemoOrgPattern("St. {} Catholic Church", ["Catherine", "Anthony", "Francis", "Thomas", "Joseph", "Patrick", "Mary", "Martin de Porres"],
                       titles: ["Pastor", "Director of Religious Education", "Parish Outreach Coordinator"]),
        DemoOrgPattern("{} Baptist Church", titles: ["Pastor", "Youth Pastor"]),
        DemoOrgPattern("Iglesia Cristiana {}", titles: ["Pastor", "Youth Coordinator"], language: "es"),
        DemoOrgPattern("Islamic Center of {}", DemoPlaces.communities, titles: ["Imam", "Board President", "Youth Coordinator"]),
        DemoOrgPattern("{} Buddhist Temple", titles: ["Temple President", "Dharma School Coordinator"]),
        DemoOrgPattern("Temple Beth {}", ["Shalom", "El", "Am", "Israel", "Emet"], titles: ["Rabbi", "Education Director"]),
        DemoOrgPattern("{} Boys & Girls Club", titles: ["Executive Director", "Program Director", "Unit Director"]),
        DemoOrgPattern("{} Youth Soccer League", titles: ["League President", "Coach Coordinator"]),
        DemoOrgPattern("{} Community Center", titles: ["Center Director", "Program Coordinator"]),
        DemoOrgPattern("{} Food Pantry", titles: ["Volunteer Coordinator", "Director"]),
        DemoOrgPattern("{} Neighborhood Association", titles: ["President", "Secretary"]),
        DemoOrgPattern("Friends of the {} Library", titles: ["Board Chair", "Volunteer Coordinator"]),
        DemoOrgPattern("{} Families Network", titles: ["Parent Organizer", "Executive Director"]),
        DemoOrgPattern("Somali Community Association of {}", DemoPlaces.communities, titles: ["Executive Director", "Family Navigator"]),
        DemoOrgPattern("{} Filipino American Association", titles: ["President", "Scholarship Chair"]),
        DemoOrgPattern("{} Vietnamese Community Council", titles: ["President", "Outreach Coordinator"]),
    ]

    static let advocacyTitles = ["Executive Director", "Policy Director", "Community Organizer", "Campaign Coordinator",
                                 "Parent Leader", "Policy Analyst"]
    static let causes = ["Equitable Schools", "Fair School Funding", "Special Education Rights", "Student Mental Health",
                         "Healthy School Start Times", "Safe Routes to School", "Bilingual Education", "Early Literacy",
                         "Arts in Schools", "Taxpayer Accountability", "Inclusive Classrooms", "Public Education",
                         "Career Pathways", "Responsible AI in Schools", "Math for All"]
    static let advocacyPatterns = [
        DemoOrgPattern("Parents for {}", causes, titles: advocacyTitles), DemoOrgPattern("Californians for {}", causes, titles: advocacyTitles),
        DemoOrgPattern("Coalition for {}", causes, titles: advocacyTitles), DemoOrgPattern("Alliance for {}", causes, titles: advocacyTitles),
        DemoOrgPattern("Inland Families for {}", causes, titles: advocacyTitles), DemoOrgPattern("Voices for {}", causes, titles: advocacyTitles),
        DemoOrgPattern("Students for {}", causes, titles: advocacyTitles),
    ]

    static let ptaTitles = ["PTA President", "PTA Vice President", "PTA Secretary", "PTA Treasurer", "PTA Membership Chair",
                            "PTA Volunteer Coordinator"]
}
