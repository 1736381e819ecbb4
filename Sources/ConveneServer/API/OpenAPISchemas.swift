import ConveneCore

/// JSON Schemas of the API's bodies, for the OpenAPI document.
enum OpenAPISchemas {
    static let string: JSONValue = ["type": "string"]
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let timestamp: JSONValue = ["type": "string", "format": "date-time"]
    static let date: JSONValue = ["type": ["string", "null"], "format": "date"]
    static func strings(_ item: JSONValue = ["type": "string"]) -> JSONValue { ["type": "array", "items": item] }
    static func enumeration(_ values: [String], nullable: Bool = false) -> JSONValue {
        nullable ? ["type": ["string", "null"], "enum": .array(values.map(JSONValue.string) + [.null])] : ["type": "string", "enum": .array(values.map(JSONValue.string))]
    }
    static func object(_ properties: [String: JSONValue], required: [String] = [], closed: Bool = true) -> JSONValue {
        var o: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { o["required"] = .array(required.map(JSONValue.string)) }
        if closed { o["additionalProperties"] = false }
        return .object(o)
    }
    static func list(_ item: String, facets: Bool = false) -> JSONValue {
        var p: [String: JSONValue] = ["items": strings(OpenAPIDocument.ref(item)), "nextCursor": nullableString, "total": ["type": ["integer", "null"]]]
        if facets {
            p["facets"] = ["type": ["object", "null"], "additionalProperties": strings(object(["value": string, "count": ["type": "integer"]], required: ["value", "count"]))]
        } else {
            p["facets"] = ["type": "null"]
        }
        return object(p, required: ["items", "nextCursor"])
    }

