/// Turns one unfolded line into a `VCardProperty`: transfer encoding, then character set.
enum VCardPropertyDecoder {
    /// Properties whose value is text even when a phone encodes it in base64.
    private static let textual: Set<String> = [
        "FN", "N", "ORG", "TITLE", "ROLE", "NOTE", "ADR", "LABEL", "EMAIL", "TEL", "URL", "NICKNAME", "CATEGORIES",
    ]

    /// Nil (with a warning) when the line is not a content line at all.
    static func property(_ line: [UInt8], number: Int, caretEscapes: Bool, warnings: inout [String]) -> VCardProperty? {
        guard let parsed = VCardContentLine.parse(line, caretEscapes: caretEscapes) else {
            warnings.append("line \(number): \"\(VCardPreview.of(line[...]))\" is not a vCard property; it was skipped")
            return nil
        }
        let raw = line[parsed.valueStart...]
        var encoding = VCardTransferEncoding.plain
        if let declared = lastValue(of: "ENCODING", in: parsed.parameters) {
            if let known = VCardTransferEncoding(declared) {
                encoding = known
            } else {
                warnings.append("line \(number): \(parsed.name) has the unknown ENCODING \"\(declared)\"; read as plain text")
            }
        }
        var bytes = raw
        switch encoding {
        case .base64:
            let (compact, isValid) = VCardTransferEncoding.base64Compacted(raw)
            guard isValid, textual.contains(parsed.name), let decoded = VCardTransferEncoding.base64Decoded(compact) else {
                if !isValid {
                    warnings.append("line \(number): \(parsed.name) is marked base64 but is not valid base64")
                }
                return VCardProperty(group: parsed.group, name: parsed.name, parameters: parsed.parameters, value: compact, line: number)
            }
            bytes = decoded[...]
        case .quotedPrintable:
            bytes = VCardTransferEncoding.quotedPrintableDecoded(raw)[...]
        case .plain:
            break
        }
        let value = text(bytes, charset: lastValue(of: "CHARSET", in: parsed.parameters), name: parsed.name, number: number, warnings: &warnings)
        return VCardProperty(group: parsed.group, name: parsed.name, parameters: parsed.parameters, value: value, line: number)
    }

    private static func lastValue(of name: String, in parameters: [VCardParameter]) -> String? {
        parameters.last { $0.name == name }?.values.last
    }

    /// UTF-8 unless the line names another character set; bytes that are not valid in it are
    /// read as windows-1252, which accepts any byte, and the card says so.
    private static func text(_ bytes: ArraySlice<UInt8>, charset name: String?, name property: String, number: Int, warnings: inout [String]) -> String {
        var charset = VCardCharset.utf8
        if let name {
            if let known = VCardCharset(name: name) {
                charset = known
            } else {
                warnings.append("line \(number): \(property) has the unknown CHARSET \"\(name)\"; read as UTF-8")
            }
        }
        if let decoded = charset.decode(bytes) { return decoded }
        warnings.append("line \(number): \(property) is not valid \(name ?? "UTF-8"); read as windows-1252")
        return VCardCharset.windows1252(bytes)
    }
}

/// A short, printable excerpt of a line for messages.
enum VCardPreview {
    static func of(_ bytes: ArraySlice<UInt8>, limit: Int = 40) -> String {
        let text = String(decoding: bytes.prefix(limit * 4), as: UTF8.self)
        var out = ""
        var count = 0
        for character in text {
            if count == limit {
                out += "…"
                break
            }
            let isControl = character.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
            out.append(isControl ? "?" : character)
            count += 1
        }
        return out
    }
}
