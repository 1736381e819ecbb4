import Foundation

/// The bytes of an iCalendar object, one content line at a time: folded at 75 octets between
/// whole UTF-8 characters, each line ended by CRLF (RFC 5545 3.1).
struct ICalendarContentLines {
    private(set) var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `NAME:value`; the value must already be escaped or sanitized for its type.
    mutating func append(_ name: String, _ value: String) {
        appendFolded(name + ":" + value)
    }

    /// Appends `NAME;P1=V1;P2=V2:value`; parameter values are sanitized and quoted here.
    mutating func append(_ name: String, _ parameters: KeyValuePairs<String, String>, _ value: String) {
        var line = name
        for (key, parameter) in parameters {
            line += ";" + key + "=" + ICalendarValue.parameter(parameter)
        }
        line += ":" + value
        appendFolded(line)
    }

    private mutating func appendFolded(_ line: String) { ContentLineFolding.append(line, to: &bytes) }
}

/// Escaping and sanitizing of property and parameter values.
enum ICalendarValue {
    /// TEXT (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break written
    /// as `\n`, other control characters dropped.
    static func text(_ raw: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        var afterCarriageReturn = false
        for scalar in raw.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n" where afterCarriageReturn:
                continue
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}":
                out.append(contentsOf: [0x5C, 0x6E])
            case "\\", ";", ",":
                out.append(0x5C)
                out.append(UInt8(scalar.value))
            case "\t":
                out.append(0x09)
            default:
                if !isControl(scalar) { UTF8.encode(scalar) { out.append($0) } }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A parameter value (RFC 5545 3.2): double quotes removed (they cannot be escaped without
    /// RFC 6868, which vobject does not read), line breaks and tabs turned to spaces, and the
    /// whole value quoted when it holds `:`, `;` or `,`.
    static func parameter(_ raw: String) -> String {
        var out: [UInt8] = []
        var needsQuotes = false
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "\"":
                continue
            case "\r", "\n", "\t", "\u{85}", "\u{2028}", "\u{2029}":
                out.append(0x20)
            case ":", ";", ",":
                needsQuotes = true
                out.append(UInt8(scalar.value))
            default:
                if !isControl(scalar) { UTF8.encode(scalar) { out.append($0) } }
            }
        }
        let value = String(decoding: out, as: UTF8.self)
        return needsQuotes ? "\"" + value + "\"" : value
    }

    /// A URI or CAL-ADDRESS: written as given, without control characters (so no CR or LF)
    /// and without surrounding white space.
    static func uri(_ raw: String) -> String {
        var out: [UInt8] = []
        for scalar in raw.unicodeScalars where !isControl(scalar) && scalar != "\t" {
            UTF8.encode(scalar) { out.append($0) }
        }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// A `mailto:` address for ORGANIZER and ATTENDEE, or nil when nothing usable is left.
    static func mailto(_ email: String?) -> String? {
        guard let email else { return nil }
        let address = uri(email)
        guard !address.isEmpty else { return nil }
        if address.lowercased().hasPrefix("mailto:") {
            return address.count > "mailto:".count ? "mailto:" + address.dropFirst("mailto:".count) : nil
        }
        return "mailto:" + address
    }

    /// An enumerated value (STATUS, PARTSTAT) if it is one of `allowed`, in upper case.
    static func token(_ raw: String?, allowed: Set<String>) -> String? {
        guard let raw else { return nil }
        let token = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        return allowed.contains(token) ? token : nil
    }

    /// C0 controls, DEL and C1 controls; tab is handled by each caller.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
