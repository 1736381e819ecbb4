import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension JSONInput {
    mutating func radarIssuePatch() -> RadarIssuePatch {
        var p = RadarIssuePatch()
        p.name = string("name", max: 200)
        p.summary = optionalString("summary", max: 5000)
        p.keywords = strings("keywords", maxItems: 100)
        p.exclusions = strings("exclusions", maxItems: 100)
        p.status = enumeration("status", IssueStatus.self)
        p.priority = enumeration("priority", IssuePriority.self)
        p.ownerId = optionalString("ownerId", max: 100)
        p.stakeholderIds = strings("stakeholderIds", maxItems: 1000)
        for key in ["id", "createdAt", "updatedAt"] { _ = raw(key) }
        return p
    }

    mutating func feedSourcePatch() -> FeedSourcePatch {
        var p = FeedSourcePatch()
        p.title = string("title", max: 300)
        p.url = string("url", max: 2000)
        if let v = optionalInt("pollMinutes") {
            if let n = v { p.pollMinutes = n } else { fail("pollMinutes", "must be a whole number of minutes") }
        }
        p.organizationId = optionalString("organizationId", max: 100)
        p.isPaused = bool("isPaused")
        p.oaiSet = optionalString("oaiSet", max: 200)
        for key in ["id", "kind", "status", "itemCount", "createdAt", "updatedAt"] { _ = raw(key) }
        return p
    }
}

struct IssueBody: Encodable {
    var id: String, name: String, summary: String?, keywords: [String], exclusions: [String], status: String, priority: String
    var ownerId: String?, stakeholderIds: [String], createdAt: String, updatedAt: String
    init(_ i: RadarIssue) {
        id = i.id; name = i.name; summary = i.summary; keywords = i.keywords; exclusions = i.exclusions; status = i.status.rawValue
        priority = i.priority.rawValue; ownerId = i.ownerId; stakeholderIds = i.stakeholderIds
        createdAt = Timestamp.format(i.createdAt); updatedAt = Timestamp.format(i.updatedAt)
    }
}

struct SourceStatusBody: Encodable {
    var lastAttemptAt: String?, lastSuccessAt: String?, lastResult: String?, lastError: String?, lastErrorAt: String?, failures: Int, nextPollAt: String
    init(_ f: FetchState) {
        lastAttemptAt = f.lastAttemptAt.map(Timestamp.format); lastSuccessAt = f.lastSuccessAt.map(Timestamp.format); lastResult = f.lastResult
        lastError = f.lastError; lastErrorAt = f.lastErrorAt.map(Timestamp.format); failures = f.failures; nextPollAt = Timestamp.format(f.nextPollAt)
    }
}

struct SourceBody: Encodable {
    var id: String, title: String, url: String, kind: String?, pollMinutes: Int, organizationId: String?, isPaused: Bool, oaiSet: String?
    var status: SourceStatusBody, itemCount: Int?, createdAt: String, updatedAt: String
    init(_ s: FeedSource, itemCount: Int? = nil) {
        id = s.id; title = s.title; url = s.url; kind = s.kind?.rawValue; pollMinutes = s.pollMinutes; organizationId = s.organizationId
        isPaused = s.isPaused; oaiSet = s.oaiSet; status = SourceStatusBody(s.fetch); self.itemCount = itemCount
        createdAt = Timestamp.format(s.createdAt); updatedAt = Timestamp.format(s.updatedAt)
    }
}

struct ItemBody: Encodable {
    struct Match: Encodable { var issueId: String, score: Double, reasons: [String] }
    struct Enclosure: Encodable { var url: String, type: String?, length: Int? }
    var id: String, sourceId: String, guid: String, link: String?, title: String, summaryHTML: String?, contentHTML: String?
    var authors: [String], categories: [String], enclosures: [Enclosure], publishedAt: String?, fetchedAt: String
    var isRead: Bool, isStarred: Bool, matches: [Match]
    init(_ l: ItemListing) {
        let i = l.item
        id = i.id; sourceId = i.sourceId; guid = i.guid; link = i.link; title = i.title; summaryHTML = i.summaryHTML; contentHTML = i.contentHTML
        authors = i.authors; categories = i.categories; enclosures = i.enclosures.map { Enclosure(url: $0.url, type: $0.type, length: $0.length) }
        publishedAt = i.publishedAt.map(Timestamp.format); fetchedAt = Timestamp.format(i.fetchedAt)
        isRead = l.isRead; isStarred = l.isStarred; matches = i.matches.map { Match(issueId: $0.issueId, score: $0.score, reasons: $0.reasons) }
    }
}

