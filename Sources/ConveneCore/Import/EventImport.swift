import ConveneFormats
import Foundation

/// What importing a calendar did (or, in a dry run, would do).
public struct EventImportReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var action: ImportAction
        public var title: String
        public var eventId: String?
        public var reasons: [String]
    }
    public var rows: [Row] = []
    public var applied = false
    public var dryRun = false
    public func count(_ a: ImportAction) -> Int { rows.filter { $0.action == a }.count }
}

/// Events from iCalendar files (F3, F7). Each VEVENT becomes an event; a recurring one becomes
/// one event per occurrence within the window (by default a year back and two years ahead), so
/// the calendar, attendance and coverage work on them like any other. Floating times and
/// all-day events are read in the calendar's own zone (X-WR-TIMEZONE) or else the district's.
/// Importing the same file again updates the events it made (matched by UID), and like the
/// stakeholder import it is all or nothing: a rejected event stops the import unless
/// `skipInvalid` says to leave it out.
public struct EventImporter: Sendable {
    public let engagement: Engagement

    public init(engagement: Engagement) { self.engagement = engagement }

    public static let maxOccurrences = 500

    public func run(_ bytes: [UInt8], dryRun: Bool, skipInvalid: Bool, districtZone: TimeZone, actor: Actor, now: Date = Date(),
                    window: ClosedRange<Date>? = nil) async throws -> EventImportReport {
        let calendar: ICalendarParsedCalendar
        do {
            calendar = try ICalendarReader.read(bytes)
        } catch {
            throw ConveneError.invalid("file", "\(error.description) (expected an iCalendar file: BEGIN:VCALENDAR … END:VCALENDAR)")
        }
        let range = window ?? now.addingTimeInterval(-365 * 86_400)...now.addingTimeInterval(2 * 365 * 86_400)
        let zoneName = calendar.defaultTimeZone.flatMap { TimeZone(identifier: $0) != nil ? $0 : nil } ?? districtZone.identifier
        let zone = TimeZone(identifier: zoneName) ?? districtZone
        let existing = try await engagement.store.events(EventQuery(limit: 1_000_000))
        var byExternal: [String: Event] = [:]
        for e in existing { if let x = e.externalId { byExternal[x] = e } }
        var report = EventImportReport(dryRun: dryRun)
        var creates: [Event] = [], updates: [Event] = [], audit: [AuditEntry] = []
        let at = now.wholeMilliseconds
        for parsed in calendar.events {
            let title = StakeholderValidation.tidy(parsed.summary) ?? "(untitled event)"
            guard let start = parsed.start else {
                report.rows.append(.init(line: parsed.line, action: .reject, title: title, eventId: nil, reasons: ["has no DTSTART"]))
                continue
            }
            let end = parsed.end ?? start
            var occurrences: [(Date, Date, String?)] = []
            if parsed.rrule != nil || !parsed.rdates.isEmpty {
                for o in calendar.occurrences(of: parsed, from: range.lowerBound, to: range.upperBound, limit: Self.maxOccurrences) {
                    let s = o.start.date(in: zone)
                    occurrences.append((s, o.end.date(in: zone), Timestamp.format(s)))
                }
            } else {
                occurrences = [(start.date(in: zone), end.date(in: zone), nil)]
            }
            let uid = StakeholderValidation.tidy(parsed.uid)
            for (s, e, suffix) in occurrences {
                var draft = Event(kind: Self.kind(parsed), title: title, startsAt: s.wholeMilliseconds,
                                  endsAt: max(e, s.addingTimeInterval(parsed.isAllDay ? 86_400 : 60)).wholeMilliseconds,
                                  timeZone: parsed.ianaTimeZone ?? zoneName, createdAt: at, updatedAt: at)
                draft.location = StakeholderValidation.tidy(parsed.location).map { String($0.prefix(500)) }
                draft.description = StakeholderValidation.tidy(parsed.description).map { String($0.prefix(20_000)) }
                if let u = parsed.url, let url = URL(string: u), ["http", "https"].contains(url.scheme?.lowercased() ?? "") { draft.onlineURL = u }
                draft.topics = Array(parsed.categories.compactMap(StakeholderValidation.tidy).prefix(50))
                draft.isCancelled = parsed.status == "CANCELLED"
                draft.externalId = uid.map { suffix.map { "\(uid ?? "")#\($0)" } ?? $0 }
                draft.title = String(draft.title.prefix(300))
                var patch = EventPatch()
                patch.kind = draft.kind; patch.title = draft.title; patch.startsAt = draft.startsAt; patch.endsAt = draft.endsAt
                patch.timeZone = draft.timeZone
                do {
                    let checked = try await engagement.validated(patch, draft)
                    if let x = checked.externalId, var old = byExternal[x] {
                        let before = old
                        old.kind = checked.kind; old.title = checked.title; old.startsAt = checked.startsAt; old.endsAt = checked.endsAt
                        old.timeZone = checked.timeZone; old.location = checked.location; old.description = checked.description
                        old.onlineURL = checked.onlineURL; old.topics = checked.topics; old.isCancelled = checked.isCancelled
                        if old == before {
                            report.rows.append(.init(line: parsed.line, action: .skip, title: title, eventId: old.id, reasons: ["unchanged since the last import"]))
                            continue
                        }
                        old.updatedAt = max(at, before.updatedAt.addingTimeInterval(0.001))
                        updates.append(old)
                        audit.append(AuditEntry(at: at, actor: actor, action: "import-update", entityType: "event", entityId: old.id, before: .from(before), after: .from(old)))
                        report.rows.append(.init(line: parsed.line, action: .update, title: title, eventId: old.id, reasons: ["same UID as an imported event"]))
                    } else {
                        creates.append(checked)
                        if let x = checked.externalId { byExternal[x] = checked }
                        audit.append(AuditEntry(at: at, actor: actor, action: "import", entityType: "event", entityId: checked.id, after: .from(checked)))
                        report.rows.append(.init(line: parsed.line, action: .create, title: title, eventId: checked.id, reasons: []))
                    }
                } catch ConveneError.invalid(let errors) {
                    report.rows.append(.init(line: parsed.line, action: .reject, title: title, eventId: nil, reasons: errors.map(\.description)))
                }
            }
        }
        let rejected = report.count(.reject)
        if dryRun || (rejected > 0 && !skipInvalid) || (creates.isEmpty && updates.isEmpty) { return report }
        try await engagement.store.importEvents(creates: creates, updates: updates, audit: audit)
        report.applied = true
        return report
    }

    static func kind(_ e: ICalendarParsedEvent) -> EventKind {
        let text = ([e.summary ?? ""] + e.categories).joined(separator: " ").lowercased()
        if text.contains("board") && text.contains("meeting") { return .boardMeeting }
        if text.contains("town hall") { return .townHall }
        if text.contains("forum") { return .policyForum }
        if text.contains("conference") || text.contains("symposium") { return .researchConference }
        if text.contains("working group") || text.contains("committee") { return .workingGroupMeeting }
        return .other
    }
}
