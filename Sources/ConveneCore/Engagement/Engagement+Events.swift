import Foundation

extension Engagement {
    public func event(id: String) async throws -> Event {
        guard Identifier.isPlausible(id), let e = try await store.event(id: id) else { throw ConveneError.notFound(entity: "event", id: id) }
        return e
    }

    public func events(_ query: EventQuery) async throws -> [Event] {
        var q = query
        q.limit = min(max(q.limit, 1), 1000)
        q.offset = max(q.offset, 0)
        return try await store.events(q)
    }

    public func createEvent(_ patch: EventPatch, actor: Actor, now: Date = Date()) async throws -> Event {
        var errors: [FieldError] = []
        if patch.title == nil { errors.append(FieldError("title", "is required")) }
        if patch.startsAt == nil { errors.append(FieldError("startsAt", "is required (an instant such as 2026-12-03T18:00:00-06:00)")) }
        if patch.endsAt == nil { errors.append(FieldError("endsAt", "is required")) }
        if patch.timeZone == nil { errors.append(FieldError("timeZone", "is required (an IANA zone such as America/Chicago)")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        let at = now.wholeMilliseconds
        let e = try await validated(patch, Event(startsAt: at, endsAt: at, createdAt: at, updatedAt: at))
        try await store.insertEvent(e, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "event", entityId: e.id, after: .from(e)))
        if e.invitees.contains(where: { $0.attended == true }) { return try await updateEvent(id: e.id, EventPatch(), actor: actor, now: now, forceAttendance: true) }
        return e
    }

    public func updateEvent(id: String, _ patch: EventPatch, actor: Actor, now: Date = Date(), forceAttendance: Bool = false) async throws -> Event {
        let before = try await event(id: id)
        var e = try await validated(patch, before)
        if e == before && !forceAttendance { return e }
        e.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        var audit = [AuditEntry(at: e.updatedAt, actor: actor, action: "update", entityType: "event", entityId: id, before: .from(before), after: .from(e))]
        let existing = try await store.interactions(InteractionQuery(eventId: id, limit: 20)).first { $0.kind == .event }
        let attendees = e.invitees.filter { $0.attended == true }.map(\.stakeholderId)
        var attendance: Interaction?
        if !attendees.isEmpty {
            var a = existing ?? Interaction(kind: .event, createdBy: actor.userId, createdAt: e.updatedAt)
            a.kind = .event
            a.occurredAt = e.startsAt
            a.direction = .outbound
            a.subject = e.title
            a.topics = e.topics
            a.stakeholderIds = attendees
            a.eventId = e.id
            a.updatedAt = e.updatedAt
            if a != existing {
                audit.append(AuditEntry(at: e.updatedAt, actor: actor, action: existing == nil ? "create" : "update", entityType: "interaction", entityId: a.id,
                                        before: existing.map { .from($0) }, after: .from(a)))
            }
            attendance = a
        } else if let existing {
            audit.append(AuditEntry(at: e.updatedAt, actor: actor, action: "delete", entityType: "interaction", entityId: existing.id, before: .from(existing)))
        }
        try await store.updateEvent(e, attendance: attendance, audit: audit)
        return e
    }

    /// Invites a stakeholder, or changes their answer or attendance; attendance becomes
    /// (or stops being) part of the event's attendance interaction.
    public func setInvitee(eventId: String, stakeholderId: String, rsvp: RSVP?, attended: Bool??, actor: Actor, now: Date = Date()) async throws -> Event {
        let e = try await event(id: eventId)
        var invitees = e.invitees
        if let n = invitees.firstIndex(where: { $0.stakeholderId == stakeholderId }) {
            if let rsvp { invitees[n].rsvp = rsvp }
            if let attended { invitees[n].attended = attended }
        } else {
            invitees.append(Invitee(stakeholderId: stakeholderId, rsvp: rsvp ?? .invited, attended: attended ?? nil))
        }
        var patch = EventPatch()
        patch.invitees = invitees
        return try await updateEvent(id: eventId, patch, actor: actor, now: now)
    }

    public func removeInvitee(eventId: String, stakeholderId: String, actor: Actor, now: Date = Date()) async throws -> Event {
        let e = try await event(id: eventId)
        guard e.invitees.contains(where: { $0.stakeholderId == stakeholderId }) else {
            throw ConveneError.notFound(entity: "invitee", id: stakeholderId)
        }
        var patch = EventPatch()
        patch.invitees = e.invitees.filter { $0.stakeholderId != stakeholderId }
        return try await updateEvent(id: eventId, patch, actor: actor, now: now)
    }

    public func deleteEvent(id: String, actor: Actor) async throws {
        let e = try await event(id: id)
        try await store.deleteEvent(id: id, audit: AuditEntry(actor: actor, action: "delete", entityType: "event", entityId: id, before: .from(e)))
    }

    func validated(_ patch: EventPatch, _ original: Event) async throws -> Event {
        var e = original
        if let v = patch.kind { e.kind = v }
        if let v = patch.title { e.title = Text.trimmed(v) }
        if let v = patch.startsAt { e.startsAt = v.wholeMilliseconds }
        if let v = patch.endsAt { e.endsAt = v.wholeMilliseconds }
        if let v = patch.timeZone { e.timeZone = Text.trimmed(v) }
        if let v = patch.location { e.location = Text.tidy(v) }
        if let v = patch.onlineURL { e.onlineURL = Text.tidy(v) }
        if let v = patch.organizerId { e.organizerId = v }
        if let v = patch.description { e.description = Text.tidy(v) }
        if let v = patch.topics { e.topics = Text.dedupe(v.compactMap(Text.tidy)) }
        if let v = patch.notes { e.notes = Text.tidy(v) }
        if let v = patch.isCancelled { e.isCancelled = v }
        if let v = patch.invitees {
            var seen = Set<String>()
            e.invitees = v.filter { seen.insert($0.stakeholderId).inserted }
        }
        var errors: [FieldError] = []
        if e.title.isEmpty { errors.append(FieldError("title", "must not be empty")) }
        if e.title.count > 300 { errors.append(FieldError("title", "must be at most 300 characters")) }
        if e.endsAt <= e.startsAt { errors.append(FieldError("endsAt", "must be after startsAt")) }
        if e.endsAt.timeIntervalSince(e.startsAt) > 31 * 86_400 { errors.append(FieldError("endsAt", "must be within 31 days of startsAt")) }
        if TimeZone(identifier: e.timeZone) == nil || e.timeZone.isEmpty {
            errors.append(FieldError("timeZone", "\"\(Text.clip(e.timeZone))\" is not a known time zone (use an IANA name such as America/Chicago)"))
        }
        if let u = e.onlineURL {
            let ok = URL(string: u).map { ["http", "https"].contains($0.scheme?.lowercased() ?? "") && $0.host != nil } ?? false
            if !ok || u.count > 2000 { errors.append(FieldError("onlineURL", "must be an http or https address")) }
        }
        if let l = e.location, l.count > 500 { errors.append(FieldError("location", "must be at most 500 characters")) }
        if let d = e.description, d.count > 20_000 { errors.append(FieldError("description", "must be at most 20000 characters")) }
        if let n = e.notes, n.count > 20_000 { errors.append(FieldError("notes", "must be at most 20000 characters")) }
        if let o = e.organizerId { errors += try await missingStakeholders([o], field: "organizerId").map { FieldError("organizerId", $0.message) } }
        if e.invitees.count > 5000 { errors.append(FieldError("invitees", "must have at most 5000 entries")) }
        errors += try await missingStakeholders(e.invitees.map(\.stakeholderId), field: "invitees").map { error in
            FieldError(error.field + ".stakeholderId", error.message)
        }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return e
    }
}