extension Request {
    func boolParameter(_ name: String) throws -> Bool {
        switch uri.queryParameters.get(name) ?? "false" {
        case "true", "1": return true
        case "false", "0", "": return false
        default: throw ConveneError.invalid(name, "must be true or false")
        }
    }
}

extension APIController {
    var radarEndpoints: [Endpoint] { issueEndpoints + sourceEndpoints + itemEndpoints + radarInsightEndpoints }

    var issueEndpoints: [Endpoint] {
        let radar = services.radar
        return [
            Endpoint(method: .get, path: "/api/v1/issues", role: .viewer, operationId: "listIssues", summary: "The issues the district follows, by name",
                     tag: "radar", responseSchema: "IssueList") { _, _ in
                let list = try await radar.issues()
                return try Reply.json(ListBody(items: list.map(IssueBody.init), nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/issues", role: .staff, operationId: "createIssue",
                     summary: "Follow an issue (keywords default to its name); items already read are matched to it at once",
                     tag: "radar", requestSchema: "IssueInput", responseSchema: "Issue", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.radarIssuePatch()
                try input.finish()
                let issue = try await radar.createIssue(patch, actor: context.actor)
                return try Reply.created(IssueBody(issue), location: "/api/v1/issues/\(issue.id)")
            },
            Endpoint(method: .get, path: "/api/v1/issues/{id}", role: .viewer, operationId: "getIssue", summary: "Read an issue",
                     tag: "radar", responseSchema: "Issue") { request, context in
                try Reply.json(IssueBody(try await radar.issue(id: request.pathID(context))))
            },
            Endpoint(method: .patch, path: "/api/v1/issues/{id}", role: .staff, operationId: "updateIssue",
                     summary: "Change an issue's given fields; new keywords re-match every item", tag: "radar", requestSchema: "IssueInput",
                     responseSchema: "Issue") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.radarIssuePatch()
                try input.finish()
                return try Reply.json(IssueBody(try await radar.updateIssue(id: request.pathID(context), patch, actor: context.actor)))
            },
            Endpoint(method: .delete, path: "/api/v1/issues/{id}", role: .staff, operationId: "deleteIssue", summary: "Stop following an issue",
                     tag: "radar", status: 204) { request, context in
                try await radar.deleteIssue(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
        ]
    }

    var sourceEndpoints: [Endpoint] {
        let radar = services.radar
        return [
            Endpoint(method: .get, path: "/api/v1/sources", role: .viewer, operationId: "listSources",
                     summary: "The feeds the district follows, each with its last success and last error", tag: "radar", responseSchema: "SourceList") { _, _ in
                let list = try await radar.sources()
                let counts = try await radar.store.itemCountsBySource()
                return try Reply.json(ListBody(items: list.map { SourceBody($0, itemCount: counts[$0.id] ?? 0) }, nextCursor: nil, total: list.count, facets: nil))
            },
            Endpoint(method: .post, path: "/api/v1/sources", role: .staff, operationId: "createSource",
                     summary: "Follow a feed: RSS, Atom, JSON Feed, OAI-PMH or iCalendar (the kind is found from what it sends)", tag: "radar",
                     requestSchema: "SourceInput", responseSchema: "Source", status: 201) { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.feedSourcePatch()
                try input.finish()
                if let url = patch.url, url.lowercased().hasPrefix("file:") { throw ConveneError.invalid("url", "must be an http or https address") }
                let s = try await radar.createSource(patch, actor: context.actor)
                return try Reply.created(SourceBody(s, itemCount: 0), location: "/api/v1/sources/\(s.id)")
            },
            Endpoint(method: .get, path: "/api/v1/sources/{id}", role: .viewer, operationId: "getSource", summary: "Read a source and its polling status",
                     tag: "radar", responseSchema: "Source") { request, context in
                let s = try await radar.source(id: request.pathID(context))
                return try Reply.json(SourceBody(s, itemCount: try await radar.store.itemCountsBySource()[s.id] ?? 0))
            },
            Endpoint(method: .patch, path: "/api/v1/sources/{id}", role: .staff, operationId: "updateSource", summary: "Change a source's given fields",
                     tag: "radar", requestSchema: "SourceInput", responseSchema: "Source") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let patch = input.feedSourcePatch()
                try input.finish()
                if let url = patch.url, url.lowercased().hasPrefix("file:") { throw ConveneError.invalid("url", "must be an http or https address") }
                return try Reply.json(SourceBody(try await radar.updateSource(id: request.pathID(context), patch, actor: context.actor)))
            },
            Endpoint(method: .delete, path: "/api/v1/sources/{id}", role: .staff, operationId: "deleteSource", summary: "Stop following a source, and drop its items",
                     tag: "radar", status: 204) { request, context in
                try await radar.deleteSource(id: request.pathID(context), actor: context.actor)
                return Reply.noContent()
            },
            Endpoint(method: .post, path: "/api/v1/sources/{id}/poll", role: .staff, operationId: "pollSource",
                     summary: "Poll a source as soon as the poller next looks (within a minute)", tag: "radar", responseSchema: "Source", status: 202) { request, context in
                try Reply.json(SourceBody(try await radar.pollSoon(id: request.pathID(context))), status: .accepted)
            },
            Endpoint(method: .get, path: "/api/v1/sources/opml", role: .viewer, operationId: "exportSourcesOPML", summary: "Every source as an OPML 2.0 file",
                     tag: "radar", responseSchema: nil, contentType: "text/x-opml") { _, _ in
                let text = try await radar.exportOPML()
                return Response(status: .ok, headers: [.contentType: "text/x-opml; charset=utf-8", .contentDisposition: "attachment; filename=\"convene-sources.opml\""],
                                body: .init(byteBuffer: ByteBuffer(string: text)))
            },
            Endpoint(method: .post, path: "/api/v1/sources/opml", role: .staff, operationId: "importSourcesOPML",
                     summary: "Follow every feed of an OPML file sent as the body (addresses already followed are skipped); all or nothing",
                     tag: "radar", requestSchema: nil, responseSchema: "SourceList", bodyContentType: "text/x-opml") { request, context in
                let buffer: ByteBuffer
                do { buffer = try await request.body.collect(upTo: 5 << 20) } catch {
                    throw Problem(status: .contentTooLarge, detail: "the file is larger than 5 MiB")
                }
                guard buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send the .opml file") }
                let made = try await radar.importOPML(Array(buffer.readableBytesView), actor: context.actor)
                return try Reply.json(ListBody(items: made.map { SourceBody($0, itemCount: 0) }, nextCursor: nil, total: made.count, facets: nil), status: .created)
            },
        ]
    }

    var itemEndpoints: [Endpoint] {
        let radar = services.radar
        return [
            Endpoint(method: .get, path: "/api/v1/items", role: .viewer, operationId: "listItems",
                     summary: "Items read from the sources, newest first, with the issues each matched and why", tag: "radar",
                     query: [.q("issueId", "Only items matched to this issue"), .q("sourceId", "Only items from this source"),
                             .q("from", "Published at or after this date or instant"), .q("to", "Published before this date or instant"),
                             .q("unread", "true: only those the caller has not read", ["type": "boolean"]),
                             .q("starred", "true: only those the caller starred", ["type": "boolean"]),
                             .q("limit", "Page size, 1 to 500", ["type": "integer"]), .q("cursor", "From the previous page's nextCursor")],
                     responseSchema: "ItemList") { request, context in
                let q = request.uri.queryParameters
                let limit = try request.limit(), offset = try Cursor.decode(q.get("cursor"))
                let query = ItemQuery(issueId: q.get("issueId"), sourceId: q.get("sourceId"), from: try request.instantParameter("from"),
                                      to: try request.instantParameter("to"), userId: try context.requireUser().id, unreadOnly: try request.boolParameter("unread"),
                                      starredOnly: try request.boolParameter("starred"), limit: limit, offset: offset)
                let items = try await radar.items(query)
                let total = try await radar.store.countRadarItems(query)
                return try Reply.json(ListBody(items: items.map(ItemBody.init), nextCursor: Cursor.next(offset: offset, count: items.count, total: total),
                                               total: total, facets: nil))
            },
            Endpoint(method: .get, path: "/api/v1/items/{id}", role: .viewer, operationId: "getItem", summary: "Read an item",
                     tag: "radar", responseSchema: "Item") { request, context in
                try Reply.json(ItemBody(try await radar.item(id: request.pathID(context), userId: try context.requireUser().id)))
            },
            Endpoint(method: .patch, path: "/api/v1/items/{id}", role: .viewer, operationId: "markItem",
                     summary: "Mark an item read or unread, starred or not, for the caller", tag: "radar", requestSchema: "ItemStateInput",
                     responseSchema: "Item") { request, context in
                var input = try await JSONInput.read(request, context: context)
                let read = input.bool("isRead"), starred = input.bool("isStarred")
                try input.finish()
                let user = try context.requireUser().id, id = request.pathID(context)
                try await radar.mark(itemId: id, userId: user, isRead: read, isStarred: starred)
                return try Reply.json(ItemBody(try await radar.item(id: id, userId: user)))
            },
        ]
    }
}
