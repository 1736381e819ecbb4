extension FeedDate {
    /// The shape nearly every RSS date has, "Wed, 02 Oct 2002 13:00:00 +0000" (or GMT), read
    /// straight from the bytes; nil for anything else, which the general reader then handles.
    static func commonRFC822(_ text: String) -> FeedTime? {
        text.utf8.withContiguousStorageIfAvailable { commonRFC822(bytes: $0) } ?? nil
    }

    private static func commonRFC822(bytes: UnsafeBufferPointer<UInt8>) -> FeedTime? {
        let count = bytes.count
        guard count >= 28 else { return nil }
        var index = 0
        func lower(_ at: Int) -> UInt8 { bytes[at] | 0x20 }
        func isLetter(_ at: Int) -> Bool { lower(at) >= UInt8(ascii: "a") && lower(at) <= UInt8(ascii: "z") }
        func digits(_ length: Int) -> Int? {
            guard index + length <= count else { return nil }
            var value = 0
            for offset in 0..<length {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += length
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        // "Www, "
        guard isLetter(0), isLetter(1), isLetter(2), bytes[3] == UInt8(ascii: ","), bytes[4] == UInt8(ascii: " ") else { return nil }
        guard weekdayNames.contains(where: { $0 == (lower(0), lower(1), lower(2)) }) else { return nil }
        index = 5
        // "DD " or "D "
        let dayLength = index + 1 < count && bytes[index + 1] == UInt8(ascii: " ") ? 1 : 2
        guard let day = digits(dayLength), (1...31).contains(day), expect(UInt8(ascii: " ")) else { return nil }
        guard index + 4 <= count, isLetter(index), isLetter(index + 1), isLetter(index + 2), bytes[index + 3] == UInt8(ascii: " ") else { return nil }
        let name = (lower(index), lower(index + 1), lower(index + 2))
        guard let monthIndex = monthNames.firstIndex(where: { $0 == name }) else { return nil }
        index += 4
        guard let year = digits(4), year > 31, expect(UInt8(ascii: " ")),
              let hour = digits(2), expect(UInt8(ascii: ":")),
              let minute = digits(2), expect(UInt8(ascii: ":")),
              let second = digits(2), expect(UInt8(ascii: " ")) else { return nil }
        let rest = count - index
        var offset = 0
        if rest == 5, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let negative = bytes[index] == UInt8(ascii: "-")
            index += 1
            guard let zoneHours = digits(2), let zoneMinutes = digits(2) else { return nil }
            offset = (zoneHours * 3600 + zoneMinutes * 60) * (negative ? -1 : 1)
        } else if rest == 3, lower(index) == UInt8(ascii: "g"), lower(index + 1) == UInt8(ascii: "m"), lower(index + 2) == UInt8(ascii: "t") {
            offset = 0
        } else if rest == 3, lower(index) == UInt8(ascii: "u"), lower(index + 1) == UInt8(ascii: "t"), lower(index + 2) == UInt8(ascii: "c") {
            offset = 0
        } else {
            return nil
        }
        return make(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    private static let weekdayNames: [(UInt8, UInt8, UInt8)] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(Self.triple)
    private static let monthNames: [(UInt8, UInt8, UInt8)] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map(Self.triple)

    private static func triple(_ name: String) -> (UInt8, UInt8, UInt8) {
        let bytes = Array(name.utf8)
        return (bytes[0], bytes[1], bytes[2])
    }
}
