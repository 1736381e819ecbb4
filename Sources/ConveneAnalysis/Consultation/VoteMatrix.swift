import Foundation

/// The participants × statements vote matrix, stored sparsely by participant (missing votes are not stored).
///
/// Built in O(votes + participants + statements) by two stable counting sorts (by statement, then
/// by participant), so each participant's votes are in statement order and a repeated vote on the
/// same statement keeps the one that came last. Moderated-out statements, indices out of range and
/// vote values other than −1, 0, 1 are dropped. Statements left in are renumbered densely as
/// *columns*; `statementOfColumn` maps back.
public struct VoteMatrix: Sendable {
    public let participants: Int
    public let statements: Int
    /// Original statement index of each column (statements not moderated out, ascending).
    public let statementOfColumn: [Int]
    /// Column of each original statement, or −1 when moderated out.
    public let columnOfStatement: [Int]
    /// Row p's votes are `columns[rowStart[p]..<rowStart[p + 1]]` and the same range of `values`.
    public let rowStart: [Int]
    public let columns: [Int32]
    public let values: [Int8]

    public var columnCount: Int { statementOfColumn.count }
    public var voteCount: Int { values.count }

    public init(votes: [VoteRecord], participants: Int, statements: Int, moderatedOut: Set<Int> = []) {
        let participants = max(0, participants)
        let statements = max(0, statements)
        var columnOfStatement = [Int](repeating: -1, count: statements)
        var statementOfColumn: [Int] = []
        for statement in 0..<statements where !moderatedOut.contains(statement) {
            columnOfStatement[statement] = statementOfColumn.count
            statementOfColumn.append(statement)
        }
        let columnCount = statementOfColumn.count

        let (rowStart, sortedColumns, sortedValues) = Self.sort(
            votes, participants: participants, columnOfStatement: columnOfStatement, columnCount: columnCount)
        self.participants = participants
        self.statements = statements
        self.statementOfColumn = statementOfColumn
        self.columnOfStatement = columnOfStatement
        self.rowStart = rowStart
        self.columns = sortedColumns
        self.values = sortedValues
    }

    /// Two stable counting sorts (by column, then by row) and the removal of repeated votes.
    private static func sort(
        _ votes: [VoteRecord], participants: Int, columnOfStatement: [Int], columnCount: Int
    ) -> (rowStart: [Int], columns: [Int32], values: [Int8]) {
        // Pass 1: validate, remember each vote's column, count per column and per row.
        var columnOfVote = [Int32](repeating: -1, count: votes.count)
        var columnFill = [Int](repeating: 0, count: columnCount + 1)
        var rowCounts = [Int](repeating: 0, count: participants + 1)
        votes.withUnsafeBufferPointer { vp in
            columnOfVote.withUnsafeMutableBufferPointer { cv in
                for i in 0..<vp.count where isValid(vp[i], participants: participants, columnOfStatement: columnOfStatement) {
                    let column = columnOfStatement[vp[i].statement]
                    cv[i] = Int32(column)
                    columnFill[column + 1] += 1
                    rowCounts[vp[i].participant + 1] += 1
                }
            }
        }
        for column in 0..<columnCount { columnFill[column + 1] += columnFill[column] }
        for row in 0..<participants { rowCounts[row + 1] += rowCounts[row] }
        let validCount = columnFill[columnCount]
        let columnStart = columnFill

        // Pass 2: scatter by column, in input order.
        var byColumnRow = [Int32](repeating: 0, count: validCount)
        var byColumnValue = [Int8](repeating: 0, count: validCount)
        votes.withUnsafeBufferPointer { vp in
            columnOfVote.withUnsafeBufferPointer { cv in
                byColumnRow.withUnsafeMutableBufferPointer { rows in
                    byColumnValue.withUnsafeMutableBufferPointer { vals in
                        columnFill.withUnsafeMutableBufferPointer { fill in
                            for i in 0..<vp.count where cv[i] >= 0 {
                                let column = Int(cv[i])
                                rows[fill[column]] = Int32(vp[i].participant)
                                vals[fill[column]] = vp[i].vote
                                fill[column] += 1
                            }
                        }
                    }
                }
            }
        }
        columnOfVote = []

        // Pass 3: scatter by row, walking columns in order, so each row is in column order.
        var sortedColumns = [Int32](repeating: 0, count: validCount)
        var sortedValues = [Int8](repeating: 0, count: validCount)
        var rowFill = rowCounts
        byColumnRow.withUnsafeBufferPointer { rows in
            byColumnValue.withUnsafeBufferPointer { vals in
                sortedColumns.withUnsafeMutableBufferPointer { cols in
                    sortedValues.withUnsafeMutableBufferPointer { out in
                        rowFill.withUnsafeMutableBufferPointer { fill in
                            for column in 0..<columnCount {
                                for slot in columnStart[column]..<columnStart[column + 1] {
                                    let row = Int(rows[slot])
                                    cols[fill[row]] = Int32(column)
                                    out[fill[row]] = vals[slot]
                                    fill[row] += 1
                                }
                            }
                        }
                    }
                }
            }
        }

        // Pass 4: keep the last of each run of equal (participant, column).
        var rowStart = [Int](repeating: 0, count: participants + 1)
        var kept = 0
        sortedColumns.withUnsafeMutableBufferPointer { cols in
            sortedValues.withUnsafeMutableBufferPointer { out in
                for row in 0..<participants {
                    rowStart[row] = kept
                    let end = rowCounts[row + 1]
                    for slot in rowCounts[row]..<end where slot + 1 == end || cols[slot + 1] != cols[slot] {
                        cols[kept] = cols[slot]
                        out[kept] = out[slot]
                        kept += 1
                    }
                }
            }
        }
        rowStart[participants] = kept
        sortedColumns.removeLast(validCount - kept)
        sortedValues.removeLast(validCount - kept)
        return (rowStart, sortedColumns, sortedValues)
    }

    @inline(__always)
    private static func isValid(_ vote: VoteRecord, participants: Int, columnOfStatement: [Int]) -> Bool {
        vote.participant >= 0 && vote.participant < participants
            && vote.statement >= 0 && vote.statement < columnOfStatement.count
            && columnOfStatement[vote.statement] >= 0
            && (vote.vote == 1 || vote.vote == -1 || vote.vote == 0)
    }

    /// Number of counted votes (any kind) of a participant.
    public func voteCount(of participant: Int) -> Int {
        rowStart[participant + 1] - rowStart[participant]
    }

    /// Agree, disagree and pass counts of every column over the given participants (all when nil).
    func columnCounts(of rows: [Int]? = nil) -> (agrees: [Int], disagrees: [Int], passes: [Int]) {
        var agrees = [Int](repeating: 0, count: columnCount)
        var disagrees = agrees
        var passes = agrees
        func add(_ row: Int) {
            for slot in rowStart[row]..<rowStart[row + 1] {
                let column = Int(columns[slot])
                switch values[slot] {
                case 1: agrees[column] += 1
                case -1: disagrees[column] += 1
                default: passes[column] += 1
                }
            }
        }
        if let rows {
            for row in rows { add(row) }
        } else {
            for row in 0..<participants { add(row) }
        }
        return (agrees, disagrees, passes)
    }
}
