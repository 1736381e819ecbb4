import Foundation

/// Which IANA zone a TZID stands for, when Foundation knows one.
enum ICalendarReaderTimeZones {
    /// Foundation's zone for an IANA name, or nil. Names Foundation only parses (`UTC+11`,
    /// `GMT+1`) do not count: a VTIMEZONE with such a TZID says what it means.
    static func iana(_ identifier: String) -> TimeZone? {
        cache.zone(identifier)
    }

    /// The IANA name a TZID stands for without a VTIMEZONE: itself, the zone of a Microsoft
    /// name, or the IANA name at the end of a vendor-prefixed one (libical and Mozilla write
    /// `/freeassociation.sourceforge.net/Europe/Berlin`, `/mozilla.org/20070129_1/Europe/Berlin`).
    static func ianaName(for tzid: String) -> String? {
        if iana(tzid) != nil { return tzid }
        if let mapped = windows[tzid], iana(mapped) != nil { return mapped }
        var parts = tzid.split(separator: "/", omittingEmptySubsequences: false)
        while parts.count > 1 {
            parts.removeFirst()
            let candidate = parts.joined(separator: "/")
            if iana(candidate) != nil { return candidate }
        }
        return nil
    }

    private static let cache = Cache()

    /// Creating a TimeZone costs tens of microseconds on Linux, so each name is looked up once.
    /// `@unchecked Sendable`: `zones` is only read or written while `lock` is held.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var zones: [String: TimeZone?] = [:]

        func zone(_ identifier: String) -> TimeZone? {
            lock.lock()
            if let known = zones[identifier] {
                lock.unlock()
                return known
            }
            lock.unlock()
            let zone = Self.lookUp(identifier)
            lock.lock()
            if zones.count < 10_000 { zones[identifier] = .some(zone) }
            lock.unlock()
            return zone
        }

