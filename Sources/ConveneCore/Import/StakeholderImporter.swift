import Foundation

/// Where import candidates come from: a CSV file through a column mapping, or vCards. Each
/// call gives the next few, or nil at the end; a damaged file throws, naming the line.
public protocol ImportSource: AnyObject {
    func next() throws -> [ImportCandidate]?
}

/// Runs an import in two passes over the input: the first checks every row and plans what
/// to do (that is the dry run); the second, only if the first found nothing wrong (or the
/// user chose to leave out rejected rows), plans the same again and writes it, all in one
/// transaction. Memory stays flat: rows are read, planned and written a batch at a time.
public struct StakeholderImporter: Sendable {
    public let store: any ConveneStore
    public var knownTypes: Set<String>

    public init(store: any ConveneStore, knownTypes: Set<String> = Set(StakeholderType.builtIn)) {
        self.store = store
        self.knownTypes = knownTypes
    }

    public struct Options: Sendable {
        public var policy: ImportPolicy = .update
        public var dryRun = false
        /// Write the good rows even when some are rejected (they are listed in the report).
        public var skipInvalid = false
        public init(policy: ImportPolicy = .update, dryRun: Bool = false, skipInvalid: Bool = false) {
            self.policy = policy; self.dryRun = dryRun; self.skipInvalid = skipInvalid
        }
    }

    /// `makeSource` is called once per pass and must give a fresh reader of the same input.
    /// `progress` hears the number of rows planned so far, in each pass.
    public func run(_ makeSource: () throws -> any ImportSource, options: Options, actor: Actor, now: Date = Date(),
                    progress: (@Sendable (_ pass: Int, _ rows: Int) -> Void)? = nil) async throws -> ImportReport {
        let index = try await store.importIndex()
        var check = StakeholderImportPlanner(index: index, policy: options.policy, knownTypes: knownTypes, actor: actor, now: now)
        let first = try makeSource()
        var rows = 0
        while let candidates = try first.next() {
            var scratch = ImportBatch()
            for c in candidates { check.plan(c, into: &scratch) }
            rows += candidates.count
            progress?(1, rows)
        }
        var report = check.finishReport(applied: false, dryRun: options.dryRun)
        if options.dryRun || report.total == 0 || (report.rejected > 0 && !options.skipInvalid) { return report }
        let writing = ImportRun(source: try makeSource(),
                                planner: StakeholderImportPlanner(index: index, policy: options.policy, knownTypes: knownTypes, actor: actor, now: now),
                                progress: progress)
        try await store.importStakeholders(actor: actor, now: now) { try writing.nextBatch() }
        report = writing.finish()
        return report
    }
}

/// The second pass's state, pulled by the store from inside its transaction (one caller at a time).
final class ImportRun: @unchecked Sendable {
    // @unchecked: used by one store transaction at a time, serially.
    private let source: any ImportSource
    private var planner: StakeholderImportPlanner
    private let progress: (@Sendable (Int, Int) -> Void)?
    private var rows = 0

    init(source: any ImportSource, planner: StakeholderImportPlanner, progress: (@Sendable (Int, Int) -> Void)?) {
        self.source = source; self.planner = planner; self.progress = progress
    }

    func nextBatch() throws -> ImportBatch? {
        while let candidates = try source.next() {
            var batch = ImportBatch()
            for c in candidates { planner.plan(c, into: &batch) }
            rows += candidates.count
            progress?(2, rows)
            if !batch.isEmpty { return batch }
        }
        return nil
    }

    func finish() -> ImportReport { planner.finishReport(applied: true, dryRun: false) }
}
