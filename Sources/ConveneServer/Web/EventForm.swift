import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// The event form as typed. Start and end are a date and a time each, read in the chosen
/// zone; the organizer is a name or an id. Field names follow the API's (`startsAt`,
/// `endsAt`, `timeZone`, `organizerId`), so the domain's errors land beside them.
struct EventFormValues: Sendable {
    var kind = EventKind.other.rawValue, title = ""
    var startDate = "", startTime = "", endDate = "", endTime = ""
    var timeZone = "", timeZoneOther = ""
    var location = "", onlineURL = "", description = "", topics = "", notes = ""
    /// As typed: a stakeholder's name or id.
    var organizer = ""
    /// The organizer the event had when the form was opened, so an unchanged name keeps it.
    var organizerCurrent = ""
    var organizerChoices: [Stakeholder] = []
    var isCancelled = false
    var hasCancelled = false

    init(zone: String) { timeZone = zone }

    init(_ e: Event, organizerName: String?) {
        let zone = TimeZone(identifier: e.timeZone) ?? WebTime.defaultZone
        kind = e.kind.rawValue; title = e.title
        startDate = WebTime.dateText(e.startsAt, zone); startTime = WebTime.timeText(e.startsAt, zone)
        endDate = WebTime.dateText(e.endsAt, zone); endTime = WebTime.timeText(e.endsAt, zone)
        timeZone = e.timeZone
        location = e.location ?? ""; onlineURL = e.onlineURL ?? ""; description = e.description ?? ""
        topics = ListText.join(e.topics); notes = e.notes ?? ""
        organizer = organizerName ?? e.organizerId ?? ""; organizerCurrent = e.organizerId ?? ""
        isCancelled = e.isCancelled; hasCancelled = true
    }

