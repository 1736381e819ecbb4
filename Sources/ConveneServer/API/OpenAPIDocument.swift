import ConveneCore
import HTTPTypes

/// Builds the OpenAPI 3.1 description of the API from the endpoint list and the schemas.
enum OpenAPIDocument {
    static func make(endpoints: [Endpoint]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for e in endpoints {
            var operations: [String: JSONValue] = [:]
            if case .object(let existing) = paths[e.path] ?? .null { operations = existing }
            operations[e.method.rawValue.lowercased()] = operation(e)
            paths[e.path] = .object(operations)
        }
        return [
            "openapi": "3.1.0",
            "info": ["title": "Convene API", "version": "1",
                     "description": "Convene's JSON API. Authenticate with `Authorization: Bearer <token>`; errors are RFC 9457 problem documents."],
            "servers": [["url": "/"]],
            "paths": .object(paths),
            "components": ["schemas": .object(OpenAPISchemas.all),
                           "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"],
                                               "session": ["type": "apiKey", "in": "cookie", "name": "convene_session"]]],
        ]
    }

    static func operation(_ e: Endpoint) -> JSONValue {
        var op: [String: JSONValue] = ["operationId": .string(e.operationId), "summary": .string(e.summary), "tags": [.string(e.tag)]]
        var parameters: [JSONValue] = e.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
            ["name": .string(String($0.dropFirst().dropLast())), "in": "path", "required": true, "schema": ["type": "string"]]
        }
        parameters += e.query.map { ["name": .string($0.name), "in": "query", "required": false, "description": .string($0.description), "schema": $0.schema] }
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        if let request = e.requestSchema {
            op["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(request)]]]
        } else if e.bodyContentType != nil {
            let types = e.bodyContentType == "text/calendar" ? ["text/calendar"] : ["text/csv", "text/vcard"]
            op["requestBody"] = ["required": true, "content": .object(Dictionary(uniqueKeysWithValues: types.map { ($0, ["schema": ["type": "string"]] as JSONValue) }))]
        }
        var responses: [String: JSONValue] = [:]
        let description: JSONValue = e.status == 201 ? "Created" : e.status == 204 ? "No content" : "OK"
        if let type = e.contentType {
            let types = type.split(separator: ",").map { String($0.drop(while: { $0 == " " })) }
            responses[String(e.status)] = ["description": description,
                                           "content": .object(Dictionary(uniqueKeysWithValues: types.map { ($0, ["schema": ["type": "string"]] as JSONValue) }))]
        } else if let schema = e.responseSchema {
            var ok: [String: JSONValue] = ["description": description, "content": ["application/json": ["schema": ref(schema)]]]
            if e.status == 201 { ok["headers"] = ["Location": ["schema": ["type": "string"]]] }
            responses[String(e.status)] = .object(ok)
        } else if e.operationId == "getOpenAPI" {
            responses["200"] = ["description": "The OpenAPI document", "content": ["application/json": ["schema": ["type": "object"]]]]
        } else {
            responses[String(e.status)] = ["description": description]
        }
        let problem: JSONValue = ["content": ["application/problem+json": ["schema": ref("Problem")]]]
        func problemResponse(_ text: String) -> JSONValue {
            guard case .object(var o) = problem else { return problem }
            o["description"] = .string(text)
            return .object(o)
        }
        responses["400"] = problemResponse("Malformed request")
        responses["422"] = problemResponse("Invalid fields, each named in errors")
        responses["429"] = problemResponse("Too many requests")
        if e.role != nil {
            responses["401"] = problemResponse("Not signed in")
            responses["403"] = problemResponse("Your role may not do this")
            op["security"] = [["bearer": []], ["session": []]]
        } else {
            op["security"] = []
        }
        if e.path.contains("{") { responses["404"] = problemResponse("Not found") }
        if e.requestSchema != nil {
            responses["413"] = problemResponse("Body too large")
            responses["415"] = problemResponse("Body is not JSON")
            responses["409"] = problemResponse("Conflict with what is stored")
        }
        op["responses"] = .object(responses)
        if let role = e.role { op["x-convene-role"] = .string(role.rawValue) }
        return .object(op)
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
}
