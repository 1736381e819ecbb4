import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

extension WebController {
    /// Events (F3): the calendar, the form, and each event's page.
    var eventRoutes: [WebRoute] {
        let engagement = services.engagement, store = services.store, services = services
        let lookup = StakeholderLookup(registry: services.registry)
        return [
            WebRoute(method: .get, path: "/events", role: .viewer) { request, context in
                let user = try context.requireUser()
                let q = request.uri.queryParameters
                if q.get("view") == "list" {
                    let offset = try Cursor.decode(q.get("cursor"))
                    let items = try await engagement.events(EventQuery(from: Date(), limit: EventListView.pageSize + 1, offset: offset))
                    return EventListView(items: Array(items.prefix(EventListView.pageSize)), hasMore: items.count > EventListView.pageSize,
                                         offset: offset, user: user, csrf: context.csrf).render()
                }
                var month = MonthView.Month(text: q.get("month"))
                let problem = month == nil && q.get("month") != nil ? "\"\(q.get("month")?.prefix(20) ?? "")\" is not a month; use YYYY-MM, such as 2026-11." : nil
                if month == nil { month = MonthView.Month(containing: Date(), zone: WebTime.defaultZone) }
                let m = month ?? MonthView.Month(year: 2000, month: 1)
                let events = try await engagement.events(EventQuery(from: m.first.adding(days: -1).startInstant,
                                                                    to: m.next.first.adding(days: 1).startInstant, limit: 1000))
                return MonthView(month: m, events: events, problem: problem, user: user, csrf: context.csrf, notice: q.get("notice")).render()
            },
            WebRoute(method: .get, path: "/events/new", role: .staff) { _, context in
                EventFormView(values: EventFormValues(zone: WebTime.defaultZone.identifier), user: try context.requireUser(), csrf: context.csrf).render()
            },
            WebRoute(method: .post, path: "/events/new", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                var values = EventFormValues(form: form)
                var (patch, errors) = values.patch()
                try await values.resolveOrganizer(into: &patch, errors: &errors, lookup: lookup, store: store)
                do {
                    if !errors.isEmpty { throw ConveneError.invalid(errors) }
                    let e = try await engagement.createEvent(patch, actor: context.actor)
                    return WebSession.redirect(to: "/events/\(e.id)?notice=created")
                } catch ConveneError.invalid(let problems) {
                    return EventFormView(values: values, user: try context.requireUser(), csrf: context.csrf,
                                         errors: EventFormValues.formErrors(problems), status: .unprocessableContent).render()
                }
            },
            WebRoute(method: .get, path: "/events/:id", role: .viewer) { request, context in
                var view = try await eventPage(id: request.pathID(context), context: context)
                view.notice = request.uri.queryParameters.get("notice")
                return view.render()
            },
            WebRoute(method: .get, path: "/events/:id/edit", role: .staff) { request, context in
                let e = try await engagement.event(id: request.pathID(context))
                var name: String?
                if let o = e.organizerId { name = try await store.stakeholder(id: o)?.displayName }
                return EventFormView(eventId: e.id, values: EventFormValues(e, organizerName: name), user: try context.requireUser(), csrf: context.csrf).render()
            },
            WebRoute(method: .post, path: "/events/:id/edit", role: .staff) { request, context in
                let form = try await WebController.form(request, context)
                let before = try await engagement.event(id: request.pathID(context))
                var values = EventFormValues(form: form)
                var (patch, errors) = values.patch()
                try await values.resolveOrganizer(into: &patch, errors: &errors, lookup: lookup, store: store)
                do {
                    if !errors.isEmpty { throw ConveneError.invalid(errors) }
                    let e = try await engagement.updateEvent(id: before.id, patch, actor: context.actor)
                    return WebSession.redirect(to: "/events/\(e.id)?notice=saved")
                } catch ConveneError.invalid(let problems) {
                    return EventFormView(eventId: before.id, values: values, user: try context.requireUser(), csrf: context.csrf,
                                         errors: EventFormValues.formErrors(problems), status: .unprocessableContent).render()
                }
            },
            WebRoute(method: .post, path: "/events/:id/delete", role: .staff) { request, context in
                _ = try await WebController.form(request, context)
                try await engagement.deleteEvent(id: request.pathID(context), actor: context.actor)
                return WebSession.redirect(to: "/events?notice=deleted")
            },
            WebRoute(method: .post, path: "/events/calendar-feed", role: .viewer) { request, context in
                _ = try await WebController.form(request, context)
                let user = try context.requireUser()
                let (secret, _) = try await services.accounts.createFeedKey(for: user, actor: context.actor)
                let url = CalendarExport.absolute("/feeds/calendar/\(secret).ics", services: services, request: request)
                var response = CalendarFeedView(url: url, user: user, csrf: context.csrf).render()
                // The address is the credential and is on this page only: no cache may keep it.
                response.headers[.cacheControl] = "no-store"
                return response
            },
        ] + inviteeRoutes
    }

    func eventPage(id: String, context: ConveneContext) async throws -> EventPageView {
        let user = try context.requireUser()
        let e = try await services.engagement.event(id: id)
        let people = try await services.store.stakeholders(ids: e.invitees.map(\.stakeholderId) + [e.organizerId].compactMap { $0 })
        let groups = user.role >= .staff ? try await services.store.groups().filter { $0.kind == .static } : []
        return EventPageView(event: e, people: Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
                             groups: groups, user: user, csrf: context.csrf)
    }
}

/// The one page that shows a new calendar subscription address.
struct CalendarFeedView {
    var url: String
    var user: User
    var csrf: String?

    func render() -> Response {
        Layout.page("Calendar subscription", user: user, csrf: csrf, current: "/events", """
            <h1>Your calendar subscription</h1>
            <div class="notice" role="status">
            <p><label for="feed-url">Subscription address</label><br><input id="feed-url" type="text" readonly value="\(url)" size="70" aria-describedby="feed-warning"></p>
            <p id="feed-warning"><strong>Copy it now: it will not be shown again.</strong> Anyone with the address can read Convene's events, so keep it private.
            To stop it working, revoke “Calendar feed” on your <a href="/account/tokens">API tokens</a> page.</p>
            </div>
            <p>In Google Calendar, Outlook or Apple Calendar, choose “subscribe to a calendar” or “add calendar from URL” and paste the address.
            Events from 90 days ago on appear, and changes follow within the app's refresh time. Invitees are never included.</p>
            <p><a href="/events">Back to events</a></p>
            """)
    }
}
