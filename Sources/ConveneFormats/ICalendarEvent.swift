import Foundation

/// One event as `ICalendarWriter` writes it: the fields a calendar client shows and keeps in sync.
public struct ICalendarEvent: Sendable, Equatable {
    /// Globally unique and stable across exports (clients update by UID), e.g. `"<id>@convene"`.
    public var uid: String
    public var summary: String
    public var start: Date
    /// The end instant. All-day events end on the day `end` falls in, exclusive when `end` is
    /// local midnight (so both "Mon 00:00 → Tue 00:00" and "Mon 00:00 → Mon 23:59" are one day).
    public var end: Date
    /// An IANA zone id such as `"America/Chicago"`; nil, or an id Foundation does not know,
    /// writes UTC times.
    public var timeZone: String?
    public var isAllDay: Bool
    public var location: String?
    public var description: String?
    /// An absolute URL back to the event's page, written as a URI (not escaped as text).
    public var url: String?
    public var organizerName: String?
    /// The organizer is written only when an email is given.
    public var organizerEmail: String?
    public var categories: [String]
    /// `CONFIRMED`, `TENTATIVE` or `CANCELLED` (any case); anything else is left out.
    public var status: String?
    public var created: Date?
    public var lastModified: Date?
    /// Bumped on each significant change so clients replace their copy; negatives are written as 0.
    public var sequence: Int
    public var attendees: [ICalendarAttendee]

    public init(
        uid: String,
        summary: String,
        start: Date,
        end: Date,
        timeZone: String? = nil,
        isAllDay: Bool = false,
        location: String? = nil,
        description: String? = nil,
        url: String? = nil,
        organizerName: String? = nil,
        organizerEmail: String? = nil,
        categories: [String] = [],
        status: String? = nil,
        created: Date? = nil,
        lastModified: Date? = nil,
        sequence: Int = 0,
        attendees: [ICalendarAttendee] = []
    ) {
        self.uid = uid
        self.summary = summary
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.isAllDay = isAllDay
        self.location = location
        self.description = description
        self.url = url
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
        self.categories = categories
        self.status = status
        self.created = created
        self.lastModified = lastModified
        self.sequence = sequence
        self.attendees = attendees
    }
}

/// A participant of an `ICalendarEvent`, written as an `ATTENDEE` property.
public struct ICalendarAttendee: Sendable, Equatable {
    public var name: String
    /// Without an email the attendee is written as `invalid:nomail`, as Google Calendar does.
    public var email: String?
    /// `NEEDS-ACTION`, `ACCEPTED`, `DECLINED`, `TENTATIVE` or `DELEGATED` (any case); anything
    /// else is written as `NEEDS-ACTION`.
    public var participationStatus: String

    public init(name: String, email: String? = nil, participationStatus: String = "NEEDS-ACTION") {
        self.name = name
        self.email = email
        self.participationStatus = participationStatus
    }
}
