import ConveneCore
import ConveneServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The iCalendar export of every event in the demo district, read back by python's
/// `icalendar` and `vobject` (scripts/check-icalendar.py installs them when missing).
@Suite("iCalendar export of the demo district")
struct ICalendarDemoTests {
    @Test("every demo event, alone and all together, parses in icalendar and vobject at the instants Convene holds")
    func demoDistrictExports() async throws {
        let app = try TestApp.make()
        let staff = try await app.user(.staff)
        let district = DemoDistrict.generate(seed: 2026, count: 2000)
        try await app.store.insertStakeholders(district.stakeholders, relationships: district.relationships, actor: .system)
        let demo = DemoEngagement.generate(district: district, userIds: [staff.user.id], now: Date())
        try await demo.store(into: app.store)
        #expect(demo.events.count >= 30)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-ics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let files: [String] = try await app.test { client in
            var files: [String] = []
            for event in demo.events {
                let r = try await client.send(.get, "/api/v1/events/\(event.id)/calendar.ics", token: staff.token)
                #expect(r.status == .ok)
                let path = dir.appendingPathComponent("\(event.id).ics").path
                try Data(r.text.utf8).write(to: URL(fileURLWithPath: path))
                files.append(path)
            }
            let all = try await client.send(.get, "/api/v1/calendar.ics", token: staff.token)
            let path = dir.appendingPathComponent("all.ics").path
            try Data(all.text.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
            return files
        }
        // What the readers must find: each event's UID and its start and end instants.
        let expected: [[String: String]] = demo.events.map { ["uid": "\($0.id)@convene", "start": Timestamp.format($0.startsAt), "end": Timestamp.format($0.endsAt)] }
        let expectPath = dir.appendingPathComponent("expect.json").path
        try JSONSerialization.data(withJSONObject: expected).write(to: URL(fileURLWithPath: expectPath))

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/check-icalendar.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--expect", expectPath] + files
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text.suffix(3000))")
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("OK ") }.count == files.count, "\(text.suffix(3000))")
    }
}
