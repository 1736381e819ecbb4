import Foundation

/// Makes the opaque string ids that every record carries.
public enum Identifier {
    /// A new random id: 26 lowercase base-32 characters (130 bits), URL-safe.
    public static func make() -> String {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        var generator = SystemRandomNumberGenerator()
        return String((0..<26).map { _ in alphabet[Int(generator.next() % 32)] })
    }

    /// Whether a string could be an id (guards lookups against junk in URLs).
    public static func isPlausible(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 }
    }
}
