/// One contact read from a vCard (2.1, 3.0 or 4.0) or to be written as vCard 4.0.
///
/// The typed fields hold what an import needs (text fields without surrounding white space,
/// the note as written); `properties` keeps every content line of the card, decoded, so that
/// nothing the file said is lost.
public struct VCard: Sendable, Equatable {
    /// The `VERSION` the card declares ("2.1", "3.0", "4.0"), or nil when it has none.
    public var version: String?
    /// The line of the file on which the card's `BEGIN:VCARD` stands (1-based; 0 when made in code).
    public var line: Int
    /// `FN`: the name to show.
    public var formattedName: String?
    /// `N`: the parts of the name.
    public var name: VCardName?
    /// `ORG`: the organisation, then its units.
    public var organization: [String]
    /// `TITLE`: the job title.
    public var title: String?
    /// `ROLE`: the occupation or function.
    public var role: String?
    /// `EMAIL`, without any `mailto:`.
    public var emails: [VCardValue]
    /// `TEL`, without the `tel:` of a vCard 4.0 URI.
    public var phones: [VCardValue]
    /// `URL`.
    public var urls: [VCardValue]
    /// `ADR`, with the delivery label from a `LABEL` parameter (4.0) or property (2.1, 3.0).
    public var addresses: [VCardAddress]
    /// `NOTE`.
    public var note: String?
    /// `BDAY`, as written (`19800321`, `1960-09-10`, `--0203`, or free text).
    public var birthday: String?
    /// `CATEGORIES`, from every such line.
    public var categories: [String]
    /// `LANG` (4.0): the preferred language tag.
    public var language: String?
    /// `UID`.
    public var uid: String?
    /// `KIND` (4.0), lowercased: individual, org, group, location; Apple's
    /// `X-ADDRESSBOOKSERVER-KIND` stands in for it in 3.0.
    public var kind: String?
    /// Every content line of the card except `BEGIN` and `END`, in file order.
    public var properties: [VCardProperty]
    /// What could not be read as written, each starting with "line N: ".
    public var warnings: [String]

    public init(
        version: String? = nil, line: Int = 0, formattedName: String? = nil, name: VCardName? = nil,
        organization: [String] = [], title: String? = nil, role: String? = nil,
        emails: [VCardValue] = [], phones: [VCardValue] = [], urls: [VCardValue] = [],
        addresses: [VCardAddress] = [], note: String? = nil, birthday: String? = nil,
        categories: [String] = [], language: String? = nil, uid: String? = nil, kind: String? = nil,
        properties: [VCardProperty] = [], warnings: [String] = []
    ) {
        self.version = version
        self.line = line
        self.formattedName = formattedName
        self.name = name
        self.organization = organization
        self.title = title
        self.role = role
        self.emails = emails
        self.phones = phones
        self.urls = urls
        self.addresses = addresses
        self.note = note
        self.birthday = birthday
        self.categories = categories
        self.language = language
        self.uid = uid
        self.kind = kind
        self.properties = properties
        self.warnings = warnings
    }
}
