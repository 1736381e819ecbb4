/// Parses the dates feeds carry (RFC 822/2822 and its real-world variants, W3CDTF / ISO 8601,
/// asctime) into UTC, as feedparser's `_parse_date` does; nil when nothing sensible is found.
public enum FeedDate {
    public static func parse(_ text: String) -> FeedTime? {
        let trimmed = text.trimmingFeedWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count < 200 else { return nil }
        if let first = trimmed.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
            if let time = iso8601(Array(trimmed.utf8)) { return time }
        }
        if let time = commonRFC822(trimmed) { return time }
        return rfc822(trimmed)
    }

    // MARK: W3CDTF / ISO 8601

    private static func iso8601(_ bytes: [UInt8]) -> FeedTime? {
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func skip(_ byte: UInt8) -> Bool {
            if index < bytes.count, bytes[index] == byte {
                index += 1
                return true
            }
            return false
        }
        guard let year = digits(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0
        let dashed = skip(UInt8(ascii: "-"))
        if let value = digits(2) {
            month = value
            if dashed { _ = skip(UInt8(ascii: "-")) }
            if let value = digits(2) { day = value }
        } else if dashed, index < bytes.count {
            return nil
        }
        var offsetSeconds = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: " ") {
            index += 1
            guard let hourValue = digits(2) else { return nil }
            hour = hourValue
            let colon = skip(UInt8(ascii: ":"))
            if let value = digits(2) {
                minute = value
                if colon { _ = skip(UInt8(ascii: ":")) }
                if let value = digits(2) { second = value }
                if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
                    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                }
            }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            if index < bytes.count {
                let sign = bytes[index]
                if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                    index += 1
                } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                    index += 1
                    guard let zoneHours = digits(2) else { return nil }
                    _ = skip(UInt8(ascii: ":"))
                    let zoneMinutes = digits(2) ?? 0
                    offsetSeconds = (zoneHours * 3600 + zoneMinutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
                } else {
                    let rest = String(decoding: bytes[index...], as: UTF8.self)
                    guard let zone = zoneOffset(rest) else { return nil }
                    offsetSeconds = zone
                    index = bytes.count
                }
            }
        }
        guard index == bytes.count else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offsetSeconds)
    }

    static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> FeedTime? {
        guard (1...12).contains(month), (1...31).contains(day), hour <= 24, minute <= 59, second <= 61, year > 0 else { return nil }
        let local = FeedTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return FeedTime(epochSeconds: local.epochSeconds - offset)
    }

    // MARK: RFC 822 and friends

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "adt": -3, "ast": -4, "at": -4,
        "edt": -4, "est": -5, "et": -5,
        "cdt": -5, "cst": -6, "ct": -6,
        "mdt": -6, "mst": -7, "mt": -7,
        "pdt": -7, "pst": -8, "pt": -8,
        "a": -1, "n": 1, "m": -12, "y": 12,
    ]

    private static func zoneOffset(_ token: String) -> Int? {
        let lower = token.lowercased()
        if let hours = zones[lower] { return hours * 3600 }
        var bytes = Array(lower.utf8)
        if lower.hasPrefix("gmt") || lower.hasPrefix("utc") { bytes.removeFirst(3) }
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let numbers = bytes.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard !numbers.isEmpty, numbers.count <= 4, numbers.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let value = Int(String(decoding: numbers, as: UTF8.self)) ?? 0
        let hours = numbers.count <= 2 ? value : value / 100
        let minutes = numbers.count <= 2 ? 0 : value % 100
        return (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
    }

    private static func rfc822(_ text: String) -> FeedTime? {
        var tokens: [Substring] = []
        for piece in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            // "01-Jan-2004" and "2004/01/01" style dates split further.
            if piece.utf8.contains(UInt8(ascii: "-")), !piece.hasPrefix("-"), !piece.hasPrefix("+"), piece.first?.isNumber == true, !piece.utf8.contains(UInt8(ascii: ":")) {
                tokens.append(contentsOf: piece.split(separator: "-"))
            } else {
                tokens.append(piece)
            }
        }
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset = 0
        var numbers: [Int] = []
        for token in tokens {
            let lower = token.lowercased()
            if let found = months.firstIndex(where: { lower.hasPrefix($0) }), month == nil, lower.count >= 3, lower.allSatisfy({ $0.isLetter || $0 == "." }) {
                month = found + 1
            } else if token.utf8.contains(UInt8(ascii: ":")) {
                let parts = token.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]) else {
                    if let zone = zoneOffset(String(token)) { offset = zone }
                    continue
                }
                hour = h
                minute = m
                if parts.count > 2 {
                    let secondText = parts[2].prefix { $0.isNumber }
                    second = Int(secondText) ?? 0
                }
            } else if let number = Int(token), !token.hasPrefix("+"), !token.hasPrefix("-") {
                numbers.append(number)
                if token.count == 4, year == nil { year = number }
            } else if let zone = zoneOffset(String(token)) {
                offset = zone
            } else if ["am", "pm"].contains(lower) {
                if lower == "pm", hour < 12 { hour += 12 }
                if lower == "am", hour == 12 { hour = 0 }
            }
        }
        for number in numbers where number != year {
            if day == nil, (1...31).contains(number) {
                day = number
            } else if year == nil {
                year = number < 100 ? number + (number < 90 ? 2000 : 1900) : number
            }
        }
        guard let day, let month, let year else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }
}

extension String {
    /// The string without leading and trailing XML white space.
    func trimmingFeedWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if !XMLTokenizer.isSpace(first), !XMLTokenizer.isSpace(last) { return self }
        guard let start = utf8.firstIndex(where: { !XMLTokenizer.isSpace($0) }),
              let end = utf8.lastIndex(where: { !XMLTokenizer.isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
