/// Reads OAI-PMH 2.0 responses (all six verbs and error responses) with `oai_dc` metadata.
public enum OAIPMHReader {
    static let oai = "http://www.openarchives.org/OAI/2.0/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let verbs: Set<String> = ["GetRecord", "Identify", "ListIdentifiers", "ListMetadataFormats", "ListRecords", "ListSets"]

    public static func read(_ data: [UInt8]) throws(OAIPMHError) -> OAIPMHResponse {
        let (parsed, problem) = XMLElementNode.parse(data)
        guard let root = parsed else {
            throw OAIPMHError(message: "not an OAI-PMH response: \(problem ?? "no XML element")")
        }
        guard root.name.local == "OAI-PMH" else {
            throw OAIPMHError(message: "not an OAI-PMH response: the root element is <\(root.name.qualified)>")
        }
        if let problem { throw OAIPMHError(message: "malformed OAI-PMH response: \(problem)") }
        let request = root.child("request")
        var arguments: [String: String] = [:]
        for attribute in request?.attributes ?? [] where attribute.name.prefix.isEmpty {
            arguments[attribute.name.local] = attribute.value
        }
        let body = root.children.first { verbs.contains($0.name.local) }
        var response = OAIPMHResponse(
            verb: body?.name.local ?? arguments["verb"] ?? "",
            responseDate: root.childText("responseDate") ?? "",
            requestURL: request?.text.trimmingFeedWhitespace() ?? "",
            requestArguments: arguments
        )
        response.errors = root.children("error").map { element in
            let name = element.attribute("code") ?? ""
            return OAIError(code: OAIErrorCode(rawValue: name) ?? .unknown, codeName: name, message: element.text.trimmingFeedWhitespace())
        }
        guard let body else { return response }
        switch body.name.local {
        case "ListRecords", "GetRecord":
            response.records = body.children("record").map(record)
        case "ListIdentifiers":
            response.headers = body.children("header").map(header)
        case "ListSets":
            response.sets = body.children("set").map { OAISet(spec: $0.childText("setSpec") ?? "", name: $0.childText("setName") ?? "") }
        case "ListMetadataFormats":
            response.metadataFormats = body.children("metadataFormat").map {
                OAIMetadataFormat(prefix: $0.childText("metadataPrefix") ?? "", schema: $0.childText("schema") ?? "", namespace: $0.childText("metadataNamespace") ?? "")
            }
        case "Identify":
            response.identify = OAIIdentify(
                repositoryName: body.childText("repositoryName") ?? "", baseURL: body.childText("baseURL") ?? "",
                protocolVersion: body.childText("protocolVersion") ?? "",
                adminEmails: body.children("adminEmail").map { $0.text.trimmingFeedWhitespace() },
                earliestDatestamp: body.childText("earliestDatestamp") ?? "", deletedRecord: body.childText("deletedRecord") ?? "",
                granularity: body.childText("granularity") ?? ""
            )
        default:
            break
        }
        if let token = body.child("resumptionToken") {
            response.resumptionToken = OAIResumptionToken(
                value: token.text.trimmingFeedWhitespace(),
                completeListSize: token.attribute("completeListSize").flatMap { Int($0) },
                cursor: token.attribute("cursor").flatMap { Int($0) },
                expirationDate: token.attribute("expirationDate")
            )
        }
        return response
    }

    static func header(_ element: XMLElementNode) -> OAIRecordHeader {
        OAIRecordHeader(
            identifier: element.childText("identifier") ?? "",
            datestamp: element.childText("datestamp") ?? "",
            setSpecs: element.children("setSpec").map { $0.text.trimmingFeedWhitespace() },
            isDeleted: element.attribute("status") == "deleted"
        )
    }

    static func record(_ element: XMLElementNode) -> OAIRecord {
        let recordHeader = element.child("header").map(header) ?? OAIRecordHeader(identifier: "", datestamp: "", setSpecs: [], isDeleted: false)
        var fields: [OAIDublinCoreField] = []
        let container = element.child("metadata")?.children.first
        for child in container?.children ?? [] where child.name.namespace == dublinCore || child.name.namespace == "http://purl.org/dc/terms/" {
            let value = child.text.trimmingFeedWhitespace()
            if let index = fields.firstIndex(where: { $0.name == child.name.local }) {
                fields[index].values.append(value)
            } else {
                fields.append(OAIDublinCoreField(name: child.name.local, values: [value]))
            }
        }
        return OAIRecord(header: recordHeader, metadata: fields, metadataFormat: container?.name.local ?? "")
    }
}
