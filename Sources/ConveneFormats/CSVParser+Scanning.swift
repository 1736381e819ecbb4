// The byte loop. Unquoted fields (the common case) are found by scanning for the delimiter
// or a line break and become a String straight from the chunk; only a field cut by a chunk
// boundary or holding doubled quotes is copied into `fieldBytes` first.

extension CSVParser {
    mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, into records: inout [CSVRecord]) throws(CSVError) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let n = buffer.count
        let delimiter = delimiter
        let quote = CSVByte.quote, cr = CSVByte.cr, lf = CSVByte.lf
        var i = 0
        if pendingCR {
            pendingCR = false
            if base[0] == lf {
                // The LF of a CRLF: inside quotes it is text, outside it already ended the record.
                if case .quoted = state { try appendToField(byte: lf) }
                i = 1
            }
        }
        while i < n {
            switch state {
            case .start, .unquoted:
                if case .start = state, base[i] == quote {
                    state = .quoted
                    fieldLine = line
                    i += 1
                    continue
                }
                // The scan stops where the field would pass the limit, so the first problem in
                // byte order is the one reported, however the input was split.
                let limit = scanLimit(from: i, count: n)
                var j = i
                while j < limit {
                    let byte = base[j]
                    if byte == delimiter || (byte <= cr && (byte == lf || byte == cr || byte == 0)) { break }
                    j += 1
                }
                if j == n {
                    try appendToField(UnsafeBufferPointer(start: base + i, count: n - i))
                    state = .unquoted
                    return
                }
                if j == limit {
                    let byte = base[j]
                    guard byte == delimiter || byte == lf || byte == cr || byte == 0 else {
                        state = .unquoted
                        throw fieldTooLong()
                    }
                }
                try endField(UnsafeBufferPointer(start: base + i, count: j - i))
                i = try endFieldTerminated(by: j, in: base, count: n, into: &records)

            case .quoted:
                let limit = scanLimit(from: i, count: n)
                var j = i
                while j < limit {
                    let byte = base[j]
                    if byte == quote { break }
                    if byte <= cr {
                        if byte == lf {
                            line += 1
                        } else if byte == cr {
                            line += 1
                            if j + 1 == n { pendingCR = true } else if base[j + 1] == lf { j += 1 }
                        } else if byte == 0 {
                            throw nulError()
                        }
                    }
                    j += 1
                }
                if j > limit || (j == limit && j < n && base[j] != quote) { throw fieldTooLong() }
                try appendToField(UnsafeBufferPointer(start: base + i, count: j - i))
                if j == n { return }
                state = .quoteSeen
                i = j + 1

            case .quoteSeen, .afterQuote:
                let byte = base[i]
                if byte == quote, case .quoteSeen = state {
                    try appendToField(byte: quote)
                    state = .quoted
                    i += 1
                } else if byte == delimiter || byte == cr || byte == lf {
                    try endField(UnsafeBufferPointer(start: base + i, count: 0))
                    i = try endFieldTerminated(by: i, in: base, count: n, into: &records)
                } else if byte == CSVByte.space || byte == CSVByte.tab {
                    state = .afterQuote
                    i += 1
                } else if byte == 0 {
                    throw nulError()
                } else {
                    throw junkAfterQuote(byte)
                }
            }
        }
    }

    /// At the end of the input: the last record, unless the input ended with a line break.
    mutating func endInput(into records: inout [CSVRecord]) throws(CSVError) {
        switch state {
        case .start:
            // Nothing after a line break (or no input at all) is no record; after a delimiter
            // it is an empty last field.
            guard !fields.isEmpty else { return }
        case .unquoted, .quoteSeen, .afterQuote:
            break
        case .quoted:
            throw CSVError(
                line: fieldLine,
                message: "a quoted field that starts on this line is not closed before the end of the file; CSV expects a closing quote (\")"
            )
        }
        try endField(UnsafeBufferPointer(start: nil, count: 0))
        endRecord(into: &records)
    }

    /// Handles the delimiter, line break or NUL at `j` that ended a field; returns where to go on.
    private mutating func endFieldTerminated(
        by j: Int, in base: UnsafePointer<UInt8>, count n: Int, into records: inout [CSVRecord]
    ) throws(CSVError) -> Int {
        let byte = base[j]
        state = .start
        if byte == delimiter { return j + 1 }
        if byte == 0 { throw nulError() }
        endRecord(into: &records)
        line += 1
        recordLine = line
        if byte == CSVByte.cr {
            if j + 1 == n {
                pendingCR = true
            } else if base[j + 1] == CSVByte.lf {
                return j + 2
            }
        }
        return j + 1
    }

    private mutating func appendToField(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVError) {
        guard fieldBytes.count + bytes.count <= options.maxFieldBytes else { throw fieldTooLong() }
        fieldBytes.append(contentsOf: bytes)
    }

    /// Where a scan from `i` must stop: the chunk's end, or the byte that would make the
    /// current field longer than `maxFieldBytes`.
    private func scanLimit(from i: Int, count n: Int) -> Int {
        let remaining = max(0, options.maxFieldBytes - fieldBytes.count)
        return remaining >= n - i ? n : i + remaining
    }

    private mutating func appendToField(byte: UInt8) throws(CSVError) {
        guard fieldBytes.count < options.maxFieldBytes else { throw fieldTooLong() }
        fieldBytes.append(byte)
    }

    /// Completes the current field with its last `bytes` and adds it to the record.
    private mutating func endField(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVError) {
        guard fields.count < options.maxFields else {
            throw CSVError(line: recordLine, message: "a record has more than \(options.maxFields) fields (the limit)")
        }
        let text: String
        let usedWindows1252: Bool
        if fieldBytes.isEmpty {
            guard bytes.count <= options.maxFieldBytes else { throw fieldTooLong() }
            (text, usedWindows1252) = CSVText.string(bytes, as: decoding)
        } else {
            try appendToField(bytes)
            (text, usedWindows1252) = fieldBytes.withUnsafeBufferPointer { CSVText.string($0, as: decoding) }
            fieldBytes.removeAll(keepingCapacity: true)
        }
        if usedWindows1252 { sawWindows1252 = true }
        fields.append(text)
    }

    private mutating func endRecord(into records: inout [CSVRecord]) {
        let count = fields.count
        records.append(CSVRecord(fields: fields, line: recordLine))
        fields = []
        fields.reserveCapacity(count)
    }

    private func fieldTooLong() -> CSVError {
        let startLine: Int
        switch state {
        case .quoted, .quoteSeen, .afterQuote: startLine = fieldLine
        case .start, .unquoted: startLine = line
        }
        return CSVError(
            line: startLine,
            message: "a field is longer than \(options.maxFieldBytes) bytes (the limit); is a quote left open?"
        )
    }

    private func nulError() -> CSVError {
        CSVError(line: line, message: "a NUL byte, which CSV text never holds; this looks like a binary file, not CSV")
    }

    private func junkAfterQuote(_ byte: UInt8) -> CSVError {
        let shown = (0x21...0x7E).contains(byte) ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        let name = delimiter == CSVByte.tab ? "a tab" : "\"\(Character(Unicode.Scalar(delimiter)))\""
        return CSVError(
            line: line,
            message: "CSV expects \(name) or a line break after a closing quote, but found \(shown); a quote inside a quoted field must be doubled (\"\")"
        )
    }
}
