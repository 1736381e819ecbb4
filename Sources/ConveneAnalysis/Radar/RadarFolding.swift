import Foundation

/// What a non-ASCII character becomes when the radar reads words: letters folded to their
/// plain lowercase form, a combining mark that vanishes, or something between words.
enum RadarFolding: Sendable {
    case letters([UInt8])
    case mark
    case separator
    /// Ends a phrase: a phrase never matches across it.
    case sentenceBreak

    /// Latin letters with accents, general punctuation and Vietnamese letters, folded once.
    private static let table: [UInt32: RadarFolding] = {
        var table: [UInt32: RadarFolding] = [:]
        let ranges: [ClosedRange<UInt32>] = [0x80...0x24F, 0x1E00...0x1EFF, 0x2000...0x206F, 0x3000...0x3003]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                table[value] = classifyUncached(scalar)
            }
        }
        return table
    }()

    /// Letters that case and accent folding leave alone but a reader treats as plain ones.
    private static let overrides: [UInt32: String] = [
        0xD8: "o", 0xF8: "o", 0x141: "l", 0x142: "l", 0xC6: "ae", 0xE6: "ae", 0x152: "oe", 0x153: "oe",
        0x110: "d", 0x111: "d", 0xD0: "d", 0xF0: "d", 0xDE: "th", 0xFE: "th", 0x131: "i", 0xDF: "ss",
    ]

    private static let breaking: Set<UInt32> = [
        0xA1, 0xAB, 0xBB, 0xBF, 0x2013, 0x2014, 0x2015, 0x201C, 0x201D, 0x201E, 0x2026, 0x2022, 0x3001, 0x3002,
    ]

    static func classify(_ scalar: Unicode.Scalar) -> RadarFolding {
        if let known = table[scalar.value] { return known }
        return classifyUncached(scalar)
    }

    private static func classifyUncached(_ scalar: Unicode.Scalar) -> RadarFolding {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: break
        }
        if properties.isAlphabetic || properties.numericType != nil {
            if let plain = overrides[scalar.value] { return .letters(Array(plain.utf8)) }
            let folded = String(Character(scalar)).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
            return folded.isEmpty ? .mark : .letters(Array(folded.utf8))
        }
        return breaking.contains(scalar.value) ? .sentenceBreak : .separator
    }
}
