import ConveneCore
import Foundation
import PostgresNIO

extension PostgresStore {
    public func appliedMigrations() async throws -> [String] {
        var out: [String] = []
        for try await name in try await client.query("SELECT name FROM convene_migrations ORDER BY name COLLATE \"C\"", logger: logger).decode(String.self) { out.append(name) }
        return out
    }

    public func exportTables() async throws -> [BackupTable] {
        var out: [BackupTable] = []
        for spec in BackupSchema.tables {
            let names = spec.columns.map(\.name)
            // Text sorts byte-wise ("C"), as SQLite's default collation does, so both engines list rows alike.
            let orderSQL = spec.orderBy.split(separator: ",").map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                return spec.columns.first(where: { $0.name == name })?.type == .text ? "\(name) COLLATE \"C\"" : name
            }.joined(separator: ", ")
            var rows: [[JSONValue]] = []
            for try await row in try await client.query(PostgresQuery(unsafeSQL: "SELECT \(names.joined(separator: ", ")) FROM \(spec.name) ORDER BY \(orderSQL)"), logger: logger) {
                let cells = row.makeRandomAccess()
                var values: [JSONValue] = []
                for (i, column) in spec.columns.enumerated() {
                    switch column.type {
                    case .text: values.append(try cells[i].decode(String?.self).map(JSONValue.string) ?? .null)
                    case .integer: values.append(try cells[i].decode(Int64?.self).map { .number(Double($0)) } ?? .null)
                    case .boolean: values.append(try cells[i].decode(Bool?.self).map(JSONValue.bool) ?? .null)
                    }
                }
                rows.append(values)
            }
            out.append(BackupTable(name: spec.name, columns: names, rows: rows))
        }
        return out
    }

    public func importTables(_ tables: [BackupTable]) async throws {
        try await transaction { conn in
            let existing = try await self.scalarInt("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM stakeholders) + (SELECT count(*) FROM audit_log)", on: conn)
            guard existing == 0 else { throw ConveneError.conflict("the target database is not empty; restore into a new one") }
            for table in tables {
                guard let spec = BackupSchema.tables.first(where: { $0.name == table.name }) else { continue }
                if spec.name == "stakeholders" {
                    try await self.importStakeholders(table, conn)
                    continue
                }
                for (i, row) in table.rows.enumerated() {
                    var b = SQLBuilder("INSERT INTO \(spec.name) (\(spec.columns.map(\.name).joined(separator: ", "))) VALUES (")
                    for (j, (column, value)) in zip(spec.columns, row).enumerated() {
                        if j > 0 { b.add(", ") }
                        switch (value, column.type) {
                        case (.null, _): b.add("NULL")
                        case (.string(let s), .text): b.bind(s)
                        case (.number(let n), .integer) where n.rounded() == n: b.bind(Int64(n))
                        case (.bool(let v), .boolean): b.bind(v)
                        default: throw ConveneError.invalid("\(spec.name)[\(i)].\(column.name)", "expected \(column.type.rawValue), found \(value.typeName)")
                        }
                    }
                    b.add(")")
                    try await conn.query(b.query, logger: self.logger)
                }
            }
            // Sequences continue after the restored ids.
            try await conn.query("SELECT setval('stakeholders_sid_seq', GREATEST((SELECT max(sid) FROM stakeholders), 1))", logger: self.logger)
            try await conn.query("SELECT setval('audit_log_seq_seq', GREATEST((SELECT max(seq) FROM audit_log), 1))", logger: self.logger)
        }
    }

    func importStakeholders(_ table: BackupTable, _ conn: PostgresConnection) async throws {
        var records: [(Int64, Stakeholder)] = []
        for (i, row) in table.rows.enumerated() {
            guard row.count == 2, case .number(let n) = row[0], case .string(let data) = row[1], let s = try? StakeholderCoding.decode(data) else {
                throw ConveneError.invalid("stakeholders[\(i)]", "is not a stakeholder record")
            }
            records.append((Int64(n), s))
        }
        // First every row without its affiliation (which may point further down the file), then
        // each affiliated one again in full.
        for (sid, s) in records {
            var bare = s
            bare.affiliationId = nil
            try await conn.query("INSERT INTO stakeholders (sid, id, kind, display_name, sort_name, consent_status, data, search, created_at, updated_at) VALUES (\(sid), \(s.id), '', '', '', '', '', ''::tsvector, 0, 0)", logger: logger)
            try await write(s.affiliationId == nil ? s : bare, conn, isNew: false)
        }
        for (_, s) in records where s.affiliationId != nil { try await write(s, conn, isNew: false) }
    }

    public func tableCounts() async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for spec in BackupSchema.tables { out[spec.name] = try await scalarInt(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(spec.name)")) }
        return out
    }
}