        private static func lookUp(_ identifier: String) -> TimeZone? {
            guard !identifier.isEmpty, identifier.utf8.count < 64,
                  identifier.unicodeScalars.allSatisfy({ $0.isASCII && $0 != " " }),
                  let zone = TimeZone(identifier: identifier)
            else { return nil }
            if zone.identifier == identifier { return zone }
            return ["UTC", "Etc/UTC", "Etc/GMT", "Zulu"].contains(identifier) ? TimeZone(identifier: "GMT") : nil
        }
    }

    /// Microsoft's zone names (as Outlook and Exchange write them in TZID) and the IANA zone each
    /// stands for, after the Unicode CLDR's mapping for the zone's main territory.
    static let windows: [String: String] = [
        "Dateline Standard Time": "Etc/GMT+12", "UTC-11": "Etc/GMT+11", "Hawaiian Standard Time": "Pacific/Honolulu",
        "Alaskan Standard Time": "America/Anchorage", "Pacific Standard Time (Mexico)": "America/Tijuana",
        "Pacific Standard Time": "America/Los_Angeles", "US Mountain Standard Time": "America/Phoenix",
        "Mountain Standard Time (Mexico)": "America/Mazatlan", "Mountain Standard Time": "America/Denver",
        "Central America Standard Time": "America/Guatemala", "Central Standard Time": "America/Chicago",
        "Central Standard Time (Mexico)": "America/Mexico_City", "Canada Central Standard Time": "America/Regina",
        "SA Pacific Standard Time": "America/Bogota", "Eastern Standard Time": "America/New_York",
        "Eastern Standard Time (Mexico)": "America/Cancun", "US Eastern Standard Time": "America/Indiana/Indianapolis",
        "Venezuela Standard Time": "America/Caracas", "Atlantic Standard Time": "America/Halifax",
        "SA Western Standard Time": "America/La_Paz", "Pacific SA Standard Time": "America/Santiago",
        "Newfoundland Standard Time": "America/St_Johns", "E. South America Standard Time": "America/Sao_Paulo",
        "Argentina Standard Time": "America/Argentina/Buenos_Aires", "SA Eastern Standard Time": "America/Cayenne",
        "Greenland Standard Time": "America/Nuuk", "Montevideo Standard Time": "America/Montevideo",
        "Paraguay Standard Time": "America/Asuncion", "Central Brazilian Standard Time": "America/Cuiaba",
        "Cuba Standard Time": "America/Havana", "Haiti Standard Time": "America/Port-au-Prince",
        "UTC-02": "Etc/GMT+2", "Azores Standard Time": "Atlantic/Azores", "Cape Verde Standard Time": "Atlantic/Cape_Verde",
        "UTC": "Etc/UTC", "GMT Standard Time": "Europe/London", "Greenwich Standard Time": "Atlantic/Reykjavik",
        "Morocco Standard Time": "Africa/Casablanca", "W. Europe Standard Time": "Europe/Berlin",
        "Central Europe Standard Time": "Europe/Budapest", "Romance Standard Time": "Europe/Paris",
        "Central European Standard Time": "Europe/Warsaw", "W. Central Africa Standard Time": "Africa/Lagos",
        "Namibia Standard Time": "Africa/Windhoek", "Jordan Standard Time": "Asia/Amman", "GTB Standard Time": "Europe/Bucharest",
        "Middle East Standard Time": "Asia/Beirut", "Egypt Standard Time": "Africa/Cairo", "E. Europe Standard Time": "Europe/Chisinau",
        "Syria Standard Time": "Asia/Damascus", "West Bank Standard Time": "Asia/Hebron", "South Africa Standard Time": "Africa/Johannesburg",
        "FLE Standard Time": "Europe/Kiev", "Israel Standard Time": "Asia/Jerusalem", "Kaliningrad Standard Time": "Europe/Kaliningrad",
        "Libya Standard Time": "Africa/Tripoli", "Sudan Standard Time": "Africa/Khartoum", "Arabic Standard Time": "Asia/Baghdad",
        "Turkey Standard Time": "Europe/Istanbul", "Arab Standard Time": "Asia/Riyadh", "Belarus Standard Time": "Europe/Minsk",
        "Russian Standard Time": "Europe/Moscow", "E. Africa Standard Time": "Africa/Nairobi", "Iran Standard Time": "Asia/Tehran",
        "Arabian Standard Time": "Asia/Dubai", "Azerbaijan Standard Time": "Asia/Baku", "Mauritius Standard Time": "Indian/Mauritius",
        "Georgian Standard Time": "Asia/Tbilisi", "Caucasus Standard Time": "Asia/Yerevan", "Afghanistan Standard Time": "Asia/Kabul",
        "West Asia Standard Time": "Asia/Tashkent", "Ekaterinburg Standard Time": "Asia/Yekaterinburg",
        "Pakistan Standard Time": "Asia/Karachi", "India Standard Time": "Asia/Kolkata", "Sri Lanka Standard Time": "Asia/Colombo",
        "Nepal Standard Time": "Asia/Kathmandu", "Central Asia Standard Time": "Asia/Almaty", "Bangladesh Standard Time": "Asia/Dhaka",
        "Myanmar Standard Time": "Asia/Yangon", "SE Asia Standard Time": "Asia/Bangkok", "North Asia Standard Time": "Asia/Krasnoyarsk",
        "China Standard Time": "Asia/Shanghai", "North Asia East Standard Time": "Asia/Irkutsk", "Singapore Standard Time": "Asia/Singapore",
        "W. Australia Standard Time": "Australia/Perth", "Taipei Standard Time": "Asia/Taipei", "Ulaanbaatar Standard Time": "Asia/Ulaanbaatar",
        "Tokyo Standard Time": "Asia/Tokyo", "Korea Standard Time": "Asia/Seoul", "Yakutsk Standard Time": "Asia/Yakutsk",
        "Cen. Australia Standard Time": "Australia/Adelaide", "AUS Central Standard Time": "Australia/Darwin",
        "E. Australia Standard Time": "Australia/Brisbane", "AUS Eastern Standard Time": "Australia/Sydney",
        "West Pacific Standard Time": "Pacific/Port_Moresby", "Tasmania Standard Time": "Australia/Hobart",
        "Vladivostok Standard Time": "Asia/Vladivostok", "Magadan Standard Time": "Asia/Magadan",
        "Central Pacific Standard Time": "Pacific/Guadalcanal", "UTC+12": "Etc/GMT-12", "New Zealand Standard Time": "Pacific/Auckland",
        "Fiji Standard Time": "Pacific/Fiji", "Tonga Standard Time": "Pacific/Tongatapu", "Samoa Standard Time": "Pacific/Apia",
        "Line Islands Standard Time": "Pacific/Kiritimati",
    ]
}
