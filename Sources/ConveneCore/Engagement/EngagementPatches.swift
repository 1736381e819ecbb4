import Foundation

/// A change to an interaction; nil fields are kept, `.some(nil)` clears.
public struct InteractionPatch: Sendable, Equatable {
    public var kind: InteractionKind?
    public var occurredAt: Date?
    public var direction: InteractionDirection?
    public var subject: String?
    public var notes: String??
    public var topics: [String]?
    public var stakeholderIds: [String]?
    public var userIds: [String]?
    public var eventId: String??
    public init() {}
}

/// A change to a follow-up; nil fields are kept, `.some(nil)` clears.
public struct FollowUpPatch: Sendable, Equatable {
    public var title: String?
    public var ownerId: String?
    public var dueOn: CalendarDate?
    public var status: FollowUpStatus?
    public var stakeholderIds: [String]?
    public var interactionId: String??
    public var notes: String??
    public init() {}
}

/// A change to an event; nil fields are kept, `.some(nil)` clears.
public struct EventPatch: Sendable, Equatable {
    public var kind: EventKind?
    public var title: String?
    public var startsAt: Date?
    public var endsAt: Date?
    public var timeZone: String?
    public var location: String??
    public var onlineURL: String??
    public var organizerId: String??
    public var description: String??
    public var topics: [String]?
    public var notes: String??
    public var invitees: [Invitee]?
    public var isCancelled: Bool?
    public init() {}
}

/// A change to a coverage target; nil fields are kept, `.some(nil)` clears.
public struct CoverageTargetPatch: Sendable, Equatable {
    public var stakeholderType: String??
    public var area: String??
    public var language: String??
    public var heardPercent: Int?
    public init() {}
}

/// The stretch of time coverage looks at.
public struct Period: Sendable, Equatable, Codable {
    public var from: CalendarDate
    /// Inclusive.
    public var to: CalendarDate
    public var label: String

    public init(from: CalendarDate, to: CalendarDate, label: String) { self.from = from; self.to = to; self.label = label }

    /// The school term `day` falls in: fall (August–December) or spring (January–July).
    public static func term(containing day: CalendarDate) -> Period {
        if day.month >= 8 {
            return Period(from: CalendarDate(year: day.year, month: 8, day: 1), to: CalendarDate(year: day.year, month: 12, day: 31), label: "Fall term \(day.year)")
        }
        return Period(from: CalendarDate(year: day.year, month: 1, day: 1), to: CalendarDate(year: day.year, month: 7, day: 31), label: "Spring term \(day.year)")
    }

    /// The school year (August to July) `day` falls in.
    public static func schoolYear(containing day: CalendarDate) -> Period {
        let start = day.month >= 8 ? day.year : day.year - 1
        return Period(from: CalendarDate(year: start, month: 8, day: 1), to: CalendarDate(year: start + 1, month: 7, day: 31), label: "School year \(start)–\(String(start + 1).suffix(2))")
    }

    /// The `days` days up to and including `day`.
    public static func last(_ days: Int, endingOn day: CalendarDate) -> Period {
        Period(from: day.adding(days: -(days - 1)), to: day, label: "Last \(days) days")
    }

    /// Reads "term", "year", "30d"/"90d"/"365d", or "YYYY-MM-DD..YYYY-MM-DD".
    public static func parse(_ text: String?, today: CalendarDate) throws(ConveneError) -> Period {
        let t = (text ?? "term").trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "", "term": return term(containing: today)
        case "year": return schoolYear(containing: today)
        default: break
        }
        if t.hasSuffix("d"), let n = Int(t.dropLast()), (1...3660).contains(n) { return last(n, endingOn: today) }
        let parts = t.components(separatedBy: "..")
        if parts.count == 2, let a = CalendarDate(parts[0]), let b = CalendarDate(parts[1]) {
            guard a <= b else { throw .invalid("period", "the period's end \(b) is before its start \(a)") }
            return Period(from: a, to: b, label: "\(a) to \(b)")
        }
        throw .invalid("period", "\"\(text ?? "")\" is not a period (use term, year, 90d, or 2026-08-01..2026-12-31)")
    }

    public var startInstant: Date { from.startInstant }
    /// The instant after the last day.
    public var endInstant: Date { to.adding(days: 1).startInstant }
}

extension CalendarDate {
    public init(year: Int, month: Int, day: Int) {
        self = CalendarDate(String(format: "%04d-%02d-%02d", year, month, day))!
    }

    /// Midnight UTC at the start of this day.
    public var startInstant: Date {
        var c = DateComponents()
        c.year = year; c.month = month; c.day = day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: c) ?? Date(timeIntervalSince1970: 0)
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(date: startInstant.addingTimeInterval(Double(days) * 86_400))
    }
}
