import Foundation

/// Consultations (F4): staff set them up, seed and moderate statements; participants join
/// without an account, vote and write. Staff changes are audited; votes are not (they are
/// anonymous and many), statements from participants are, as the participant's number.
public struct Consultations: Sendable {
    public let store: any ConveneStore
    let hashing: any SecretHashing

    public init(store: any ConveneStore, hashing: any SecretHashing) { self.store = store; self.hashing = hashing }

    /// Longest statement a participant may write.
    public static let maxStatementLength = 280

    public func consultation(id: String) async throws -> Consultation {
        guard Identifier.isPlausible(id), let c = try await store.consultation(id: id) else { throw ConveneError.notFound(entity: "consultation", id: id) }
        return c
    }

    public func consultation(slug: String) async throws -> Consultation {
        guard slug.count <= 80, let c = try await store.consultation(slug: slug) else { throw ConveneError.notFound(entity: "consultation", id: slug) }
        return c
    }

    public func create(_ patch: ConsultationPatch, actor: Actor, now: Date = Date()) async throws -> Consultation {
        var errors: [FieldError] = []
        if patch.title == nil { errors.append(FieldError("title", "is required")) }
        if patch.question == nil { errors.append(FieldError("question", "is required: the question participants answer")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        let at = now.wholeMilliseconds
        var p = patch
        if p.slug == nil, let title = p.title { p.slug = Self.slug(from: title) }
        let c = try validated(p, Consultation(createdAt: at, updatedAt: at))
        try await store.insertConsultation(c, audit: AuditEntry(at: at, actor: actor, action: "create", entityType: "consultation", entityId: c.id, after: .from(c)))
        return c
    }

    public func update(id: String, _ patch: ConsultationPatch, actor: Actor, now: Date = Date()) async throws -> Consultation {
        let before = try await consultation(id: id)
        var c = try validated(patch, before)
        if c == before { return c }
        c.updatedAt = max(now.wholeMilliseconds, before.updatedAt.addingTimeInterval(0.001))
        let action = before.isClosed != c.isClosed ? (c.isClosed ? "close" : "reopen") : "update"
        try await store.updateConsultation(c, audit: AuditEntry(at: c.updatedAt, actor: actor, action: action, entityType: "consultation", entityId: id,
                                                                before: .from(before), after: .from(c)))
        return c
    }

    /// A slug from a title: lower-case letters, digits and hyphens.
    public static func slug(from title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = "", dash = false
        for ch in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch) && ch.isASCII { out.unicodeScalars.append(ch); dash = false }
            else if !dash && !out.isEmpty { out.append("-"); dash = true }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(60))
    }

