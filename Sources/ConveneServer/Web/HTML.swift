import ConveneFormats

/// A piece of HTML. Interpolated strings are escaped unless they are themselves `HTML`, so
/// text from users can never become markup.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var text: String

    public init(raw: String) { text = raw }
    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }
    public var description: String { text }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        public mutating func appendInterpolation(_ value: String?) { if let value { text += HTML.escape(value) } }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }
        public mutating func appendInterpolation(_ values: [HTML]) { for v in values { text += v.text } }
    }

    /// `&`, `<`, `>`, `"` and `'` as references: safe in text and in quoted attributes.
    public static func escape(_ s: String) -> String { HTMLText.escape(s) }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(raw: a.text + b.text) }
    public static let empty = HTML(raw: "")
}

extension Array where Element == HTML {
    func joined() -> HTML { HTML(raw: map(\.text).joined()) }
}
