import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation

/// `convene report board`: the board report of an initiative or a period, as a printable HTML
/// page or Markdown.
struct BoardReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "The board report of an initiative (--initiative ID) or of a period (--from, --to): coverage, consultations, decisions, progress.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case md, html }

    @OptionGroup var db: DatabaseOptions
    @Option(help: "The initiative's id (or its public slug).") var initiative: String?
    @Option(help: "First day of the period, YYYY-MM-DD (default: the start of the school term).") var from: String?
    @Option(help: "Last day of the period, YYYY-MM-DD (default: today).") var to: String?
    @Option(help: "html (a printable page) or md.") var format: Format = .html
    @Option(help: "The district's time zone (default: CONVENE_TIME_ZONE or the system's).") var timeZone: String?

    func validate() throws {
        if initiative != nil && (from != nil || to != nil) { throw ValidationError("give --initiative or a period (--from, --to), not both") }
    }

    func run() async throws {
        let store = try await db.open()
        let zoneName = timeZone ?? ProcessInfo.processInfo.environment["CONVENE_TIME_ZONE"]
        let zone = try zoneName.map { name in
            guard let z = TimeZone(identifier: name) else { throw CLIError("\"\(name)\" is not a time zone (use an IANA name such as America/Chicago)") }
            return z
        } ?? .current
        let collaboration = Collaboration(store: store), consultations = Consultations(store: store, hashing: BcryptHashing(cost: 4))
        let report: BoardReport
        if let initiative {
            var id = initiative
            let byId = try? await collaboration.record(Initiative.self, id: id)
            if byId == nil {
                let bySlug = try? await collaboration.initiative(slug: initiative)
                guard let bySlug else { throw CLIError("--initiative: no initiative has the id or slug \"\(initiative)\"") }
                id = bySlug.id
            }
            report = try await collaboration.boardReport(initiativeId: id, consultations: consultations)
        } else {
            let today = CalendarDate(date: Date(), timeZone: zone)
            func day(_ text: String?, _ name: String) throws -> CalendarDate? {
                guard let text else { return nil }
                guard let d = CalendarDate(text) else { throw CLIError("--\(name): \"\(text)\" is not a date such as 2027-01-15") }
                return d
            }
            let end = try day(to, "to") ?? today
            let start = try day(from, "from") ?? Period.term(containing: end).from
            if end < start { throw CLIError("--to (\(end)) is before --from (\(start))") }
            report = try await collaboration.boardReport(period: Period(from: start, to: end, label: "\(start) to \(end)"), consultations: consultations)
        }
        print(format == .md ? BoardReportRenderer.markdown(report, zone: zone) : BoardReportRenderer.html(report, zone: zone), terminator: "")
    }
}
