import Foundation

/// A DATE or DATE-TIME property: its value, TZID and line.
struct ICalendarReaderTimedValue: Sendable {
    var value: ICalendarReaderTimeValue
    var tzid: String?
    var line: Int
}

/// One RDATE: a start, and for a PERIOD an end or a duration.
struct ICalendarReaderRecurrenceValue: Sendable {
    var start: ICalendarReaderTimedValue
    var end: ICalendarReaderTimedValue?
    var duration: ICalendarParsedDuration?
}

/// A VEVENT while its lines arrive: the text fields filled in at once, the times kept as
/// written until the TZIDs they use can be resolved.
struct ICalendarReaderEventDraft: Sendable {
    var event: ICalendarParsedEvent
    var start: ICalendarReaderTimedValue?
    var end: ICalendarReaderTimedValue?
    var recurrenceId: ICalendarReaderTimedValue?
    var rules: [ICalendarRecurrenceRule] = []
    var rdates: [ICalendarReaderRecurrenceValue] = []
    var exdates: [ICalendarReaderTimedValue] = []
    var warnings = ICalendarReaderWarnings()
    /// Every TZID the times use.
    var tzids: Set<String> = []
    let warningLimit: Int

    /// Properties whose values decide when the event happens: unreadable, they fail the read.
    static let timing: Set<String> = ["DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"]

    /// The VALUE types RDATE and EXDATE may have (none means DATE-TIME).
    static let listTypes: Set<String?> = [nil, "DATE", "DATE-TIME", "PERIOD"]

    init(line: Int, warningLimit: Int) {
        event = ICalendarParsedEvent(line: line)
        self.warningLimit = warningLimit
    }

    mutating func warn(_ line: Int, _ message: String) {
        warnings.add(line, message, limit: warningLimit)
    }

    /// Takes one property of the VEVENT (not of its VALARMs).
    mutating func take(_ line: ICalendarReaderContentLine) throws(ICalendarReaderError) {
        let value = line.value
        switch line.name {
        case "UID": if !Self.once(&event.uid, ICalendarReaderValues.text(value)) { duplicate(line) }
        case "SUMMARY": if !Self.once(&event.summary, ICalendarReaderValues.text(value)) { duplicate(line) }
        case "DESCRIPTION": if !Self.once(&event.description, ICalendarReaderValues.text(value)) { duplicate(line) }
        case "LOCATION": if !Self.once(&event.location, ICalendarReaderValues.text(value)) { duplicate(line) }
        case "URL": if !Self.once(&event.url, ICalendarReaderValues.trimmed(value)) { duplicate(line) }
        case "STATUS":
            if !Self.once(&event.status, ICalendarReaderValues.trimmed(ICalendarReaderValues.text(value)).uppercased()) { duplicate(line) }
        case "CATEGORIES":
            event.categories += ICalendarReaderValues.textList(value).map(ICalendarReaderValues.trimmed).filter { !$0.isEmpty }
        case "ORGANIZER":
            guard event.organizer == nil else { return duplicate(line) }
            let address = ICalendarReaderValues.trimmed(value)
            let email = address.lowercased().hasPrefix("mailto:") ? String(address.dropFirst(7)) : nil
            // An unquoted CN with an escaped comma (`CN=Doe\, Jane`, as some clients write)
            // arrives as two values; joined and unescaped it is the name meant.
            let name = line.parameters.first { $0.name == "CN" }.map { ICalendarReaderValues.text($0.values.joined(separator: ",")) }
                .flatMap { $0.isEmpty ? nil : $0 }
            event.organizer = ICalendarParsedOrganizer(name: name, email: email.flatMap { $0.isEmpty ? nil : $0 }, address: address)
        case "SEQUENCE":
            if let number = Int(ICalendarReaderValues.trimmed(value)) {
                event.sequence = number
            } else {
                warn(line.line, "SEQUENCE \(ICalendarReaderValues.quoted(value)) is not a number and was ignored")
            }
        case "DTSTART": try setTime(\.start, line)
        case "DTEND": try setTime(\.end, line)
        case "RECURRENCE-ID": try setTime(\.recurrenceId, line)
        case "DURATION":
            guard let duration = ICalendarReaderValues.duration(value) else {
                throw ICalendarReaderError(line: line.line, message: "DURATION \(ICalendarReaderValues.quoted(value)) is not a duration this reader can use")
            }
            if event.duration == nil { event.duration = duration } else { duplicate(line) }
        case "RRULE":
            var notes: [String] = []
            do throws(ICalendarReaderValueError) {
                rules.append(try ICalendarRecurrenceRule.parse(value, notes: &notes))
            } catch {
                throw ICalendarReaderError(line: line.line, message: error.message)
            }
            for note in notes { warn(line.line, note) }
            if rules.count == 2 { warn(line.line, "more than one RRULE; occurrences follow all of them") }
            if let scale = rules.last?.scale, !(rules.last?.isGregorian ?? true) {
                warn(line.line, "RSCALE=\(scale) is not supported; only DTSTART and RDATE give occurrences")
            }
        case "EXRULE":
            warn(line.line, "EXRULE (dropped by RFC 5545) was ignored")
        case "RDATE" where !Self.listTypes.contains(line.valueType), "EXDATE" where !Self.listTypes.contains(line.valueType):
            warn(line.line, "\(line.name) with VALUE=\(line.valueType ?? "") cannot be placed on a day and was ignored")
        case "RDATE":
            for item in try list(line) {
                rdates.append(try recurrenceValue(item, line))
            }
        case "EXDATE":
            for item in try list(line) {
                exdates.append(try timed(item, line))
            }
        default:
            break
        }
    }

