import Foundation

/// The ways a contact happens (F2).
public enum InteractionKind: String, Sendable, Codable, CaseIterable {
    case meeting, call, email, visit, letter, event, forum, social

    /// Kinds where the stakeholder speaks to us whoever started it: a meeting we asked for
    /// still lets us hear them; an email or letter we send does not.
    public var isConversation: Bool {
        switch self {
        case .meeting, .call, .visit, .event, .forum: true
        case .email, .letter, .social: false
        }
    }

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// Who started a contact.
public enum InteractionDirection: String, Sendable, Codable, CaseIterable {
    /// We reached out.
    case outbound
    /// They reached out.
    case inbound

    public var label: String { self == .outbound ? "We reached out" : "They reached out" }
}

/// A contact with one or more stakeholders: a meeting, a call, a letter, attendance at an event.
public struct Interaction: Sendable, Equatable, Codable {
    public var id: String
    public var kind: InteractionKind
    public var occurredAt: Date
    public var direction: InteractionDirection
    public var subject: String
    public var notes: String?
    public var topics: [String]
    public var stakeholderIds: [String]
    public var userIds: [String]
    /// The event this contact was attendance at, if any.
    public var eventId: String?
    public var createdBy: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), kind: InteractionKind = .meeting, occurredAt: Date = Date(),
                direction: InteractionDirection = .outbound, subject: String = "", notes: String? = nil, topics: [String] = [],
                stakeholderIds: [String] = [], userIds: [String] = [], eventId: String? = nil, createdBy: String? = nil,
                createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.kind = kind; self.occurredAt = occurredAt; self.direction = direction; self.subject = subject
        self.notes = notes; self.topics = topics; self.stakeholderIds = stakeholderIds; self.userIds = userIds
        self.eventId = eventId; self.createdBy = createdBy; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Whether this contact let us hear the stakeholders' own voice: they reached out, or it
    /// was a conversation (see `InteractionKind.isConversation`).
    public var isHeard: Bool { direction == .inbound || kind.isConversation }
}

public enum FollowUpStatus: String, Sendable, Codable, CaseIterable {
    case open, done, cancelled
}

/// Something a user owes one or more stakeholders by a date.
public struct FollowUp: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var ownerId: String
    public var dueOn: CalendarDate
    public var status: FollowUpStatus
    public var stakeholderIds: [String]
    /// The interaction it came from, if any.
    public var interactionId: String?
    public var notes: String?
    public var completedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), title: String = "", ownerId: String = "", dueOn: CalendarDate,
                status: FollowUpStatus = .open, stakeholderIds: [String] = [], interactionId: String? = nil, notes: String? = nil,
                completedAt: Date? = nil, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.title = title; self.ownerId = ownerId; self.dueOn = dueOn; self.status = status
        self.stakeholderIds = stakeholderIds; self.interactionId = interactionId; self.notes = notes
        self.completedAt = completedAt; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public func isOverdue(today: CalendarDate) -> Bool { status == .open && dueOn < today }
}

/// The kinds of events of F3.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case policyForum = "policy-forum"
    case researchConference = "research-conference"
    case workingGroupMeeting = "working-group-meeting"
    case boardMeeting = "board-meeting"
    case townHall = "town-hall"
    case other

    public var label: String {
        switch self {
        case .policyForum: "Policy forum"
        case .researchConference: "Research conference"
        case .workingGroupMeeting: "Working-group meeting"
        case .boardMeeting: "Board meeting"
        case .townHall: "Town hall"
        case .other: "Other event"
        }
    }
}

/// An invitee's answer.
public enum RSVP: String, Sendable, Codable, CaseIterable {
    case invited, accepted, tentative, declined
}

/// A stakeholder invited to an event, their answer, and whether they came.
public struct Invitee: Sendable, Equatable, Codable {
    public var stakeholderId: String
    public var rsvp: RSVP
    /// nil until attendance is taken.
    public var attended: Bool?
    public init(stakeholderId: String, rsvp: RSVP = .invited, attended: Bool? = nil) {
        self.stakeholderId = stakeholderId; self.rsvp = rsvp; self.attended = attended
    }
}

/// A forum, conference, meeting or town hall, with its time zone and invitees.
public struct Event: Sendable, Equatable, Codable {
    public var id: String
    public var kind: EventKind
    public var title: String
    public var startsAt: Date
    public var endsAt: Date
    /// An IANA time zone such as "America/Chicago": the zone the times are shown and exported in.
    public var timeZone: String
    public var location: String?
    public var onlineURL: String?
    /// The stakeholder (usually an organization) that organizes it.
    public var organizerId: String?
    public var description: String?
    public var topics: [String]
    public var notes: String?
    public var invitees: [Invitee]
    public var isCancelled: Bool
    /// Where an imported event came from: its iCalendar UID (with the start, for one
    /// occurrence of a recurring event), so importing the same calendar again updates it.
    public var externalId: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), kind: EventKind = .other, title: String = "", startsAt: Date, endsAt: Date,
                timeZone: String = "UTC", location: String? = nil, onlineURL: String? = nil, organizerId: String? = nil,
                description: String? = nil, topics: [String] = [], notes: String? = nil, invitees: [Invitee] = [],
                isCancelled: Bool = false, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.kind = kind; self.title = title; self.startsAt = startsAt; self.endsAt = endsAt
        self.timeZone = timeZone; self.location = location; self.onlineURL = onlineURL; self.organizerId = organizerId
        self.description = description; self.topics = topics; self.notes = notes; self.invitees = invitees
        self.isCancelled = isCancelled; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// What share of a part of the community an admin wants to have heard from in a period:
/// "Spanish-speaking parents at Lincoln Elementary: 40% heard this term". Nil criteria match all.
public struct CoverageTarget: Sendable, Equatable, Codable {
    public var id: String
    public var stakeholderType: String?
    /// A school or area, as in stakeholders' `areas`.
    public var area: String?
    /// A language tag; matches stakeholders whose language starts with it ("es" matches "es-MX").
    public var language: String?
    /// The least share (0–100) of matching stakeholders to have been heard from in the period.
    public var heardPercent: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), stakeholderType: String? = nil, area: String? = nil, language: String? = nil,
                heardPercent: Int = 0, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.stakeholderType = stakeholderType; self.area = area; self.language = language
        self.heardPercent = heardPercent; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// "Parents · Lincoln Elementary · es".
    public var label: String {
        var parts: [String] = []
        parts.append(stakeholderType.map { StakeholderType.label($0) + "s" } ?? "Everyone")
        if let area { parts.append(area) }
        if let language { parts.append("language \(language)") }
        return parts.joined(separator: " · ")
    }
}
