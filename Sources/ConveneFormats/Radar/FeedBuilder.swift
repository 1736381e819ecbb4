import Foundation

/// The text construct being read (feedparser's `contentparams`).
struct FeedContentParams: Sendable {
    var type = ""
    var language: FeedValue = .null
    var base = ""
    var src: String?
    var isBase64 = false

    func detail(value: String) -> FeedDict {
        var dict = FeedDict(distinct: [("type", .string(type)), ("language", language), ("base", .string(base)), ("value", .string(value))])
        if let src { dict["src"] = .string(src) }
        return dict
    }
}

/// Builds feedparser's result from XML events, keeping feedparser's element stack and contexts
/// so that its documented mappings (description → summary, guid → id …) come out the same.
struct FeedBuilder {
    enum Context { case feed, entry, source, image, textInput }

    var feed = FeedDict()
    var entries: [FeedDict] = []
    var source = FeedDict()
    var version = ""
    var doctype = ""

    var inFeed = false, inEntry = false, inSource = false, inImage = false, inTextInput = false
    var inAuthor = false, inContributor = false, inPublisher = false
    var inContent = 0
    var contentParams = FeedContentParams()
    var elementStack: [FeedOpenField] = []
    /// The feedparser key and known element of each open element, for its end tag.
    var openKeys: [(key: String, element: FeedElementName?)] = []
    var depth = 0
    var titleDepth = -1
    var guidIsLink = false
    var hasContent = false
    var summaryKey: String?
    /// The depth each entry key was stored from (a handful per entry, so a list).
    var entryPropertyDepth: [(key: String, depth: Int)] = []
    var language: String?
    var languageStack: [String?] = []
    var baseURI = ""
    var baseStack: [String] = []
    /// Depth of open markup elements inside a text construct (serialised, not interpreted).
    var markupDepth = 0
    var namespaceCache: [(uri: String, prefix: String?)] = []

    var context: Context {
        if inSource { return .source }
        if inImage, feed.has("image") { return .image }
        if inTextInput { return .textInput }
        if inEntry, !entries.isEmpty { return .entry }
        return .feed
    }

    func contextDict() -> FeedDict {
        switch context {
        case .feed: return feed
        case .entry: return entries.last ?? FeedDict()
        case .source: return source
        case .image: return feed["image"]?.dict ?? FeedDict()
        case .textInput: return feed["textinput"]?.dict ?? FeedDict()
        }
    }

    mutating func modifyContext(_ body: (inout FeedDict) -> Void) {
        switch context {
        case .feed: body(&feed)
        case .entry:
            if entries.isEmpty { entries.append(FeedDict()) }
            body(&entries[entries.count - 1])
        case .source: body(&source)
        case .image: feed.modifyDict("image", body)
        case .textInput: feed.modifyDict("textinput", body)
        }
    }

    mutating func save(_ key: String, _ value: FeedValue, overwrite: Bool = false) {
        modifyContext { context in
            if overwrite { context[key] = value } else { context.setDefault(key, value) }
        }
    }

    // MARK: element stack

    mutating func push(_ element: String, _ expectingText: Bool) {
        elementStack.append(FeedOpenField(name: element, expectingText: expectingText))
    }

    mutating func handleData(_ text: String, escape: Bool = true) {
        guard !elementStack.isEmpty else { return }
        if escape, contentParams.type == "application/xhtml+xml" {
            elementStack[elementStack.count - 1].append(FeedMarkup.escape(text))
        } else {
            elementStack[elementStack.count - 1].append(text)
        }
    }

    mutating func pushContent(_ tag: String, _ attributes: FeedAttributes, defaultType: String, expectingText: Bool) {
        inContent += 1
        contentParams = FeedContentParams()
        contentParams.type = Self.mapContentType(attributes["type"] ?? defaultType)
        contentParams.language = language.map { .string($0.utf8.contains(UInt8(ascii: "_")) ? $0.replacingOccurrences(of: "_", with: "-") : $0) } ?? .null
        contentParams.base = baseURI
        contentParams.isBase64 = isBase64(attributes)
        push(tag, expectingText)
    }

    mutating func popContent(_ tag: String) -> String? {
        let value = pop(tag)
        inContent -= 1
        contentParams = FeedContentParams()
        return value
    }

