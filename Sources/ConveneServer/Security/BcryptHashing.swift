import ConveneCore
import Crypto
import Foundation
import HummingbirdBcrypt

/// bcrypt for passwords and SHA-256 for random secrets: the hashing Accounts asks for.
public struct BcryptHashing: SecretHashing {
    public let cost: UInt8

    public init(cost: UInt8) { self.cost = min(max(cost, 4), 31) }

    public func hashPassword(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    public func verifyPassword(_ password: String, hash: String) -> Bool {
        guard hash.hasPrefix("$2") else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    public func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
