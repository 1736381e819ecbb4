/// A card between its `BEGIN:VCARD` and `END:VCARD`: the properties read so far, and a
/// vCard 2.1 `AGENT` card nested inside it, which is kept as the text of the `AGENT`
/// property instead of being read as a card of its own.
struct VCardInProgress: Sendable {
    let beginLine: Int
    var properties: [VCardProperty] = []
    var warnings: [String] = []
    private var version: String?
    private var nestedDepth = 0
    private var nestedLines: [String] = []

    init(beginLine: Int) {
        self.beginLine = beginLine
        properties.reserveCapacity(8)
    }

    /// Takes the line into the nested card when there is one, or when this `BEGIN:VCARD`
    /// follows an `AGENT` with no value of its own.
    mutating func takeNested(_ line: [UInt8], marker: VCardMarker?) -> Bool {
        if nestedDepth == 0 {
            guard marker == .begin, let last = properties.last, last.name == "AGENT",
                  last.value.allSatisfy(\.isWhitespace) else { return false }
        }
        switch marker {
        case .begin: nestedDepth += 1
        case .end: nestedDepth -= 1
        case nil: break
        }
        nestedLines.append(String(decoding: line, as: UTF8.self))
        if nestedDepth == 0, !properties.isEmpty {
            properties[properties.count - 1].value = VCardText.escaped(nestedLines.joined(separator: "\n"))
            nestedLines = []
        }
        return true
    }

    mutating func add(_ line: [UInt8], number: Int) {
        let caretEscapes = version.map { !$0.hasPrefix("2") } ?? true
        guard let property = VCardPropertyDecoder.property(line, number: number, caretEscapes: caretEscapes, warnings: &warnings) else {
            return
        }
        if property.name == "VERSION", version == nil {
            version = VCardText.trimmed(property.text)
        }
        properties.append(property)
    }

    func finished() -> VCard {
        VCardFields.card(beginLine: beginLine, properties: properties, warnings: warnings)
    }
}