    /// Sets a field that should appear once; false when it already had a value.
    private static func once(_ field: inout String?, _ value: String) -> Bool {
        guard field == nil else { return false }
        field = value
        return true
    }

    private mutating func duplicate(_ line: ICalendarReaderContentLine) {
        warn(line.line, "a second \(line.name) was ignored")
    }

    private mutating func setTime(_ field: WritableKeyPath<Self, ICalendarReaderTimedValue?>, _ line: ICalendarReaderContentLine) throws(ICalendarReaderError) {
        let time = try timed(Substring(line.value), line)
        if self[keyPath: field] == nil {
            self[keyPath: field] = time
        } else {
            duplicate(line)
        }
    }

    /// The items of an RDATE or EXDATE; an empty one is not a value.
    private func list(_ line: ICalendarReaderContentLine) throws(ICalendarReaderError) -> [Substring] {
        let items = line.value.split(separator: ",", omittingEmptySubsequences: false)
        if items.contains(where: { $0.allSatisfy { $0 == " " || $0 == "\t" } }) {
            throw ICalendarReaderError(line: line.line, message: "\(line.name) has an empty value")
        }
        return items
    }

    private mutating func timed(_ text: Substring, _ line: ICalendarReaderContentLine) throws(ICalendarReaderError) -> ICalendarReaderTimedValue {
        guard let value = ICalendarReaderValues.time(text) else {
            throw ICalendarReaderError(line: line.line, message: "\(line.name) \(ICalendarReaderValues.quoted(text)) is not a date or date-time")
        }
        switch (line.valueType, value) {
        case ("DATE", .utc), ("DATE", .local):
            warn(line.line, "\(line.name) says VALUE=DATE but holds a date-time; read as a date-time")
        case ("DATE-TIME", .date):
            warn(line.line, "\(line.name) says VALUE=DATE-TIME but holds a date; read as a date")
        default:
            break
        }
        var tzid = line.parameter("TZID").map(ICalendarReaderValues.trimmed)
        if tzid?.isEmpty ?? false { tzid = nil }
        if let zone = tzid {
            if case .local = value {
                tzids.insert(zone)
            } else {
                tzid = nil
            }
        }
        return ICalendarReaderTimedValue(value: value, tzid: tzid, line: line.line)
    }

    private mutating func recurrenceValue(_ text: Substring, _ line: ICalendarReaderContentLine) throws(ICalendarReaderError) -> ICalendarReaderRecurrenceValue {
        guard let slash = text.firstIndex(of: "/") else {
            if line.valueType == "PERIOD" {
                throw ICalendarReaderError(line: line.line, message: "\(line.name) \(ICalendarReaderValues.quoted(text)) is not a period")
            }
            return ICalendarReaderRecurrenceValue(start: try timed(text, line))
        }
        let start = try timed(text[..<slash], line)
        let rest = text[text.index(after: slash)...]
        if let duration = ICalendarReaderValues.duration(rest), rest.contains(where: { $0 == "P" || $0 == "p" }) {
            return ICalendarReaderRecurrenceValue(start: start, duration: duration)
        }
        let end = try timed(rest, line)
        guard start.value.isDate == end.value.isDate else {
            throw ICalendarReaderError(line: line.line, message: "\(line.name) \(ICalendarReaderValues.quoted(text)) mixes a date and a date-time")
        }
        return ICalendarReaderRecurrenceValue(start: start, end: end)
    }
}
