import Foundation

/// How both engines keep a stakeholder: the record as JSON text (dates in milliseconds), plus
/// the multi-valued terms that filters and facets read and the contact keys duplicate
/// detection reads. One format, so a backup from one engine restores on the other.
public enum StakeholderCoding {
    public static func encode(_ s: Stakeholder) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(s), as: UTF8.self)
    }

    public static func decode(_ text: String) throws -> Stakeholder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(Stakeholder.self, from: Data(text.utf8))
    }

    /// The fields that filters, facets and district-wide reports read, as (field, value).
    public static func terms(_ s: Stakeholder) -> [(String, String)] {
        s.types.map { ("type", $0) } + s.areas.map { ("area", $0) } + s.tags.map { ("tag", $0) } + s.topics.map { ("topic", $0) }
            + [("language", s.language), ("influence", s.influence.map(String.init)), ("interest", s.interest.map(String.init)),
               ("target", s.engagementTarget?.rawValue)]
                .compactMap { field, value in value.map { (field, $0) } }
    }

    /// Normalized emails and phone keys, for duplicate detection.
    public static func contacts(_ s: Stakeholder) -> [(String, String)] {
        s.emails.map { ("email", $0.value.lowercased()) }
            + s.phones.map { ("phone", StakeholderValidation.phoneKey($0.value)) }.filter { $0.1.count >= 7 }
    }
}
