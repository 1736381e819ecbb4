import ConveneCore
import HTTPTypes
import Hummingbird
import NIOCore

extension StakeholderQuery {
    /// Reads a stakeholder query from URL parameters (`q`, `type`, `level`, `area`, `tag`,
    /// `topic`, `consent`, `owner`, `kind`, `affiliation`, `group`, `archived`), as both the API
    /// and the web list use them. Unknown values are errors that name the parameter.
    init(request: Request) throws {
        self.init()
        var errors: [FieldError] = []
        text = SearchText(parsing: request.uri.queryParameters.get("q") ?? "")
        types = request.queryList("type").map { $0.lowercased() }
        for value in request.queryList("level") {
            if let l = JurisdictionLevel(rawValue: value) { levels.append(l) } else { errors.append(FieldError("level", "unknown level \"\(value.prefix(40))\"")) }
        }
        for value in request.queryList("consent") {
            if let c = ConsentStatus(rawValue: value) { consent.append(c) } else { errors.append(FieldError("consent", "unknown consent status \"\(value.prefix(40))\"")) }
        }
        areas = request.uri.queryParameters.getAll("area").filter { !$0.isEmpty }
        tags = request.queryList("tag")
        topics = request.uri.queryParameters.getAll("topic").filter { !$0.isEmpty }
        ownerIds = request.queryList("owner")
        if let k = request.uri.queryParameters.get("kind"), !k.isEmpty {
            if let kind = StakeholderKind(rawValue: k) { self.kind = kind } else { errors.append(FieldError("kind", "must be person or organization")) }
        }
        affiliationId = request.uri.queryParameters.get("affiliation").flatMap { $0.isEmpty ? nil : $0 }
        groupId = request.uri.queryParameters.get("group").flatMap { $0.isEmpty ? nil : $0 }
        switch request.uri.queryParameters.get("archived") ?? "" {
        case "", "exclude", "false": archived = .exclude
        case "only", "true": archived = .only
        case "include", "any": archived = .include
        default: errors.append(FieldError("archived", "must be exclude, only or include"))
        }
        do { limit = try request.limit() } catch let e as ConveneError { if case .invalid(let f) = e { errors += f } }
        do { offset = try Cursor.decode(request.uri.queryParameters.get("cursor")) } catch let e as ConveneError { if case .invalid(let f) = e { errors += f } }
        if !errors.isEmpty { throw ConveneError.invalid(errors) }
    }
}
