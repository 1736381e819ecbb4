import Foundation

/// How an initiative is doing against its engagement plan, from what actually happened:
/// attendance at its events, the people in interactions recorded for those events, and the
/// participants and votes of its consultations.
public struct InitiativeProgress: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        public var planId: String
        public var stakeholderType: String?
        public var groupId: String?
        public var groupName: String?
        public var level: IAP2Level
        public var promise: String
        public var target: Int?
        /// People of this type or group heard so far (consultation participants say their type;
        /// stakeholders count by their types and groups).
        public var reached: Int
        public var fromConsultations: Int
        public var fromEvents: Int
        /// `reached` as a share of `target`, 0–100 (more when the target was passed).
        public var percent: Int?
    }
    public struct Activity: Sendable, Equatable, Codable {
        public var activityId: String
        public var kind: ActivityKind
        public var title: String
        public var plannedOn: CalendarDate?
        /// `planned`, `overdue`, `scheduled`, `open`, `done`.
        public var status: String
        public var consultationId: String?
        public var eventId: String?
        public var participants: Int?
        public var votes: Int?
        public var invited: Int?
        public var attended: Int?
    }
    public var initiativeId: String
    public var lines: [Line]
    public var activities: [Activity]
    /// Consultation participants and event attendees by stakeholder type (a stakeholder under
    /// their first type), with no one named.
    public var participantsByType: [String: Int]
    public var consultationParticipants: Int
    public var votes: Int
    public var stakeholdersEngaged: Int
    public var decisions: Int
}

extension Collaboration {
    public func initiative(slug: String) async throws -> Initiative {
        guard slug.count <= 80, let json = try await store.workRecord(kind: .initiative, slug: slug.lowercased()) else { throw ConveneError.notFound(entity: "initiative", id: slug) }
        return try EngagementCoding.decode(Initiative.self, json)
    }

    /// The decisions of an initiative, oldest first.
    public func decisions(initiativeId: String) async throws -> [Decision] {
        try await records(Decision.self, linkedTo: WorkLink(.initiative, initiativeId))
            .sorted { ($0.decidedOn?.description ?? "", $0.createdAt) < ($1.decidedOn?.description ?? "", $1.createdAt) }
    }

    /// The initiative's published page, if it is published: what a visitor may see.
    public func publishedInitiative(slug: String) async throws -> Initiative {
        let i = try await initiative(slug: slug)
        guard i.isPublished else { throw ConveneError.notFound(entity: "initiative", id: slug) }
        return i
    }

    /// `groupMembers: false` leaves group lines' event counts at 0 (the public page needs none,
    /// and a group's members can be many).
    public func progress(of initiative: Initiative, now: Date = Date(), groupMembers: Bool = true) async throws -> InitiativeProgress {
        let today = CalendarDate(date: now)
        var activities: [InitiativeProgress.Activity] = []
        var typeCounts: [String: Int] = [:]
        var consultationByType: [String: Int] = [:]
        var participantsTotal = 0, votesTotal = 0
        var engaged = Set<String>()
        var seenConsultations = Set<String>(), seenEvents = Set<String>()
        for a in initiative.activities {
            var row = InitiativeProgress.Activity(activityId: a.id ?? "", kind: a.kind, title: a.title, plannedOn: a.plannedOn, status: "planned",
                                                  consultationId: a.consultationId, eventId: a.eventId)
            if let cid = a.consultationId, let c = try await store.consultation(id: cid) {
                let byType = try await store.participantTypeCounts(consultationId: c.id)
                let votes = try await store.countVotes(consultationId: c.id)
                row.participants = byType.values.reduce(0, +); row.votes = votes
                row.status = c.isOpen(at: now) ? "open" : (c.opensAt.map { now < $0 } ?? false) && !c.isClosed ? "scheduled" : "done"
                if seenConsultations.insert(c.id).inserted {
                    participantsTotal += row.participants ?? 0; votesTotal += votes
                    for (type, n) in byType { consultationByType[type, default: 0] += n; typeCounts[type, default: 0] += n }
                }
            } else if let eid = a.eventId, let e = try await store.event(id: eid) {
                let attendees = e.invitees.filter { $0.attended == true }.map(\.stakeholderId)
                row.invited = e.invitees.count; row.attended = attendees.count
                row.status = e.isCancelled ? "cancelled" : e.endsAt <= now ? "done" : "scheduled"
                if seenEvents.insert(e.id).inserted {
                    engaged.formUnion(attendees)
                    for i in try await store.interactions(InteractionQuery(eventId: e.id, limit: 10_000)) { engaged.formUnion(i.stakeholderIds) }
                }
            } else if let on = a.plannedOn, on < today {
                row.status = "overdue"
            }
            activities.append(row)
        }
        let people = try await store.stakeholderTypes(ids: Array(engaged))
        for types in people.values { typeCounts[types.first ?? "unspecified", default: 0] += 1 }
        let registry = Registry(store: store)
        var lines: [InitiativeProgress.Line] = []
        for p in initiative.plan {
            var line = InitiativeProgress.Line(planId: p.id ?? "", stakeholderType: p.stakeholderType, groupId: p.groupId, groupName: nil, level: p.level,
                                               promise: p.level.promise(spanish: false), target: p.target, reached: 0, fromConsultations: 0, fromEvents: 0, percent: nil)
            if let type = p.stakeholderType {
                line.fromConsultations = consultationByType[type] ?? 0
                line.fromEvents = people.values.filter { $0.contains(type) }.count
            } else if let gid = p.groupId, let g = try await store.group(id: gid) {
                line.groupName = g.name
                guard groupMembers else { lines.append(line); continue }
                let members = Set(try await registry.members(of: g.id, limit: 100_000).items.map(\.id))
                line.fromEvents = engaged.intersection(members).count
            }
            line.reached = line.fromConsultations + line.fromEvents
            if let t = p.target, t > 0 { line.percent = Int((Double(line.reached) * 100 / Double(t)).rounded()) }
            lines.append(line)
        }
        return InitiativeProgress(initiativeId: initiative.id, lines: lines, activities: activities, participantsByType: typeCounts,
                                  consultationParticipants: participantsTotal, votes: votesTotal, stakeholdersEngaged: engaged.count,
                                  decisions: try await decisions(initiativeId: initiative.id).count)
    }
}
