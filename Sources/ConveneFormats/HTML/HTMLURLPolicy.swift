import Foundation

/// Which URLs a sanitized link or image may carry: http, https and mailto only, relative ones
/// made absolute against the item's base URL.
///
/// The checked string is the one written out (re-escaped), so no later decoding by a browser
/// can turn it into something else: tabs and newlines are removed and leading controls and
/// spaces trimmed first, as the WHATWG URL parser does, which defeats `jav&#9;ascript:` and
/// `  javascript:`; any other control character rejects the URL.
enum HTMLURLPolicy {
    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// An http(s) URL with a host, or nil.
    static func base(_ text: String) -> URL? {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else { return nil }
        return url
    }

    static func safe(_ raw: String, base: URL?) -> String? {
        var scalars = Array(raw.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        guard !scalars.isEmpty, !scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        if let scheme = scheme(of: text) {
            guard allowedSchemes.contains(scheme), let url = URL(string: text) else { return nil }
            return url.absoluteString
        }
        guard let base, let url = URL(string: text, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return url.absoluteString
    }

    /// The lowercased scheme when `text` starts with one (`letter (letter | digit | + - .)* :`).
    static func scheme(of text: String) -> String? {
        var scheme = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if scalar == ":" { return index > 0 ? scheme.lowercased() : nil }
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            let isOther = ("0"..."9").contains(scalar) || scalar == "+" || scalar == "-" || scalar == "."
            guard isLetter || (index > 0 && isOther) else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }
}
