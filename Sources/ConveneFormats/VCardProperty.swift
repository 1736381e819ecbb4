/// One content line of a vCard, decoded: `group.NAME;PARAM=a,b:value`.
public struct VCardProperty: Sendable, Equatable {
    /// The group before the name (`item1` in `item1.EMAIL`), as written.
    public var group: String?
    /// The property name, uppercased.
    public var name: String
    /// The parameters in file order. Names are uppercased; a vCard 2.1 bare parameter
    /// (`TEL;WORK:`) appears as `TYPE=WORK`, or as `ENCODING=…` for an encoding name.
    public var parameters: [VCardParameter]
    /// The value with its transfer encoding and character set already decoded, but still
    /// escaped (`\,` `\;` `\n`); a base64 value stays base64, without whitespace. Use `text`,
    /// `components` or `list` for the unescaped content.
    public var value: String
    /// The line of the file the property starts on.
    public var line: Int

    public init(group: String? = nil, name: String, parameters: [VCardParameter] = [], value: String, line: Int = 0) {
        self.group = group
        self.name = name
        self.parameters = parameters
        self.value = value
        self.line = line
    }

    /// Every value of the parameters called `name` (case-insensitive), in order.
    public func parameter(_ name: String) -> [String] {
        values(named: name.uppercased())
    }

    /// `parameter(_:)` for a name already in upper case.
    func values(named key: String) -> [String] {
        var values: [String] = []
        for parameter in parameters where parameter.name == key {
            values += parameter.values
        }
        return values
    }

    /// The `TYPE` values, split at commas (also inside quotes, as RFC 6350's own examples
    /// write them), trimmed and lowercased, without repeats.
    public var types: [String] {
        var seen: [String] = []
        for parameter in parameters where parameter.name == "TYPE" {
            for raw in parameter.values { Self.appendTypes(raw, to: &seen) }
        }
        return seen
    }

    /// Appends the comma-separated types of one `TYPE` value, trimmed and lowercased; ASCII
    /// (nearly always) is lowercased straight into the new string.
    private static func appendTypes(_ raw: String, to seen: inout [String]) {
        var raw = raw
        raw.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
                var from = start, to = end
                while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
                while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 { to -= 1 }
                start = end + 1
                guard from < to else { continue }
                let part = UnsafeBufferPointer(rebasing: bytes[from..<to])
                let type: String
                if part.allSatisfy({ $0 < 0x80 }) {
                    type = String(unsafeUninitializedCapacity: part.count) { out in
                        for (k, byte) in part.enumerated() {
                            out[k] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                        }
                        return part.count
                    }
                } else {
                    type = VCardText.trimmed(String(decoding: part, as: UTF8.self)).lowercased()
                }
                if !type.isEmpty, !seen.contains(type) { seen.append(type) }
            }
        }
    }

    /// `PREF=n` when it is a number, else 1 when `pref` is among the types.
    public var preference: Int? { preference(types: nil) }

    /// `preference`, given the `types` when they are already known; without them, a `pref`
    /// type is looked for only when there is no `PREF` parameter.
    func preference(types known: [String]?) -> Int? {
        for parameter in parameters where parameter.name == "PREF" {
            for raw in parameter.values {
                if let number = Int(VCardText.trimmed(raw)) { return number }
            }
        }
        return (known ?? types).contains("pref") ? 1 : nil
    }

    /// The value unescaped, with every line break as "\n".
    public var text: String { VCardText.unescape(value) }

    /// The value split at unescaped semicolons (`N`, `ADR`, `ORG`), each part unescaped.
    public var components: [String] { VCardText.split(value, at: UInt8(ascii: ";")) }

    /// The value split at unescaped commas (`CATEGORIES`), each item unescaped.
    public var list: [String] { VCardText.split(value, at: UInt8(ascii: ",")) }

    /// The bytes of a base64 (`ENCODING=BASE64` or `b`) value; nil for other values or bad base64.
    public var data: [UInt8]? {
        guard values(named: "ENCODING").contains(where: { VCardTransferEncoding($0) == .base64 }) else { return nil }
        return VCardTransferEncoding.base64Decoded(value)
    }
}

/// A parameter of a content line: `TYPE=work,voice` has the name "TYPE" and two values.
public struct VCardParameter: Sendable, Equatable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}
