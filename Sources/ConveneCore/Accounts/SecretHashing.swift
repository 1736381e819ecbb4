/// The hashing Accounts needs, supplied by the server (bcrypt and SHA-256), so the domain
/// names no cryptography library.
public protocol SecretHashing: Sendable {
    /// A slow, salted hash for a password (bcrypt).
    func hashPassword(_ password: String) -> String
    func verifyPassword(_ password: String, hash: String) -> Bool
    /// A fast digest for long random secrets (session cookies, API tokens), hex-encoded.
    func digest(_ secret: String) -> String
}

/// Random secrets for sessions, CSRF and API tokens.
public enum Secret {
    /// `bytes` random bytes as URL-safe base64 without padding.
    public static func make(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        // 6 bits a character: ceil(bytes * 8 / 6) characters carry `bytes` bytes of randomness.
        let count = (bytes * 8 + 5) / 6
        return String((0..<count).map { _ in alphabet[Int(generator.next() & 63)] })
    }
}
