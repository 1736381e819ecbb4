/// An element or attribute name with its namespace resolved.
struct XMLName: Sendable, Equatable {
    var namespace: String
    var prefix: String
    var local: String

    /// `prefix:local`, or `local` when there is no prefix.
    var qualified: String { prefix.isEmpty ? local : prefix + ":" + local }
}

/// An attribute with its name resolved and its value decoded.
struct XMLAttribute: Sendable {
    var name: XMLName
    var value: String
}

/// What `XMLReader` reports next.
enum XMLEvent: Sendable {
    case start(XMLName, [XMLAttribute], namespaceDeclarations: [(prefix: String, uri: String)])
    case end(XMLName)
    /// Character data; read it with `XMLReader.text`.
    case text(isCDATA: Bool)
    case endOfDocument
}

/// A namespace-aware, forgiving XML event reader: it checks well-formedness, records the first
/// problem with its line, and always carries on (closing what is left open at the end).
struct XMLReader: Sendable {
    private(set) var tokenizer: XMLTokenizer
    private var entities = XMLEntityDecoder()
    private var bindings: [(prefix: String, uri: String)] = [("xml", "http://www.w3.org/XML/1998/namespace")]
    /// Open elements with the byte range of their raw name in the tokenizer's buffer.
    private var openElements: [(name: XMLName, rawStart: Int, rawEnd: Int, bindingCount: Int)] = []
    private var pendingEnds: [XMLName] = []
    private var sawRoot = false
    private var finished = false
    private(set) var doctype = ""
    private(set) var rootName: XMLName?
    /// The first well-formedness problem, with its line.
    private(set) var problem: String?

    init(utf8 bytes: [UInt8]) {
        tokenizer = XMLTokenizer(bytes: bytes)
    }

    var depth: Int { openElements.count }

    private mutating func fail(_ message: String, at offset: Int) {
        guard problem == nil else { return }
        problem = "line \(tokenizer.line(at: offset)): \(message)"
    }

    /// The character data of the current `.text` event.
    mutating func text() -> String {
        let bytes = tokenizer.bytes
        if tokenizer.kind == .text, tokenizer.textHasReferences {
            let decoded = entities.decode(bytes, tokenizer.textStart, tokenizer.textEnd)
            checkEntities(at: tokenizer.textStart)
            return decoded
        }
        return String(decoding: bytes[tokenizer.textStart..<tokenizer.textEnd], as: UTF8.self)
    }

    /// Whether the current `.text` event is only white space (answered without building a string).
    var textIsWhitespace: Bool {
        let bytes = tokenizer.bytes
        var index = tokenizer.textStart
        while index < tokenizer.textEnd {
            if !XMLTokenizer.isSpace(bytes[index]) { return false }
            index += 1
        }
        return true
    }

    private mutating func checkEntities(at offset: Int) {
        if let name = entities.undefined.first {
            fail(name == "&" ? "'&' that starts no reference" : "undefined entity &\(name);", at: offset)
        }
        if entities.exhausted { fail("entity expansion exceeds its limit", at: offset) }
    }

    mutating func next() -> XMLEvent {
        if let name = pendingEnds.popLast() { return .end(name) }
        while true {
            if let lexical = tokenizer.problem, problem == nil {
                fail(lexical.message, at: lexical.offset)
            }
            tokenizer.next()
            switch tokenizer.kind {
            case .end:
                return finish()
            case .text:
                if openElements.isEmpty {
                    if !textIsWhitespace { fail(sawRoot ? "junk after the document element" : "text before the document element", at: tokenizer.textStart) }
                    continue
                }
                return .text(isCDATA: false)
            case .cdata:
                if openElements.isEmpty { continue }
                return .text(isCDATA: true)
            case .comment, .processingInstruction:
                continue
            case .doctype:
                let bytes = tokenizer.bytes[tokenizer.nameStart..<tokenizer.nameEnd]
                doctype = String(decoding: bytes, as: UTF8.self)
                entities.readDeclarations(in: Array(bytes))
                continue
            case .startTag:
                return startElement()
            case .endTag:
                if let event = endElement() { return event }
            }
        }
    }

    private mutating func finish() -> XMLEvent {
        if !finished {
            finished = true
            if !sawRoot { fail("no document element", at: tokenizer.bytes.count) }
            if let last = openElements.last {
                fail("document ends before </\(last.name.qualified)>", at: tokenizer.bytes.count)
            }
            while let open = openElements.popLast() { pendingEnds.insert(open.name, at: 0) }
            if let name = pendingEnds.popLast() { return .end(name) }
        }
        return .endOfDocument
    }

    private func resolve(_ prefix: String) -> String? {
        var index = bindings.count - 1
        while index >= 0 {
            if bindings[index].prefix == prefix { return bindings[index].uri }
            index -= 1
        }
        return prefix.isEmpty ? "" : nil
    }

