/// An email address, phone number or URL of a vCard, with its types and preference.
public struct VCardValue: Sendable, Equatable {
    public var value: String
    /// The `TYPE` values, lowercased, in file order: work, home, cell, voice, fax, internet, pref…
    /// (vCard 2.1's bare parameters such as `TEL;WORK;VOICE:` count as types).
    public var types: [String]
    /// `PREF=n` (1 is most preferred); a `pref` type counts as 1.
    public var preference: Int?
    /// The label Apple and Google give a grouped value (`item1.X-ABLabel`), with Apple's
    /// `_$!<…>!$_` wrapping removed: "CustomEmailCategory", "HomePage".
    public var customType: String?

    public init(_ value: String, types: [String] = [], preference: Int? = nil, customType: String? = nil) {
        self.value = value
        self.types = types
        self.preference = preference
        self.customType = customType
    }
}

/// The parts of a vCard `N`. A part that the file gives as a list (`ing. jr,M.Sc.`) keeps its
/// commas.
public struct VCardName: Sendable, Equatable {
    public var family: String
    public var given: String
    public var additional: String
    public var prefixes: String
    public var suffixes: String

    public init(family: String = "", given: String = "", additional: String = "", prefixes: String = "", suffixes: String = "") {
        self.family = family
        self.given = given
        self.additional = additional
        self.prefixes = prefixes
        self.suffixes = suffixes
    }
}

/// A postal address (`ADR`). A part given as a list keeps its commas.
public struct VCardAddress: Sendable, Equatable {
    public var poBox: String
    public var extended: String
    public var street: String
    public var locality: String
    public var region: String
    public var postalCode: String
    public var country: String
    /// The `TYPE` values, lowercased: work, home, postal, parcel, pref…
    public var types: [String]
    /// The delivery label: the `LABEL` parameter (4.0) or the matching `LABEL` property (2.1, 3.0).
    public var label: String?
    /// `PREF=n`; a `pref` type counts as 1.
    public var preference: Int?
    /// As for `VCardValue.customType`.
    public var customType: String?

    public init(
        poBox: String = "", extended: String = "", street: String = "", locality: String = "",
        region: String = "", postalCode: String = "", country: String = "", types: [String] = [],
        label: String? = nil, preference: Int? = nil, customType: String? = nil
    ) {
        self.poBox = poBox
        self.extended = extended
        self.street = street
        self.locality = locality
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.types = types
        self.label = label
        self.preference = preference
        self.customType = customType
    }
}
