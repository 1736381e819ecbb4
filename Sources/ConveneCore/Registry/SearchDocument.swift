/// The text of a stakeholder that full-text search reads, in weighted columns. Both engines
/// index these same columns, so a query finds the same records on either.
public struct SearchDocument: Sendable, Equatable {
    public var name: String
    public var organization: String
    public var contacts: String
    public var tags: String
    public var topics: String
    public var notes: String

    /// Weights for ranking, in column order: a hit in a name counts most, in notes least.
    public static let weights: [Double] = [10, 6, 4, 3, 3, 1]

    public init(_ s: Stakeholder, organization: String?) {
        name = [s.displayName, s.givenName, s.familyName, s.title].compactMap { $0 }.joined(separator: " ")
        self.organization = organization ?? ""
        // Emails are indexed whole and split (ana.ruiz@x.org finds "ana", "ruiz" and "x").
        contacts = (s.emails.map(\.value) + s.phones.map(\.value) + s.links.map(\.value)).joined(separator: " ")
        tags = (s.tags + s.types + s.areas).joined(separator: " ")
        topics = s.topics.joined(separator: " ")
        notes = s.notes ?? ""
    }
}
