/// Re-writes HTML found in feeds the way feedparser's sanitizer does: only known-safe elements
/// and attributes survive, `script`/`style`/`applet` lose their content, void elements close
/// themselves (`<br />`), and relative links are resolved against the base URI.
enum FeedHTMLSanitizer {
    static let acceptableElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br", "button",
        "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid", "datalist", "dd", "del",
        "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
        "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd",
        "keygen", "label", "legend", "li", "m", "map", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol",
        "optgroup", "option", "output", "p", "pre", "progress", "q", "s", "samp", "section", "select", "small", "sound",
        "source", "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th",
        "thead", "time", "tr", "tt", "u", "ul", "var", "video",
    ]
    static let acceptableAttributes: Set<String> = [
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete", "autofocus", "axis",
        "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor", "bordercolordark", "bordercolorlight",
        "bottompadding", "cellpadding", "cellspacing", "ch", "challenge", "char", "charoff", "charset", "checked",
        "choff", "cite", "class", "clear", "color", "cols", "colspan", "compact", "contenteditable", "controls", "coords",
        "data", "datafld", "datapagesize", "datasrc", "datetime", "default", "delay", "dir", "disabled", "draggable",
        "dynsrc", "enctype", "end", "face", "for", "form", "frame", "galleryimg", "gutter", "headers", "height", "hidden",
        "hidefocus", "high", "href", "hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype", "label",
        "lang", "leftspacing", "list", "longdesc", "loop", "loopcount", "loopend", "loopstart", "low", "lowsrc", "max",
        "maxlength", "media", "method", "min", "multiple", "name", "nohref", "noshade", "nowrap", "open", "optimum",
        "pattern", "ping", "point-size", "poster", "pqg", "preload", "prompt", "radiogroup", "readonly", "rel",
        "repeat-max", "repeat-min", "replace", "required", "rev", "rightspacing", "rows", "rowspan", "rules", "scope",
        "selected", "shape", "size", "span", "src", "start", "step", "summary", "suppress", "tabindex", "target",
        "template", "title", "toppadding", "type", "unselectable", "urn", "usemap", "valign", "value", "variable",
        "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
    ]
    static let unacceptableWithContent: Set<String> = ["script", "applet", "style"]
    static let voidElements: Set<String> = [
        "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen",
        "link", "meta", "param", "source", "track", "wbr",
    ]
    static let relativeURIAttributes: Set<String> = ["href", "src", "cite", "action", "longdesc", "background", "poster", "usemap", "lowsrc", "dynsrc"]

    static func sanitize(_ html: String, baseURI: String) -> String {
        guard html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return html }
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var suppressed = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if let next = readTag(bytes, from: index) {
                    index = next.end
                    handle(next.tag, into: &output, suppressed: &suppressed, baseURI: baseURI)
                    continue
                }
                if let skip = skipComment(bytes, from: index) {
                    index = skip
                    continue
                }
            } else if byte == UInt8(ascii: "&"), suppressed == 0 {
                index = copyReference(bytes, from: index, into: &output)
                continue
            }
            if suppressed == 0 { output.append(byte) }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    struct Tag {
        var name: String
        var closing: Bool
        var attributes: [(String, String)]
    }

    /// Each element's rules in one lookup: bit 1 acceptable, 2 void, 4 dropped with its content.
    static let elementRules: [String: UInt8] = {
        var rules: [String: UInt8] = [:]
        for name in acceptableElements { rules[name, default: 0] |= 1 }
        for name in voidElements { rules[name, default: 0] |= 2 }
        for name in unacceptableWithContent { rules[name, default: 0] |= 4 }
        return rules
    }()

    /// Each attribute's rules in one lookup: bit 1 acceptable, 2 a URI to resolve.
    static let attributeRules: [String: UInt8] = {
        var rules: [String: UInt8] = [:]
        for name in acceptableAttributes { rules[name, default: 0] |= 1 }
        for name in relativeURIAttributes { rules[name, default: 0] |= 2 }
        return rules
    }()

    private static func handle(_ tag: Tag, into output: inout [UInt8], suppressed: inout Int, baseURI: String) {
        let rules = elementRules[tag.name] ?? 0
        if rules & 4 != 0 {
            if tag.closing { suppressed = max(0, suppressed - 1) } else { suppressed += 1 }
            return
        }
        guard suppressed == 0, rules & 1 != 0 else { return }
        let isVoid = rules & 2 != 0
        if tag.closing {
            if !isVoid {
                output.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
                output.append(contentsOf: tag.name.utf8)
                output.append(UInt8(ascii: ">"))
            }
            return
        }
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: tag.name.utf8)
        for (name, value) in tag.attributes {
            let attributeRules = attributeRules[name] ?? 0
            guard attributeRules & 1 != 0 else { continue }
            let resolved = attributeRules & 2 != 0 ? FeedMarkup.resolve(value, against: baseURI) : value
            output.append(UInt8(ascii: " "))
            output.append(contentsOf: name.utf8)
            output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            FeedMarkup.appendEscaped(resolved, quotes: true, to: &output)
            output.append(UInt8(ascii: "\""))
        }
        if isVoid {
            output.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: "/"), UInt8(ascii: ">")])
        } else {
            output.append(UInt8(ascii: ">"))
        }
    }

    private static func skipComment(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: "!") || bytes[start + 1] == UInt8(ascii: "?") else { return nil }
        var index = start + 2
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
        return min(index + 1, bytes.count)
    }

    /// Keeps `&name;` for HTML names and `&#…;`, and escapes any other `&name`.
    private static func copyReference(_ bytes: [UInt8], from start: Int, into output: inout [UInt8]) -> Int {
        var end = start + 1
        if end < bytes.count, bytes[end] == UInt8(ascii: "#") {
            end += 1
            while end < bytes.count, FeedMarkup.isWordByte(bytes[end]) { end += 1 }
            output.append(contentsOf: bytes[start..<end])
            if end < bytes.count, bytes[end] == UInt8(ascii: ";") { output.append(UInt8(ascii: ";")); end += 1 }
            return end
        }
        while end < bytes.count, FeedMarkup.isWordByte(bytes[end]) || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: ".") { end += 1 }
        guard end > start + 1, end < bytes.count else {
            output.append(UInt8(ascii: "&"))
            return start + 1
        }
        let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        if end == start + 1 {
            output.append(UInt8(ascii: "&"))
            return start + 1
        }
        let known = HTMLNamedEntities.table[name] != nil || name == "apos"
        if known {
            output.append(contentsOf: Array("&\(name);".utf8))
        } else {
            output.append(contentsOf: Array("&amp;\(name)".utf8))
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: ";") { end += 1 }
        return end
    }

    /// Reads `<name attr="v">` or `</name>`; nil when `<` does not start a tag.
    private static func readTag(_ bytes: [UInt8], from start: Int) -> (tag: Tag, end: Int)? {
        var index = start + 1
        let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        guard index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z") else { return nil }
        let nameStart = index
        while index < bytes.count, XMLTokenizer.isNameByte(bytes[index]) { index += 1 }
        let name = asciiLowercased(bytes[nameStart..<index])
        var attributes: [(String, String)] = []
        while index < bytes.count {
            while index < bytes.count, XMLTokenizer.isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: ">") { return (Tag(name: name, closing: closing, attributes: attributes), index + 1) }
            let attributeStart = index
            while index < bytes.count, !XMLTokenizer.isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") { index += 1 }
            let attributeName = asciiLowercased(bytes[attributeStart..<index])
            while index < bytes.count, XMLTokenizer.isSpace(bytes[index]) { index += 1 }
            var value = attributeName
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                while index < bytes.count, XMLTokenizer.isSpace(bytes[index]) { index += 1 }
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < bytes.count, bytes[index] != quote { index += 1 }
                    value = String(decoding: bytes[valueStart..<min(index, bytes.count)], as: UTF8.self)
                    index += 1
                } else {
                    let valueStart = index
                    while index < bytes.count, !XMLTokenizer.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                    value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                }
            }
            if !attributeName.isEmpty { attributes.append((attributeName, decodeAttribute(value))) }
        }
        return nil
    }

    /// The bytes as a string, lowercased without a full Unicode pass when they are ASCII.
    static func asciiLowercased(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self).lowercased() }
        guard bytes.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(decoding: bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private static func decodeAttribute(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        var decoder = XMLEntityDecoder()
        let bytes = Array(value.utf8)
        return decoder.decode(bytes, 0, bytes.count)
    }
}
