import ConveneCore
import ConveneFormats
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Uploaded files, written to a temporary file as they arrive so that memory stays flat and
/// an import can read them twice (check, then write). Removed when the request ends.
struct Upload {
    static let maxBytes = 200 << 20
    let path: String

    static func receive(_ request: Request, maxBytes: Int = Upload.maxBytes) async throws -> Upload {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("convene-upload-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Problem(status: .internalServerError, detail: "could not keep the upload")
        }
        defer { try? handle.close() }
        var size = 0
        do {
            for try await buffer in request.body {
                size += buffer.readableBytes
                if size > maxBytes {
                    try? FileManager.default.removeItem(atPath: path)
                    throw Problem(status: .contentTooLarge, detail: "the file is larger than \(maxBytes >> 20) MiB")
                }
                try handle.write(contentsOf: Data(buffer.readableBytesView))
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw Problem.badRequest("the upload was cut off")
        }
        if size == 0 {
            try? FileManager.default.removeItem(atPath: path)
            throw Problem.badRequest("the body is empty; send the file's bytes")
        }
        return Upload(path: path)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

enum ImportFileFormat: String, CaseIterable {
    case csv, vcard

    static func from(contentType: String?, explicit: String?) throws -> ImportFileFormat {
        if let explicit, !explicit.isEmpty {
            guard let f = ImportFileFormat(rawValue: explicit.lowercased()) else { throw ConveneError.invalid("format", "must be csv or vcard") }
            return f
        }
        let type = (contentType ?? "").lowercased()
        if type.hasPrefix("text/vcard") || type.hasPrefix("text/x-vcard") || type.hasPrefix("text/directory") { return .vcard }
        if type.hasPrefix("text/csv") || type.hasPrefix("text/tab-separated-values") || type.hasPrefix("text/plain") || type.hasPrefix("application/csv")
            || type.hasPrefix("application/vnd.ms-excel") || type.hasPrefix("application/octet-stream") || type.isEmpty { return .csv }
        throw Problem(status: .unsupportedMediaType, detail: "send the file as text/csv or text/vcard (or say ?format=csv|vcard)")
    }
}

struct ImportRowBody: Encodable {
    var line: Int, action: String, name: String, stakeholderId: String?, matchedLine: Int?, reasons: [String]
    init(_ r: ImportRowResult) {
        line = r.line; action = r.action.rawValue; name = r.name; stakeholderId = r.stakeholderId; matchedLine = r.matchedLine; reasons = r.reasons
    }
}

struct ImportReportBody: Encodable {
    var applied: Bool, dryRun: Bool, total: Int, counts: [String: Int], organizationsCreated: [String], rows: [ImportRowBody], mapping: [String: String]?
    init(_ r: ImportReport, mapping: ImportMapping?) {
        applied = r.applied; dryRun = r.dryRun; total = r.total
        counts = Dictionary(uniqueKeysWithValues: ImportAction.allCases.map { ($0.rawValue, r.counts[$0] ?? 0) })
        organizationsCreated = r.organizationsCreated
        rows = r.rows.sorted { $0.line < $1.line }.map(ImportRowBody.init)
        self.mapping = mapping.map { m in Dictionary(zip(m.header, m.fields.map(\.rawValue)), uniquingKeysWith: { a, _ in a }) }
    }
}

/// Runs an import of an uploaded file; shared by the API and the web pages.
enum ImportRunner {
    struct Settings {
        var format: ImportFileFormat = .csv
        var options = StakeholderImporter.Options()
        var mapping: String?
        var delimiter: UInt8?
    }

    static func run(_ upload: Upload, _ settings: Settings, services: Services, actor: Actor) async throws -> (ImportReport, ImportMapping?) {
        let path = upload.path
        let box = MappingBox()
        let makeSource: () throws -> any ImportSource = {
            let chunks = try FileChunks(path: path)
            switch settings.format {
            case .vcard: return try VCardImportSource(chunks: { try chunks.next() })
            case .csv:
                var options = CSVOptions()
                options.delimiter = settings.delimiter
                return CSVImportSource(options: options, mapping: { header in
                    let guessed = ImportMapping.guess(header: header)
                    let m = try settings.mapping.map { try guessed.overriding(with: $0) } ?? guessed
                    box.mapping = m
                    return m
                }, chunks: { try chunks.next() })
            }
        }
        let report = try await StakeholderImporter(store: services.store, knownTypes: services.registry.knownTypes)
            .run(makeSource, options: settings.options, actor: actor)
        return (report, box.mapping)
    }

    final class MappingBox: @unchecked Sendable {
        // @unchecked: written during one import, read after it.
        var mapping: ImportMapping?
    }
}

extension APIController {
    var importEndpoints: [Endpoint] {
        let services = services
        return [
            Endpoint(method: .post, path: "/api/v1/imports/stakeholders", role: .staff, operationId: "importStakeholders",
                     summary: "Import stakeholders from a CSV or vCard file sent as the body; all or nothing, with a report row by row",
                     tag: "import",
                     query: [.q("format", "csv or vcard (default: from the Content-Type)"),
                             .q("policy", "For rows matching an existing record: skip, update (default) or create",
                                OpenAPISchemas.enumeration(ImportPolicy.allCases.map(\.rawValue))),
                             .q("dryRun", "true: check and report, write nothing", ["type": "boolean"]),
                             .q("skipInvalid", "true: write the good rows even if some are rejected", ["type": "boolean"]),
                             .q("mapping", "Column changes: Header=field,Other=ignore"),
                             .q("delimiter", "comma, semicolon or tab (default: detected)")],
                     requestSchema: nil, responseSchema: "ImportReport", bodyContentType: "text/csv") { request, context in
                let q = request.uri.queryParameters
                var settings = ImportRunner.Settings()
                settings.format = try ImportFileFormat.from(contentType: request.headers[.contentType], explicit: q.get("format"))
                func flag(_ name: String) throws -> Bool {
                    switch q.get(name) ?? "false" {
                    case "true", "1": return true
                    case "false", "0", "": return false
                    default: throw ConveneError.invalid(name, "must be true or false")
                    }
                }
                if let p = q.get("policy") {
                    guard let policy = ImportPolicy(rawValue: p) else { throw ConveneError.invalid("policy", "must be skip, update or create") }
                    settings.options.policy = policy
                }
                settings.options.dryRun = try flag("dryRun")
                settings.options.skipInvalid = try flag("skipInvalid")
                settings.mapping = q.get("mapping")
                switch q.get("delimiter") ?? "" {
                case "": break
                case "comma", ",": settings.delimiter = UInt8(ascii: ",")
                case "semicolon", ";": settings.delimiter = UInt8(ascii: ";")
                case "tab": settings.delimiter = UInt8(ascii: "\t")
                default: throw ConveneError.invalid("delimiter", "must be comma, semicolon or tab")
                }
                let upload = try await Upload.receive(request)
                defer { upload.remove() }
                let (report, mapping) = try await ImportRunner.run(upload, settings, services: services, actor: context.actor)
                if report.rejected > 0 && !report.applied && !report.dryRun {
                    let errors = report.rows.filter { $0.action == .reject }.prefix(100).flatMap { row in row.reasons.map { FieldError("line \(row.line)", $0) } }
                    throw Problem(status: .unprocessableContent,
                                  detail: "\(report.rejected) row\(report.rejected == 1 ? " was" : "s were") rejected, so nothing was imported; fix them or send skipInvalid=true",
                                  errors: errors)
                }
                return try Reply.json(ImportReportBody(report, mapping: mapping))
            },
            Endpoint(method: .post, path: "/api/v1/imports/events", role: .staff, operationId: "importEvents",
                     summary: "Import events from an iCalendar file sent as the body (recurring events as their occurrences from a year ago to two years ahead)",
                     tag: "import",
                     query: [.q("dryRun", "true: check and report, write nothing", ["type": "boolean"]),
                             .q("skipInvalid", "true: write the good events even if some are rejected", ["type": "boolean"])],
                     requestSchema: nil, responseSchema: "EventImportReport", bodyContentType: "text/calendar") { request, context in
                if let type = request.headers[.contentType]?.lowercased(), !(type.hasPrefix("text/calendar") || type.hasPrefix("application/octet-stream") || type.hasPrefix("text/plain")) {
                    throw Problem(status: .unsupportedMediaType, detail: "send the file as text/calendar")
                }
                let q = request.uri.queryParameters
                let buffer: ByteBuffer
                do { buffer = try await request.body.collect(upTo: 50 << 20) } catch {
                    throw Problem(status: .contentTooLarge, detail: "the file is larger than 50 MiB")
                }
                guard buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send the .ics file") }
                let report = try await EventImporter(engagement: services.engagement).run(Array(buffer.readableBytesView), dryRun: q.get("dryRun") == "true",
                                                                                          skipInvalid: q.get("skipInvalid") == "true",
                                                                                          districtZone: services.configuration.timeZone, actor: context.actor)
                if report.count(.reject) > 0 && !report.applied && !report.dryRun {
                    let errors = report.rows.filter { $0.action == .reject }.prefix(100).flatMap { row in row.reasons.map { FieldError("line \(row.line)", $0) } }
                    throw Problem(status: .unprocessableContent, detail: "\(report.count(.reject)) events were rejected, so nothing was imported; fix them or send skipInvalid=true",
                                  errors: errors)
                }
                return try Reply.json(EventImportReportBody(report))
            },
            Endpoint(method: .get, path: "/api/v1/exports/stakeholders", role: .staff, operationId: "exportStakeholders",
                     summary: "Every stakeholder a search finds, as CSV (every field, importable again) or vCard 4.0",
                     tag: "import",
                     query: [.q("format", "csv (default) or vcard", OpenAPISchemas.enumeration(["csv", "vcard"])), .q("q", "Search text and filters, as the list takes them"),
                             .q("type", "Stakeholder types"), .q("area", "Schools or areas"), .q("tag", "Tags"), .q("archived", "exclude (default), include or only")],
                     responseSchema: nil, contentType: "text/csv") { request, _ in
                let formatName = request.uri.queryParameters.get("format") ?? "csv"
                guard let format = StakeholderExporter.Format(rawValue: formatName) else { throw ConveneError.invalid("format", "must be csv or vcard") }
                let query = try StakeholderQuery(request: request)
                // Check the query before the answer starts, so a bad one is a 422, not a cut-off file.
                _ = try await services.registry.search({ var q = query; q.limit = 1; return q }())
                let exporter = StakeholderExporter(registry: services.registry)
                let body = ResponseBody { writer in
                    _ = try await exporter.export(query, format: format) { text in try await writer.write(ByteBuffer(string: text)) }
                    try await writer.finish(nil)
                }
                let type = format == .csv ? "text/csv; charset=utf-8" : "text/vcard; charset=utf-8"
                let name = format == .csv ? "stakeholders.csv" : "stakeholders.vcf"
                return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""], body: body)
            },
        ]
    }
}

struct EventImportReportBody: Encodable {
    struct Row: Encodable { var line: Int, action: String, title: String, eventId: String?, reasons: [String] }
    var applied: Bool, dryRun: Bool, counts: [String: Int], rows: [Row]
    init(_ r: EventImportReport) {
        applied = r.applied; dryRun = r.dryRun
        counts = Dictionary(uniqueKeysWithValues: ImportAction.allCases.map { ($0.rawValue, r.count($0)) })
        rows = r.rows.prefix(1000).map { Row(line: $0.line, action: $0.action.rawValue, title: $0.title, eventId: $0.eventId, reasons: $0.reasons) }
    }
}
