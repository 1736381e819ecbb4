import Foundation

/// The tables a backup carries, with their columns and types, identical on both engines.
/// Derived data (search indexes, filter terms, contact keys) is not carried: a restore
/// rebuilds it from the stakeholder records.
public enum BackupSchema {
    public enum ColumnType: String, Sendable { case text, integer, boolean }

    public struct Table: Sendable {
        public var name: String
        public var columns: [(name: String, type: ColumnType)]
        /// The column that orders rows, so two exports of equal data are equal.
        public var orderBy: String
    }

    public static let format = "convene-backup"
    public static let version = 1

    static func cols(_ spec: String) -> [(name: String, type: ColumnType)] {
        spec.split(separator: " ").map { part in
            let bits = part.split(separator: ":")
            let type: ColumnType = bits.count > 1 ? (bits[1] == "i" ? .integer : bits[1] == "b" ? .boolean : .text) : .text
            return (String(bits[0]), type)
        }
    }

    /// In an order that satisfies foreign keys (stakeholder affiliations are restored in a second pass).
    public static let tables: [Table] = [
        Table(name: "users", columns: cols("id email display_name role password_hash is_disabled:b created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "stakeholders", columns: cols("sid:i data"), orderBy: "sid"),
        Table(name: "relationships", columns: cols("id from_id to_id type starts_on ends_on notes created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "groups", columns: cols("id name description kind query created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "group_members", columns: cols("group_id stakeholder_id added_at:i"), orderBy: "group_id, stakeholder_id"),
        Table(name: "duplicate_dismissals", columns: cols("pair_key first_id second_id at:i"), orderBy: "pair_key"),
        Table(name: "sessions", columns: cols("token_hash user_id csrf_token created_at:i expires_at:i"), orderBy: "token_hash"),
        Table(name: "api_tokens", columns: cols("id user_id name prefix token_hash created_at:i last_used_at:i revoked_at:i"), orderBy: "id"),
        Table(name: "rate_attempts", columns: cols("key at:i"), orderBy: "key, at"),
        Table(name: "audit_log", columns: cols("seq:i id at:i actor_id actor_label action entity_type entity_id before after"), orderBy: "seq"),
        Table(name: "jobs", columns: cols("id kind key payload run_after:i claimed_by claimed_at:i finished_at:i attempts:i last_error"), orderBy: "id"),
        Table(name: "events", columns: cols("id kind starts_at:i ends_at:i organizer_id data created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "event_invitees", columns: cols("event_id stakeholder_id position:i rsvp attended:b"), orderBy: "event_id, position"),
        Table(name: "interactions", columns: cols("id kind direction occurred_at:i event_id data created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "interaction_participants", columns: cols("interaction_id stakeholder_id position:i occurred_at:i inbound:b heard:b"),
              orderBy: "interaction_id, position"),
        Table(name: "follow_ups", columns: cols("id owner_id due_on status interaction_id data created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "follow_up_stakeholders", columns: cols("follow_up_id stakeholder_id position:i"), orderBy: "follow_up_id, position"),
        Table(name: "coverage_targets", columns: cols("id data created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "radar_issues", columns: cols("id name data created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "radar_issue_stakeholders", columns: cols("issue_id stakeholder_id position:i"), orderBy: "issue_id, position"),
        Table(name: "radar_sources", columns: cols("id url next_poll_at:i is_paused:b data created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "radar_items", columns: cols("id source_id guid link content_hash at:i data fetched_at:i"), orderBy: "id"),
        Table(name: "radar_item_issues", columns: cols("item_id issue_id at:i score:i reasons"), orderBy: "item_id, issue_id"),
        Table(name: "radar_item_states", columns: cols("user_id item_id is_read:b is_starred:b"), orderBy: "user_id, item_id"),
        Table(name: "consultations", columns: cols("id slug data created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "consultation_participants", columns: cols("id consultation_id seq:i token_hash data created_at:i"), orderBy: "id"),
        Table(name: "consultation_statements", columns: cols("id consultation_id seq:i status participant_id data created_at:i"), orderBy: "id"),
        Table(name: "consultation_invites", columns: cols("code_hash consultation_id participant_id created_at:i"), orderBy: "code_hash"),
        Table(name: "consultation_votes", columns: cols("consultation_id participant_id statement_id vote:i at:i"), orderBy: "participant_id, statement_id"),
        Table(name: "work_records", columns: cols("id kind slug data created_at:i updated_at:i"), orderBy: "id"),
        Table(name: "work_links", columns: cols("record_id target_kind target_id"), orderBy: "record_id, target_kind, target_id"),
    ]
}

/// One table's rows in a backup; each row's values follow `columns`.
public struct BackupTable: Sendable, Equatable, Codable {
    public var name: String
    public var columns: [String]
    public var rows: [[JSONValue]]
    public init(name: String, columns: [String], rows: [[JSONValue]]) { self.name = name; self.columns = columns; self.rows = rows }
}

/// A whole Convene database as one JSON document.
public struct BackupDocument: Sendable, Equatable, Codable {
    public var format: String
    public var version: Int
    public var createdAt: String
    public var engine: String
    public var migrations: [String]
    public var tables: [BackupTable]

    public init(engine: String, migrations: [String], tables: [BackupTable], createdAt: Date = Date()) {
        format = BackupSchema.format; version = BackupSchema.version; self.createdAt = Timestamp.format(createdAt)
        self.engine = engine; self.migrations = migrations; self.tables = tables
    }

    public var counts: [String: Int] { Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.rows.count) }) }

    /// Checks the document before anything is written, naming the first problem.
    public func validate(knownMigrations: [String]) throws(ConveneError) {
        guard format == BackupSchema.format else { throw .invalid("format", "this is not a Convene backup (format is \"\(format.prefix(40))\")") }
        guard version == BackupSchema.version else { throw .invalid("version", "backup version \(version) is not one this Convene reads (\(BackupSchema.version))") }
        let unknown = Set(migrations).subtracting(knownMigrations)
        if !unknown.isEmpty { throw .invalid("migrations", "the backup comes from a newer Convene (\(unknown.sorted().joined(separator: ", "))); upgrade first") }
        for table in tables {
            guard let spec = BackupSchema.tables.first(where: { $0.name == table.name }) else { throw .invalid("tables", "unknown table \(table.name)") }
            guard table.columns == spec.columns.map(\.name) else { throw .invalid("tables.\(table.name).columns", "expected \(spec.columns.map(\.name).joined(separator: ", "))") }
            for (i, row) in table.rows.enumerated() where row.count != spec.columns.count {
                throw .invalid("tables.\(table.name).rows[\(i)]", "has \(row.count) values, expected \(spec.columns.count)")
            }
        }
    }
}

/// Export and import of whole databases, for `convene backup` and `convene restore`.
public protocol BackupStore: Sendable {
    /// The migrations applied to this database, by name.
    func appliedMigrations() async throws -> [String]
    func exportTables() async throws -> [BackupTable]
    /// Writes every table into this (empty) database in one transaction, rebuilding derived data.
    func importTables(_ tables: [BackupTable]) async throws
    /// Rows per backed-up table, as stored now.
    func tableCounts() async throws -> [String: Int]
}
