import PostgresNIO

/// Builds a query with a variable number of bound parameters (`$1`, `$2`, …): filters and
/// IN lists whose length is known only at run time. Values are always bound, never spliced.
struct SQLBuilder {
    private(set) var sql = ""
    private(set) var bindings = PostgresBindings()
    private var count = 0

    init(_ sql: String = "") { self.sql = sql }

    mutating func add(_ text: String) { sql += text }

    /// Appends a placeholder for `value` and binds it.
    mutating func bind(_ value: String) { count += 1; sql += "$\(count)"; bindings.append(value) }
    mutating func bind(_ value: Int64) { count += 1; sql += "$\(count)"; bindings.append(value) }
    mutating func bind(_ value: Int) { bind(Int64(value)) }
    mutating func bind(_ value: Bool) { count += 1; sql += "$\(count)"; bindings.append(value) }

    /// `(…, …)` with one placeholder per value.
    mutating func bindList(_ values: [String]) {
        sql += "("
        for (i, v) in values.enumerated() {
            if i > 0 { sql += ", " }
            bind(v)
        }
        sql += ")"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
