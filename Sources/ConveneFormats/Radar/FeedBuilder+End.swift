extension FeedBuilder {
    /// Runs feedparser's `_end_<key>` behaviour; false when the element has none.
    mutating func endHandler(_ key: String, _ known: FeedElementName?) -> Bool {
        guard let element = known else { return false }
        switch element {
        case .channel, .feed:
            inFeed = false
        case .item, .entry:
            pop("item")
            inEntry = false
            hasContent = false
        case .image:
            pop("image")
            inImage = false
        case .textinput:
            pop("textinput")
            inTextInput = false
        case .author, .managingeditor, .dc_author, .dc_creator, .itunes_author:
            pop("author")
            inAuthor = false
            syncAuthorDetail("author")
        case .contributor:
            pop("contributor")
            inContributor = false
        case .dc_contributor:
            endName()
            inContributor = false
        case .webmaster, .dc_publisher, .itunes_owner:
            pop("publisher")
            inPublisher = false
            syncAuthorDetail("publisher")
        case .name, .itunes_name: endName()
        case .email, .itunes_email:
            let value = pop("email") ?? ""
            if inPublisher { saveAuthor("email", value, prefix: "publisher") } else if inAuthor { saveAuthor("email", value) } else if inContributor { saveContributor("email", value) }
        case .url, .uri, .homepage:
            let value = pop("href") ?? ""
            if inAuthor { saveAuthor("href", value) } else if inContributor { saveContributor("href", value) }
        case .title, .dc_title, .media_title:
            if let value = popContent("title"), !value.isEmpty { titleDepth = depth }
        case .description, .dc_description:
            if summaryKey == "content" { endContent() } else { _ = popContent("description") }
            summaryKey = nil
        case .summary, .abstract, .dcterms_abstract:
            if summaryKey == "content" { endContent() } else { _ = popContent(summaryKey ?? "summary") }
            summaryKey = nil
        case .info: _ = popContent("info")
        case .tagline, .subtitle, .itunes_subtitle: _ = popContent("subtitle")
        case .rights, .copyright, .dc_rights: _ = popContent("rights")
        case .content, .content_encoded, .body, .xhtml_body: endContent()
        case .link: pop("link")
        case .guid:
            let value = pop("id") ?? ""
            save("guidislink", .bool(guidIsLink && !contextDict().has("link")))
            if guidIsLink { save("link", .string(value)) }
        case .id: pop("id")
        case .pubdate, .published, .issued, .dcterms_issued: endDate("published")
        case .updated, .modified, .lastbuilddate, .dc_date, .dcterms_modified: endDate("updated")
        case .created, .dcterms_created: endDate("created")
        case .expirationdate: endDate("expired")
        case .category, .dc_subject: endCategory()
        case .source:
            inSource = false
            if let value = pop("source"), !value.isEmpty { source["title"] = .string(value) }
            if !entries.isEmpty { entries[entries.count - 1]["source"] = .dict(source) }
            source = FeedDict()
        case .generator:
            let value = pop("generator") ?? ""
            modifyContext { context in
                if context.has("generator_detail") { context.modifyDict("generator_detail") { $0["name"] = .string(value) } }
            }
        case .language, .dc_language:
            if let value = pop("language") { language = value }
        case .width, .height:
            let value = pop(key) ?? ""
            if inImage { modifyContext { $0[key] = Int(value).map { .int($0) } ?? .int(0) } }
        default:
            return false
        }
        return true
    }

    private mutating func endDate(_ element: String) {
        guard let value = pop(element) else { return }
        let parsed = FeedDate.parse(value).map { FeedValue.time($0) } ?? .null
        save(element + "_parsed", parsed, overwrite: true)
    }

    private mutating func endContent() {
        let type = Self.mapContentType(contentParams.type)
        let copyToSummary = type == "text/plain" || Self.htmlTypes.contains(type)
        let value = popContent("content")
        if copyToSummary, let value { save("summary", .string(value)) }
    }

    private mutating func endCategory() {
        guard let value = pop("category"), !value.isEmpty else { return }
        var handled = false
        modifyContext { context in
            context.modifyList("tags") { tags in
                if let last = tags.last?.dict, last["term"] == nil || last["term"] == .null {
                    var updated = last
                    updated["term"] = .string(value)
                    tags[tags.count - 1] = .dict(updated)
                    handled = true
                }
            }
        }
        if !handled { addTag(term: value, scheme: nil, label: nil) }
    }

    private mutating func endName() {
        let value = pop("name") ?? ""
        if inPublisher {
            saveAuthor("name", value, prefix: "publisher")
        } else if inAuthor {
            saveAuthor("name", value)
        } else if inContributor {
            saveContributor("name", value)
        } else if inTextInput {
            modifyContext { $0["name"] = .string(value) }
        }
    }

    mutating func saveAuthor(_ key: String, _ value: String, prefix: String = "author") {
        modifyContext { $0.modifyDict(prefix + "_detail") { $0[key] = .string(value) } }
        syncAuthorDetail(prefix)
        modifyContext { $0.modifyLastInList(prefix + "s") { $0[key] = .string(value) } }
    }

    mutating func saveContributor(_ key: String, _ value: String) {
        modifyContext { $0.modifyLastInList("contributors") { $0[key] = .string(value) } }
    }

    /// feedparser's `_sync_author_detail`: writes `author` from the details, or the details from a
    /// free-text `author` such as "Name (name@example.com)".
    mutating func syncAuthorDetail(_ key: String) {
        modifyContext { context in
            let detail = context[key + "s"]?.list?.last?.dict ?? FeedDict()
            if !detail.isEmpty {
                let name = detail.string("name").flatMap { $0.isEmpty ? nil : $0 }
                let email = detail.string("email").flatMap { $0.isEmpty ? nil : $0 }
                if let name, let email {
                    context[key] = .string("\(name) (\(email))")
                } else if let value = name ?? email {
                    context[key] = .string(value)
                }
                return
            }
            guard let text = context.string(key), !text.isEmpty else { return }
            let (name, email) = FeedAuthorText.split(text)
            var filled = detail
            if !name.isEmpty { filled["name"] = .string(name) }
            if let email { filled["email"] = .string(email) }
            guard !name.isEmpty || email != nil else { return }
            context.setDefault(key + "_detail", .dict(filled))
            if context[key + "s"]?.list?.isEmpty == false {
                context.modifyLastInList(key + "s") { $0 = filled }
            }
        }
    }
}