    static let contactPoint = object(["value": string, "label": nullableString], required: ["value"])
    static let address = object(["label": nullableString, "street": nullableString, "locality": nullableString, "region": nullableString,
                                 "postalCode": nullableString, "country": nullableString])
    static let consent = object(["status": enumeration(ConsentStatus.allCases.map(\.rawValue)), "channels": strings(enumeration(ContactChannel.allCases.map(\.rawValue))),
                                 "since": date, "source": nullableString])
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static func readOnly(_ keys: [String]) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: keys.map { ($0, ["description": "read-only; ignored if sent"] as JSONValue) })
    }
    static let oneToFive: JSONValue = ["type": ["integer", "null"], "minimum": 1, "maximum": 5]

    static var stakeholderFields: [String: JSONValue] {
        ["kind": enumeration(StakeholderKind.allCases.map(\.rawValue)), "displayName": string, "givenName": nullableString, "familyName": nullableString,
         "title": nullableString, "affiliationId": nullableString, "types": strings(enumeration(StakeholderType.builtIn)),
         "level": enumeration(JurisdictionLevel.allCases.map(\.rawValue), nullable: true), "areas": strings(), "emails": strings(contactPoint),
         "phones": strings(contactPoint), "addresses": strings(address), "links": strings(contactPoint), "language": nullableString,
         "consent": consent, "influence": oneToFive, "interest": oneToFive,
         "engagementTarget": enumeration(EngagementLevel.allCases.map(\.rawValue), nullable: true), "topics": strings(), "tags": strings(),
         "notes": nullableString, "ownerId": nullableString, "isArchived": ["type": "boolean"]]
    }

    static var issueFields: [String: JSONValue] {
        ["name": string, "summary": nullableString, "keywords": strings(), "exclusions": strings(), "status": enumeration(IssueStatus.allCases.map(\.rawValue)),
         "priority": enumeration(IssuePriority.allCases.map(\.rawValue)), "ownerId": nullableString, "stakeholderIds": strings()]
    }

    static var sourceFields: [String: JSONValue] {
        ["title": string, "url": ["type": "string", "format": "uri"], "pollMinutes": ["type": "integer", "minimum": 15, "maximum": 10_080],
         "organizationId": nullableString, "isPaused": ["type": "boolean"], "oaiSet": nullableString]
    }

    static var consultationFields: [String: JSONValue] {
        let stamp: JSONValue = ["type": ["string", "null"], "format": "date-time"]
        return ["slug": string, "title": string, "question": string, "description": nullableString, "audienceTypes": strings(), "audienceAreas": strings(),
                "opensAt": stamp, "closesAt": stamp, "languages": strings(enumeration(["en", "es"])), "level": enumeration(IAP2Level.allCases.map(\.rawValue)),
                "moderation": enumeration(ModerationMode.allCases.map(\.rawValue)), "isClosed": ["type": "boolean"], "inviteOnly": ["type": "boolean"]]
    }

    static var all: [String: JSONValue] {
        var consultation = consultationFields
        consultation["id"] = string; consultation["createdAt"] = timestamp; consultation["updatedAt"] = timestamp
        consultation["isOpen"] = ["type": "boolean"]; consultation["publicURL"] = string; consultation["promise"] = string
        var issue = issueFields
        issue["id"] = string; issue["createdAt"] = timestamp; issue["updatedAt"] = timestamp
        var source = sourceFields
        source["id"] = string; source["createdAt"] = timestamp; source["updatedAt"] = timestamp
        source["kind"] = enumeration(SourceKind.allCases.map(\.rawValue), nullable: true)
        source["itemCount"] = ["type": ["integer", "null"]]
        let stamp: JSONValue = ["type": ["string", "null"], "format": "date-time"]
        source["status"] = object(["lastAttemptAt": stamp, "lastSuccessAt": stamp, "lastResult": nullableString, "lastError": nullableString,
                                   "lastErrorAt": stamp, "failures": integer, "nextPollAt": timestamp])
        var stakeholder = stakeholderFields
        stakeholder["id"] = string
        stakeholder["createdAt"] = timestamp
        stakeholder["updatedAt"] = timestamp
        var input = stakeholderFields
        for key in ["id", "createdAt", "updatedAt"] { input[key] = ["description": "read-only; ignored if sent"] }
        let relationshipFields: [String: JSONValue] = ["fromId": string, "toId": string, "type": enumeration(RelationshipType.allCases.map(\.rawValue)),
                                                       "startsOn": date, "endsOn": date, "notes": nullableString]
        var relationship = relationshipFields
        relationship["id"] = string; relationship["createdAt"] = timestamp; relationship["updatedAt"] = timestamp
        let groupFields: [String: JSONValue] = ["name": string, "description": nullableString, "kind": enumeration(StakeholderGroup.Kind.allCases.map(\.rawValue)),
                                                "query": nullableString]
        var group = groupFields
        group["id"] = string; group["createdAt"] = timestamp; group["updatedAt"] = timestamp
        let user: JSONValue = object(["id": string, "email": string, "displayName": string, "role": enumeration(Role.allCases.map(\.rawValue)),
                                      "isDisabled": ["type": "boolean"], "createdAt": timestamp, "updatedAt": timestamp])
        let tokenFields: [String: JSONValue] = ["id": string, "userId": string, "name": string, "prefix": string, "createdAt": timestamp,
                                                "lastUsedAt": ["type": ["string", "null"], "format": "date-time"], "revokedAt": ["type": ["string", "null"], "format": "date-time"]]
        var created = tokenFields
        created["token"] = ["type": "string", "description": "The secret: shown in this answer only"]
        let interactionFields: [String: JSONValue] = [
            "kind": enumeration(InteractionKind.allCases.map(\.rawValue)), "occurredAt": timestamp, "direction": enumeration(InteractionDirection.allCases.map(\.rawValue)),
            "subject": string, "notes": nullableString, "topics": strings(), "stakeholderIds": strings(), "userIds": strings(), "eventId": nullableString]
        var interaction = interactionFields
        interaction["id"] = string; interaction["createdAt"] = timestamp; interaction["updatedAt"] = timestamp
        interaction["createdBy"] = nullableString; interaction["isHeard"] = ["type": "boolean"]
        let followUpFields: [String: JSONValue] = [
            "title": string, "ownerId": string, "dueOn": ["type": "string", "format": "date"], "status": enumeration(FollowUpStatus.allCases.map(\.rawValue)),
            "stakeholderIds": strings(), "interactionId": nullableString, "notes": nullableString]
        var followUp = followUpFields
        followUp["id"] = string; followUp["createdAt"] = timestamp; followUp["updatedAt"] = timestamp
        followUp["completedAt"] = ["type": ["string", "null"], "format": "date-time"]; followUp["isOverdue"] = ["type": "boolean"]
        let invitee = object(["stakeholderId": string, "rsvp": enumeration(RSVP.allCases.map(\.rawValue)), "attended": ["type": ["boolean", "null"]]],
                             required: ["stakeholderId"])
        let eventFields: [String: JSONValue] = [
            "kind": enumeration(EventKind.allCases.map(\.rawValue)), "title": string, "startsAt": timestamp, "endsAt": timestamp,
            "timeZone": ["type": "string", "description": "An IANA time zone, such as America/Chicago"], "location": nullableString,
            "onlineURL": nullableString, "organizerId": nullableString, "description": nullableString, "topics": strings(), "notes": nullableString,
            "invitees": strings(invitee), "isCancelled": ["type": "boolean"]]
        var event = eventFields
        event["id"] = string; event["createdAt"] = timestamp; event["updatedAt"] = timestamp; event["calendarURL"] = string
        event["externalId"] = ["type": ["string", "null"], "description": "The iCalendar UID an imported event came from"]
        let targetFields: [String: JSONValue] = ["stakeholderType": nullableString, "area": nullableString, "language": nullableString,
                                                 "heardPercent": ["type": "integer", "minimum": 0, "maximum": 100]]
        var target = targetFields
        target["id"] = string; target["createdAt"] = timestamp; target["updatedAt"] = timestamp; target["label"] = string
        let coverageRow = object(["dimension": string, "value": string, "total": integer, "engaged": integer, "heard": integer,
                                  "engagedPercent": number, "heardPercent": number])
        return [
            "Stakeholder": object(stakeholder, required: Array(stakeholder.keys).sorted()),
            "StakeholderInput": object(input),
            "StakeholderList": list("Stakeholder", facets: true),
            "Relationship": object(relationship, required: ["id", "fromId", "toId", "type", "createdAt", "updatedAt"]),
            "RelationshipInput": object(relationshipFields.merging(["id": [:], "createdAt": [:], "updatedAt": [:]]) { a, _ in a }),
            "RelationshipList": list("Relationship"),
            "Group": object(group, required: ["id", "name", "kind", "createdAt", "updatedAt"]),
            "GroupInput": object(groupFields.merging(["id": [:], "createdAt": [:], "updatedAt": [:]]) { a, _ in a }),
            "GroupList": list("Group"),
            "MembersInput": object(["stakeholderIds": strings()], required: ["stakeholderIds"]),
            "MembersChanged": object(["changed": ["type": "integer"]], required: ["changed"]),
            "Duplicate": object(["first": OpenAPIDocument.ref("Stakeholder"), "second": OpenAPIDocument.ref("Stakeholder"), "reasons": strings(), "score": ["type": "number"]]),
            "DuplicateList": list("Duplicate"),
            "MergeInput": object(["keepId": string, "removeId": string], required: ["keepId", "removeId"]),
            "DismissInput": object(["firstId": string, "secondId": string], required: ["firstId", "secondId"]),
            "User": user,
            "UserList": list("User"),
            "UserInput": object(["email": string, "displayName": nullableString, "role": enumeration(Role.allCases.map(\.rawValue)),
                                 "password": ["type": "string", "minLength": 10]], required: ["email", "role", "password"]),
            "UserPatch": object(["displayName": string, "role": enumeration(Role.allCases.map(\.rawValue)), "isDisabled": ["type": "boolean"],
                                 "password": ["type": "string", "minLength": 10]]),
            "Token": object(tokenFields),
            "TokenCreated": object(created),
            "TokenList": list("Token"),
            "TokenInput": object(["name": string], required: ["name"]),
            "AuditEntry": object(["id": string, "seq": ["type": "integer"], "at": timestamp, "actorId": nullableString, "actorLabel": string,
                                  "action": string, "entityType": string, "entityId": string, "before": [:], "after": [:]]),
            "AuditList": list("AuditEntry"),
            "Interaction": object(interaction, required: ["id", "kind", "occurredAt", "direction", "subject", "stakeholderIds", "createdAt", "updatedAt"]),
            "InteractionInput": object(interactionFields.merging(readOnly(["id", "createdAt", "updatedAt", "createdBy", "isHeard"])) { a, _ in a }),
            "InteractionList": list("Interaction"),
            "FollowUp": object(followUp, required: ["id", "title", "ownerId", "dueOn", "status", "stakeholderIds", "isOverdue", "createdAt", "updatedAt"]),
            "FollowUpInput": object(followUpFields.merging(readOnly(["id", "createdAt", "updatedAt", "completedAt", "isOverdue"])) { a, _ in a }),
            "FollowUpList": list("FollowUp"),
            "Event": object(event, required: ["id", "kind", "title", "startsAt", "endsAt", "timeZone", "invitees", "calendarURL", "createdAt", "updatedAt"]),
            "EventInput": object(eventFields.merging(readOnly(["id", "createdAt", "updatedAt", "calendarURL", "externalId"])) { a, _ in a }),
            "EventList": list("Event"),
            "InviteeInput": object(["rsvp": enumeration(RSVP.allCases.map(\.rawValue)), "attended": ["type": ["boolean", "null"]]]),
            "CalendarFeed": object(["url": string, "tokenId": string], required: ["url", "tokenId"]),
            "Health": object(["stakeholderId": string, "score": ["type": "integer", "minimum": 0, "maximum": 100], "band": enumeration(["weak", "fair", "strong"]),
                              "explanation": string, "recency": number, "frequency": number, "twoWay": number,
                              "daysSinceLastContact": ["type": ["integer", "null"]], "contactsThisYear": integer, "startedByThem": integer]),
            "DueContact": object(["stakeholderId": string, "displayName": string, "score": integer, "explanation": string,
                                  "influence": oneToFive, "interest": oneToFive, "priority": number]),
            "DueContactList": list("DueContact"),
            "CoverageTarget": object(target, required: ["id", "heardPercent", "label", "createdAt", "updatedAt"]),
            "CoverageTargetInput": object(targetFields.merging(readOnly(["id", "createdAt", "updatedAt", "label"])) { a, _ in a }),
            "CoverageTargetList": list("CoverageTarget"),
            "Coverage": object(["from": string, "to": string, "label": string, "overall": coverageRow, "byType": strings(coverageRow), "byArea": strings(coverageRow),
                                "targets": strings(object(["target": OpenAPIDocument.ref("CoverageTarget"), "result": coverageRow, "met": ["type": "boolean"],
                                                           "shortfall": integer]))]),
            "Dashboard": object(["today": string, "overdue": strings(OpenAPIDocument.ref("FollowUp")), "overdueTotal": integer,
                                 "dueSoon": strings(OpenAPIDocument.ref("FollowUp")), "upcomingEvents": strings(OpenAPIDocument.ref("Event")),
                                 "coverage": OpenAPIDocument.ref("Coverage"),
                                 "gaps": strings(object(["label": string, "result": coverageRow, "targetPercent": ["type": ["integer", "null"]]])),
                                 "dueForContact": strings(OpenAPIDocument.ref("DueContact")), "recent": strings(OpenAPIDocument.ref("Interaction"))]),
            "ImportReport": object(["applied": ["type": "boolean"], "dryRun": ["type": "boolean"], "total": integer,
                                    "counts": ["type": "object", "additionalProperties": integer], "organizationsCreated": strings(),
                                    "rows": strings(object(["line": integer, "action": enumeration(ImportAction.allCases.map(\.rawValue)), "name": string,
                                                            "stakeholderId": nullableString, "matchedLine": ["type": ["integer", "null"]], "reasons": strings()])),
                                    "mapping": ["type": ["object", "null"], "additionalProperties": string]]),
            "EventImportReport": object(["applied": ["type": "boolean"], "dryRun": ["type": "boolean"], "counts": ["type": "object", "additionalProperties": integer],
                                         "rows": strings(object(["line": integer, "action": enumeration(ImportAction.allCases.map(\.rawValue)), "title": string,
                                                                 "eventId": nullableString, "reasons": strings()]))]),
            "Issue": object(issue, required: ["id", "name", "keywords", "exclusions", "status", "priority", "stakeholderIds", "createdAt", "updatedAt"]),
            "IssueInput": object(issueFields.merging(readOnly(["id", "createdAt", "updatedAt"])) { a, _ in a }),
            "IssueList": list("Issue"),
            "Source": object(source, required: ["id", "title", "url", "pollMinutes", "isPaused", "status", "createdAt", "updatedAt"]),
            "SourceInput": object(sourceFields.merging(readOnly(["id", "kind", "status", "itemCount", "createdAt", "updatedAt"])) { a, _ in a }),
            "SourceList": list("Source"),
            "Item": object(["id": string, "sourceId": string, "guid": string, "link": nullableString, "title": string, "summaryHTML": nullableString,
                            "contentHTML": nullableString, "authors": strings(), "categories": strings(),
                            "enclosures": strings(object(["url": string, "type": nullableString, "length": ["type": ["integer", "null"]]])),
                            "publishedAt": ["type": ["string", "null"], "format": "date-time"], "fetchedAt": timestamp, "isRead": ["type": "boolean"],
                            "isStarred": ["type": "boolean"],
                            "matches": strings(object(["issueId": string, "score": number, "reasons": strings()], required: ["issueId", "score", "reasons"]))],
                           required: ["id", "sourceId", "title", "fetchedAt", "isRead", "isStarred", "matches"]),
            "ItemList": list("Item"),
            "ItemStateInput": object(["isRead": ["type": "boolean"], "isStarred": ["type": "boolean"]]),
            "Trend": object(["issueId": string, "name": string, "status": enumeration(IssueStatus.allCases.map(\.rawValue)),
                             "weeks": strings(object(["week": string, "count": integer], required: ["week", "count"])), "thisWeek": integer,
                             "baseline": number, "isRising": ["type": "boolean"], "explanation": string]),
            "TrendList": list("Trend"),
            "Briefing": object(["week": string, "from": string, "to": string, "issues": strings(object(["issue": OpenAPIDocument.ref("Issue"),
                                "newItems": integer, "isRising": ["type": "boolean"], "explanation": string, "items": strings(OpenAPIDocument.ref("Item"))])),
                                "rising": strings(), "upcomingEvents": strings(OpenAPIDocument.ref("Event"))]),
            "Consultation": object(consultation, required: ["id", "slug", "title", "question", "level", "moderation", "isClosed", "isOpen", "createdAt", "updatedAt"]),
            "ConsultationInput": object(consultationFields.merging(readOnly(["id", "createdAt", "updatedAt", "isOpen", "publicURL"])) { a, _ in a }),
            "ConsultationList": list("Consultation"),
            "Statement": object(["id": string, "seq": integer, "text": string, "source": enumeration(StatementSource.allCases.map(\.rawValue)),
                                 "status": enumeration(StatementStatus.allCases.map(\.rawValue)), "rejectReason": nullableString, "stakeholderType": nullableString,
                                 "createdAt": timestamp], required: ["id", "seq", "text", "source", "status", "createdAt"]),
            "StatementList": list("Statement"),
            "StatementInput": object(["text": ["type": "string", "maxLength": 1000], "stakeholderType": nullableString], required: ["text"]),
            "ModerationInput": object(["status": enumeration(["approved", "rejected"]), "reason": nullableString], required: ["status"]),
            "ConsultationAnalysis": object(["votesAnalyzed": integer, "participants": integer, "participantsClustered": integer,
                                            "groups": strings(object(["id": integer, "participantIds": strings(), "representativeStatementIds": strings()], closed: false)),
                                            "consensusStatementIds": strings(), "divisiveStatementIds": strings()],
                                           required: ["votesAnalyzed", "groups", "consensusStatementIds", "divisiveStatementIds"], closed: false),
            "ParticipantInput": object(["stakeholderType": string, "area": nullableString, "inviteCode": nullableString], required: ["stakeholderType"]),
            "InvitesInput": object(["count": ["type": "integer", "minimum": 1, "maximum": 5000]], required: ["count"]),
            "InviteCodes": object(["codes": strings()], required: ["codes"]),
            "Participant": object(["participantId": string, "stakeholderType": string], required: ["participantId", "stakeholderType"]),
            "NextStatement": object(["id": string, "text": string], required: ["id", "text"]),
            "VoteInput": object(["statementId": string, "vote": ["type": "integer", "enum": [-1, 0, 1]]], required: ["statementId", "vote"]),
            "ParticipantStatementInput": object(["text": ["type": "string", "maxLength": 280]], required: ["text"]),
            "PublicStatement": object(["id": string, "text": string, "status": enumeration(StatementStatus.allCases.map(\.rawValue))], required: ["id", "text", "status"]),
            "Problem": object(["type": string, "title": string, "status": ["type": "integer"], "detail": string,
                               "errors": strings(object(["field": string, "message": string], required: ["field", "message"]))],
                              required: ["type", "title", "status", "detail"], closed: false),
        ].merging(collaboration) { a, _ in a }
    }
}
