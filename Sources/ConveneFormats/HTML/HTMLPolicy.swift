/// Which elements and attributes survive sanitizing, and how elements nest.
enum HTMLPolicy {
    /// Kept with their allowed attributes.
    static let allowedElements: Set<String> = [
        "p", "br", "b", "strong", "i", "em", "u", "s", "small", "mark", "a", "ul", "ol", "li", "dl", "dt", "dd",
        "blockquote", "q", "code", "pre", "kbd", "samp", "var", "h1", "h2", "h3", "h4", "h5", "h6", "img", "figure",
        "figcaption", "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th", "span", "div",
        "abbr", "cite", "dfn", "sub", "sup", "hr", "del", "ins", "time", "section", "article", "aside", "header", "footer",
        "address", "wbr",
    ]

    /// Dropped together with everything inside them. (Raw-text ones such as `script` are also
    /// skipped by the tokenizer, so their content is never read as markup.)
    static let droppedWithContent: Set<String> = HTMLTokenizer.rawTextElements.union([
        "object", "embed", "applet", "form", "button", "select", "option", "optgroup", "datalist", "input", "svg", "math",
        "template", "frameset", "frame", "head", "audio", "video", "canvas", "map", "portal", "fencedframe", "dialog",
        "base", "link", "meta",
    ])

    static let voidElements: Set<String> = [
        "br", "hr", "img", "wbr", "col", "embed", "input", "base", "link", "meta", "area", "source", "track", "param", "frame", "keygen",
    ]

    /// Opening one of these closes an open `p`, as browsers do.
    static let closesParagraph: Set<String> = [
        "p", "div", "ul", "ol", "dl", "blockquote", "pre", "table", "figure", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "section", "article", "aside", "header", "footer", "address",
    ]

    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// Table elements whose children can only be more table parts.
    static let tableContainers: Set<String> = ["table", "thead", "tbody", "tfoot", "tr", "colgroup"]

    /// Elements an end tag does not look past for its match.
    static let scopeBoundaries: Set<String> = ["table", "td", "th", "caption"]

    /// Attributes kept on any allowed element.
    static let globalAttributes: Set<String> = ["title", "lang", "dir"]

    static let elementAttributes: [String: Set<String>] = [
        "a": ["href", "hreflang"],
        "img": ["src", "alt", "width", "height"],
        "td": ["colspan", "rowspan", "headers"],
        "th": ["colspan", "rowspan", "headers", "scope", "abbr"],
        "col": ["span"],
        "colgroup": ["span"],
        "ol": ["start", "reversed", "type"],
        "li": ["value"],
        "blockquote": ["cite"],
        "q": ["cite"],
        "del": ["cite", "datetime"],
        "ins": ["cite", "datetime"],
        "time": ["datetime"],
        "abbr": ["title"],
    ]

    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    static let numericAttributes: Set<String> = ["width", "height", "colspan", "rowspan", "span", "start", "value"]

    static let enumeratedAttributes: [String: Set<String>] = [
        "dir": ["ltr", "rtl", "auto"],
        "scope": ["row", "col", "rowgroup", "colgroup"],
        "type": ["1", "a", "A", "i", "I"],
        "reversed": [""],
    ]
}
