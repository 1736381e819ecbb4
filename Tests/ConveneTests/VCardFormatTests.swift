import ConveneFormats
import Foundation
import Testing

/// vCard 2.1/3.0/4.0 reading and vCard 4.0 writing, on hand-made cards and on the ez-vcard
/// corpus (`../shared/corpora/vcard/ez-vcard`).
@Suite("vCard formats")
struct VCardFormatTests {
    static func read(_ text: String) throws -> [VCard] {
        try VCardReader.read(Array(text.utf8))
    }

    static func lines(_ lines: String...) -> String {
        lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The error a read of `bytes` throws, or nil when it returns.
    static func error(reading bytes: [UInt8]) -> VCardError? {
        do {
            _ = try VCardReader.read(bytes)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Content lines

    @Test("folded lines unfold, with CRLF, LF or CR and a space or a tab, even inside a UTF-8 character")
    func folding() throws {
        var bytes = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos".utf8)
        bytes += [0xC3, 0x0D, 0x0A, 0x20, 0xA9] // é folded between its two bytes
        bytes += Array(" Ram\n\tírez\rNOTE:one\r\n  two\r\nEND:VCARD".utf8)
        let cards = try VCardReader.read(bytes)
        #expect(cards.count == 1)
        #expect(cards[0].formattedName == "José Ramírez")
        #expect(cards[0].note == "one two")
        #expect(cards[0].warnings.isEmpty)
    }

    @Test("parameters: case-insensitive names, quoted values, comma lists, repeated TYPE, 2.1 bare words")
    func parameters() throws {
        let card = try #require(Self.read(Self.lines(
            "BEGIN:VCARD", "VERSION:4.0", "FN:A",
            "tel;type=\"work,voice\";pref=2;x-note=\"a;b:c\":tel:+1-555-0100",
            "EMAIL;TYPE=INTERNET;TYPE=HOME,Work:a@example.org",
            "END:VCARD"
        )).first)
        #expect(card.phones == [VCardValue("+1-555-0100", types: ["work", "voice"], preference: 2)])
        #expect(card.properties[2].name == "TEL")
        #expect(card.properties[2].parameter("X-NOTE") == ["a;b:c"])
        #expect(card.emails[0].types == ["internet", "home", "work"])

        let legacy = try #require(Self.read(Self.lines(
            "BEGIN:VCARD", "VERSION:2.1", "N:Doe;John", "TEL;WORK;VOICE:555-1111", "EMAIL;PREF;INTERNET:j@example.org",
            "END:VCARD"
        )).first)
        #expect(legacy.phones == [VCardValue("555-1111", types: ["work", "voice"])])
        #expect(legacy.emails == [VCardValue("j@example.org", types: ["pref", "internet"], preference: 1)])
        #expect(legacy.name == VCardName(family: "Doe", given: "John"))
    }

    @Test("3.0/4.0 text unescaping; structured values split on unescaped ; and lists on ,")
    func escaping() throws {
        let card = try #require(Self.read(Self.lines(
            "BEGIN:VCARD", "VERSION:3.0", #"FN:Smith\, Jane"#,
            #"N:Smith\;Jones;Jane;;Dr.,Prof.;"#,
            #"ORG:Acme\, Inc.;R\\D"#,
            #"NOTE:line 1\nline 2\N\\path C:\Users"#,
            #"CATEGORIES:a,b\,c, d ,"#,
            #"ADR:;;1 Main St\nFloor 2;Springfield;;;"#,
            #"URL:http\://example.org/?a=1,2"#,
            "END:VCARD"
        )).first)
        #expect(card.formattedName == "Smith, Jane")
        #expect(card.name == VCardName(family: "Smith;Jones", given: "Jane", prefixes: "Dr.,Prof."))
        #expect(card.organization == ["Acme, Inc.", #"R\D"#])
        #expect(card.note == "line 1\nline 2\n\\path C:\\Users")
        #expect(card.categories == ["a", "b,c", "d"])
        #expect(card.addresses.first?.street == "1 Main St\nFloor 2")
        #expect(card.addresses.first?.locality == "Springfield")
        #expect(card.urls.first?.value == "http://example.org/?a=1,2")
    }

    @Test("quoted-printable with soft line breaks, CHARSET=ISO-8859-1 and UTF-8")
    func quotedPrintable() throws {
        let bytes = Array(Self.lines(
            "BEGIN:VCARD", "VERSION:2.1",
            "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg",
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BC=",
            "ller",
            "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:Price =80 5=0D=0A=",
            "Second line=",
            "",
            "TEL;CELL:+49 1",
            "ADR;HOME;QUOTED-PRINTABLE:;;Stra=DFe 1;K=F6ln;;;",
            "END:VCARD"
        ).utf8)
        let card = try #require(VCardReader.read(bytes).first)
        #expect(card.name == VCardName(family: "Müller", given: "Jörg"))
        #expect(card.formattedName == "Jörg Müller")
        #expect(card.note == "Price € 5\nSecond line")
        #expect(card.phones == [VCardValue("+49 1", types: ["cell"])])
        // No CHARSET and not UTF-8: read as windows-1252, with a warning naming the line.
        #expect(card.addresses.first?.street == "Straße 1")
        #expect(card.addresses.first?.locality == "Köln")
        #expect(card.warnings == ["line 10: ADR is not valid UTF-8; read as windows-1252"])
    }

    @Test("base64 PHOTO and KEY (2.1 indented with a blank line, 3.0 folded) do no harm to what follows")
    func base64() throws {
        let card = try #require(Self.read(Self.lines(
            "BEGIN:VCARD", "VERSION:2.1", "FN:Pic",
            "PHOTO;JPEG;ENCODING=BASE64:",
            "    /9j/4AAQ",
            "    SkZJRg==",
            "",
            "TEL:1",
            "KEY;ENCODING=BASE64:AQID",
            "BAUG",
            "",
            "EMAIL:a@example.org",
            "END:VCARD"
        )).first)
        #expect(card.phones.map(\.value) == ["1"])
        #expect(card.emails.map(\.value) == ["a@example.org"])
        let photo = try #require(card.properties.first { $0.name == "PHOTO" })
        #expect(photo.value == "/9j/4AAQSkZJRg==")
        #expect(photo.data == [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46])
        #expect(card.properties.first { $0.name == "KEY" }?.data == [1, 2, 3, 4, 5, 6])
        #expect(card.warnings.isEmpty)

        let modern = try #require(Self.read(Self.lines(
            "BEGIN:VCARD", "VERSION:3.0", "FN:Pic", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4A", " AQSkZJRg==", "NOTE:after", "END:VCARD"
        )).first)
        #expect(modern.note == "after")
        #expect(modern.properties.first { $0.name == "PHOTO" }?.data?.prefix(2) == [0xFF, 0xD8])
    }

    @Test("groups: item1.EMAIL with item1.X-ABLabel gives the email its custom type")
    func groups() throws {
        let card = try #require(Self.read(Self.lines(
            "BEGIN:VCARD", "VERSION:3.0", "FN:G",
            "item1.EMAIL;TYPE=INTERNET:a@example.org", "ITEM1.X-ABLabel:Alumni",
            "item2.URL:http://example.org", "item2.X-ABLabel:_$!<HomePage>!$_",
            "item3.ADR:;;1 Main;Town;;;", "item3.X-ABLabel:Cabin",
            "END:VCARD"
        )).first)
        #expect(card.emails == [VCardValue("a@example.org", types: ["internet"], customType: "Alumni")])
        #expect(card.urls.first?.customType == "HomePage")
        #expect(card.addresses.first?.customType == "Cabin")
        #expect(card.properties[2].group == "item1")
    }

    // MARK: - Cards and errors

    @Test("several cards in one file, each with the line its BEGIN stands on")
    func multipleCards() throws {
        let cards = try Self.read(Self.multiCard)
        #expect(cards.map(\.formattedName) == ["Ann", "Bob Ünal", "Cy"])
        #expect(cards.map(\.line) == [1, 9, 18])
        #expect(cards[0].note == "folded long note")
        #expect(cards.map(\.version) == ["3.0", "2.1", "4.0"])
        #expect(cards[1].note == "Multi\nline")
        #expect(cards[2].phones.map(\.value) == ["+1-555-0100"])
    }

    static let multiCard = lines(
        "BEGIN:VCARD", "VERSION:3.0", "FN:Ann", "N:A;Ann;;;", "EMAIL;TYPE=work:ann@example.org",
        "NOTE:folded long", "  note", "END:VCARD",
        "BEGIN:VCARD", "VERSION:2.1", "FN;CHARSET=UTF-8:Bob Ünal",
        "NOTE;ENCODING=QUOTED-PRINTABLE:Multi=0D=0A=", "line",
        "PHOTO;ENCODING=BASE64:", " AQID", "",
        "END:VCARD",
        "BEGIN:VCARD", "VERSION:4.0", "FN:Cy", "TEL;VALUE=uri:tel:+1-555-0100", "END:VCARD"
    )

    @Test("every split of a multi-card file into two chunks, and one byte at a time, reads the same")
    func streamingSplits() throws {
        let bytes = Array(Self.multiCard.utf8)
        let whole = try VCardReader.read(bytes)
        for split in 0...bytes.count {
            var parser = VCardParser()
            let cards = try parser.feed(bytes[..<split]) + parser.feed(bytes[split...]) + parser.finish()
            #expect(cards == whole, "split at \(split)")
        }
        var parser = VCardParser()
        var cards: [VCard] = []
        for byte in bytes { cards += try parser.feed([byte]) }
        cards += try parser.finish()
        #expect(cards == whole)

        let broken = Array(Self.lines("BEGIN:VCARD", "FN:A", "END:VCARD", "END:VCARD").utf8)
        for split in 0...broken.count {
            var parser = VCardParser()
            #expect(throws: VCardError(line: 4, "END:VCARD without BEGIN:VCARD")) {
                _ = try parser.feed(broken[..<split]) + parser.feed(broken[split...]) + parser.finish()
            }
        }
    }

    @Test("errors name their line")
    func errors() throws {
        #expect(Self.error(reading: [])?.message == "line 1: this is not a vCard file (it is empty)")
        #expect(Self.error(reading: Array("\r\n  \r\n".utf8))?.message == "line 1: this is not a vCard file (it is empty)")
        #expect(Self.error(reading: Array("\nName,Email\nAnn,a@example.org\n".utf8))?.message
            == "line 2: this is not a vCard file (it starts with \"Name,Email\")")
        let unclosed = Self.lines("BEGIN:VCARD", "FN:A", "END:VCARD", "BEGIN:VCARD", "FN:B", "EMAIL:b@example.org")
        #expect(Self.error(reading: Array(unclosed.utf8))?.message == "line 4: this vCard has no END:VCARD (the file ends at line 6)")
        let stray = Self.lines("BEGIN:VCARD", "FN:A", "END:VCARD", "END:VCARD")
        #expect(Self.error(reading: Array(stray.utf8)) == VCardError(line: 4, "END:VCARD without BEGIN:VCARD"))
        #expect(VCardError(line: 12, "END:VCARD without BEGIN:VCARD").description == "line 12: END:VCARD without BEGIN:VCARD")
    }

    @Test("a bad line costs only itself; a missing END before the next BEGIN costs nothing")
    func recovery() throws {
        let cards = try Self.read(Self.lines(
            "BEGIN:VCARD", "VERSION:3.0", "FN:Ann", "this line has no colon", "ADR;TYPE=\"home:;;1 Main St;Town;;;",
            "EMAIL:ann@example.org",
            "BEGIN:VCARD", "FN:Bob", "END:VCARD",
            "some trailer", ""
        ))
        #expect(cards.map(\.formattedName) == ["Ann", "Bob"])
        #expect(cards[0].emails.map(\.value) == ["ann@example.org"])
        #expect(cards[0].addresses.map(\.street) == ["1 Main St"], "an unclosed quote is read as a plain character")
        #expect(cards[0].warnings == [
            "line 4: \"this line has no colon\" is not a vCard property; it was skipped",
            "line 7: BEGIN:VCARD inside the vCard begun on line 1, which has no END:VCARD; that card ends here",
        ])
        var parser = VCardParser()
        _ = try parser.feed(Array(Self.lines("BEGIN:VCARD", "FN:A", "END:VCARD", "junk").utf8))
        _ = try parser.finish()
        #expect(parser.warnings == ["line 4: \"junk\" is outside any vCard; it was skipped"])
    }

    @Test("a 2.1 AGENT card nested inside a card is kept as the AGENT's text")
    func nestedAgent() throws {
        let cards = try Self.read(Self.lines(
            "BEGIN:VCARD", "VERSION:2.1", "FN:Boss", "AGENT:",
            "BEGIN:VCARD", "VERSION:2.1", "FN:Assistant", "TEL:555-1", "END:VCARD",
            "TEL:555-0", "END:VCARD"
        ))
        #expect(cards.count == 1)
        #expect(cards[0].formattedName == "Boss")
        #expect(cards[0].phones.map(\.value) == ["555-0"])
        let agent = try #require(cards[0].properties.first { $0.name == "AGENT" })
        #expect(agent.text == "BEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nTEL:555-1\nEND:VCARD")
    }

    @Test("UTF-8 BOM and UTF-16 files with a byte-order mark")
    func byteOrderMarks() throws {
        let text = Self.lines("BEGIN:VCARD", "VERSION:3.0", "FN:Zoë 🎉", "END:VCARD")
        #expect(try VCardReader.read([0xEF, 0xBB, 0xBF] + Array(text.utf8)).first?.formattedName == "Zoë 🎉")
        var little: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { little += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try VCardReader.read(little).first?.formattedName == "Zoë 🎉")
        var parser = VCardParser()
        var cards: [VCard] = []
        for byte in little { cards += try parser.feed([byte]) }
        cards += try parser.finish()
        #expect(cards.first?.formattedName == "Zoë 🎉")
    }

    @Test("hostile input ends in an error or a result, never a crash or a hang")
    func hostileInput() throws {
        var random = VCardTestRandom(seed: 7)
        for length in [1, 2, 3, 17, 1000, 100_000] {
            let junk = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? VCardReader.read(junk)
            _ = try? VCardReader.read(Array("BEGIN:VCARD\r\n".utf8) + junk + Array("\r\nEND:VCARD\r\n".utf8))
        }
        let longLine = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000_000)
        #expect(Self.error(reading: longLine)?.line == 1)
        var noteBytes = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long\r\nNOTE:".utf8)
        noteBytes += [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
        noteBytes += Array("\r\nEND:VCARD\r\n".utf8)
        let long = try VCardReader.read(noteBytes)
        #expect(long.first?.note?.utf8.count == 10_000_000)
        // Fed a byte at a time, a long line is searched once, not once per byte.
        var parser = VCardParser()
        _ = try parser.feed(Array("BEGIN:VCARD\r\nNOTE:".utf8))
        for _ in 0..<300_000 { _ = try parser.feed(CollectionOfOne(UInt8(ascii: "a"))) }
        let fed = try parser.feed(Array("\r\nEND:VCARD".utf8)) + parser.finish()
        #expect(fed.first?.note?.count == 300_000)
        #expect(Self.error(reading: Array("BEGIN:VCARD\r\nN;QUOTED-PRINTABLE:=\r\n=\r\n=\r\n".utf8))?.line == 1)
    }

    // MARK: - Writing

    @Test("the writer: CRLF, folding at 75 octets between whole characters, escaping, FN fallback, tel URIs")
    func writer() throws {
        let card = VCard(
            name: VCardName(family: "Ünal", given: "Bob"), organization: ["Acme, Inc.", "R&D"],
            emails: [VCardValue("bob@example.org", types: ["work", "pref"])],
            phones: [VCardValue("+1-555-0100", types: ["cell"], preference: 2), VCardValue("(111) 555 1111")],
            addresses: [VCardAddress(street: "1 Main St", locality: "Town", types: ["home"], label: "1 Main St\n\"Town\"")],
            note: String(repeating: "é", count: 100) + "; done", birthday: "1960-09-10"
        )
        let text = VCardWriter.write([card])
        #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bob Ünal\r\nN:Ünal;Bob;;;\r\nORG:Acme\\, Inc.;R&D\r\n"))
        #expect(text.contains("EMAIL;TYPE=work;PREF=1:bob@example.org\r\n"))
        #expect(text.contains("TEL;VALUE=uri;TYPE=cell;PREF=2:tel:+1-555-0100\r\n"))
        #expect(text.contains("TEL:(111) 555 1111\r\n"))
        #expect(text.contains("ADR;TYPE=home;LABEL=\"1 Main St^n^'Town^'\":;;1 Main St;Town;;;\r\n"))
        #expect(text.contains("BDAY;VALUE=text:1960-09-10\r\n"))
        #expect(text.hasSuffix("END:VCARD\r\n"))
        let physical = text.utf8.split(separator: 0x0A).map { Array($0) }
        for line in physical {
            #expect(line.last == 0x0D)
            #expect(line.count - 1 <= 75)
            #expect(String(bytes: line, encoding: .utf8) != nil, "a fold never splits a character")
        }
        let back = try #require(VCardReader.read(Array(text.utf8)).first)
        #expect(back.note == card.note)
        #expect(back.formattedName == "Bob Ünal")
        #expect(VCardWriter.write([VCard(organization: ["Solo Org"])]).contains("\r\nFN:Solo Org\r\n"))
    }

    @Test("reading what the writer wrote gives back every field, for 500 random cards")
    func roundTrip() throws {
        var random = VCardTestRandom(seed: 2026)
        let cards = (0..<500).map { _ in VCardTestRandom.card(using: &random) }
        let text = VCardWriter.write(cards)
        let back = try VCardReader.read(Array(text.utf8))
        try #require(back.count == cards.count)
        for (written, read) in zip(cards, back) {
            #expect(read.version == "4.0")
            #expect(read.warnings.isEmpty)
            #expect(Self.fields(read) == Self.fields(written))
        }
        var parser = VCardParser()
        var streamed: [VCard] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: 4093) {
            streamed += try parser.feed(bytes[start..<min(start + 4093, bytes.count)])
        }
        streamed += try parser.finish()
        #expect(streamed == back)
    }

    /// The typed fields only.
    static func fields(_ card: VCard) -> VCard {
        var copy = card
        copy.version = nil
        copy.line = 0
        copy.properties = []
        copy.warnings = []
        return copy
    }
}

