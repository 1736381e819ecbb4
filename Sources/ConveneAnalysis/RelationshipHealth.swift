import Foundation

/// A 0–100 score of how alive a relationship is, from its contact history.
///
/// The formula, shown to users on every stakeholder page:
///
/// - **Recency**, up to 50 points: `50 × 0.5^(days since last contact / 90)`. Contact today
///   scores 50, three months ago 25, six months ago 12.5, a year ago 3; never, 0.
/// - **Frequency**, up to 30 points: `30 × min(contacts in the last 365 days, 6) / 6`. Six
///   contacts a year (one every two months) earn all 30.
/// - **Two-way contact**, up to 20 points: `20 × min(1, 3 × started by them / contacts in the
///   last 365 days)`. Full marks once a third of the year's contacts were started by the
///   stakeholder; none when every contact was ours.
///
/// The sum is rounded to the nearest whole number. Bands: 0–39 weak, 40–69 fair, 70–100 strong.
public struct RelationshipHealth: Sendable, Equatable, Codable {
    public static let recencyHalfLifeDays = 90.0
    public static let fullFrequency = 6
    public static let windowDays = 365

    public var score: Int
    public var recency: Double
    public var frequency: Double
    public var twoWay: Double
    public var daysSinceLastContact: Int?
    public var contactsThisYear: Int
    public var startedByThem: Int

    public init(lastContactAt: Date?, contacts: Int, inbound: Int, now: Date) {
        if let last = lastContactAt {
            let days = max(0, now.timeIntervalSince(last) / 86_400)
            daysSinceLastContact = Int(days.rounded(.down))
            recency = 50 * pow(0.5, days / Self.recencyHalfLifeDays)
        } else {
            daysSinceLastContact = nil
            recency = 0
        }
        contactsThisYear = max(0, contacts)
        startedByThem = max(0, min(inbound, contacts))
        frequency = 30 * Double(min(contactsThisYear, Self.fullFrequency)) / Double(Self.fullFrequency)
        twoWay = contactsThisYear == 0 ? 0 : 20 * min(1, 3 * Double(startedByThem) / Double(contactsThisYear))
        score = max(0, min(100, Int((recency + frequency + twoWay).rounded())))
    }

    public var band: String { score >= 70 ? "strong" : score >= 40 ? "fair" : "weak" }

    /// "last contact 94 days ago; 2 contacts this year; all initiated by us".
    public var explanation: String {
        guard let days = daysSinceLastContact else { return "never contacted" }
        let when = days == 0 ? "last contact today" : days == 1 ? "last contact yesterday" : "last contact \(days) days ago"
        let count = contactsThisYear == 1 ? "1 contact this year" : "\(contactsThisYear) contacts this year"
        guard contactsThisYear > 0 else { return "\(when); none in the last 12 months" }
        let who: String
        if startedByThem == 0 {
            who = contactsThisYear == 1 ? "initiated by us" : "all initiated by us"
        } else if startedByThem == contactsThisYear {
            who = contactsThisYear == 1 ? "initiated by them" : "all initiated by them"
        } else {
            who = "\(startedByThem) initiated by them"
        }
        return "\(when); \(count); \(who)"
    }

    /// How urgently to get in touch: the score's shortfall, weighted by the stakeholder's
    /// influence (twice) and interest, each 1–5 (3 when unknown). Higher is more urgent.
    public static func contactPriority(score: Int, influence: Int?, interest: Int?) -> Double {
        let power = Double(min(max(influence ?? 3, 1), 5)), stake = Double(min(max(interest ?? 3, 1), 5))
        return Double(100 - score) * (2 * power + stake) / 15
    }
}
