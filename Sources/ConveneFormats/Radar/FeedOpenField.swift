/// An element on `FeedBuilder`'s stack and the text gathered for it; the first piece is kept
/// apart so that the usual single-piece field needs no array.
struct FeedOpenField {
    var name: String
    var expectingText: Bool
    private var first = ""
    private var rest: [String] = []
    private var count = 0

    init(name: String, expectingText: Bool) {
        self.name = name
        self.expectingText = expectingText
    }

    mutating func append(_ piece: String) {
        if count == 0 { first = piece } else { rest.append(piece) }
        count += 1
    }

    var pieces: [String] {
        count == 0 ? [] : [first] + rest
    }

    /// All the pieces as one string.
    var joined: String {
        if count <= 1 { return first }
        var text = first
        for piece in rest { text += piece }
        return text
    }
}