    private static func split(_ bytes: ArraySlice<UInt8>) -> (prefix: String, local: String) {
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            return (String(decoding: bytes[bytes.startIndex..<colon], as: UTF8.self), String(decoding: bytes[(colon + 1)...], as: UTF8.self))
        }
        return ("", String(decoding: bytes, as: UTF8.self))
    }

    private mutating func startElement() -> XMLEvent {
        let bytes = tokenizer.bytes
        let offset = tokenizer.nameStart
        if openElements.isEmpty {
            if sawRoot { fail("junk after the document element", at: offset) }
            sawRoot = true
        }
        let bindingCount = bindings.count
        var declarations: [(prefix: String, uri: String)] = []
        var rawAttributes: [(prefix: String, local: String, value: String)] = []
        for raw in tokenizer.attributes {
            let (prefix, local) = Self.split(bytes[raw.nameStart..<raw.nameEnd])
            var value: String
            if raw.valueHasReferences {
                value = entities.decode(bytes, raw.valueStart, raw.valueEnd)
                checkEntities(at: raw.valueStart)
            } else {
                value = String(decoding: bytes[raw.valueStart..<raw.valueEnd], as: UTF8.self)
            }
            if value.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
                value = String(value.map { $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
            }
            if prefix.isEmpty, local == "xmlns" {
                declarations.append(("", value))
            } else if prefix == "xmlns" {
                if value.isEmpty { fail("namespace prefix \(local) bound to an empty name", at: raw.nameStart) }
                declarations.append((local, value))
            } else {
                if rawAttributes.contains(where: { $0.prefix == prefix && $0.local == local }) {
                    fail("duplicate attribute \(prefix.isEmpty ? local : prefix + ":" + local)", at: raw.nameStart)
                    continue
                }
                rawAttributes.append((prefix, local, value))
            }
        }
        bindings.append(contentsOf: declarations)
        let (prefix, local) = Self.split(bytes[tokenizer.nameStart..<tokenizer.nameEnd])
        var namespace = resolve(prefix)
        if namespace == nil {
            fail("unbound prefix \(prefix)", at: offset)
            namespace = ""
        }
        let name = XMLName(namespace: namespace ?? "", prefix: prefix, local: local)
        var attributes: [XMLAttribute] = []
        attributes.reserveCapacity(rawAttributes.count)
        for raw in rawAttributes {
            var attributeNamespace = ""
            if !raw.prefix.isEmpty {
                if let uri = resolve(raw.prefix) {
                    attributeNamespace = uri
                } else {
                    fail("unbound prefix \(raw.prefix)", at: offset)
                }
            }
            attributes.append(XMLAttribute(name: XMLName(namespace: attributeNamespace, prefix: raw.prefix, local: raw.local), value: raw.value))
        }
        if rootName == nil { rootName = name }
        if tokenizer.isSelfClosing {
            bindings.removeSubrange(bindingCount...)
            pendingEnds.append(name)
        } else {
            openElements.append((name, tokenizer.nameStart, tokenizer.nameEnd, bindingCount))
        }
        return .start(name, attributes, namespaceDeclarations: declarations)
    }

    /// Whether the current end tag's name has the same bytes as `start..<end`.
    private func sameName(_ start: Int, _ end: Int) -> Bool {
        let length = tokenizer.nameEnd - tokenizer.nameStart
        guard end - start == length else { return false }
        return tokenizer.bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < length {
                if buffer[start + offset] != buffer[tokenizer.nameStart + offset] { return false }
                offset += 1
            }
            return true
        }
    }

    private mutating func endElement() -> XMLEvent? {
        let bytes = tokenizer.bytes
        let raw = bytes[tokenizer.nameStart..<tokenizer.nameEnd]
        guard let top = openElements.last else {
            fail("end tag </\(String(decoding: raw, as: UTF8.self))> without a start tag", at: tokenizer.nameStart)
            return nil
        }
        if sameName(top.rawStart, top.rawEnd) {
            openElements.removeLast()
            bindings.removeSubrange(top.bindingCount...)
            return .end(top.name)
        }
        fail("mismatched tag: </\(String(decoding: raw, as: UTF8.self))> closes <\(top.name.qualified)>", at: tokenizer.nameStart)
        guard let match = openElements.lastIndex(where: { sameName($0.rawStart, $0.rawEnd) }) else { return nil }
        // Close everything opened inside the matching element, innermost first.
        while openElements.count > match {
            guard let open = openElements.popLast() else { break }
            bindings.removeSubrange(open.bindingCount...)
            pendingEnds.insert(open.name, at: 0)
        }
        return pendingEnds.popLast().map { .end($0) }
    }
}
