/// A search box's text, parsed: words, "quoted phrases", prefix* terms and `field:value` filters.
///
/// Both storage engines turn the terms into their own full-text syntax, so users type the
/// same thing whatever the engine.
public struct SearchText: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case word(String)
        case prefix(String)
        case phrase([String])
    }

    public var terms: [Term]
    /// Filters written in the text, by field name (`type`, `tag`, …), in order.
    public var filters: [(field: String, value: String)]

    public static func == (a: SearchText, b: SearchText) -> Bool {
        a.terms == b.terms && a.filters.map { "\($0.field)=\($0.value)" } == b.filters.map { "\($0.field)=\($0.value)" }
    }

    public static let filterFields: Set<String> = [
        "type", "level", "area", "school", "tag", "topic", "consent", "owner", "kind", "archived", "affiliation",
    ]

    public init(terms: [Term] = [], filters: [(field: String, value: String)] = []) {
        self.terms = terms; self.filters = filters
    }

    public var isEmpty: Bool { terms.isEmpty && filters.isEmpty }

    /// Parses a search box's text. Never fails: what cannot be a term is dropped.
    public init(parsing text: String) {
        var terms: [Term] = []
        var filters: [(field: String, value: String)] = []
        var chars = Substring(text.prefix(1000))
        func skipSpace() { while let c = chars.first, c.isWhitespace { chars.removeFirst() } }
        func readQuoted() -> String {
            chars.removeFirst()
            var out = ""
            while let c = chars.first, c != "\"" { out.append(c); chars.removeFirst() }
            if !chars.isEmpty { chars.removeFirst() }
            return out
        }
        func readBare() -> String {
            var out = ""
            while let c = chars.first, !c.isWhitespace { out.append(c); chars.removeFirst() }
            return out
        }
        while true {
            skipSpace()
            guard let c = chars.first else { break }
            if c == "\"" {
                let words = SearchText.words(in: readQuoted())
                if words.count == 1 { terms.append(.word(words[0])) } else if !words.isEmpty { terms.append(.phrase(words)) }
                continue
            }
            var token = readBare()
            if let colon = token.firstIndex(of: ":") {
                let field = token[..<colon].lowercased()
                if SearchText.filterFields.contains(field) {
                    var value = String(token[token.index(after: colon)...])
                    if value.isEmpty, chars.first == "\"" { value = readQuoted() } else if value.hasPrefix("\"") {
                        // `area:"Lincoln Elementary"`: the quote opened inside the token.
                        value.removeFirst()
                        if value.hasSuffix("\"") { value.removeLast() } else {
                            while let ch = chars.first, ch != "\"" { value.append(ch); chars.removeFirst() }
                            if !chars.isEmpty { chars.removeFirst() }
                        }
                    }
                    let trimmed = value.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty { filters.append((field == "school" ? "area" : field, trimmed)) }
                    continue
                }
            }
            let isPrefix = token.hasSuffix("*")
            if isPrefix { token = String(token.dropLast()) }
            let words = SearchText.words(in: token)
            if words.isEmpty { continue }
            if words.count > 1 {
                // "o'brien" or "e-mail": the pieces must appear together.
                terms.append(.phrase(words))
            } else if isPrefix, words[0].count >= 1 {
                terms.append(.prefix(words[0]))
            } else {
                terms.append(.word(words[0]))
            }
        }
        self.terms = Array(terms.prefix(32))
        self.filters = Array(filters.prefix(32))
    }

    /// Splits text into lowercase words of letters and digits, as both engines' tokenizers do.
    public static func words(in text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { current.append(ch) } else if !current.isEmpty { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}

import Foundation
