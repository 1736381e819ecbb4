/// Decodes character and entity references in XML text, within a budget so that nested entity
/// declarations ("billion laughs") cannot expand without bound.
struct XMLEntityDecoder: Sendable {
    /// Entities declared in the document's internal DTD subset: name → replacement text.
    var declared: [String: String] = [:]
    /// Characters that entity expansion may still produce for the whole document.
    var budget = 1_000_000
    /// Names used but neither predefined nor declared (HTML names are still decoded).
    private(set) var undefined: [String] = []
    private(set) var exhausted = false

    /// Decodes `bytes[start..<end]`, which holds at least one '&'.
    mutating func decode(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        append(bytes, start, end, to: &output, depth: 0)
        return String(decoding: output, as: UTF8.self)
    }

    private mutating func append(_ bytes: [UInt8], _ start: Int, _ end: Int, to output: inout [UInt8], depth: Int) {
        var index = start
        while index < end {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") else {
                var run = index + 1
                while run < end, bytes[run] != UInt8(ascii: "&") { run += 1 }
                output.append(contentsOf: bytes[index..<run])
                index = run
                continue
            }
            var close = index + 1
            while close < end, close - index < 40, bytes[close] != UInt8(ascii: ";"), !XMLTokenizer.isSpace(bytes[close]), bytes[close] != UInt8(ascii: "&") {
                close += 1
            }
            guard close < end, bytes[close] == UInt8(ascii: ";"), close > index + 1 else {
                undefined.append("&")
                output.append(byte)
                index += 1
                continue
            }
            if let byte = Self.predefined(bytes, index + 1, close) {
                output.append(byte)
                index = close + 1
                continue
            }
            let name = Array(bytes[(index + 1)..<close])
            index = close + 1
            if name[0] == UInt8(ascii: "#") {
                appendCharacterReference(name, to: &output)
            } else {
                appendNamed(name, to: &output, depth: depth)
            }
        }
    }

    /// The character of `&lt;`, `&gt;`, `&amp;`, `&quot;` or `&apos;` named by `bytes[start..<end]`,
    /// read without copying the name.
    private static func predefined(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt8? {
        switch end - start {
        case 2 where bytes[start + 1] == UInt8(ascii: "t"):
            if bytes[start] == UInt8(ascii: "l") { return UInt8(ascii: "<") }
            if bytes[start] == UInt8(ascii: "g") { return UInt8(ascii: ">") }
        case 3 where bytes[start] == UInt8(ascii: "a") && bytes[start + 1] == UInt8(ascii: "m") && bytes[start + 2] == UInt8(ascii: "p"):
            return UInt8(ascii: "&")
        case 4 where bytes[start] == UInt8(ascii: "q") && bytes[start + 1] == UInt8(ascii: "u") && bytes[start + 2] == UInt8(ascii: "o") && bytes[start + 3] == UInt8(ascii: "t"):
            return UInt8(ascii: "\"")
        case 4 where bytes[start] == UInt8(ascii: "a") && bytes[start + 1] == UInt8(ascii: "p") && bytes[start + 2] == UInt8(ascii: "o") && bytes[start + 3] == UInt8(ascii: "s"):
            return UInt8(ascii: "'")
        default:
            break
        }
        return nil
    }

    private mutating func appendCharacterReference(_ name: [UInt8], to output: inout [UInt8]) {
        var value: UInt32 = 0
        var digits = name.dropFirst()
        var radix: UInt32 = 10
        if let first = digits.first, first | 0x20 == UInt8(ascii: "x") {
            radix = 16
            digits = digits.dropFirst()
        }
        var valid = !digits.isEmpty
        for digit in digits {
            let number: UInt32
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): number = UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: number = UInt32(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: number = UInt32(digit - UInt8(ascii: "A") + 10)
            default: number = 0; valid = false
            }
            value = value &* radix &+ number
            if value > 0x10FFFF { valid = false }
        }
        guard valid, let scalar = Unicode.Scalar(value), value != 0 else {
            undefined.append(String(decoding: name, as: UTF8.self))
            output.append(contentsOf: Array("\u{FFFD}".utf8))
            return
        }
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func appendNamed(_ name: [UInt8], to output: inout [UInt8], depth: Int) {
        switch name {
        case [0x6C, 0x74]: output.append(UInt8(ascii: "<")); return // lt
        case [0x67, 0x74]: output.append(UInt8(ascii: ">")); return // gt
        case [0x61, 0x6D, 0x70]: output.append(UInt8(ascii: "&")); return // amp
        case [0x71, 0x75, 0x6F, 0x74]: output.append(UInt8(ascii: "\"")); return // quot
        case [0x61, 0x70, 0x6F, 0x73]: output.append(UInt8(ascii: "'")); return // apos
        default: break
        }
        let key = String(decoding: name, as: UTF8.self)
        if let replacement = declared[key] {
            let replacementBytes = Array(replacement.utf8)
            guard depth < 8, budget >= replacementBytes.count else {
                exhausted = true
                return
            }
            budget -= replacementBytes.count
            append(replacementBytes, 0, replacementBytes.count, to: &output, depth: depth + 1)
            return
        }
        undefined.append(key)
        if let code = HTMLNamedEntities.table[key], let scalar = Unicode.Scalar(code) {
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        } else {
            output.append(UInt8(ascii: "&"))
            output.append(contentsOf: name)
            output.append(UInt8(ascii: ";"))
        }
    }

    /// Reads `<!ENTITY name "value">` declarations from a doctype's internal subset; parameter
    /// and external entities are ignored.
    mutating func readDeclarations(in doctype: [UInt8]) {
        var index = 0
        let marker = Array("<!ENTITY".utf8)
        while index + marker.count < doctype.count {
            guard doctype[index] == marker[0], Array(doctype[index..<(index + marker.count)]) == marker else {
                index += 1
                continue
            }
            index += marker.count
            while index < doctype.count, XMLTokenizer.isSpace(doctype[index]) { index += 1 }
            if index < doctype.count, doctype[index] == UInt8(ascii: "%") { continue }
            let nameStart = index
            while index < doctype.count, XMLTokenizer.isNameByte(doctype[index]) { index += 1 }
            let name = String(decoding: doctype[nameStart..<index], as: UTF8.self)
            while index < doctype.count, XMLTokenizer.isSpace(doctype[index]) { index += 1 }
            guard index < doctype.count, doctype[index] == UInt8(ascii: "\"") || doctype[index] == UInt8(ascii: "'") else { continue }
            let quote = doctype[index]
            let valueStart = index + 1
            index = valueStart
            while index < doctype.count, doctype[index] != quote { index += 1 }
            if !name.isEmpty, declared[name] == nil, declared.count < 10_000 {
                declared[name] = String(decoding: doctype[valueStart..<min(index, doctype.count)], as: UTF8.self)
            }
        }
    }
}
