/// One lexical piece of an XML document, as found by `XMLTokenizer`.
enum XMLTokenKind: Sendable, Equatable {
    case startTag
    case endTag
    case text
    case cdata
    case comment
    case processingInstruction
    case doctype
    case end
}

/// A raw attribute: byte ranges of its name and (unquoted) value in the tokenizer's buffer.
struct XMLRawAttribute: Sendable {
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
    var valueHasReferences: Bool
}

/// A forgiving pull tokenizer over UTF-8 bytes: every call advances, so it never hangs, and it
/// records the first lexical problem instead of stopping.
struct XMLTokenizer: Sendable {
    let bytes: [UInt8]
    private(set) var position = 0

    private(set) var kind = XMLTokenKind.end
    /// The element name (tags), target (processing instructions) or whole body (doctype).
    private(set) var nameStart = 0
    private(set) var nameEnd = 0
    /// Character data of text, CDATA and comment tokens.
    private(set) var textStart = 0
    private(set) var textEnd = 0
    private(set) var textHasReferences = false
    private(set) var isSelfClosing = false
    private(set) var attributes: [XMLRawAttribute] = []
    /// The first lexical problem: its message and byte offset.
    private(set) var problem: (message: String, offset: Int)?

    init(bytes: [UInt8]) {
        self.bytes = bytes
        attributes.reserveCapacity(8)
    }

    mutating func report(_ message: String, at offset: Int) {
        if problem == nil { problem = (message, offset) }
    }

    /// Reads the next token; `kind` is `.end` at the end of the input.
    mutating func next() {
        let count = bytes.count
        guard position < count else {
            kind = .end
            return
        }
        if bytes[position] != UInt8(ascii: "<") {
            scanText()
            return
        }
        let start = position
        guard start + 1 < count else {
            report("document ends inside a tag", at: start)
            textStart = start; textEnd = count; textHasReferences = false
            position = count
            kind = .text
            return
        }
        switch bytes[start + 1] {
        case UInt8(ascii: "/"): scanEndTag()
        case UInt8(ascii: "?"): scanProcessingInstruction()
        case UInt8(ascii: "!"): scanMarkupDeclaration()
        default:
            if XMLTokenizer.isNameStart(bytes[start + 1]) {
                scanStartTag()
            } else {
                report("'<' not followed by a name", at: start)
                position = start + 1
                textStart = start; textEnd = position; textHasReferences = false
                kind = .text
            }
        }
    }

