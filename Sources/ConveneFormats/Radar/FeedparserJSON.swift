extension FeedDocument {
    /// feedparser's result as JSON: `bozo`, `bozo_exception`, `version`, `encoding`, `feed` and
    /// `entries`, with feedparser's key names and aliases; every `*_parsed` time is the nine
    /// integers of Python's `time.struct_time` in UTC.
    public func feedparserJSON() -> [UInt8] {
        var writer = FeedJSONWriter()
        var result = FeedDict()
        result["bozo"] = .bool(problem != nil)
        if let problem { result["bozo_exception"] = .string(problem) }
        result["version"] = .string(version)
        result["encoding"] = .string(encoding)
        result["feed"] = .dict(Self.withAliases(feed, isEntry: false))
        result["entries"] = .list(entries.map { .dict(Self.withAliases($0, isEntry: true)) })
        writer.write(.dict(result))
        return writer.output
    }

    /// Adds the keys feedparser answers for as aliases (`guid`, `tagline`, `copyright` …).
    static func withAliases(_ dict: FeedDict, isEntry: Bool) -> FeedDict {
        var out = dict
        let aliases: [(String, String)] = [
            ("id", "guid"), ("rights", "copyright"), ("rights_detail", "copyright_detail"),
            ("published", "issued"), ("published_parsed", "issued_parsed"),
            ("updated", "modified"), ("updated_parsed", "modified_parsed"),
            ("updated", "date"), ("updated_parsed", "date_parsed"),
        ] + (isEntry
            ? [("summary", "description"), ("summary_detail", "description_detail")]
            : [("subtitle", "tagline"), ("subtitle_detail", "tagline_detail"), ("subtitle", "description"), ("subtitle_detail", "description_detail")])
        for (key, alias) in aliases where !out.has(alias) {
            if let value = dict[key] { out[alias] = value }
        }
        if let term = dict["tags"]?.list?.first?.dict?["term"], !out.has("category") { out["category"] = term }
        if dict.has("links") {
            let enclosures = enclosures(dict)
            out["enclosures"] = .list(enclosures.map { .dict($0) })
            if let license = dict["links"]?.list?.compactMap({ $0.dict }).first(where: { $0.string("rel") == "license" && $0.has("href") }) {
                out["license"] = license["href"]
            }
        }
        if let source = dict["source"]?.dict { out["source"] = .dict(withAliases(source, isEntry: false)) }
        return out
    }
}

/// Writes `FeedValue`s as compact JSON.
struct FeedJSONWriter {
    var output: [UInt8] = []

    mutating func write(_ value: FeedValue) {
        switch value {
        case .string(let text): writeString(text)
        case .bool(let flag): output.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .int(let number): output.append(contentsOf: Array(String(number).utf8))
        case .null: output.append(contentsOf: Array("null".utf8))
        case .time(let time): write(.list(time.structTime.map { .int($0) }))
        case .list(let list):
            output.append(UInt8(ascii: "["))
            for (index, item) in list.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item)
            }
            output.append(UInt8(ascii: "]"))
        case .dict(let dict):
            output.append(UInt8(ascii: "{"))
            for (index, pair) in dict.pairs.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(pair.key)
                output.append(UInt8(ascii: ":"))
                write(pair.value)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(Self.hex[Int(byte >> 4)])
                output.append(Self.hex[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
