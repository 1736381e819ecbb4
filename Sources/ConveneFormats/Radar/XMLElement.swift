/// A small XML element tree for documents read whole (OAI-PMH responses, OPML); built with
/// `XMLElement.parse`, which refuses nesting deeper than `maximumDepth`.
struct XMLElementNode: Sendable {
    var name: XMLName
    var attributes: [XMLAttribute]
    var children: [XMLElementNode] = []
    var text = ""

    static let maximumDepth = 512

    func attribute(_ local: String) -> String? {
        attributes.first { $0.name.local == local }?.value
    }

    func child(_ local: String, namespace: String? = nil) -> XMLElementNode? {
        children.first { $0.name.local == local && (namespace == nil || $0.name.namespace == namespace) }
    }

    func children(_ local: String, namespace: String? = nil) -> [XMLElementNode] {
        children.filter { $0.name.local == local && (namespace == nil || $0.name.namespace == namespace) }
    }

    /// The trimmed text of the child named `local`.
    func childText(_ local: String, namespace: String? = nil) -> String? {
        child(local, namespace: namespace)?.text.trimmingFeedWhitespace()
    }

    /// The root element and the first well-formedness problem; nil root when there is none.
    static func parse(_ data: [UInt8]) -> (root: XMLElementNode?, problem: String?) {
        let decoded = XMLEncoding.decode(data)
        var reader = XMLReader(utf8: decoded.utf8)
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        var tooDeep = false
        var skippedDepth = 0
        loop: while true {
            switch reader.next() {
            case .start(let name, let attributes, _):
                if skippedDepth > 0 || stack.count >= maximumDepth {
                    tooDeep = true
                    skippedDepth += 1
                    continue
                }
                stack.append(XMLElementNode(name: name, attributes: attributes))
            case .end:
                if skippedDepth > 0 {
                    skippedDepth -= 1
                    continue
                }
                guard let done = stack.popLast() else { continue }
                if stack.isEmpty {
                    if root == nil { root = done }
                } else {
                    stack[stack.count - 1].children.append(done)
                }
            case .text:
                if skippedDepth == 0, !stack.isEmpty { stack[stack.count - 1].text += reader.text() }
            case .endOfDocument:
                break loop
            }
        }
        var problem = reader.problem ?? decoded.problem
        if tooDeep, problem == nil { problem = "elements nested deeper than \(maximumDepth) levels were skipped" }
        return (root, problem)
    }
}