// MARK: - The ez-vcard corpus

/// Expectations written from each file and from what vobject 0.9.9 (the oracle,
/// `shared/corpora/oracles/dump_vcard.py`) makes of it; where the two disagree the file and
/// the RFCs win, and `corpusDetails` says why.
extension VCardFormatTests {
    struct Expected: Sendable {
        var fn: String?
        /// family, given, additional, prefixes, suffixes
        var n: [String]?
        var org: [String] = []
        var emails: [String] = []
        var phones: [String] = []
        var streets: [String] = []
        var localities: [String] = []
    }

    static var corpus: URL {
        var dir = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { dir.deleteLastPathComponent() }
        return dir.deletingLastPathComponent().appendingPathComponent("shared/corpora/vcard/ez-vcard/src/test/resources/ezvcard")
    }

    static func corpusCards(_ relative: String) throws -> [VCard] {
        try VCardReader.read(Array(Data(contentsOf: corpus.appendingPathComponent(relative))))
    }

    static let expected: [String: [Expected]] = [
        "issue/issue114.vcf": [Expected(
            fn: "Dummy, Dummy", n: ["Dummy", "Dummy", "", "", ""], org: ["Dummy GmbH"],
            emails: ["dummy.dummy@dummy.com"], phones: ["+49 1234 56789", "+49 9876 54321"],
            streets: ["Dummy-Dummy-Strasse 1"], localities: ["Bad Homburg"]
        )],
        "io/text/fullcontact.vcf": [Expected(
            fn: "Prefix FirstName MiddleName LastName Suffix", n: ["LastName", "FirstName", "MiddleName", "Prefix", "Suffix"],
            org: ["Organization1", "Department1"],
            emails: ["home@example.com", "work@example.com", "school@example.com", "other@example.com", "custom@example.com"],
            phones: (1111...1119).map { "555-555-\($0)" },
            streets: ["HomeStreet", "WorkStreet", "OtherStreet", "CustomStreet"],
            localities: ["HomeCity", "WorkCity", "OtherCity", "CustomCity"]
        )],
        "io/text/gmail-list.vcf": [
            Expected(fn: "Arnold Smith", n: ["Smith", "Arnold", "", "", ""], emails: ["asmithk@gmail.com"]),
            Expected(fn: "Chris Beatle", n: ["Beatle", "Chris", "", "", ""], emails: ["chrisy55d@yahoo.com"]),
            Expected(fn: "Doug White", n: ["White", "Doug", "", "", ""], emails: ["dwhite@gmail.com"]),
        ],
        "io/text/gmail-single.vcf": [Expected(
            fn: "Greg Dartmouth", n: ["Dartmouth", "Greg", "", "", ""], org: ["TheCompany"],
            emails: ["gdartmouth@hotmail.com"], phones: ["555 555 1111", "555 555 2222"],
            streets: ["123 Home St\nHome City, HM 12345", "321 Custom St"], localities: ["", "Custom City"]
        )],
        // Gmail put the city in the region and the state in the locality; the file says so.
        "io/text/gmail-single2.vcf": [Expected(
            fn: "VCard Test", n: ["Test", "VCard", "", "", ""], org: ["TheCompany"],
            emails: ["email@example.com", "homeemail@example.com", "workemail@example.com", "otheremail@example.com", "customcategory@example.com"],
            phones: (1111...1121).map { "555555\($0)" },
            streets: (111...115).map { "\($0) Main St" }, localities: Array(repeating: "NY", count: 5)
        )],
        "io/text/outlook-2003.vcf": [Expected(
            fn: "John Doe III", n: ["Doe", "John", "", "Mr.", "III"], org: ["Company, The", "TheDepartment"],
            emails: ["jdoe@hotmail.com"], phones: ["BusinessPhone", "HomePhone", "MobilePhone", "BusinessFaxPhone"],
            streets: ["123 Main St"], localities: ["Austin"]
        )],
        "io/text/outlook-2007.vcf": [Expected(
            fn: "Mr. Michael Angstadt Jr.", n: ["Angstadt", "Michael", "", "Mr.", "Jr."], org: ["TheCompany", "TheDepartment"],
            emails: ["mike.angstadt@gmail.com"], phones: ["(111) 555-1111", "(111) 555-2222", "(111) 555-4444", "(111) 555-3333"],
            streets: ["222 Broadway"], localities: ["New York"]
        )],
        "io/text/rfc2426-example.vcf": [
            Expected(
                fn: "Frank Dawson", org: ["Lotus Development Corporation"],
                emails: ["Frank_Dawson@Lotus.com", "fdawson@earthlink.net"], phones: ["+1-919-676-9515", "+1-919-676-9564"],
                streets: ["6544 Battleford Drive"], localities: ["Raleigh"]
            ),
            Expected(
                fn: "Tim Howes", org: ["Netscape Communications Corp."],
                emails: ["howes@netscape.com"], phones: ["+1-415-937-3419", "+1-415-528-4164"],
                streets: ["501 E. Middlefield Rd."], localities: ["Mountain View"]
            ),
        ],
        "io/text/rfc6350-example.vcf": [Expected(
            fn: "Simon Perreault", n: ["Perreault", "Simon", "", "", "ing. jr,M.Sc."], org: ["Viagenie"],
            emails: ["simon.perreault@viagenie.ca"], phones: ["+1-418-656-9254;ext=102", "+1-418-262-6501"],
            streets: ["2875 Laurier"], localities: ["Quebec"]
        )],
        // Thunderbird's extension wrote the street into the extended address; the file says so.
        "io/text/thunderbird-MoreFunctionsForAddressBook-extension.vcf": [Expected(
            fn: "John Doe", n: ["Doe", "John", "", "", ""], org: ["TheOrganization", "TheDepartment"],
            emails: ["doe.john@hotmail.com", "additional-email@company.com", "additional-email1@company.com",
                     "additional-email2@company.com", "additional-email3@company.com"],
            phones: ["555-555-1111", "555-555-2222", "555-555-5555", "555-555-3333", "555-555-4444"],
            streets: ["Suite 100", "Apt 10"], localities: ["New York", "Austin"]
        )],
    ]

