extension FeedBuilder {
    /// Runs feedparser's `_start_<key>` behaviour; false when the element has none.
    mutating func startHandler(_ key: String, _ known: FeedElementName?, _ attributes: FeedAttributes) -> Bool {
        let expecting = inFeed || inEntry || inSource
        guard let element = known else { return false }
        switch element {
        case .rss: startRSS(attributes)
        case .channel, .feed:
            inFeed = true
            if key == "feed" { startFeed(attributes) }
        case .item, .entry: startEntry(attributes)
        case .image:
            if !inEntry { modifyContext { $0.setDefault("image", .dict(FeedDict())) } }
            inImage = true
            titleDepth = -1
            push("image", false)
        case .textinput:
            modifyContext { $0.setDefault("textinput", .dict(FeedDict())) }
            inTextInput = true
            titleDepth = -1
            push("textinput", false)
        case .author, .managingeditor, .dc_author, .dc_creator, .itunes_author:
            inAuthor = true
            push("author", true)
            modifyContext { $0.modifyList("authors") { $0.append(.dict(FeedDict())) } }
        case .contributor:
            inContributor = true
            modifyContext { $0.modifyList("contributors") { $0.append(.dict(FeedDict())) } }
            push("contributor", false)
        case .dc_contributor:
            inContributor = true
            modifyContext { $0.modifyList("contributors") { $0.append(.dict(FeedDict())) } }
            push("name", false)
        case .webmaster, .dc_publisher, .itunes_owner:
            inPublisher = true
            push("publisher", true)
        case .name, .itunes_name: push("name", false)
        case .email, .itunes_email: push("email", false)
        case .url, .uri, .homepage: push("href", true)
        case .title, .dc_title, .media_title:
            pushContent("title", attributes, defaultType: "text/plain", expectingText: expecting)
        case .description, .dc_description:
            if contextDict().has("summary"), !hasContent {
                summaryKey = "content"
                startContent(attributes)
            } else {
                pushContent("description", attributes, defaultType: "text/html", expectingText: expecting)
            }
        case .summary, .abstract, .dcterms_abstract:
            if contextDict().has("summary"), !hasContent {
                summaryKey = "content"
                startContent(attributes)
            } else {
                summaryKey = "summary"
                pushContent("summary", attributes, defaultType: "text/plain", expectingText: true)
            }
        case .info: pushContent("info", attributes, defaultType: "text/plain", expectingText: true)
        case .tagline, .subtitle, .itunes_subtitle:
            pushContent("subtitle", attributes, defaultType: "text/plain", expectingText: true)
        case .rights, .copyright, .dc_rights:
            pushContent("rights", attributes, defaultType: "text/plain", expectingText: true)
        case .content: startContent(attributes)
        case .content_encoded:
            hasContent = true
            pushContent("content", attributes, defaultType: "text/html", expectingText: true)
        case .body, .xhtml_body:
            hasContent = true
            pushContent("content", attributes, defaultType: "application/xhtml+xml", expectingText: true)
        case .link: startLink(attributes, expecting: expecting)
        case .guid:
            guidIsLink = (attributes["ispermalink"] ?? "true") == "true"
            push("id", true)
        case .id: push("id", true)
        case .pubdate, .published, .issued, .dcterms_issued: push("published", true)
        case .updated, .modified, .lastbuilddate, .dc_date, .dcterms_modified: push("updated", true)
        case .created, .dcterms_created: push("created", true)
        case .expirationdate: push("expired", true)
        case .category, .dc_subject:
            addTag(term: attributes["term"], scheme: attributes["scheme"] ?? attributes["domain"], label: attributes["label"])
            push("category", true)
        case .enclosure:
            var dict = FeedDict()
            for pair in attributes.pairs { dict[pair.name == "url" ? "href" : pair.name] = .string(pair.value) }
            dict["rel"] = .string("enclosure")
            modifyContext { $0.modifyList("links") { $0.append(.dict(dict)) } }
        case .source:
            inSource = true
            titleDepth = -1
            if let url = attributes["url"] { source["href"] = .string(url) }
            push("source", true)
        case .generator:
            var dict = FeedDict()
            for pair in attributes.pairs where !pair.name.hasPrefix("xmlns") {
                let name = pair.name == "url" || pair.name == "uri" ? "href" : pair.name
                dict[name] = .string(name == "href" ? FeedMarkup.resolve(pair.value, against: baseURI) : pair.value)
            }
            modifyContext { $0["generator_detail"] = .dict(dict) }
            push("generator", true)
        case .language, .dc_language: push("language", true)
        case .width, .height:
            push(key, false)
        }
        return true
    }

    private mutating func startRSS(_ attributes: FeedAttributes) {
        guard version.isEmpty || !version.hasPrefix("rss") else { return }
        let declared = attributes["version"] ?? ""
        let versions = ["0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"]
        if let mapped = versions[declared] {
            version = mapped == "rss091u" && doctype.lowercased().contains("netscape") ? "rss091n" : mapped
        } else if declared.hasPrefix("2.") {
            version = "rss20"
        } else {
            version = "rss"
        }
    }

    private mutating func startFeed(_ attributes: FeedAttributes) {
        guard version.isEmpty else { return }
        let versions = ["0.1": "atom01", "0.2": "atom02", "0.3": "atom03"]
        version = versions[attributes["version"] ?? ""] ?? "atom"
    }

    private mutating func startEntry(_ attributes: FeedAttributes) {
        entries.append(FeedDict())
        entryPropertyDepth.removeAll(keepingCapacity: true)
        push("item", false)
        inEntry = true
        guidIsLink = false
        hasContent = false
        titleDepth = -1
        if let about = attributes["rdf:about"] {
            entries[entries.count - 1]["id"] = .string(about)
        }
    }

    mutating func startContent(_ attributes: FeedAttributes) {
        hasContent = true
        pushContent("content", attributes, defaultType: "text/plain", expectingText: true)
        if let src = attributes["src"] { contentParams.src = FeedMarkup.resolve(src, against: baseURI) }
    }

    private mutating func startLink(_ attributes: FeedAttributes, expecting: Bool) {
        var dict = FeedDict()
        for pair in attributes.pairs where !pair.name.hasPrefix("xmlns") {
            dict[pair.name == "url" ? "href" : pair.name] = .string(pair.value)
        }
        let rel = dict.string("rel") ?? "alternate"
        dict.setDefault("rel", .string(rel))
        dict.setDefault("type", .string(rel == "self" ? "application/atom+xml" : "text/html"))
        if let href = dict.string("href") { dict["href"] = .string(FeedMarkup.resolve(href, against: baseURI)) }
        let alternateHref = rel == "alternate" && Self.htmlTypes.contains(Self.mapContentType(dict.string("type") ?? "")) ? dict.string("href") : nil
        let append = !(inEntry && inImage)
        modifyContext { context in
            if append { context.modifyList("links") { $0.append(.dict(dict)) } } else { context.setDefault("links", .list([])) }
            if let alternateHref { context["link"] = .string(alternateHref) }
        }
        if !dict.has("href") { push("link", expecting) }
    }

    mutating func addTag(term: String?, scheme: String?, label: String?) {
        modifyContext { context in
            context.modifyList("tags") { tags in
                guard term != nil || scheme != nil || label != nil else { return }
                let tag = FeedValue.dict(FeedDict([
                    ("term", term.map { .string($0) } ?? .null),
                    ("scheme", scheme.map { .string($0) } ?? .null),
                    ("label", label.map { .string($0) } ?? .null),
                ]))
                if !tags.contains(tag) { tags.append(tag) }
            }
        }
    }
}
