import ConveneCore
import Foundation
import Logging
import ServiceLifecycle

/// Runs background work from the shared job queue: schedules the periodic jobs (which several
/// servers schedule together as one), then claims and runs whatever is due. Stops on shutdown.
public struct JobRunner: Service {
    let services: Services
    /// This server's name in `claimed_by`.
    public let worker: String
    let interval: Duration

    public init(services: Services) {
        self.services = services
        worker = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(Identifier.make().prefix(6))"
        interval = .milliseconds(Int64(services.configuration.jobIntervalSeconds * 1000))
    }

    public func run() async throws {
        // Graceful shutdown cancels the sleep; the loop then ends without an error.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.tick(now: Date())
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// One round: schedule, then run due jobs until none is left. Errors are kept on the job.
    public func tick(now: Date) async {
        do {
            for job in JobRunner.periodic(at: now) { _ = try await services.store.enqueueJob(job) }
            while let job = try await services.store.claimJob(worker: worker, now: Date()) {
                var failure: String?
                do { try await perform(job) } catch { failure = String(describing: type(of: error)) }
                try await services.store.finishJob(id: job.id, at: Date(), error: failure)
                services.logger.info("job", metadata: ["kind": .string(job.kind), "ok": .stringConvertible(failure == nil)])
            }
        } catch {
            services.logger.warning("job queue unavailable", metadata: ["error": .string(String(describing: type(of: error)))])
        }
    }

    /// The periodic jobs due in the hour that holds `now`, keyed by that hour.
    static func periodic(at now: Date) -> [Job] {
        let hourStart = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let hour = String(Timestamp.format(hourStart).prefix(13))
        let day = String(hour.prefix(10)), dayStart = CalendarDate(date: now).startInstant
        return [Job(kind: "session-cleanup", key: "session-cleanup:\(hour)", runAfter: hourStart),
                Job(kind: "agreement-reminders", key: "agreement-reminders:\(day)", runAfter: dayStart)]
    }

    func perform(_ job: Job) async throws {
        switch job.kind {
        case "session-cleanup":
            try await services.store.deleteExpiredSessions(before: Date())
            try await services.store.deleteUploads(before: Date().addingTimeInterval(-86_400))
        case "agreement-reminders":
            try await services.collaboration.sendAgreementReminders(today: CalendarDate(date: Date(), timeZone: services.configuration.timeZone))
        case "consultation-analysis":
            guard let id = job.payload, let c = try await services.store.consultation(id: id) else { return }
            try await services.consultations.recompute(c)
        default:
            throw UnknownJob()
        }
    }

    struct UnknownJob: Error {}
}