    @Test("every vCard in the ez-vcard corpus imports its names, organisations, emails, phones and addresses")
    func corpusFiles() throws {
        let root = Self.corpus
        try #require(FileManager.default.fileExists(atPath: root.path), "the corpus belongs at \(root.path); see shared/corpora/README.md")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
        var read: [String] = []
        var skipped: [String] = []
        for relative in files {
            switch URL(fileURLWithPath: relative).pathExtension.lowercased() {
            case "json", "xml":
                // jCard (RFC 7095) and xCard (RFC 6351) are JSON and XML forms of vCard, not
                // the text format this reader reads.
                skipped.append(relative)
            case "vcf":
                read.append(relative)
                let expected = try #require(Self.expected[relative], "\(relative) has no expectations in this test")
                let bytes = try Array(Data(contentsOf: root.appendingPathComponent(relative)))
                let cards = try VCardReader.read(bytes)
                #expect(cards.count == expected.count, "\(relative)")
                var parser = VCardParser()
                var streamed: [VCard] = []
                for start in stride(from: 0, to: bytes.count, by: 7) {
                    streamed += try parser.feed(bytes[start..<min(start + 7, bytes.count)])
                }
                streamed += try parser.finish()
                #expect(streamed == cards, "\(relative) read 7 bytes at a time")
                for (index, (card, want)) in zip(cards, expected).enumerated() {
                    let at: Comment = "\(relative), card \(index + 1)"
                    #expect(card.formattedName == want.fn, at)
                    #expect(card.name.map { [$0.family, $0.given, $0.additional, $0.prefixes, $0.suffixes] } == want.n, at)
                    #expect(card.organization == want.org, at)
                    #expect(card.emails.map(\.value) == want.emails, at)
                    #expect(card.phones.map(\.value) == want.phones, at)
                    #expect(card.addresses.map(\.street) == want.streets, at)
                    #expect(card.addresses.map(\.locality) == want.localities, at)
                    #expect(card.warnings.isEmpty, at)
                }
            default:
                continue
            }
        }
        #expect(read == Self.expected.keys.sorted())
        #expect(skipped == ["io/json/jcard-example.json", "io/xml/rfc6351-example.xml"])
    }

