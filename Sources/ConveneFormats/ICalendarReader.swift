// An iCalendar (RFC 5545) reader for importing events.
//
// Choices, and why:
// - Streaming: `ICalendarReaderParser` takes bytes in chunks of any size and hands back each
//   VEVENT once its END:VEVENT is read, so memory holds one event plus the time zones. (A line
//   is complete only when the next one starts, since it may be folded, so an event whose END is
//   the last line of a chunk comes out with the next chunk.) RFC 5545 lets a TZID refer to a
//   VTIMEZONE further down. Events that use a TZID Foundation does not know (a Microsoft name
//   such as "Pacific Standard Time", or a custom one) therefore wait, and only they, until a
//   VTIMEZONE for each such TZID has been read, or until `finish()`. Outlook, Google and Apple
//   write VTIMEZONEs first, so in practice nothing waits; a file that puts them last costs the
//   memory of the events before them.
// - Time zones: a TZID that is an IANA name Foundation knows is read with Foundation's data (as
//   Google and python's icalendar do), even when the file has a VTIMEZONE for it; otherwise the
//   file's VTIMEZONE (its onsets from DTSTART, RDATE and RRULE); otherwise a Microsoft name or a
//   vendor-prefixed IANA name ("/mozilla.org/20070129_1/America/New_York") mapped to Foundation;
//   otherwise the time is floating, with a warning. A local time a change of offset skips is
//   read with the offset before the gap; one it repeats, as the first pass (RFC 5545 3.3.5).
// - Errors and warnings: the shape of the stream (the first line, BEGIN/END pairs, nesting) and
//   every value that decides when an event happens (DTSTART, DTEND, DURATION, RRULE, RDATE,
//   EXDATE, RECURRENCE-ID and the VTIMEZONE lines they rely on) must be readable, or the read
//   fails, naming the line: an import that guessed would put meetings at the wrong time. The
//   rest is repaired or skipped with a warning naming the line: a line that is not a content
//   line, a property the reader does not use, bytes that are not UTF-8, a second SUMMARY, lines
//   after the last component, a missing END:VCALENDAR at the very end (its events are complete;
//   several exporters forget it). A VEVENT without DTSTART is read, with a nil start and a
//   warning (RFC 5545 allows it with METHOD); the importer decides what to do with it.
// - Lines end in CRLF, LF or a lone CR; blank lines are skipped, and a folded line may continue
//   after them. A bare component (a lone VEVENT or VTIMEZONE, as some clients export) is read,
//   with a warning; a vCard is refused.
// - Bounded: lines, nesting, components and warnings have limits (`ICalendarReaderOptions`);
//   recurrence expansion starts near the window asked for, stops at its end, and gives up after
//   a fixed amount of work, so no input makes the reader crash, hang or grow without bound.
import Foundation

/// Reads a whole iCalendar object at once; see `ICalendarReaderParser` for streaming.
public enum ICalendarReader: Sendable {
    /// Every VEVENT of every VCALENDAR in `bytes`, with the calendar's own properties.
    public static func read(
        _ bytes: some Collection<UInt8>,
        options: ICalendarReaderOptions = .init()
    ) throws(ICalendarReaderError) -> ICalendarParsedCalendar {
        var parser = ICalendarReaderParser(options: options)
        let early = try parser.feed(bytes)
        var calendar = try parser.finish()
        // Events that waited for a VTIMEZONE come last from the parser; put them back in order.
        calendar.events = (early + calendar.events).sorted { $0.line < $1.line }
        return calendar
    }
}

/// Limits that keep any input, however hostile, from exhausting time or memory.
public struct ICalendarReaderOptions: Sendable, Equatable {
    /// The longest content line, in bytes after unfolding.
    public var maximumLineLength: Int
    /// How deeply components may nest (VCALENDAR > VEVENT > VALARM is 3).
    public var maximumDepth: Int
    /// How many components (BEGIN lines) one stream may hold.
    public var maximumComponents: Int
    /// How many warnings are kept per event and for the calendar; the rest are counted in one.
    public var maximumWarnings: Int

    public init(
        maximumLineLength: Int = 1 << 20,
        maximumDepth: Int = 16,
        maximumComponents: Int = 1_000_000,
        maximumWarnings: Int = 100
    ) {
        self.maximumLineLength = maximumLineLength
        self.maximumDepth = maximumDepth
        self.maximumComponents = maximumComponents
        self.maximumWarnings = maximumWarnings
    }
}

/// Why a stream could not be read, and the line (counted from 1) where the problem starts.
public struct ICalendarReaderError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line 14: END:VEVENT without BEGIN:VEVENT`
    public var description: String { "line \(line): \(message)" }
}

/// Something the reader skipped or repaired, and the line where it is.
public struct ICalendarReaderWarning: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// A list of warnings that stops growing at a limit, counting what it left out.
struct ICalendarReaderWarnings: Sendable, Equatable {
    private(set) var list: [ICalendarReaderWarning] = []
    private var omitted = 0
    private var omittedFrom = 0

    mutating func add(_ line: Int, _ message: String, limit: Int) {
        if list.count < limit {
            list.append(ICalendarReaderWarning(line: line, message: message))
        } else {
            if omitted == 0 { omittedFrom = line }
            omitted += 1
        }
    }

    var all: [ICalendarReaderWarning] {
        omitted == 0 ? list : list + [ICalendarReaderWarning(line: omittedFrom, message: "\(omitted) more warnings")]
    }
}
