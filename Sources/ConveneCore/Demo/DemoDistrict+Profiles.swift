import Foundation

/// How a stakeholder type tends to look: where it sits on the power/interest grid, the engagement
/// a district would aim for, the issues it raises, and what staff write about it.
struct DemoProfile: Sendable {
    var influence: ClosedRange<Int>
    var interest: ClosedRange<Int>
    var targets: [EngagementLevel]
    var topics: [String]
    var tags: [String]
    var notes: [String]
}

enum DemoProfiles {
    static func profile(_ type: String) -> DemoProfile {
        table[type] ?? DemoProfile(influence: 1...3, interest: 1...3, targets: [.inform], topics: [], tags: [], notes: [])
    }

    private static let table: [String: DemoProfile] = [
        "parent": DemoProfile(
            influence: 1...2, interest: 3...5, targets: [.inform, .consult, .consult, .involve, .involve, .collaborate],
            topics: ["school start times", "transportation", "special education", "school safety", "mental health", "math curriculum", "literacy", "school boundaries"],
            tags: ["volunteer", "key-communicator", "budget-committee", "room-parent", "elac-member", "site-council"],
            notes: ["Asked about bus routes at the spring budget forum.", "Prefers text messages in the evening.",
                    "Offered to translate flyers for the next family night.", "Concerned about the proposed boundary change.",
                    "Runs the school garden volunteer schedule.", "Wants more notice before early-release days.",
                    "Spoke during public comment about class sizes."]),
        "student": DemoProfile(
            influence: 1...2, interest: 2...4, targets: [.inform, .consult, .involve],
            topics: ["mental health", "AI in classrooms", "school start times", "college and career readiness", "school safety"],
            tags: ["student-council", "youth-voice", "club-leader"],
            notes: ["Helped design the student wellness survey.", "Interested in the youth advisory council.",
                    "Presented at the board meeting on later start times."]),
        "educator": DemoProfile(
            influence: 2...3, interest: 3...5, targets: [.consult, .involve, .collaborate],
            topics: ["teacher retention", "literacy", "math curriculum", "AI in classrooms", "special education", "English learners"],
            tags: ["curriculum-committee", "mentor-teacher", "key-communicator", "site-council"],
            notes: ["Piloting the new math units this year.", "Volunteered for the literacy working group.",
                    "Leads the after-school robotics club.", "Raised concerns about substitute coverage."]),
        "school-staff": DemoProfile(
            influence: 1...2, interest: 3...4, targets: [.inform, .consult],
            topics: ["school safety", "transportation", "chronic absenteeism", "mental health"],
            tags: ["bilingual", "safety-committee", "key-communicator"],
            notes: ["Knows most families at the front office by name.", "Asked for radios on the afternoon bus routes.",
                    "Coordinates the attendance phone calls each morning."]),
        "administrator": DemoProfile(
            influence: 3...5, interest: 4...5, targets: [.involve, .collaborate, .empower],
            topics: ["chronic absenteeism", "school funding formula", "teacher retention", "school safety", "facilities bond"],
            tags: ["cabinet", "budget-committee", "key-communicator"],
            notes: ["Owns the attendance improvement plan.", "Presents the budget update at the next board meeting.",
                    "Point of contact for the facilities bond oversight committee."]),
        "community-member": DemoProfile(
            influence: 1...3, interest: 1...4, targets: [.inform, .inform, .consult, .involve],
            topics: ["facilities bond", "school safety", "transportation", "school boundaries", "school funding formula"],
            tags: ["alumni", "volunteer", "bond-oversight-committee", "neighborhood-watch", "key-communicator"],
            notes: ["Retired teacher who tutors at the library.", "Lives next to the high school; asked about stadium lights.",
                    "Attended every facilities town hall this year.", "Wants the bond spending report in plain language."]),
        "business": DemoProfile(
            influence: 2...3, interest: 1...3, targets: [.inform, .consult, .involve],
            topics: ["college and career readiness", "facilities bond", "transportation"],
            tags: ["sponsor", "internship-host", "chamber-member"],
            notes: ["Sponsors the spring science fair.", "Hosts summer interns from the career academy.",
                    "Donated backpacks for the August supply drive."]),
        "community-organization": DemoProfile(
            influence: 2...4, interest: 2...4, targets: [.consult, .involve, .collaborate],
            topics: ["mental health", "English learners", "chronic absenteeism", "literacy"],
            tags: ["food-distribution", "after-school-partner", "translation-help", "key-communicator"],
            notes: ["Runs the Saturday food distribution with the school.", "Offers space for evening parent meetings.",
                    "Can reach Somali-speaking families quickly."]),
        "elected-official": DemoProfile(
            influence: 4...5, interest: 3...5, targets: [.inform, .involve, .collaborate],
            topics: ["school funding formula", "facilities bond", "school safety", "teacher retention", "school boundaries"],
            tags: ["board-liaison", "legislative-contact", "key-communicator"],
            notes: ["Prefers briefings before board votes.", "Staff asked for the attendance data by school.",
                    "Carries the bill on later school start times."]),
        "government-agency": DemoProfile(
            influence: 3...5, interest: 2...4, targets: [.inform, .consult, .collaborate],
            topics: ["school funding formula", "special education", "English learners", "chronic absenteeism"],
            tags: ["compliance", "data-sharing"],
            notes: ["Wants a briefing before the budget vote.", "Shares the county attendance dashboard.",
                    "Asked for the district's English learner reclassification data."]),
        "researcher": DemoProfile(
            influence: 2...3, interest: 3...5, targets: [.consult, .collaborate, .collaborate],
            topics: ["chronic absenteeism", "literacy", "math curriculum", "AI in classrooms", "English learners", "teacher retention"],
            tags: ["research-partner", "data-agreement"],
            notes: ["Working paper on absenteeism uses district data.", "Interested in a research-practice partnership on literacy.",
                    "Needs an updated data-sharing agreement."]),
        "advocacy-organization": DemoProfile(
            influence: 3...4, interest: 4...5, targets: [.consult, .involve, .collaborate],
            topics: ["special education", "school funding formula", "English learners", "mental health", "school safety"],
            tags: ["coalition", "press-list", "key-communicator"],
            notes: ["Testified at the state budget hearing.", "Circulated a petition on special education staffing."]),
        "union": DemoProfile(
            influence: 4...5, interest: 4...5, targets: [.involve, .collaborate],
            topics: ["teacher retention", "school funding formula", "school safety", "AI in classrooms"],
            tags: ["bargaining", "labor-management-committee"],
            notes: ["Bargaining resumes in January.", "Asked to join the calendar committee."]),
        "media": DemoProfile(
            influence: 3...4, interest: 2...4, targets: [.inform],
            topics: ["facilities bond", "school boundaries", "school safety", "AI in classrooms", "school funding formula"],
            tags: ["press-list"],
            notes: ["Covers board meetings; prefers embargoed releases.", "Asked for enrollment numbers by school."]),
        "funder": DemoProfile(
            influence: 3...5, interest: 3...4, targets: [.consult, .collaborate],
            topics: ["literacy", "college and career readiness", "mental health", "chronic absenteeism"],
            tags: ["grant-partner", "annual-report"],
            notes: ["Grant report due at the end of the fiscal year.", "Open to funding a summer literacy pilot."]),
    ]
}