    static func mapContentType(_ type: String) -> String {
        let lower = lowercase(type)
        switch lower {
        case "text", "plain": return "text/plain"
        case "html": return "text/html"
        case "xhtml": return "application/xhtml+xml"
        default: return lower
        }
    }

    private func isBase64(_ attributes: FeedAttributes) -> Bool {
        if attributes["mode"] == "base64" { return true }
        let type = contentParams.type
        if type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml") { return false }
        return true
    }

    static let htmlTypes: Set<String> = ["application/xhtml+xml", "text/html"]
    static let canContainDangerousMarkup: Set<String> = ["content", "copyright", "description", "info", "rights", "subtitle", "summary", "tagline", "title"]
    static let canBeRelativeURI: Set<String> = ["comments", "docs", "href", "icon", "id", "link", "logo", "url", "wfw_comment", "wfw_commentrss"]

    @discardableResult
    mutating func pop(_ element: String, stripWhitespace: Bool = true) -> String? {
        guard let top = elementStack.last, top.name == element else { return nil }
        elementStack.removeLast()
        var output: String
        if version == "atom10", contentParams.type == "application/xhtml+xml" {
            output = FeedMarkup.unwrapDiv(top.pieces).joined()
        } else {
            output = top.joined
        }
        if stripWhitespace { output = output.trimmingFeedWhitespace() }
        guard top.expectingText else { return output }

        if contentParams.isBase64, inContent > 0, let decoded = FeedMarkup.decodeBase64(output) {
            output = decoded
        }
        if Self.canBeRelativeURI.contains(element), !output.isEmpty, element != "id" || guidIsLink {
            output = FeedMarkup.resolve(output, against: baseURI)
        }
        if !version.hasPrefix("atom"), contentParams.type == "text/plain", FeedMarkup.looksLikeHTML(output) {
            contentParams.type = "text/html"
        }
        let mappedType = Self.mapContentType(contentParams.type.isEmpty ? "text/html" : contentParams.type)
        let isHTMLish = mappedType == "text/html" || mappedType == "application/xhtml+xml"
        if isHTMLish, inContent > 0, Self.canContainDangerousMarkup.contains(element) {
            output = FeedHTMLSanitizer.sanitize(output, baseURI: baseURI)
        }
        if element == "category" || element == "tags" { return output }
        if element == "title", titleDepth > -1, titleDepth <= depth { return output }
        store(element, output)
        return output
    }

    private mutating func store(_ element: String, _ output: String) {
        if inEntry, !inSource, !entries.isEmpty {
            let index = entries.count - 1
            if element == "content" {
                let detail = contentParams.detail(value: output)
                entries[index].modifyList("content") { $0.append(.dict(detail)) }
            } else if element == "link" {
                guard !inImage else { return }
                let href = FeedMarkup.fixQueryAmpersands(output.utf8.contains(UInt8(ascii: "&")) ? output.replacingOccurrences(of: "&amp;", with: "&") : output)
                let rel = entries[index]["links"]?.list?.last?.dict?.string("rel")
                if rel == nil || rel == "alternate" || !entries[index].has("link") {
                    entries[index]["link"] = .string(href)
                }
                if !href.isEmpty, entries[index]["links"]?.list?.isEmpty == false {
                    entries[index].modifyLastInList("links") { $0["href"] = .string(href) }
                }
            } else {
                let key = element == "description" ? "summary" : element
                let old = entryPropertyDepth.firstIndex { $0.key == key }
                if let old {
                    if depth <= entryPropertyDepth[old].depth {
                        entryPropertyDepth[old].depth = depth
                        entries[index][key] = .string(output)
                    }
                } else {
                    entryPropertyDepth.append((key, depth))
                    entries[index][key] = .string(output)
                }
                if inContent > 0 {
                    entries[index][key + "_detail"] = .dict(contentParams.detail(value: output))
                }
            }
        } else if inFeed || inSource {
            let key = element == "description" ? "subtitle" : element
            let detail = inContent > 0 ? contentParams.detail(value: output) : nil
            modifyContext { context in
                context[key] = .string(output)
                if key == "link" {
                    let href = FeedMarkup.fixQueryAmpersands(output)
                    context[key] = .string(href)
                    if context["links"]?.list?.isEmpty == false {
                        context.modifyLastInList("links") { $0["href"] = .string(href) }
                    }
                } else if let detail {
                    context[key + "_detail"] = .dict(detail)
                }
            }
        }
    }
}
