import Foundation

/// Attributes as feedparser sees them: lowercased names, known namespaces as prefixes,
/// namespace declarations first; kept in document order.
struct FeedAttributes {
    var pairs: [(name: String, value: String)] = []

    subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    var isEmpty: Bool { pairs.isEmpty }

    var dictionary: [String: String] {
        var result: [String: String] = [:]
        for pair in pairs { result[pair.name] = pair.value }
        return result
    }
}

extension FeedBuilder {
    /// What an open element turned out to be, so its end tag is handled the same way.
    enum OpenKind { case field, markup, skippedDiv }

    /// feedparser's prefix for a namespace, remembered per document (a feed uses a handful).
    mutating func knownPrefix(_ uri: String) -> String? {
        if uri.isEmpty { return "" }
        for entry in namespaceCache where entry.uri == uri { return entry.prefix }
        let prefix = FeedNamespaces.prefix(for: uri)
        if namespaceCache.count < 64 { namespaceCache.append((uri, prefix)) }
        return prefix
    }

    mutating func tagName(_ name: XMLName) -> (tag: String, key: String) {
        let prefix = knownPrefix(name.namespace) ?? name.prefix
        let local = Self.lowercase(name.local)
        if prefix.isEmpty { return (local, local) }
        let lowerPrefix = Self.lowercase(prefix)
        return (lowerPrefix + ":" + local, lowerPrefix + "_" + local)
    }

    static func lowercase(_ text: String) -> String {
        let hasUpper = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 &- UInt8(ascii: "A") < 26 }
        } ?? text.utf8.contains { $0 &- UInt8(ascii: "A") < 26 }
        return hasUpper ? text.lowercased() : text
    }

    mutating func attributes(_ list: [XMLAttribute], declarations: [(prefix: String, uri: String)]) -> FeedAttributes {
        var result = FeedAttributes()
        for declaration in declarations {
            result.pairs.append((declaration.prefix.isEmpty ? "xmlns" : "xmlns:" + declaration.prefix, declaration.uri))
        }
        for attribute in list {
            var name = Self.lowercase(attribute.name.local)
            if let prefix = knownPrefix(attribute.name.namespace), !prefix.isEmpty {
                name = Self.lowercase(prefix) + ":" + name
            }
            result.pairs.append((name, attribute.value))
        }
        return result
    }

    mutating func startElement(_ name: XMLName, _ list: [XMLAttribute], declarations: [(prefix: String, uri: String)]) -> OpenKind {
        depth += 1
        let (tag, key) = tagName(name)
        let element = FeedElementName.table[key]
        openKeys.append((key, element))
        let attributes = self.attributes(list, declarations: declarations)
        for declaration in declarations { trackNamespace(prefix: declaration.prefix, uri: declaration.uri) }

        if let base = attributes["xml:base"] ?? attributes["base"], !base.isEmpty {
            baseURI = FeedMarkup.resolve(base, against: baseURI)
        }
        var lang = attributes["xml:lang"] ?? attributes["lang"]
        if lang == "" { lang = nil } else if lang == nil { lang = language }
        if let lang, tag == "feed" || tag == "rss" || tag == "rdf:rdf" {
            feed["language"] = .string(lang.replacingOccurrences(of: "_", with: "-"))
        }
        language = lang
        baseStack.append(baseURI)
        languageStack.append(lang)

        if inContent > 0 {
            if !contentParams.type.hasSuffix("xml") {
                if tag == "div" || tag == "xhtml:div" { return .skippedDiv }
                contentParams.type = "application/xhtml+xml"
            }
            if contentParams.type == "application/xhtml+xml" {
                var text = "<" + Self.lowercase(name.local)
                for pair in attributes.pairs {
                    text += " \(pair.name)=\"\(FeedMarkup.escape(pair.value, quotes: true))\""
                }
                handleData(text + ">", escape: false)
                return .markup
            }
        }
        if !startHandler(key, element, attributes) {
            if attributes.isEmpty {
                push(key, true)
            } else {
                let dict = FeedDict(attributes.pairs.map { ($0.name, FeedValue.string($0.value)) })
                modifyContext { $0[key] = .dict(dict) }
            }
        }
        return .field
    }

    mutating func endElement(_ name: XMLName, kind: OpenKind) {
        let open = openKeys.popLast()
        defer {
            depth -= 1
            baseStack.removeLast()
            languageStack.removeLast()
            baseURI = baseStack.last ?? ""
            language = languageStack.last ?? nil
        }
        switch kind {
        case .skippedDiv:
            return
        case .markup:
            handleData("</" + Self.lowercase(name.local) + ">", escape: false)
        case .field:
            let key = open?.key ?? tagName(name).key
            let element = open == nil ? FeedElementName.table[key] : open?.element
            if !endHandler(key, element) { pop(key) }
        }
    }

    mutating func text(_ text: String) {
        handleData(text)
    }

    mutating func trackNamespace(prefix: String, uri: String) {
        let lower = uri.lowercased()
        if prefix.isEmpty, lower == FeedNamespaces.rss090, version.isEmpty { version = "rss090" }
        if lower == FeedNamespaces.rss10, version.isEmpty { version = "rss10" }
        if lower == FeedNamespaces.atom10, version.isEmpty { version = "atom10" }
    }
}
