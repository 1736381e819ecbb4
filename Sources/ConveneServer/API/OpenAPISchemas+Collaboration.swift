import ConveneCore

extension OpenAPISchemas {
    static let day: JSONValue = ["type": "string", "format": "date"]
    static let nullableDay: JSONValue = ["type": ["string", "null"], "format": "date"]
    static let uri: JSONValue = ["type": "string", "format": "uri"]
    static let nullableURI: JSONValue = ["type": ["string", "null"], "format": "uri"]
    static let boolean: JSONValue = ["type": "boolean"]
    static func values<E: CaseIterable & RawRepresentable>(_ type: E.Type, nullable: Bool = false) -> JSONValue where E.RawValue == String {
        enumeration(E.allCases.map(\.rawValue), nullable: nullable)
    }

    static var workFields: [WorkKind: [String: JSONValue]] {
        let documents = strings(object(["title": string, "url": uri], required: ["title", "url"]))
        return [
            .workingGroup: ["name": string, "purpose": nullableString, "status": values(GroupStatus.self), "issueIds": strings(),
                            "members": strings(object(["stakeholderId": nullableString, "userId": nullableString, "role": values(MemberRole.self, nullable: true)])),
                            "meetingIds": strings(),
                            "actionItems": strings(object(["id": nullableString, "title": string, "ownerId": nullableString, "stakeholderId": nullableString,
                                                           "dueOn": nullableDay, "status": values(ActionStatus.self, nullable: true), "doneOn": nullableDay], required: ["title"])),
                            "documents": documents],
            .partnership: ["name": string, "kind": values(PartnershipKind.self), "summary": nullableString, "stage": values(PartnershipStage.self),
                           "stageSince": nullableDay, "partnerIds": strings(), "ownerId": nullableString, "issueIds": strings(), "researchQuestions": strings(),
                           "agreements": strings(object(["id": nullableString, "kind": values(AgreementKind.self), "title": string, "signedOn": nullableDay,
                                                         "expiresOn": nullableDay, "remindDaysBefore": ["type": ["integer", "null"], "minimum": 0, "maximum": 365],
                                                         "url": nullableURI, "remindedFor": nullableDay], required: ["kind", "title"])),
                           "outputs": strings(object(["kind": values(OutputKind.self), "title": string, "url": nullableURI, "publishedOn": nullableDay], required: ["kind", "title"]))],
            .position: ["title": string, "policy": nullableString, "billId": nullableString, "stance": values(Stance.self), "rationale": nullableString,
                        "adoptedOn": nullableDay, "issueIds": strings()],
            .bill: ["number": string, "jurisdiction": string, "title": string, "kind": values(BillKind.self), "status": values(BillStatus.self),
                    "summary": nullableString, "nextAction": nullableString, "nextActionOn": nullableDay, "url": nullableURI, "issueIds": strings()],
            .campaign: ["title": string, "goal": nullableString, "status": values(CampaignStatus.self), "billId": nullableString, "positionId": nullableString,
                        "startsOn": nullableDay, "endsOn": nullableDay, "coalitionIds": strings(),
                        "asks": strings(object(["id": nullableString, "stakeholderId": string, "ask": string, "askedOn": nullableDay,
                                                "outcome": values(AskOutcome.self, nullable: true), "outcomeNote": nullableString, "outcomeOn": nullableDay],
                                               required: ["stakeholderId", "ask"])),
                        "issueIds": strings()],
            .resource: ["title": string, "url": uri, "type": values(ResourceType.self), "organization": nullableString, "issueIds": strings(),
                        "notes": nullableString, "publishedOn": nullableDay],
            .initiative: ["title": string, "titleEs": nullableString, "slug": string, "summary": nullableString, "summaryEs": nullableString,
                          "startsOn": nullableDay, "endsOn": nullableDay, "ownerId": nullableString, "issueIds": strings(),
                          "plan": strings(object(["id": nullableString, "stakeholderType": nullableString, "groupId": nullableString, "level": values(IAP2Level.self),
                                                  "target": ["type": ["integer", "null"], "minimum": 0], "note": nullableString,
                                                  "publicLabel": nullableString], required: ["level"])),
                          "activities": strings(object(["id": nullableString, "kind": values(ActivityKind.self), "title": string, "plannedOn": nullableDay,
                                                        "consultationId": nullableString, "eventId": nullableString], required: ["kind", "title"])),
                          "isPublished": boolean],
            .decision: ["initiativeId": string, "title": string, "decidedOn": day, "decidedBy": nullableString, "rationale": string,
                        "optionsConsidered": strings(), "chosenOption": nullableString,
                        "evidence": strings(object(["kind": enumeration(Decision.evidenceKinds.map(\.rawValue)), "id": string, "note": nullableString], required: ["kind", "id"])),
                        "promiseOutcomes": strings(object(["planId": string, "outcome": string], required: ["planId", "outcome"]))],
        ]
    }

    /// Fields a record has that requests do not set.
    static let workReadOnly: [WorkKind: [String: JSONValue]] = [
        .partnership: ["stageHistory": strings(object(["stage": values(PartnershipStage.self), "since": day], required: ["stage", "since"]))],
        .initiative: ["publishedAt": timestamp],
    ]

