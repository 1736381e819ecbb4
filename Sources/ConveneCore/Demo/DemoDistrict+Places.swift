import Foundation

/// A school of the demo district, with the grade band that decides who attends it.
struct DemoSchool: Sendable {
    enum Band: Sendable { case elementary, middle, high }
    var name: String
    var band: Band
    var area: String
}

/// The fixed geography and vocabulary of the demo district: schools, neighbourhoods, streets,
/// the issues people care about and the words staff use for tags and consent sources.
enum DemoPlaces {
    static let districtName = "Riverside Unified School District"
    static let city = "Riverside"
    static let region = "CA"

    static let areas = ["North Riverside", "Eastside", "Westside", "Downtown", "Arroyo Valley"]

    static let schools: [DemoSchool] = [
        DemoSchool(name: "Lincoln Elementary", band: .elementary, area: "Downtown"),
        DemoSchool(name: "Jefferson Elementary", band: .elementary, area: "North Riverside"),
        DemoSchool(name: "Sierra Vista Elementary", band: .elementary, area: "Westside"),
        DemoSchool(name: "Harriet Tubman Elementary", band: .elementary, area: "Eastside"),
        DemoSchool(name: "Mission Oaks Elementary", band: .elementary, area: "Arroyo Valley"),
        DemoSchool(name: "Alder Creek Elementary", band: .elementary, area: "North Riverside"),
        DemoSchool(name: "Sequoia Elementary", band: .elementary, area: "Eastside"),
        DemoSchool(name: "Cesar Chavez Middle School", band: .middle, area: "Eastside"),
        DemoSchool(name: "Riverbend Middle School", band: .middle, area: "Westside"),
        DemoSchool(name: "Amelia Earhart Middle School", band: .middle, area: "Arroyo Valley"),
        DemoSchool(name: "Riverside High School", band: .high, area: "Downtown"),
        DemoSchool(name: "Arroyo Valley High School", band: .high, area: "Arroyo Valley"),
    ]

    /// ZIP codes by area, so an address agrees with the neighbourhood it is filed under.
    static let postalCodes: [String: [String]] = [
        "North Riverside": ["92501", "92507"], "Eastside": ["92507", "92508"], "Westside": ["92503", "92505"],
        "Downtown": ["92501", "92506"], "Arroyo Valley": ["92504", "92509"],
    ]

    static let streets = [
        "Magnolia Ave", "Orange Grove Ave", "Citrus St", "Juniper Way", "Alder Ct", "Palm Ave", "Hawthorne St",
        "Mulberry St", "Pine St", "Grand Ave", "Fairview Rd", "Rancho Dr", "Riverview Dr", "Meadow Ln", "Linden St",
        "Walnut Ave", "Chestnut St", "Bluebird Ln", "Vista del Sol", "Calle Granada", "Avenida las Flores",
        "Cottonwood Dr", "Sycamore Ln", "Olive Grove Rd", "Monte Vista Dr", "Arroyo Seco Dr", "Lemon St",
        "Ninth St", "Market St", "Hillcrest Ave", "Canyon View Rd", "Jacaranda Way",
    ]

    /// Words that make local-sounding organization names ("Magnolia Bakery", "Arroyo Food Pantry").
    static let placeWords = [
        "Magnolia", "Arroyo", "Citrus", "Mission", "Orchard", "Riverbend", "Canyon", "Sierra", "Palm", "Valley",
        "Eastside", "Westside", "Downtown", "Main Street", "Hilltop", "Sunrise", "Golden State", "Inland",
        "Olive Grove", "Monte Vista", "Jacaranda", "Sycamore", "Riverside", "North Riverside", "Mesa", "Cottonwood",
        "Juniper", "Lemon Grove", "Vista", "Harvest",
    ]

    /// Names a community group can be "of" ("Islamic Center of North Riverside").
    static let communities = ["Riverside", "North Riverside", "Arroyo Valley", "the Inland Valley", "Mission Grove",
                              "Canyon Crest", "Eastside Riverside", "Westside Riverside"]

    static let topics = [
        "chronic absenteeism", "school funding formula", "AI in classrooms", "school start times", "special education",
        "English learners", "teacher retention", "school safety", "mental health", "facilities bond", "literacy",
        "math curriculum", "transportation", "college and career readiness", "school boundaries",
    ]

    static let emailDomains = ["example.com", "example.net", "example.org"]

    /// Where a granted consent came from; people sign up in many places.
    static let consentSources = [
        "enrollment form", "sign-in sheet, budget forum", "online interest form", "PTA membership form",
        "community survey opt-in", "district newsletter sign-up", "sign-in sheet, facilities bond town hall",
        "verbal, school site council meeting", "back-to-school night sign-up", "parent portal preferences",
    ]

    static let withdrawnSources = ["unsubscribe link", "asked by phone to stop contact", "email reply: remove me", "opt-out form"]
}
