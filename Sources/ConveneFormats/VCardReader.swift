/// Reads every vCard in a file at once; `VCardParser` does the same in pieces.
public enum VCardReader {
    public static func read(_ bytes: some Collection<UInt8>) throws(VCardError) -> [VCard] {
        var parser = VCardParser()
        let cards = try parser.feed(bytes)
        return try cards + parser.finish()
    }
}