    static let workRequired: [WorkKind: [String]] = [
        .workingGroup: ["name", "status", "members", "actionItems"], .partnership: ["name", "kind", "stage", "agreements", "outputs"],
        .position: ["title", "stance"], .bill: ["number", "jurisdiction", "title", "kind", "status"], .campaign: ["title", "status", "asks"],
        .resource: ["title", "url", "type"], .initiative: ["title", "slug", "isPublished", "plan", "activities"],
        .decision: ["initiativeId", "title", "decidedOn", "rationale", "evidence"],
    ]

    static var collaboration: [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for kind in WorkKind.allCases {
            let names = WorkNames.of(kind), fields = workFields[kind] ?? [:], extra = workReadOnly[kind] ?? [:]
            let stamps: [String: JSONValue] = ["id": string, "createdAt": timestamp, "updatedAt": timestamp]
            out[names.singular] = object(fields.merging(extra) { a, _ in a }.merging(stamps) { a, _ in a },
                                         required: ["id", "createdAt", "updatedAt"] + (workRequired[kind] ?? []))
            out["\(names.singular)Input"] = object(fields.merging(readOnly(["id", "createdAt", "updatedAt"] + extra.keys.sorted())) { a, _ in a })
            out["\(names.singular)List"] = list(names.singular)
        }
        let line = object(["planId": string, "stakeholderType": nullableString, "groupId": nullableString, "groupName": nullableString,
                           "level": values(IAP2Level.self), "promise": string, "target": ["type": ["integer", "null"]], "reached": integer,
                           "fromConsultations": integer, "fromEvents": integer, "percent": ["type": ["integer", "null"]]],
                          required: ["planId", "level", "promise", "reached", "fromConsultations", "fromEvents"])
        let activity = object(["activityId": string, "kind": values(ActivityKind.self), "title": string, "plannedOn": nullableDay,
                               "status": enumeration(["planned", "overdue", "scheduled", "open", "done", "cancelled"]), "consultationId": nullableString,
                               "eventId": nullableString, "participants": ["type": ["integer", "null"]], "votes": ["type": ["integer", "null"]],
                               "invited": ["type": ["integer", "null"]], "attended": ["type": ["integer", "null"]]],
                              required: ["activityId", "kind", "title", "status"])
        let counts: JSONValue = ["type": "object", "additionalProperties": integer]
        out["InitiativeProgress"] = object(["initiativeId": string, "lines": strings(line), "activities": strings(activity), "participantsByType": counts,
                                            "consultationParticipants": integer, "votes": integer, "stakeholdersEngaged": integer, "decisions": integer],
                                           required: ["initiativeId", "lines", "activities", "participantsByType", "consultationParticipants", "votes",
                                                      "stakeholdersEngaged", "decisions"])
        out["AgreementReminder"] = object(["partnershipId": string, "partnershipName": string, "agreementId": nullableString, "kind": values(AgreementKind.self),
                                           "title": string, "expiresOn": day, "daysLeft": integer],
                                          required: ["partnershipId", "partnershipName", "kind", "title", "expiresOn", "daysLeft"])
        out["AgreementReminderList"] = list("AgreementReminder")
        out["ActionItem"] = object(["groupId": string, "groupName": string, "item": ["type": "object"]], required: ["groupId", "groupName", "item"])
        out["ActionItemList"] = list("ActionItem")
        let promise = object(["planId": string, "audience": string, "isType": boolean, "level": values(IAP2Level.self), "outcome": nullableString],
                             required: ["planId", "audience", "isType", "level"])
        out["PublicInitiative"] = object([
            "slug": string, "title": string, "summary": nullableString, "startsOn": nullableDay, "endsOn": nullableDay,
            "asked": strings(object(["title": string, "kind": values(ActivityKind.self), "on": nullableDay, "question": nullableString,
                                     "consultationSlug": nullableString, "isOpen": boolean], required: ["title", "kind", "isOpen"])),
            "tookPart": counts, "tookPartTotal": integer, "votes": integer,
            "heard": strings(object(["title": string, "question": string, "participants": integer, "votes": integer, "statements": integer,
                                     "opinionGroups": integer, "themes": strings(object(["keywords": strings(), "statements": strings()], required: ["keywords", "statements"])),
                                     "consensus": strings(object(["text": string, "agreePercent": integer, "disagreePercent": integer],
                                                                 required: ["text", "agreePercent", "disagreePercent"]))],
                                    required: ["title", "question", "participants", "votes", "statements", "opinionGroups", "themes", "consensus"])),
            "promises": strings(promise),
            "decisions": strings(object(["title": string, "decidedOn": nullableDay, "decidedBy": nullableString, "rationale": string,
                                         "optionsConsidered": strings(), "chosenOption": nullableString, "promises": strings(promise),
                                         "sources": strings(object(["kind": string, "title": string, "url": nullableString], required: ["kind", "title"])),
                                         "consulted": counts],
                                        required: ["title", "rationale", "optionsConsidered", "promises", "sources", "consulted"])),
        ], required: ["slug", "title", "asked", "tookPart", "tookPartTotal", "votes", "heard", "promises", "decisions"])
        return out
    }
}