    @Test("corpus details where vobject 0.9.9 misreads the file and this reader follows it")
    func corpusDetails() throws {
        // vCard 2.1: vobject drops bare parameters (TEL;WORK;VOICE), splits ORG at a comma that
        // 2.1 does not treat as a separator, and cuts the quoted-printable LABEL at its comma.
        let outlook2003 = try #require(Self.corpusCards("io/text/outlook-2003.vcf").first)
        #expect(outlook2003.phones.map(\.types) == [["work", "voice"], ["home", "voice"], ["cell", "voice"], ["work", "fax"]])
        #expect(outlook2003.addresses.first?.label == "TheOffice\n123 Main St\nAustin, TX 12345\nUnited States of America")
        #expect(outlook2003.note == "This is the note field!!\nSecond line\n\nThird line is empty\n")
        #expect(outlook2003.emails.first?.preference == 1)
        #expect(outlook2003.properties.first { $0.name == "KEY" }?.data?.prefix(2) == [0x30, 0x82], "an X.509 certificate")
        #expect(outlook2003.role == "TheProfession")

        let outlook2007 = try #require(Self.corpusCards("io/text/outlook-2007.vcf").first)
        #expect(outlook2007.addresses.first?.label == "222 Broadway\nNew York, NY 99999\nUSA")
        #expect(outlook2007.addresses.first?.preference == 1)
        #expect(outlook2007.note?.hasPrefix("This is the NOTE field\t\nI assume it encodes") == true)
        #expect(outlook2007.properties.first { $0.name == "PHOTO" }?.data?.prefix(3) == [0xFF, 0xD8, 0xFF], "a JPEG")
        #expect(outlook2007.urls.map(\.types) == [["home"], ["work"]])

        // RFC 6350's own example quotes TYPE="work,voice": two types (vobject keeps one).
        let rfc6350 = try #require(Self.corpusCards("io/text/rfc6350-example.vcf").first)
        #expect(rfc6350.phones.first == VCardValue("+1-418-656-9254;ext=102", types: ["work", "voice"], preference: 1))
        #expect(rfc6350.language == "fr")
        #expect(rfc6350.birthday == "--0203")
        #expect(rfc6350.urls == [VCardValue("http://nomis80.org", types: ["home"])])

        // The RFC 2426 example folds "CA; 94043": the space is the fold's, not the code's.
        let rfc2426 = try Self.corpusCards("io/text/rfc2426-example.vcf")
        #expect(rfc2426.last?.addresses.first?.postalCode == "94043")
        #expect(rfc2426.first?.emails.first?.types == ["internet", "pref"])

        // Gmail escapes the colon of its URLs ("http\://"); vobject keeps the backslash.
        let gmail = try #require(Self.corpusCards("io/text/gmail-single.vcf").first)
        #expect(gmail.urls == [VCardValue("http://TheProfile.com", customType: "PROFILE")])
        #expect(gmail.phones.last?.customType == "GRAND_CENTRAL")
        #expect(gmail.addresses.last?.customType == "CustomAdrType")
        #expect(gmail.birthday == "1960-09-10")

        let thunderbird = try #require(Self.corpusCards("io/text/thunderbird-MoreFunctionsForAddressBook-extension.vcf").first)
        #expect(thunderbird.categories == ["category1, category2, category3"], "escaped commas make one category")
        #expect(thunderbird.note?.contains("the \"note\" field; even curse words.") == true)
        #expect(thunderbird.properties.first { $0.name == "PHOTO" }?.data?.prefix(2) == [0xFF, 0xD8])

        // issue114 writes an unquoted LABEL parameter holding colons and RFC 6868 carets: the
        // parameter ends at the first colon, as in ez-vcard and vobject.
        let issue = try #require(Self.corpusCards("issue/issue114.vcf").first?.addresses.first)
        #expect(issue.label == "Dummy-Dummy-Strasse 1 61352 Bad Homburg\nGERMANY\"")
        #expect(issue.extended == "BHG01:")
        #expect(issue.postalCode == "61352")
        #expect(issue.country == "Germany")

        let full = try #require(Self.corpusCards("io/text/fullcontact.vcf").first)
        #expect(full.title == "Title1")
        #expect(full.categories == ["Tag"])
        #expect(full.urls.count == 4)
        #expect(full.emails.map(\.types) == [["home"], ["work"], ["school"], ["other"], ["customtype"]])
    }
}

