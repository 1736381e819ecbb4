import Foundation

/// Reads a form out of a page and gives the fields a browser would submit if the person
/// pressed its button without changing anything: text and hidden inputs, checked boxes and
/// radios, selected options, text areas. Enough HTML for Convene's own pages, not a parser
/// for the web at large.
struct BrowserForm {
    var fields: [(String, String)]

    /// The first form whose `action` starts with `action`, or nil.
    init?(_ html: String, action: String) {
        guard let start = html.range(of: "<form method=\"post\" action=\"\(action)") ?? html.range(of: "<form method=\"get\" action=\"\(action)"),
              let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else { return nil }
        let body = String(html[start.upperBound..<end.lowerBound])
        fields = []
        for tag in Self.tags(body, "input") {
            let a = Self.attributes(tag)
            guard let name = a["name"] else { continue }
            let type = a["type"] ?? "text"
            if type == "checkbox" || type == "radio" {
                if a["checked"] != nil { fields.append((name, a["value"] ?? "on")) }
            } else if type != "submit" {
                fields.append((name, a["value"] ?? ""))
            }
        }
        for select in Self.elements(body, "select") {
            let a = Self.attributes(select.open)
            guard let name = a["name"] else { continue }
            let options = Self.tags(select.inner, "option").map(Self.attributes)
            if let chosen = options.first(where: { $0["selected"] != nil }) ?? options.first { fields.append((name, chosen["value"] ?? "")) }
        }
        for area in Self.elements(body, "textarea") {
            if let name = Self.attributes(area.open)["name"] { fields.append((name, Self.unescape(area.inner))) }
        }
    }

    func first(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }

    /// Replaces every value of `name` with one value (or adds it).
    mutating func set(_ name: String, _ value: String) {
        fields.removeAll { $0.0 == name }
        fields.append((name, value))
    }

    static func tags(_ html: String, _ name: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let r = rest.range(of: "<\(name)") {
            guard let close = rest.range(of: ">", range: r.upperBound..<rest.endIndex) else { break }
            out.append(String(rest[r.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    static func elements(_ html: String, _ name: String) -> [(open: String, inner: String)] {
        var out: [(String, String)] = []
        var rest = html[...]
        while let r = rest.range(of: "<\(name)") {
            guard let close = rest.range(of: ">", range: r.upperBound..<rest.endIndex),
                  let end = rest.range(of: "</\(name)>", range: close.upperBound..<rest.endIndex) else { break }
            out.append((String(rest[r.upperBound..<close.lowerBound]), String(rest[close.upperBound..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// `name="value"` pairs and bare attributes (`checked`, `selected`).
    static func attributes(_ tag: String) -> [String: String] {
        var out: [String: String] = [:]
        var rest = tag[...]
        while let first = rest.firstIndex(where: { !$0.isWhitespace }) {
            rest = rest[first...]
            let name = rest.prefix { !$0.isWhitespace && $0 != "=" && $0 != ">" }
            if name.isEmpty { break }
            rest = rest.dropFirst(name.count)
            if rest.hasPrefix("=\"") {
                rest = rest.dropFirst(2)
                let value = rest.prefix { $0 != "\"" }
                out[String(name)] = unescape(String(value))
                rest = rest.dropFirst(value.count + 1)
            } else {
                out[String(name)] = ""
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
