import Foundation

/// A DATE or DATE-TIME value as written, before any zone is applied.
enum ICalendarReaderTimeValue: Sendable, Equatable {
    case date(ICalendarCivilTime)
    /// Ends in `Z`.
    case utc(ICalendarCivilTime)
    /// Floating, or local to the property's TZID.
    case local(ICalendarCivilTime)

    var civil: ICalendarCivilTime {
        switch self {
        case let .date(civil), let .utc(civil), let .local(civil): return civil
        }
    }

    var isDate: Bool {
        if case .date = self { return true }
        return false
    }
}

/// Readers for the value types the reader relies on (RFC 5545 3.3).
enum ICalendarReaderValues {
    /// A DATE (`20260308`) or DATE-TIME (`20260308T093000`, with `Z` for UTC). The form is
    /// taken from the text itself; VALUE only has to agree, which the caller checks.
    static func time(_ text: some StringProtocol) -> ICalendarReaderTimeValue? {
        withBytes(text) { all in
            var low = 0
            var high = all.count
            while low < high, all[low] == 0x20 || all[low] == 0x09 { low += 1 }
            while high > low, all[high - 1] == 0x20 || all[high - 1] == 0x09 { high -= 1 }
            let bytes = UnsafeBufferPointer(rebasing: all[low..<high])
            guard bytes.count >= 8, let year = number(bytes, 0, 4), let month = number(bytes, 4, 2), let day = number(bytes, 6, 2),
                  (1...9999).contains(year), (1...12).contains(month), (1...daysIn(month, of: year)).contains(day)
            else { return nil }
            var civil = ICalendarCivilTime(year: year, month: month, day: day)
            if bytes.count == 8 { return .date(civil) }
            guard bytes.count == 15 || bytes.count == 16, bytes[8] | 0x20 == 0x74,
                  let hour = number(bytes, 9, 2), let minute = number(bytes, 11, 2), let second = number(bytes, 13, 2),
                  hour < 24, minute < 60, second <= 60
            else { return nil }
            // A leap second is read as the second before it; the clock has no room for it.
            (civil.hour, civil.minute, civil.second) = (hour, minute, min(second, 59))
            if bytes.count == 16 {
                return bytes[15] | 0x20 == 0x7A ? .utc(civil) : nil
            }
            return .local(civil)
        }
    }

    /// Runs `body` on the UTF-8 bytes of `text`, without copying them when they are contiguous.
    static func withBytes<Result>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// `[+-]P…` (RFC 5545 3.3.6), weeks and days as nominal days, the rest in seconds. Nil when
    /// unreadable, or longer than about 10,000 years, which no calendar can mean.
    static func duration(_ text: some StringProtocol) -> ICalendarParsedDuration? {
        let bytes = Array(text.utf8).filter { $0 != 0x20 && $0 != 0x09 }
        var index = 0
        var sign = 1
        if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
            sign = bytes[index] == 0x2D ? -1 : 1
            index += 1
        }
        guard index < bytes.count, bytes[index] | 0x20 == 0x70 else { return nil }
        index += 1
        var days = 0
        var seconds = 0
        var inTime = false
        var parts = 0
        while index < bytes.count {
            if bytes[index] | 0x20 == 0x74, !inTime {
                inTime = true
                index += 1
                continue
            }
            var value = 0
            var digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
                if digits > 9 { return nil }
            }
            guard digits > 0, index < bytes.count else { return nil }
            switch (bytes[index] | 0x20, inTime) {
            case (0x77, false): days += value * 7
            case (0x64, false): days += value
            case (0x68, true): seconds += value * 3_600
            case (0x6D, true): seconds += value * 60
            case (0x73, true): seconds += value
            default: return nil
            }
            parts += 1
            index += 1
        }
        let limit = 3_650_000
        guard parts > 0, days <= limit, seconds <= limit * 86_400 else { return nil }
        return ICalendarParsedDuration(days: sign * days, seconds: sign * seconds)
    }

    /// `+HHMM` or `-HHMMSS` (RFC 5545 3.3.14), in seconds.
    static func utcOffset(_ text: some StringProtocol) -> Int? {
        let bytes = text.utf8.count <= 7 ? Array(text.utf8) : Array(text.utf8).filter { $0 != 0x20 && $0 != 0x09 }
        guard bytes.count == 5 || bytes.count == 7, bytes[0] == 0x2B || bytes[0] == 0x2D,
              let hours = number(bytes, 1, 2), let minutes = number(bytes, 3, 2), hours < 24, minutes < 60
        else { return nil }
        var seconds = hours * 3_600 + minutes * 60
        if bytes.count == 7 {
            guard let extra = number(bytes, 5, 2), extra < 60 else { return nil }
            seconds += extra
        }
        return bytes[0] == 0x2D ? -seconds : seconds
    }

    /// TEXT (RFC 5545 3.3.11) unescaped: `\n` and `\N` to a line break, `\\ \; \, \:` to the
    /// character; an unknown escape is kept as written. Control characters other than tab are
    /// dropped, as the writer drops them.
    static func text(_ raw: some StringProtocol) -> String {
        var raw = String(raw)
        return raw.withUTF8 { utf8 -> String? in
            guard utf8.contains(where: { $0 == 0x5C || $0 < 0x20 || $0 == 0x7F }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            var escaped = false
            for byte in utf8 {
                if escaped {
                    escaped = false
                    switch byte {
                    case 0x6E, 0x4E: out.append(0x0A)
                    case 0x5C, 0x3B, 0x2C, 0x3A: out.append(byte)
                    default:
                        out.append(0x5C)
                        if byte >= 0x20 && byte != 0x7F || byte == 0x09 { out.append(byte) }
                    }
                } else if byte == 0x5C {
                    escaped = true
                } else if byte >= 0x20 && byte != 0x7F || byte == 0x09 {
                    out.append(byte)
                }
            }
            if escaped { out.append(0x5C) }
            return String(decoding: out, as: UTF8.self)
        } ?? raw
    }

    /// A TEXT list split at commas that are not escaped, each item unescaped.
    static func textList(_ raw: some StringProtocol) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for character in raw {
            if escaped {
                current.append("\\")
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "," {
                items.append(text(current))
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        items.append(text(current))
        return items
    }

    /// `text` without spaces and tabs at either end (Foundation's trimming is slow on Linux).
    static func trimmed(_ text: some StringProtocol) -> String {
        let text = Substring(text)
        let utf8 = text.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while start < end {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return String(text[start..<end])
    }

    /// Text from the file for an error or warning: quoted, control characters shown as `\u{…}`,
    /// and cut short after 60 characters.
    static func quoted(_ text: some StringProtocol) -> String {
        var out = "\""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == 60 {
                out += "…"
                break
            }
            out += scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
        return out + "\""
    }

    static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        bytes.withUnsafeBufferPointer { number($0, start, count) }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