// MARK: - Random cards

/// SplitMix64, so that the random cards are the same on every run.
struct VCardTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let pieces = [
        "a", "Z", "7", " ", "\t", ",", ";", "\\", ":", "\"", "^", "=", "\n", "é", "ß", "中", "🎉", "e\u{301}", "'", "<", "&",
        "-", ".", "\\n", "^n", "Ünal", "BEGIN:VCARD",
    ]
    static let typeNames = ["work", "home", "cell", "voice", "fax", "internet", "x-custom", "video", "text"]

    static func text(using random: inout Self, max: Int = 24) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 0...max, using: &random) { out += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
        return out
    }

    static func trimmed(using random: inout Self) -> String {
        text(using: &random).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func optional(using random: inout Self) -> String? {
        Bool.random(using: &random) ? trimmed(using: &random) : nil
    }

    static func pick(_ choices: [String], using random: inout Self) -> String {
        let index = Int.random(in: 0...choices.count, using: &random)
        return index < choices.count ? choices[index] : trimmed(using: &random)
    }

    static func types(using random: inout Self) -> [String] {
        var types: [String] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let type = typeNames[Int.random(in: 0..<typeNames.count, using: &random)]
            if !types.contains(type) { types.append(type) }
        }
        return types
    }

    static func preference(using random: inout Self) -> Int? {
        Bool.random(using: &random) ? Int.random(in: 1...100, using: &random) : nil
    }

    static func customType(using random: inout Self) -> String? {
        let type = trimmed(using: &random)
        return type.isEmpty || Bool.random(using: &random) ? nil : type
    }

    static func value(_ choices: [String], using random: inout Self) -> VCardValue {
        VCardValue(
            pick(choices, using: &random), types: types(using: &random),
            preference: preference(using: &random), customType: customType(using: &random)
        )
    }

    static func card(using random: inout Self) -> VCard {
        var card = VCard()
        let formatted = trimmed(using: &random)
        card.formattedName = formatted.isEmpty ? "Name" : formatted
        if Bool.random(using: &random) {
            card.name = VCardName(
                family: trimmed(using: &random), given: trimmed(using: &random), additional: trimmed(using: &random),
                prefixes: trimmed(using: &random), suffixes: trimmed(using: &random)
            )
        }
        card.organization = (0..<Int.random(in: 0...3, using: &random)).map { _ in trimmed(using: &random) }
        card.title = optional(using: &random)
        card.role = optional(using: &random)
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            card.emails.append(value(["ann@example.org", "b.c+d@example.com"], using: &random))
        }
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            card.phones.append(value(["+1-555-0100", "(111) 555 1111", "5555551111;ext=12", "555.0101"], using: &random))
        }
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            card.urls.append(value(["https://example.org/a?b=1,2;c=3", "http://x.test/ä"], using: &random))
        }
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            card.addresses.append(VCardAddress(
                poBox: trimmed(using: &random), extended: trimmed(using: &random), street: trimmed(using: &random),
                locality: trimmed(using: &random), region: trimmed(using: &random), postalCode: trimmed(using: &random),
                country: trimmed(using: &random), types: types(using: &random),
                label: Bool.random(using: &random) ? text(using: &random) : nil,
                preference: preference(using: &random), customType: customType(using: &random)
            ))
        }
        card.note = Bool.random(using: &random) ? text(using: &random, max: 120) : nil
        card.birthday = Bool.random(using: &random) ? pick(["19850412", "--0203", "1960-09-10", "T102200Z", "circa 1800"], using: &random) : nil
        card.categories = (0..<Int.random(in: 0...3, using: &random)).map { _ in trimmed(using: &random) }.filter { !$0.isEmpty }
        card.language = Bool.random(using: &random) ? pick(["fr", "en-US"], using: &random) : nil
        card.uid = Bool.random(using: &random) ? pick(["urn:uuid:0f9a7d0e-2a4b-4c1e-9d3f-5b6a7c8d9e0f"], using: &random) : nil
        card.kind = Bool.random(using: &random) ? ["individual", "org", "group", "location"][Int.random(in: 0...3, using: &random)] : nil
        return card
    }
}
