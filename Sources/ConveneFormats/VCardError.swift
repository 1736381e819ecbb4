import Foundation

/// Why a vCard file could not be read, and on which line.
public struct VCardError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The 1-based line of the file the problem is on.
    public var line: Int
    /// The whole message, starting with "line N: ".
    public var message: String

    public init(line: Int, _ reason: String) {
        self.line = line
        self.message = "line \(line): \(reason)"
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
