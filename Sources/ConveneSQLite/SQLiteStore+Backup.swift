import ConveneCore
import Foundation
import GRDB

extension SQLiteStore {
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
    }

    public func exportTables() async throws -> [BackupTable] {
        try await pool.read { db in
            try BackupSchema.tables.map { spec in
                let names = spec.columns.map(\.name)
                let rows = try Row.fetchAll(db, sql: "SELECT \(names.joined(separator: ", ")) FROM \(spec.name) ORDER BY \(spec.orderBy)").map { row in
                    spec.columns.enumerated().map { i, column -> JSONValue in
                        let value: DatabaseValue = row[i]
                        switch value.storage {
                        case .null: return .null
                        case .int64(let n): return column.type == .boolean ? .bool(n != 0) : .number(Double(n))
                        case .double(let d): return .number(d)
                        case .string(let s): return .string(s)
                        case .blob: return .null
                        }
                    }
                }
                return BackupTable(name: spec.name, columns: names, rows: rows)
            }
        }
    }

    public func importTables(_ tables: [BackupTable]) async throws {
        try await pool.write { db in
            let existing = try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM stakeholders) + (SELECT count(*) FROM audit_log)") ?? 0
            guard existing == 0 else { throw ConveneError.conflict("the target database is not empty; restore into a new one") }
            // Affiliations may point at rows later in the file; checked at commit instead.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for table in tables {
                guard let spec = BackupSchema.tables.first(where: { $0.name == table.name }) else { continue }
                if spec.name == "stakeholders" {
                    try Self.importStakeholders(table, db)
                    continue
                }
                let marks = Array(repeating: "?", count: spec.columns.count).joined(separator: ", ")
                let sql = "INSERT INTO \(spec.name) (\(spec.columns.map(\.name).joined(separator: ", "))) VALUES (\(marks))"
                for (i, row) in table.rows.enumerated() {
                    let values = try zip(spec.columns, row).map { column, value in try Self.databaseValue(value, column.type, at: "\(spec.name)[\(i)].\(column.name)") }
                    try db.execute(sql: sql, arguments: StatementArguments(values))
                }
            }
        }
    }

    static func importStakeholders(_ table: BackupTable, _ db: Database) throws {
        var affiliated: [(Int64, Stakeholder)] = []
        for (i, row) in table.rows.enumerated() {
            guard row.count == 2, case .number(let n) = row[0], case .string(let data) = row[1], let s = try? StakeholderCoding.decode(data) else {
                throw ConveneError.invalid("stakeholders[\(i)]", "is not a stakeholder record")
            }
            let sid = Int64(n)
            try db.execute(sql: """
                INSERT INTO stakeholders (sid, id, kind, display_name, sort_name, affiliation_id, level, consent_status, owner_id, is_archived, data, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sid, s.id] + columns(s))
            try writeIndexes(s, sid: sid, db, replacing: false)
            if s.affiliationId != nil { affiliated.append((sid, s)) }
        }
        // Now every organization is present, index members under their organization's name.
        for (sid, s) in affiliated { try writeSearchRow(s, sid: sid, db, replacing: true) }
    }

    static func databaseValue(_ value: JSONValue, _ type: BackupSchema.ColumnType, at field: String) throws -> (any DatabaseValueConvertible)? {
        switch (value, type) {
        case (.null, _): return nil
        case (.string(let s), .text): return s
        case (.number(let n), .integer) where n.rounded() == n: return Int64(n)
        case (.bool(let b), .boolean): return b ? 1 : 0
        default: throw ConveneError.invalid(field, "expected \(type.rawValue), found \(value.typeName)")
        }
    }

    public func tableCounts() async throws -> [String: Int] {
        try await pool.read { db in
            Dictionary(uniqueKeysWithValues: try BackupSchema.tables.map { ($0.name, try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0.name)") ?? 0) })
        }
    }
}
