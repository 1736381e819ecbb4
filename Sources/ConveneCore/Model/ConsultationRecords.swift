import Foundation

/// The promise a consultation makes about how participants' views will be used (IAP2).
public enum IAP2Level: String, Sendable, Codable, CaseIterable {
    case inform, consult, involve, collaborate, empower

    /// The promise in the participant's words, as IAP2 states it.
    public func promise(spanish: Bool) -> String {
        switch (self, spanish) {
        case (.inform, false): "We will keep you informed."
        case (.consult, false): "We will keep you informed, listen to and acknowledge your concerns, and tell you how your input influenced the decision."
        case (.involve, false): "We will work with you to make sure your concerns are reflected in the alternatives developed, and tell you how your input influenced the decision."
        case (.collaborate, false): "We will look to you for advice and innovation, and include your recommendations in the decisions as far as possible."
        case (.empower, false): "We will put into effect what you decide."
        case (.inform, true): "Le mantendremos informado."
        case (.consult, true): "Le mantendremos informado, escucharemos sus inquietudes y le diremos cómo su opinión influyó en la decisión."
        case (.involve, true): "Trabajaremos con usted para que sus inquietudes se reflejen en las alternativas, y le diremos cómo su opinión influyó en la decisión."
        case (.collaborate, true): "Buscaremos su consejo e ideas, e incluiremos sus recomendaciones en las decisiones tanto como sea posible."
        case (.empower, true): "Pondremos en práctica lo que usted decida."
        }
    }
}

/// Whether participants' statements wait for a moderator or appear at once.
public enum ModerationMode: String, Sendable, Codable, CaseIterable {
    /// Statements appear after approval.
    case before
    /// Statements appear at once and can be removed.
    case after
}

/// A question put to chosen audiences, with statements to vote on (F4).
public struct Consultation: Sendable, Equatable, Codable {
    public var id: String
    /// The public address: `/c/{slug}`.
    public var slug: String
    public var title: String
    public var question: String
    public var description: String?
    public var audienceTypes: [String]
    public var audienceAreas: [String]
    public var opensAt: Date?
    public var closesAt: Date?
    public var languages: [String]
    public var level: IAP2Level
    public var moderation: ModerationMode
    /// Closed by staff (overrides the dates until reopened).
    public var isClosed: Bool
    /// Only people with an invite code may join (a closed audience). Absent in older records.
    public var inviteOnly: Bool?
    public var isInviteOnly: Bool { inviteOnly == true }
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String = Identifier.make(), slug: String = "", title: String = "", question: String = "", description: String? = nil,
                audienceTypes: [String] = [], audienceAreas: [String] = [], opensAt: Date? = nil, closesAt: Date? = nil, languages: [String] = ["en", "es"],
                level: IAP2Level = .consult, moderation: ModerationMode = .before, isClosed: Bool = false, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id; self.slug = slug; self.title = title; self.question = question; self.description = description
        self.audienceTypes = audienceTypes; self.audienceAreas = audienceAreas; self.opensAt = opensAt; self.closesAt = closesAt
        self.languages = languages; self.level = level; self.moderation = moderation; self.isClosed = isClosed; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Open to votes and statements at `now`.
    public func isOpen(at now: Date) -> Bool {
        !isClosed && (opensAt.map { now >= $0 } ?? true) && (closesAt.map { now < $0 } ?? true)
    }
}

public enum StatementStatus: String, Sendable, Codable, CaseIterable { case pending, approved, rejected }

/// Where a statement came from.
public enum StatementSource: String, Sendable, Codable, CaseIterable {
    /// Written by staff to start the conversation.
    case seed
    /// Written by a participant on the public page.
    case participant
    /// Heard elsewhere (a forum, a letter) and added by staff for a stakeholder type.
    case heard
}

/// A short statement participants vote on.
public struct ConsultationStatement: Sendable, Equatable, Codable {
    public var id: String
    public var consultationId: String
    /// 0, 1, 2… in order of writing: the statement's number in exports and analysis.
    public var seq: Int
    public var text: String
    public var source: StatementSource
    public var status: StatementStatus
    public var rejectReason: String?
    /// The participant who wrote it, if one did.
    public var participantId: String?
    /// For statements heard elsewhere: the stakeholder type they came from.
    public var stakeholderType: String?
    public var createdAt: Date

    public init(id: String = Identifier.make(), consultationId: String, seq: Int = 0, text: String, source: StatementSource, status: StatementStatus,
                rejectReason: String? = nil, participantId: String? = nil, stakeholderType: String? = nil, createdAt: Date = Date()) {
        self.id = id; self.consultationId = consultationId; self.seq = seq; self.text = text; self.source = source; self.status = status
        self.rejectReason = rejectReason; self.participantId = participantId; self.stakeholderType = stakeholderType; self.createdAt = createdAt
    }
}

/// Someone taking part, known only by a cookie: a stakeholder type and, if they said, a
/// school or area. No name, no address.
public struct Participant: Sendable, Equatable, Codable {
    public var id: String
    public var consultationId: String
    public var seq: Int
    public var stakeholderType: String
    public var area: String?
    public var createdAt: Date
    public init(id: String = Identifier.make(), consultationId: String, seq: Int = 0, stakeholderType: String, area: String? = nil, createdAt: Date = Date()) {
        self.id = id; self.consultationId = consultationId; self.seq = seq; self.stakeholderType = stakeholderType; self.area = area; self.createdAt = createdAt
    }
}

/// One vote as the analysis and the exports read it.
public struct StoredVote: Sendable, Equatable {
    public var participantSeq: Int
    public var statementSeq: Int
    /// 1 agree, −1 disagree, 0 pass.
    public var vote: Int
    public var at: Date
    public init(participantSeq: Int, statementSeq: Int, vote: Int, at: Date) {
        self.participantSeq = participantSeq; self.statementSeq = statementSeq; self.vote = vote; self.at = at
    }
}
