import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Coverage (F2): who has been engaged and heard, against the targets admins set.
    var coverageRoutes: [WebRoute] {
        let engagement = services.engagement, knownTypes = services.registry.knownTypes
        return [
            WebRoute(method: .get, path: "/coverage", role: .viewer) { request, context in
                var view = try await coverageView(request: request, context: context)
                view.notice = request.uri.queryParameters.get("notice")
                return view.render()
            },
            WebRoute(method: .post, path: "/coverage/targets", role: .admin) { request, context in
                let form = try await WebController.form(request, context)
                let values = CoverageTargetFormValues(form: form)
                let (patch, problems) = values.patch()
                do {
                    if !problems.isEmpty { throw ConveneError.invalid(problems) }
                    _ = try await engagement.createCoverageTarget(patch, actor: context.actor, knownTypes: knownTypes)
                    return WebSession.redirect(to: "/coverage?period=\(Layout.queryValue(values.period))&notice=target-added#targets")
                } catch ConveneError.invalid(let errors) {
                    var view = try await coverageView(request: request, context: context, periodText: values.period)
                    view.targetForm = values
                    view.targetErrors = errors
                    view.status = .unprocessableContent
                    return view.render()
                }
            },
            WebRoute(method: .post, path: "/coverage/targets/:id/delete", role: .admin) { request, context in
                let form = try await WebController.form(request, context)
                try await engagement.deleteCoverageTarget(id: request.pathID(context), actor: context.actor)
                return WebSession.redirect(to: "/coverage?period=\(Layout.queryValue(form.first("period") ?? "term"))&notice=target-removed#targets")
            },
        ]
    }

    /// The report for the period asked for (`period`, or `from`..`to` when `period=custom`).
    func coverageView(request: Request, context: ConveneContext, periodText: String? = nil) async throws -> CoverageView {
        let user = try context.requireUser()
        let q = request.uri.queryParameters
        var text = periodText ?? q.get("period") ?? "term"
        if text == "custom" { text = "\(q.get("from") ?? "")..\(q.get("to") ?? "")" }
        let now = Date(), today = CalendarDate(date: now)
        let (period, problems) = Self.period(text, today: today)
        let from = MonthSeries.start(endingWith: now, months: 12)
        async let report = services.engagement.coverage(period, now: now)
        async let months = services.store.interactionMonths(stakeholderId: nil, from: from.startInstant)
        return CoverageView(report: try await report, periodText: problems.isEmpty ? text : "term", typedPeriod: text, periodErrors: problems,
                            months: try await months, monthsFrom: from, knownTypes: services.registry.knownTypes, user: user, csrf: context.csrf)
    }
}

extension WebController {
    /// The period `text` names, or this term and what is wrong with the text.
    static func period(_ text: String, today: CalendarDate) -> (Period, [FieldError]) {
        do {
            return (try Period.parse(text, today: today), [])
        } catch {
            let problems: [FieldError]
            switch error {
            case .invalid(let list): problems = list
            default: problems = [FieldError("period", error.description)]
            }
            return (Period.term(containing: today), problems)
        }
    }
}

/// The add-a-target form as typed.
struct CoverageTargetFormValues: Sendable {
    var stakeholderType = "", area = "", language = "", heardPercent = "", period = "term"

    init() {}

    init(form: FormData) {
        stakeholderType = form.first("stakeholderType") ?? ""; area = form.first("area") ?? ""
        language = form.first("language") ?? ""; heardPercent = form.first("heardPercent") ?? ""
        period = form.first("period") ?? "term"
    }

    func patch() -> (CoverageTargetPatch, [FieldError]) {
        var p = CoverageTargetPatch()
        var errors: [FieldError] = []
        func optional(_ s: String) -> String?? { .some(s.trimmedText.isEmpty ? nil : s.trimmedText) }
        p.stakeholderType = optional(stakeholderType); p.area = optional(area); p.language = optional(language)
        if let n = Int(heardPercent.trimmedText.replacingOccurrences(of: "%", with: "")) { p.heardPercent = n } else {
            errors.append(FieldError("heardPercent", heardPercent.trimmedText.isEmpty ? "enter the share to hear from, 0 to 100" : "\"\(heardPercent.prefix(20))\" is not a whole number from 0 to 100"))
        }
        return (p, errors)
    }
}
