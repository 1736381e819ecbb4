import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// The form to create or edit a stakeholder: every F1 field, grouped under headings, with
/// each error next to its field and a summary at the top that links to them.
struct StakeholderFormView {
    enum Mode {
        case create
        case edit(id: String, name: String)
    }

    var mode: Mode
    var values: StakeholderFormValues
    var errors: [FieldError] = []
    /// A problem that belongs to no one field (someone else changed the record).
    var message: HTML?
    var affiliationChoices: [Stakeholder] = []
    var users: [User]
    /// The stakeholder types to offer, in order.
    var types: [String]
    var user: User
    var csrf: String?
    var status: HTTPResponse.Status = .ok

    var action: String {
        switch mode {
        case .create: "/stakeholders/new"
        case .edit(let id, _): "/stakeholders/\(id)/edit"
        }
    }

    func render() -> Response {
        let title: String, cancel: String
        switch mode {
        case .create: (title, cancel) = ("New stakeholder", "/stakeholders")
        case .edit(let id, let name): (title, cancel) = ("Edit \(name)", "/stakeholders/\(id)")
        }
        let body: HTML = """
            <h1>\(title)</h1>
            \(Layout.errorSummary(Self.ordered(errors), anchor: Self.anchor, label: Self.label))
            \(message.map { "<div class=\"alert\" role=\"alert\">\($0)</div>" as HTML } ?? .empty)
            <form method="post" action="\(action)" novalidate>
            \(Layout.csrfField(csrf))
            \(values.version.isEmpty ? .empty : "<input type=\"hidden\" name=\"version\" value=\"\(values.version)\">" as HTML)
            \(nameSection)
            \(classificationSection)
            \(contactSection)
            \(consentSection)
            \(engagementSection)
            <p><button type="submit">\(isCreate ? "Create stakeholder" : "Save changes")</button> <a href="\(cancel)">Cancel</a></p>
            </form>
            """
        return Layout.page(title, user: user, csrf: csrf, current: "/stakeholders", status: status, body)
    }

    var isCreate: Bool { if case .create = mode { true } else { false } }

    var nameSection: HTML {
        let kinds = [(StakeholderKind.person.rawValue, "Person"), (StakeholderKind.organization.rawValue, "Organization")]
        return """
            <h2>Name and affiliation</h2>
            \(Layout.radios("kind", legend: "Kind", options: kinds, selected: values.kind, errors: errors))
            \(Layout.field("displayName", "Display name", value: values.displayName, errors: errors, hint: "How the name is shown. For a person you may leave it blank to use the given and family names."))
            \(Layout.field("givenName", "Given name", value: values.givenName, errors: errors))
            \(Layout.field("familyName", "Family name", value: values.familyName, errors: errors))
            \(Layout.field("title", "Title or role", value: values.title, errors: errors, hint: "For example: Principal, PTA president, State senator."))
            \(Layout.field("affiliation", "Affiliation", value: values.affiliation, errors: errors, hint: "The organization in the registry they belong to: its exact name or its id. Leave blank for none."))
            \(StakeholderLookup.choices("affiliationChoice", affiliationChoices))
            \(values.affiliationCurrent.isEmpty ? .empty : "<input type=\"hidden\" name=\"affiliationCurrent\" value=\"\(values.affiliationCurrent)\">" as HTML)
            """
    }

    var classificationSection: HTML {
        let levels = [("", "Not set")] + JurisdictionLevel.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }
        return """
            <h2>Who they are</h2>
            \(Layout.checkboxes("types", legend: "Stakeholder types", options: types.map { ($0, StakeholderType.label($0)) }, checked: Set(values.types), errors: errors))
            \(Layout.select("level", "Jurisdiction level", options: levels, selected: values.level, errors: errors))
            \(Layout.field("areas", "Schools and areas", value: values.areas, errors: errors, hint: Self.listHint))
            \(Layout.field("topics", "Topics of interest", value: values.topics, errors: errors, hint: Self.listHint))
            \(Layout.field("tags", "Tags", value: values.tags, errors: errors, hint: Self.listHint))
            """
    }

    static let listHint = "Separate with commas. Put an item that contains a comma in double quotes."

    var contactSection: HTML {
        """
        <h2>Contact</h2>
        \(contactRows("emails", legend: "Email addresses", noun: "Email", type: "email", rows: values.emails))
        \(contactRows("phones", legend: "Phone numbers", noun: "Phone", type: "tel", rows: values.phones))
        \(contactRows("links", legend: "Web and social links", noun: "Link", type: "url", rows: values.links))
        \(addressRows)
        \(Layout.field("language", "Preferred language", value: values.language, errors: errors, hint: "A language tag, such as en, es or es-MX."))
        """
    }

    var consentSection: HTML {
        let statuses = ConsentStatus.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }
        let channels = ContactChannel.allCases.map { ($0.rawValue, Self.channelLabel($0)) }
        return """
            <h2>Consent and contact preferences</h2>
            \(Layout.select("consent.status", "May we contact them?", options: statuses, selected: values.consentStatus, errors: errors, hint: "Granted, withdrawn and denied are what the person told us; unknown until they do."))
            \(Layout.checkboxes("consent.channels", legend: "Channels they agreed to", options: channels, checked: Set(values.consentChannels), errors: errors, hint: "Name at least one when consent is granted."))
            \(Layout.field("consent.since", "Consent given or changed on", value: values.consentSince, errors: errors, type: "date", hint: "YYYY-MM-DD"))
            \(Layout.field("consent.source", "Where the consent came from", value: values.consentSource, errors: errors, hint: "For example: sign-up form at the fall forum."))
            """
    }

    var engagementSection: HTML {
        let scale = [("", "Not set")] + (1...5).map { (String($0), String($0)) }
        let levels = [("", "Not set")] + EngagementLevel.allCases.map { ($0.rawValue, $0.rawValue.capitalized) }
        let owners = [("", "No owner")] + users.map { ($0.id, "\($0.displayName) (\($0.email))\($0.isDisabled ? ", disabled" : "")") }
        return """
            <h2>Engagement</h2>
            \(Layout.select("influence", "Influence", options: scale, selected: values.influence, errors: errors, hint: "1 (little) to 5 (decisive), for the power/interest grid."))
            \(Layout.select("interest", "Interest", options: scale, selected: values.interest, errors: errors, hint: "1 (little) to 5 (intense)."))
            \(Layout.select("engagementTarget", "Target level of engagement (IAP2)", options: levels, selected: values.engagementTarget, errors: errors))
            \(Layout.select("ownerId", "Relationship owner", options: owners, selected: values.ownerId, errors: errors, hint: "The staff member who looks after this relationship."))
            \(Layout.textarea("notes", "Notes", value: values.notes, errors: errors))
            """
    }

    static func channelLabel(_ c: ContactChannel) -> String {
        switch c {
        case .email: "Email"
        case .phone: "Phone"
        case .sms: "Text message"
        case .mail: "Post"
        case .inPerson: "In person"
        }
    }
}