    private mutating func scanText() {
        let count = bytes.count
        var index = position
        var references = false
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { break }
            if byte == UInt8(ascii: "&") { references = true }
            index += 1
        }
        textStart = position
        textEnd = index
        textHasReferences = references
        position = index
        kind = .text
    }

    private mutating func scanName(from start: Int) -> Int {
        var index = start
        let count = bytes.count
        while index < count, XMLTokenizer.isNameByte(bytes[index]) { index += 1 }
        return index
    }

    private mutating func skipSpace(from start: Int) -> Int {
        var index = start
        let count = bytes.count
        while index < count, XMLTokenizer.isSpace(bytes[index]) { index += 1 }
        return index
    }

    private mutating func scanStartTag() {
        let count = bytes.count
        nameStart = position + 1
        nameEnd = scanName(from: nameStart)
        attributes.removeAll(keepingCapacity: true)
        isSelfClosing = false
        kind = .startTag
        var index = nameEnd
        while true {
            index = skipSpace(from: index)
            guard index < count else {
                report("document ends inside the start tag", at: position)
                position = count
                return
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                position = index + 1
                return
            }
            if byte == UInt8(ascii: "/") {
                if index + 1 < count, bytes[index + 1] == UInt8(ascii: ">") {
                    isSelfClosing = true
                    position = index + 2
                    return
                }
                report("stray '/' in a start tag", at: index)
                index += 1
                continue
            }
            if byte == UInt8(ascii: "<") {
                report("start tag not closed", at: index)
                position = index
                return
            }
            guard XMLTokenizer.isNameByte(byte) else {
                report("unexpected character in a start tag", at: index)
                index += 1
                continue
            }
            index = scanAttribute(from: index)
        }
    }

    /// Scans `name = "value"` starting at a name byte; returns the index after it.
    private mutating func scanAttribute(from start: Int) -> Int {
        let count = bytes.count
        let nameEnd = scanName(from: start)
        var index = skipSpace(from: nameEnd)
        guard index < count, bytes[index] == UInt8(ascii: "=") else {
            report("attribute without a value", at: start)
            attributes.append(XMLRawAttribute(nameStart: start, nameEnd: nameEnd, valueStart: start, valueEnd: nameEnd, valueHasReferences: false))
            return index
        }
        index = skipSpace(from: index + 1)
        guard index < count else { return index }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let valueStart = index + 1
            var end = valueStart
            var references = false
            while end < count, bytes[end] != quote {
                if bytes[end] == UInt8(ascii: "&") { references = true }
                if bytes[end] == UInt8(ascii: "<") { report("'<' in an attribute value", at: end) }
                end += 1
            }
            if end >= count { report("attribute value not closed", at: start) }
            attributes.append(XMLRawAttribute(nameStart: start, nameEnd: nameEnd, valueStart: valueStart, valueEnd: min(end, count), valueHasReferences: references))
            return min(end + 1, count)
        }
        report("attribute value without quotes", at: index)
        let valueStart = index
        var end = index
        var references = false
        while end < count {
            let byte = bytes[end]
            if XMLTokenizer.isSpace(byte) || byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "/"), end + 1 < count, bytes[end + 1] == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "&") { references = true }
            end += 1
        }
        attributes.append(XMLRawAttribute(nameStart: start, nameEnd: nameEnd, valueStart: valueStart, valueEnd: end, valueHasReferences: references))
        return end
    }

    private mutating func scanEndTag() {
        let count = bytes.count
        nameStart = position + 2
        nameEnd = scanName(from: nameStart)
        kind = .endTag
        if nameEnd == nameStart { report("end tag without a name", at: position) }
        var index = skipSpace(from: nameEnd)
        if index < count, bytes[index] == UInt8(ascii: ">") {
            position = index + 1
            return
        }
        report("end tag not closed", at: position)
        while index < count, bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "<") { index += 1 }
        position = index < count && bytes[index] == UInt8(ascii: ">") ? index + 1 : index
    }

    private mutating func scanProcessingInstruction() {
        nameStart = position + 2
        nameEnd = scanName(from: nameStart)
        kind = .processingInstruction
        let close = find([UInt8(ascii: "?"), UInt8(ascii: ">")], from: nameEnd)
        textStart = nameEnd
        textEnd = close ?? bytes.count
        if close == nil { report("processing instruction not closed", at: position) }
        position = close.map { $0 + 2 } ?? bytes.count
    }

    private mutating func scanMarkupDeclaration() {
        let start = position
        if hasPrefix("<!--", at: start) {
            kind = .comment
            textStart = start + 4
            let close = find(Array("-->".utf8), from: start + 4)
            textEnd = close ?? bytes.count
            if close == nil { report("comment not closed", at: start) }
            position = close.map { $0 + 3 } ?? bytes.count
        } else if hasPrefix("<![CDATA[", at: start) {
            kind = .cdata
            textStart = start + 9
            let close = find(Array("]]>".utf8), from: start + 9)
            textEnd = close ?? bytes.count
            textHasReferences = false
            if close == nil { report("CDATA section not closed", at: start) }
            position = close.map { $0 + 3 } ?? bytes.count
        } else if hasPrefix("<!DOCTYPE", at: start) || hasPrefix("<!doctype", at: start) {
            scanDoctype()
        } else {
            report("unknown markup declaration", at: start)
            kind = .comment
            textStart = start + 2
            var index = start + 2
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
            textEnd = index
            position = min(index + 1, bytes.count)
        }
    }

    /// A doctype runs to the first '>' outside quotes and outside its internal subset.
    private mutating func scanDoctype() {
        let count = bytes.count
        kind = .doctype
        nameStart = position + 9
        var index = nameStart
        var inSubset = false
        var quote: UInt8 = 0
        while index < count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
            } else if byte == UInt8(ascii: ">"), !inSubset {
                break
            }
            index += 1
        }
        nameEnd = index
        if index >= count { report("DOCTYPE not closed", at: position) }
        position = min(index + 1, count)
    }

    private func hasPrefix(_ text: StaticString, at offset: Int) -> Bool {
        let length = text.utf8CodeUnitCount
        guard offset + length <= bytes.count else { return false }
        let pointer = text.utf8Start
        for index in 0..<length where bytes[offset + index] != pointer[index] { return false }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        let count = bytes.count
        guard let first = needle.first, count >= needle.count else { return nil }
        var index = start
        let last = count - needle.count
        outer: while index <= last {
            if bytes[index] != first {
                index += 1
                continue
            }
            for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                index += 1
                continue outer
            }
            return index
        }
        return nil
    }

    /// The 1-based line holding `offset`.
    func line(at offset: Int) -> Int {
        var line = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] == 10 { line += 1 }
            index += 1
        }
        return line
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}
