import Foundation

/// One content line, `NAME;PARAM=a,"b":value` (RFC 5545 3.1), split into its parts.
struct ICalendarReaderContentLine {
    /// In upper case.
    var name: String
    /// Names in upper case; values unquoted, with RFC 6868 `^n ^^ ^'` decoded.
    var parameters: [(name: String, values: [String])]
    /// As written (not unescaped); invalid UTF-8 replaced by U+FFFD.
    var value: String
    var line: Int

    /// The first value of parameter `name` (upper case).
    func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.values.first
    }

    /// VALUE in upper case.
    var valueType: String? { parameter("VALUE")?.uppercased() }

    /// What a line that is not a content line gets instead: the name it starts with (upper
    /// case, possibly empty), so the caller can tell whether it mattered.
    struct Malformed: Error {
        var name: String
        var message: String
    }

    /// Splits a logical line; `hadInvalidUTF8` tells whether bytes had to be replaced.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, hadInvalidUTF8: inout Bool) throws(Malformed) -> ICalendarReaderContentLine {
        let count = bytes.count
        var index = 0
        while index < count, isNameByte(bytes[index]) { index += 1 }
        guard index > 0, index <= 200 else {
            throw Malformed(name: "", message: "a line that is not a content line (it should start with a property name) was skipped")
        }
        let name = upper(bytes[0..<index])
        var parameters: [(name: String, values: [String])] = []
        while true {
            guard index < count else { throw Malformed(name: name, message: "\(name) has no ':' before its value") }
            let byte = bytes[index]
            if byte == 0x3A { break }
            guard byte == 0x3B else {
                let shown = (0x20..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16, uppercase: true)
                throw Malformed(name: name, message: "\(name) is followed by \(shown) instead of ';' or ':'")
            }
            index += 1
            let nameStart = index
            while index < count, isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart, index - nameStart <= 200 else {
                throw Malformed(name: name, message: index == nameStart ? "\(name) has an empty parameter name" : "\(name) has a parameter name over 200 characters")
            }
            let parameterName = upper(bytes[nameStart..<index])
            guard index < count, bytes[index] == 0x3D else {
                throw Malformed(name: name, message: "\(name) has a parameter \(parameterName) without '='")
            }
            index += 1
            var values: [String] = []
            while true {
                if index < count, bytes[index] == 0x22 {
                    let start = index + 1
                    guard let end = bytes[start..<count].firstIndex(of: 0x22) else {
                        throw Malformed(name: name, message: "\(name) has a parameter \(parameterName) whose quote is not closed")
                    }
                    values.append(parameterValue(bytes[start..<end], hadInvalidUTF8: &hadInvalidUTF8))
                    index = end + 1
                } else {
                    let start = index
                    while index < count, bytes[index] != 0x2C, bytes[index] != 0x3B, bytes[index] != 0x3A, bytes[index] != 0x22 {
                        index += 1
                    }
                    values.append(parameterValue(bytes[start..<index], hadInvalidUTF8: &hadInvalidUTF8))
                }
                guard index < count, bytes[index] == 0x2C else { break }
                index += 1
            }
            parameters.append((parameterName, values))
        }
        let value = decode(bytes[(index + 1)..<count], hadInvalidUTF8: &hadInvalidUTF8)
        return ICalendarReaderContentLine(name: name, parameters: parameters, value: value, line: line)
    }

    /// ALPHA, DIGIT and `-` (RFC 5545 iana-token and x-name).
    static func isNameByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isNameByte)
    }

    private static func upper(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (offset, byte) in bytes.enumerated() { buffer[offset] = (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }
            return bytes.count
        }
    }

    private static func decode(_ bytes: some Collection<UInt8>, hadInvalidUTF8: inout Bool) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if bytes.contains(where: { $0 >= 0x80 }), !text.utf8.elementsEqual(bytes) { hadInvalidUTF8 = true }
        return text
    }

    /// RFC 6868: `^n` is a line break, `^'` a double quote, `^^` a caret; any other `^` stays.
    private static func parameterValue(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, hadInvalidUTF8: inout Bool) -> String {
        guard bytes.contains(0x5E) else { return decode(bytes, hadInvalidUTF8: &hadInvalidUTF8) }
        var out: [UInt8] = []
        var caret = false
        for byte in bytes {
            if caret {
                caret = false
                switch byte {
                case 0x6E: out.append(0x0A)
                case 0x27: out.append(0x22)
                case 0x5E: out.append(0x5E)
                default: out.append(contentsOf: [0x5E, byte])
                }
            } else if byte == 0x5E {
                caret = true
            } else {
                out.append(byte)
            }
        }
        if caret { out.append(0x5E) }
        return decode(out, hadInvalidUTF8: &hadInvalidUTF8)
    }
}