    func validated(_ patch: ConsultationPatch, _ original: Consultation) throws -> Consultation {
        var c = original
        if let v = patch.slug { c.slug = Text.trimmed(v).lowercased() }
        if let v = patch.title { c.title = Text.trimmed(v) }
        if let v = patch.question { c.question = Text.trimmed(v) }
        if let v = patch.description { c.description = Text.tidy(v) }
        if let v = patch.audienceTypes { c.audienceTypes = Text.dedupe(v.compactMap(Text.tidy).map { $0.lowercased() }) }
        if let v = patch.audienceAreas { c.audienceAreas = Text.dedupe(v.compactMap(Text.tidy)) }
        if let v = patch.opensAt { c.opensAt = v?.wholeMilliseconds }
        if let v = patch.closesAt { c.closesAt = v?.wholeMilliseconds }
        if let v = patch.languages { c.languages = Text.dedupe(v.compactMap(Text.tidy).map { $0.lowercased() }) }
        if let v = patch.level { c.level = v }
        if let v = patch.moderation { c.moderation = v }
        if let v = patch.isClosed { c.isClosed = v }
        if let v = patch.inviteOnly { c.inviteOnly = v }
        var errors: [FieldError] = []
        if c.title.isEmpty { errors.append(FieldError("title", "must not be empty")) }
        if c.title.count > 200 { errors.append(FieldError("title", "must be at most 200 characters")) }
        if c.question.isEmpty { errors.append(FieldError("question", "must not be empty")) }
        if c.question.count > 500 { errors.append(FieldError("question", "must be at most 500 characters")) }
        if let d = c.description, d.count > 10_000 { errors.append(FieldError("description", "must be at most 10000 characters")) }
        if c.slug.isEmpty || c.slug.count > 60 || !c.slug.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) || c.slug.hasPrefix("-") {
            errors.append(FieldError("slug", "must be 1 to 60 lower-case letters, digits and hyphens, such as start-times-2027"))
        }
        if c.languages.isEmpty || !c.languages.allSatisfy({ ["en", "es"].contains($0) }) { errors.append(FieldError("languages", "must be en, es or both")) }
        if let o = c.opensAt, let e = c.closesAt, e <= o { errors.append(FieldError("closesAt", "must be after opensAt")) }
        if c.audienceTypes.count > 50 { errors.append(FieldError("audienceTypes", "must have at most 50 entries")) }
        if c.audienceAreas.count > 200 { errors.append(FieldError("audienceAreas", "must have at most 200 entries")) }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
        return c
    }

    // MARK: Statements (staff)

    /// A statement written by staff: a seed to start the conversation, or feedback heard
    /// elsewhere for a stakeholder type. Approved at once.
    public func addStatement(consultationId: String, text: String, heardFrom stakeholderType: String? = nil, actor: Actor, now: Date = Date()) async throws -> ConsultationStatement {
        let c = try await consultation(id: consultationId)
        let clean = try Self.statementText(text, field: "text", limit: 1000)
        let known = Set(try await store.statements(consultationId: c.id, status: nil).map { Self.fold($0.text) })
        if known.contains(Self.fold(clean)) { throw ConveneError.invalid("text", "the consultation has this statement already") }
        let s = ConsultationStatement(consultationId: c.id, text: clean, source: stakeholderType == nil ? .seed : .heard, status: .approved,
                                      stakeholderType: stakeholderType.flatMap(Text.tidy)?.lowercased(), createdAt: now.wholeMilliseconds)
        return try await store.insertStatement(s, audit: AuditEntry(at: now.wholeMilliseconds, actor: actor, action: "create", entityType: "statement", entityId: s.id))
    }

    /// Approves or rejects a statement (a rejection needs a reason).
    public func moderate(statementId: String, approve: Bool, reason: String?, actor: Actor) async throws -> ConsultationStatement {
        guard Identifier.isPlausible(statementId), let before = try await store.statement(id: statementId) else { throw ConveneError.notFound(entity: "statement", id: statementId) }
        var s = before
        s.status = approve ? .approved : .rejected
        s.rejectReason = approve ? nil : Text.tidy(reason)
        if !approve && s.rejectReason == nil { throw ConveneError.invalid("reason", "say why the statement is rejected (participants may be told)") }
        if let r = s.rejectReason, r.count > 500 { throw ConveneError.invalid("reason", "must be at most 500 characters") }
        if s == before { return s }
        try await store.updateStatement(s, audit: AuditEntry(actor: actor, action: approve ? "approve" : "reject", entityType: "statement", entityId: s.id,
                                                             before: .from(before), after: .from(s)))
        // The stored analysis counted this statement as it was: mark it out of date (the vote
        // count it covers can never match), so the next reading computes it again.
        if let stored = try await store.analysis(consultationId: s.consultationId), stored.votes >= 0 {
            try await store.saveAnalysis(consultationId: s.consultationId, votes: -1, computedAt: stored.computedAt, json: stored.json)
        }
        return s
    }

    /// Statement text as stored: trimmed, control characters and runs of spaces removed. HTML
    /// is kept as text (every page escapes it).
    static func statementText(_ text: String, field: String, limit: Int) throws -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : $0 }))
        let collapsed = cleaned.split(whereSeparator: { $0 == " " }).joined(separator: " ")
        if collapsed.isEmpty { throw ConveneError.invalid(field, "must not be empty") }
        if collapsed.count > limit { throw ConveneError.invalid(field, "must be at most \(limit) characters (it has \(collapsed.count))") }
        return collapsed
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).filter { $0.isLetter || $0.isNumber }
    }
}
