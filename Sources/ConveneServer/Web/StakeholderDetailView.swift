import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

/// One stakeholder's page: every F1 field, relationships both ways, groups, history, and for
/// staff the buttons and forms that change them.
struct StakeholderDetailView {
    var stakeholder: Stakeholder
    var affiliation: Stakeholder?
    var owner: User?
    var relationships: [Relationship]
    /// Related stakeholders (and the affiliation) by id.
    var others: [String: Stakeholder]
    /// The static groups it belongs to.
    var groups: [StakeholderGroup]
    /// Static groups it could be added to (staff only).
    var addableGroups: [StakeholderGroup]
    var history: [AuditEntry]
    var user: User
    var csrf: String?
    var notice: String?
    var relationshipForm = RelationshipFormState()
    var eraseError: String?
    /// Health, timeline, follow-ups, events and the log form (F2).
    var engagement: StakeholderEngagement?
    var status: HTTPResponse.Status = .ok
    /// Working groups, partnerships, campaigns and decisions that name this stakeholder.
    var work: [(kind: WorkKind, id: String, label: String)] = []

    static let notices = [
        "created": "Stakeholder created.", "saved": "Changes saved.", "archived": "Archived. It no longer shows in lists, and nothing was deleted.",
        "restored": "Restored from the archive.", "related": "Relationship added.", "unrelated": "Relationship removed.",
        "grouped": "Added to the group.", "merged": "Merged. The other record's details, relationships and groups are now on this one.",
        "logged": "Interaction logged.", "logged-follow-up": "Interaction logged, with its follow-up.", "done": "Follow-up marked done.",
        "reopened": "Follow-up reopened.", "interaction-deleted": "Interaction deleted.",
    ]

    var isStaff: Bool { user.role >= .staff }
    var s: Stakeholder { stakeholder }

    func render() -> Response {
        let body: HTML = """
            <h1>\(s.displayName)\(s.isArchived ? " <span class=\"tag\">archived</span>" as HTML : .empty)</h1>
            \(Layout.notice(notice, Self.notices))
            <p class="muted">\(summaryLine)</p>
            \(isStaff ? actions : .empty)
            \(healthSection)
            \(followUpSection)
            \(eventSection)
            \(logSection)
            \(timelineSection)
            <h2>Details</h2>
            <dl class="details">\(detailRows)</dl>
            <h2>Contact</h2>
            <dl class="details">\(contactRows)</dl>
            <h2>Consent and engagement</h2>
            <dl class="details">\(consentRows)</dl>
            \(relationshipSection)
            \(networkChart)
            \(groupSection)
            \(workSection)
            \(historySection)
            \(user.role == .admin ? eraseSection : .empty)
            """
        return Layout.page(s.displayName, user: user, csrf: csrf, current: "/stakeholders", status: status, body)
    }

    var workSection: HTML {
        guard !work.isEmpty else { return .empty }
        let items: [HTML] = work.map { w in
            let kind = w.kind.label.prefix(1).uppercased() + w.kind.label.dropFirst()
            return "<li>\(kind): <a href=\"/\(w.kind.collection)/\(w.id)\">\(w.label)</a></li>"
        }
        return "<h2>Working together</h2><ul>\(items)</ul>"
    }

    var summaryLine: String {
        var parts = [s.kind == .person ? "Person" : "Organization"]
        if let t = s.title { parts.append(t) }
        if let a = affiliation { parts.append("at " + a.displayName) }
        return parts.joined(separator: " · ")
    }

    var actions: HTML {
        let archive: HTML = s.isArchived
            ? "<form method=\"post\" action=\"/stakeholders/\(s.id)/restore\" class=\"inline\">\(Layout.csrfField(csrf))<button type=\"submit\" class=\"secondary\">Restore from archive</button></form>"
            : "<form method=\"post\" action=\"/stakeholders/\(s.id)/archive\" class=\"inline\">\(Layout.csrfField(csrf))<button type=\"submit\" class=\"secondary\">Archive</button></form>"
        return "<div><a class=\"button\" href=\"/stakeholders/\(s.id)/edit\">Edit</a> <a class=\"button\" href=\"#log\">Log an interaction</a> \(archive)</div>"
    }

