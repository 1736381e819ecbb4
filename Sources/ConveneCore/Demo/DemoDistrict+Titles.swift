import Foundation

/// An elected office: the body it belongs to, its title and the level it works at.
struct DemoSeat: Sendable {
    enum Body: Sendable { case board, city, county, senate, assembly }
    var body: Body
    var title: String

    var level: JurisdictionLevel {
        switch body {
        case .board: .district
        case .city, .county: .regional
        case .senate, .assembly: .state
        }
    }

    /// The `n`th official of the district's world: the local board and the nearest offices first,
    /// then the rest of the legislature, then former office holders once every seat is taken.
    static func nth(_ n: Int) -> DemoSeat {
        let all = local + statewide
        if n < all.count { return all[n] }
        let seat = all[n % all.count]
        return DemoSeat(body: seat.body, title: "Former " + seat.title)
    }

    private static let local: [DemoSeat] = [
        DemoSeat(body: .board, title: "Board President, Trustee Area 2"), DemoSeat(body: .board, title: "Board Member, Trustee Area 1"),
        DemoSeat(body: .senate, title: "State Senator, District 14"), DemoSeat(body: .assembly, title: "Assemblymember, District 58"),
        DemoSeat(body: .city, title: "City Council Member, Ward 3"), DemoSeat(body: .board, title: "Board Vice President, Trustee Area 4"),
        DemoSeat(body: .board, title: "Board Member, Trustee Area 3"), DemoSeat(body: .board, title: "Board Member, Trustee Area 5"),
        DemoSeat(body: .county, title: "County Supervisor, District 2"), DemoSeat(body: .city, title: "Mayor"),
        DemoSeat(body: .board, title: "Board Clerk, Trustee Area 6"), DemoSeat(body: .board, title: "Board Member, Trustee Area 7"),
        DemoSeat(body: .assembly, title: "Assemblymember, District 60"), DemoSeat(body: .senate, title: "State Senator, District 31"),
    ] + [1, 2, 4, 5, 6, 7].map { DemoSeat(body: .city, title: "City Council Member, Ward \($0)") }
        + [1, 3, 4, 5].map { DemoSeat(body: .county, title: "County Supervisor, District \($0)") }

    private static let statewide: [DemoSeat] = (1...80).flatMap { n -> [DemoSeat] in
        var seats: [DemoSeat] = []
        if n <= 40, n != 14, n != 31 { seats.append(DemoSeat(body: .senate, title: "State Senator, District \(n)")) }
        if n != 58, n != 60 { seats.append(DemoSeat(body: .assembly, title: "Assemblymember, District \(n)")) }
        return seats
    }
}

/// Job titles of district people.
enum DemoTitles {
    static let elementaryTeachers = [
        "Transitional Kindergarten Teacher", "Kindergarten Teacher", "1st Grade Teacher", "2nd Grade Teacher",
        "3rd Grade Teacher", "4th Grade Teacher", "5th Grade Teacher", "Special Education Teacher",
        "Reading Intervention Teacher", "English Language Development Teacher", "School Counselor",
        "Speech-Language Pathologist", "Music Teacher",
    ]
    static let secondaryTeachers = [
        "Math Teacher", "English Teacher", "Science Teacher", "History Teacher", "Spanish Teacher", "Art Teacher",
        "Physical Education Teacher", "Special Education Teacher", "English Language Development Teacher",
        "Computer Science Teacher", "School Counselor", "Teacher Librarian", "Instructional Coach", "School Psychologist",
    ]
    static let highSchoolOnly = ["CTE Teacher, Automotive Technology", "AP Chemistry Teacher", "College and Career Counselor", "Band Director"]

    static func teacher(for band: DemoSchool.Band, random: inout DemoRandom) -> String {
        switch band {
        case .elementary: random.pick(elementaryTeachers)
        case .middle: random.pick(secondaryTeachers)
        case .high: random.pick(secondaryTeachers + highSchoolOnly)
        }
    }

    static let schoolStaff = [
        "Office Manager", "Attendance Clerk", "Custodian", "Head Custodian", "Bus Driver", "Paraeducator",
        "Instructional Aide", "School Nurse", "Health Aide", "Cafeteria Manager", "Food Service Worker", "Family Liaison",
        "Campus Supervisor", "Library Technician", "IT Technician", "Bilingual Community Liaison",
    ]

    /// District leadership before principals; who fills the cabinet matters more than who coordinates.
    static let cabinet = ["Superintendent", "Chief of Staff", "Director of Communications"]
    static let directors = [
        "Assistant Superintendent, Educational Services", "Deputy Superintendent", "Chief Business Officer",
        "Director of Special Education", "Director of English Learner Services", "Director of Student Wellness",
        "Director of Transportation", "Director of Facilities", "Director of Family Engagement",
    ]
    static let coordinators = [
        "Coordinator, Family Engagement", "Coordinator, Attendance and Student Services",
        "Coordinator, Assessment and Accountability", "Coordinator, Early Literacy", "Program Specialist, Special Education",
        "Coordinator, College and Career Readiness",
    ]

    static let researchRanks = ["Assistant Professor of", "Associate Professor of", "Professor of", "Lecturer in", "Research Scientist in"]
    static let researchFields = [
        "Education Policy", "Educational Psychology", "Teacher Education", "Sociology", "Economics", "Public Health",
        "Literacy Education", "Mathematics Education", "Special Education", "Learning Sciences", "Data Science",
    ]
    static let researchOther = ["Postdoctoral Scholar", "Doctoral Candidate, School of Education", "Director, Center for Literacy Research",
                                "Senior Researcher", "Research Associate"]

    static func researcher(random: inout DemoRandom) -> String {
        random.chance(0.8) ? random.pick(researchRanks) + " " + random.pick(researchFields) : random.pick(researchOther)
    }
}