    init(form: FormData) {
        func text(_ name: String) -> String { (form.first(name) ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
        kind = text("kind"); title = text("title")
        startDate = text("startsAt.date"); startTime = text("startsAt.time"); endDate = text("endsAt.date"); endTime = text("endsAt.time")
        timeZone = text("timeZone"); timeZoneOther = text("timeZoneOther")
        location = text("location"); onlineURL = text("onlineURL"); description = text("description"); topics = text("topics"); notes = text("notes")
        organizer = text("organizerId"); organizerCurrent = text("organizerCurrent")
        if let choice = form.first("organizerChoice"), Identifier.isPlausible(choice) { organizer = choice }
        hasCancelled = form.has("isCancelled")
        isCancelled = form.all("isCancelled").contains("yes")
    }

    /// The zone the times are read in: the typed one if any, else the one chosen.
    var zoneId: String { timeZoneOther.trimmedText.isEmpty ? timeZone.trimmedText : timeZoneOther.trimmedText }

    /// The same patch the API reads (all but the organizer), and the errors the form itself can see.
    func patch() -> (EventPatch, [FieldError]) {
        var p = EventPatch()
        var errors: [FieldError] = []
        if let k = EventKind(rawValue: kind) { p.kind = k } else { errors.append(FieldError("kind", "choose what kind of event it is")) }
        p.title = title
        p.timeZone = zoneId
        if let zone = TimeZone(identifier: zoneId), !zoneId.isEmpty {
            switch WebTime.instant(date: startDate, time: startTime, zone: zone) {
            case .success(let at): p.startsAt = at
            case .failure(let problem): errors.append(FieldError("startsAt", problem.message))
            }
            let day = endDate.trimmedText.isEmpty ? startDate : endDate
            switch WebTime.instant(date: day, time: endTime, zone: zone) {
            case .success(let at): p.endsAt = at
            case .failure(let problem): errors.append(FieldError("endsAt", problem.message))
            }
        } else {
            errors.append(FieldError("timeZone", "\"\(zoneId.prefix(60))\" is not a known time zone; choose one, or type an IANA name such as America/Boise"))
        }
        func optional(_ s: String) -> String?? { .some(s.trimmedText.isEmpty ? nil : s) }
        p.location = optional(location); p.onlineURL = optional(onlineURL); p.description = optional(description); p.notes = optional(notes)
        p.topics = ListText.split(topics)
        if hasCancelled { p.isCancelled = isCancelled }
        return (p, errors)
    }

    /// Finds the organizer typed: the unchanged current one, an id, or a single match by name.
    mutating func resolveOrganizer(into p: inout EventPatch, errors: inout [FieldError], lookup: StakeholderLookup, store: any ConveneStore) async throws {
        let typed = organizer.trimmedText
        if typed.isEmpty { p.organizerId = .some(nil); return }
        if Identifier.isPlausible(organizerCurrent), let current = try await store.stakeholder(id: organizerCurrent),
           current.displayName == typed || current.id == typed {
            p.organizerId = .some(current.id); return
        }
        switch try await lookup.find(typed) {
        case .found(let s): p.organizerId = .some(s.id); organizer = s.displayName; organizerCurrent = s.id
        case .none: errors.append(FieldError("organizerId", "no stakeholder matches \"\(typed.prefix(60))\""))
        case .several(let list):
            errors.append(FieldError("organizerId", "\"\(typed.prefix(60))\" matches \(list.count) stakeholders; choose one below"))
            organizerChoices = list
        }
    }

    /// The domain's messages, in the form's words.
    static func formErrors(_ errors: [FieldError]) -> [FieldError] {
        errors.map { FieldError($0.field, $0.message.replacingOccurrences(of: "startsAt", with: "the start")) }
    }
}

/// The new-event and edit-event page.
struct EventFormView {
    var eventId: String?
    var values: EventFormValues
    var user: User
    var csrf: String?
    var errors: [FieldError] = []
    var status: HTTPResponse.Status = .ok

    static let labels = ["kind": "Kind", "title": "Title", "startsAt": "Starts", "endsAt": "Ends", "timeZone": "Time zone", "location": "Place",
                         "onlineURL": "Online link", "organizerId": "Organizer", "description": "Description", "topics": "Topics", "notes": "Notes"]

    func render() -> Response {
        let v = values, e = errors
        let title = eventId == nil ? "New event" : "Edit event"
        let action = eventId.map { "/events/\($0)/edit" } ?? "/events/new"
        let kinds = EventKind.allCases.map { ($0.rawValue, $0.label) }
        let cancelled: HTML = v.hasCancelled ? """
            <div class="field checks"><input type="hidden" name="isCancelled" value=""><label for="f-isCancelled"><input type="checkbox" id="f-isCancelled" name="isCancelled" value="yes"\(v.isCancelled ? " checked" : "")> Cancelled (it stays in calendars, marked cancelled)</label></div>
            """ : .empty
        let body: HTML = """
            <p><a href="\(eventId.map { "/events/\($0)" } ?? "/events")">← Back</a></p>
            <h1>\(title)</h1>
            \(Layout.errorSummary(e, level: 2, anchor: { "f-" + ($0.split(separator: "[").first.map(String.init) ?? $0) }, label: { Self.labels[$0] ?? $0 }))
            <form method="post" action="\(action)" novalidate>
            \(Layout.csrfField(csrf))
            \(Layout.select("kind", "Kind", options: kinds, selected: v.kind, errors: e))
            \(Layout.field("title", "Title", value: v.title, errors: e, required: true))
            \(Layout.dateTime("startsAt", legend: "Starts", date: v.startDate, time: v.startTime, errors: e))
            \(Layout.dateTime("endsAt", legend: "Ends", date: v.endDate, time: v.endTime, errors: e, hint: "Leave the date empty if it ends on the day it starts."))
            \(Layout.timeZonePicker("timeZone", selected: v.timeZone, other: v.timeZoneOther, errors: e))
            \(Layout.field("location", "Place (optional)", value: v.location, errors: e))
            \(Layout.field("onlineURL", "Online link (optional)", value: v.onlineURL, errors: e, hint: "An https:// address to join online."))
            \(Layout.field("organizerId", "Organizer (optional)", value: v.organizer, errors: e, hint: "A stakeholder's name or id, usually an organization."))
            \(StakeholderLookup.choices("organizerChoice", v.organizerChoices))
            <input type="hidden" name="organizerCurrent" value="\(v.organizerCurrent)">
            \(Layout.textarea("description", "Description (optional)", value: v.description, errors: e, hint: "Goes out with the calendar file."))
            \(Layout.field("topics", "Topics (optional)", value: v.topics, errors: e, hint: "Separated by commas."))
            \(Layout.textarea("notes", "Internal notes (optional)", value: v.notes, errors: e, hint: "Stay in Convene; not exported."))
            \(cancelled)
            <button type="submit">\(eventId == nil ? "Create event" : "Save changes")</button>
            </form>
            """
        return Layout.page(title, user: user, csrf: csrf, current: "/events", status: status, body)
    }
}
