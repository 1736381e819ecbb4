// Guessing the delimiter from the start of a file. Delimiters inside quotes do not count,
// nor do blank lines. The first line (usually the header) must hold the candidate, and the
// candidate that splits the most lines into as many fields as the first line wins; a comma
// when nothing fits.

enum CSVDelimiterDetection {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), CSVByte.tab, UInt8(ascii: "|")]

    /// The candidate that splits the first line at least once and gives the most lines the
    /// same count as the first line; ties go to more fields, then to the order above.
    /// Delimiters inside quotes do not count. A comma when no candidate appears.
    static func detect(in sample: ArraySlice<UInt8>, isWholeInput: Bool) -> UInt8 {
        var lines: [[Int]] = []
        var counts = [Int](repeating: 0, count: candidates.count)
        var lineLength = 0
        var inQuotes = false
        var afterCR = false
        for byte in sample {
            defer { afterCR = byte == CSVByte.cr }
            if byte == CSVByte.quote { inQuotes.toggle() }
            if !inQuotes && (byte == CSVByte.cr || byte == CSVByte.lf) {
                if byte == CSVByte.lf && afterCR { continue }
                if lineLength > 0 { lines.append(counts) }
                counts = [Int](repeating: 0, count: candidates.count)
                lineLength = 0
                continue
            }
            lineLength += 1
            if !inQuotes, let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
        }
        // A line cut off by the detection limit is partial; use it only if it is all there is.
        if lineLength > 0 && (isWholeInput || lines.isEmpty) { lines.append(counts) }
        guard let first = lines.first else { return candidates[0] }

        var best: (delimiter: UInt8, agreeing: Int, fields: Int)?
        for (index, candidate) in candidates.enumerated() where first[index] > 0 {
            let agreeing = lines.count { $0[index] == first[index] }
            if let current = best, (current.agreeing, current.fields) >= (agreeing, first[index]) { continue }
            best = (candidate, agreeing, first[index])
        }
        return best?.delimiter ?? candidates[0]
    }
}