    static func row(_ term: String, _ value: HTML?) -> HTML {
        "<dt>\(term)</dt><dd>\(value.flatMap { $0.text.isEmpty ? nil : $0 } ?? "<span class=\"muted\">Not recorded</span>")</dd>"
    }

    static func text(_ value: String?) -> HTML? { value.map { "\($0)" as HTML } }

    static func tags(_ items: [String]) -> HTML? {
        items.isEmpty ? nil : HTML(raw: items.map { "<span class=\"tag\">\(HTML.escape($0))</span>" }.joined(separator: " "))
    }

    var detailRows: HTML {
        let org: HTML? = affiliation.map { "<a href=\"/stakeholders/\($0.id)\">\($0.displayName)</a>" }
            ?? s.affiliationId.map { "<span class=\"muted\">An organization no longer in the registry (\($0))</span>" }
        let ownerText: HTML? = owner.map { "\($0.displayName) (\($0.email))" } ?? s.ownerId.map { "<span class=\"muted\">Unknown user \($0)</span>" }
        let rows: [HTML] = [
            Self.row("Kind", Self.text(s.kind == .person ? "Person" : "Organization")),
            s.kind == .person ? Self.row("Given name", Self.text(s.givenName)) + Self.row("Family name", Self.text(s.familyName)) : .empty,
            Self.row("Title or role", Self.text(s.title)),
            Self.row("Affiliation", org),
            Self.row("Stakeholder types", Self.text(s.types.isEmpty ? nil : s.types.map(StakeholderType.label).joined(separator: ", "))),
            Self.row("Jurisdiction level", Self.text(s.level?.rawValue.capitalized)),
            Self.row("Schools and areas", Self.tags(s.areas)),
            Self.row("Topics of interest", Self.tags(s.topics)),
            Self.row("Tags", Self.tags(s.tags)),
            Self.row("Relationship owner", ownerText),
            Self.row("Notes", s.notes.map(Layout.multiline)),
            Self.row("Status", Self.text(s.isArchived ? "Archived" : "Active")),
            Self.row("Added", Layout.when(s.createdAt)),
            Self.row("Last changed", Layout.when(s.updatedAt)),
        ]
        return rows.joined()
    }

    var contactRows: HTML {
        func labelled(_ c: ContactPoint, _ link: HTML) -> HTML { c.label.map { link + " <span class=\"muted\">(\($0))</span>" } ?? link }
        let emails: [HTML] = s.emails.map { labelled($0, "<a href=\"mailto:\(Self.mailtoPath($0.value))\">\($0.value)</a>") }
        let phones: [HTML] = s.phones.map { labelled($0, "<a href=\"tel:\(Self.telPath($0.value))\">\($0.value)</a>") }
        let links: [HTML] = s.links.map { c in
            labelled(c, StakeholderValidation.isWebLink(c.value) ? "<a href=\"\(c.value)\" rel=\"noopener noreferrer nofollow\">\(c.value)</a>" : "\(c.value)")
        }
        let addresses: [HTML] = s.addresses.map { a in
            let line: HTML = "\(a.oneLine)"
            return a.label.map { line + " <span class=\"muted\">(\($0))</span>" } ?? line
        }
        func lines(_ items: [HTML]) -> HTML? { items.isEmpty ? nil : HTML(raw: items.map(\.text).joined(separator: "<br>")) }
        return [
            Self.row("Email", lines(emails)), Self.row("Phone", lines(phones)), Self.row("Web and social links", lines(links)),
            Self.row("Postal addresses", lines(addresses)), Self.row("Preferred language", Self.text(s.language)),
        ].joined()
    }

    var consentRows: HTML {
        let c = s.consent
        let channels = c.channels.map(StakeholderFormView.channelLabel).joined(separator: ", ")
        return [
            Self.row("May we contact them?", Self.text(c.status.rawValue.capitalized)),
            Self.row("Channels", Self.text(channels.isEmpty ? nil : channels)),
            Self.row("Since", Self.text(c.since?.description)),
            Self.row("Source", Self.text(c.source)),
            Self.row("Influence", Self.text(s.influence.map { "\($0) of 5" })),
            Self.row("Interest", Self.text(s.interest.map { "\($0) of 5" })),
            Self.row("Target level of engagement (IAP2)", Self.text(s.engagementTarget?.rawValue.capitalized)),
        ].joined()
    }

    /// An email address as a `mailto:` path: characters that mean something in a URL are encoded.
    static func mailtoPath(_ email: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "@.-_+!$'*=~")
        return email.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A phone number as a `tel:` path: its digits and a leading +, without the extension.
    static func telPath(_ phone: String) -> String {
        var main = phone.lowercased()
        for marker in ["ext", "x"] { if let r = main.range(of: marker) { main = String(main[..<r.lowerBound]) } }
        return main.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
    }
}
