import ConveneFormats
import Foundation
import Testing

/// OAI-PMH responses from sickle's test suite (`../shared/corpora/oai/sickle`).
@Suite("OAI-PMH reader on sickle's responses")
struct OAIPMHReaderTests {
    static let folder = ICalendarReaderCorpusTests.corpora.appendingPathComponent("oai/sickle/sickle/tests/sample_data")

    func read(_ name: String) throws -> OAIPMHResponse {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        return try OAIPMHReader.read([UInt8](data))
    }

    @Test func fourPageResumptionChain() throws {
        var name = "ListRecords.xml"
        var identifiers: [String] = []
        var pages = 0
        while true {
            let page = try read(name)
            pages += 1
            #expect(page.verb == "ListRecords")
            identifiers += page.records.map(\.header.identifier)
            guard page.hasMorePages, let token = page.resumptionToken else { break }
            #expect(token.completeListSize == 8)
            #expect(token.cursor == 0)
            name = token.value
        }
        #expect(pages == 4)
        #expect(identifiers.count == 8)
    }

    @Test func deletedRecordAndDublinCore() throws {
        let page = try read("ListRecords.xml")
        #expect(page.responseDate == "2013-02-27T09:10:56Z")
        #expect(page.requestURL == "http://test.example.com/oai")
        #expect(page.requestArguments["metadataPrefix"] == "oai_dc")
        let deleted = try #require(page.records.first)
        #expect(deleted.header.isDeleted)
        #expect(deleted.header.identifier == "oai:test.example.com:1585310")
        #expect(deleted.metadata.isEmpty)
        let record = try #require(page.records.dropFirst().first)
        #expect(!record.header.isDeleted)
        #expect(record.header.datestamp == "2011-01-10T10:19:23Z")
        #expect(record.values("title") == ["Sample Title"])
        #expect(record.values("creator").first == "John Doe")
        #expect(record.metadata.first?.name == "title")
    }

    @Test func everyErrorCode() throws {
        let cases: [(String, OAIErrorCode)] = [
            ("badArgument.xml", .badArgument), ("badResumptionToken.xml", .badResumptionToken),
            ("cannotDisseminateFormat.xml", .cannotDisseminateFormat), ("idDoesNotExist.xml", .idDoesNotExist),
            ("noRecordsMatch.xml", .noRecordsMatch), ("noSetHierarchy.xml", .noSetHierarchy), ("undefinedError.xml", .unknown),
        ]
        for (file, code) in cases {
            let response = try read(file)
            #expect(response.errors.first?.code == code, "\(file)")
            #expect(response.records.isEmpty)
            #expect(response.isNoRecordsMatch == (code == .noRecordsMatch), "\(file)")
            #expect(response.isFailure == (code != .noRecordsMatch), "\(file)")
        }
        #expect(try read("noRecordsMatch.xml").verb == "ListIdentifiers")
    }

    @Test func otherVerbs() throws {
        let identify = try #require(try read("Identify.xml").identify)
        #expect(identify.repositoryName == "A Test Repository")
        #expect(identify.deletedRecord == "persistent")
        #expect(identify.adminEmails == ["john.doe@example.com"])
        let sets = try read("ListSets.xml").sets
        #expect(sets.first == OAISet(spec: "bi", name: "All BI publications (already published)"))
        let formats = try read("ListMetadataFormats.xml").metadataFormats
        #expect(formats.contains { $0.prefix == "oai_dc" })
        let identifiers = try read("ListIdentifiers.xml")
        #expect(!identifiers.headers.isEmpty)
        #expect(identifiers.resumptionToken?.value == "ListIdentifiers2.xml")
        let record = try read("GetRecord.xml")
        #expect(record.records.count == 1)
        let utf8 = try read("GetRecord_utf8test.xml")
        #expect(utf8.records.first?.metadata.isEmpty == false)
    }

    @Test func brokenResponseThrows() {
        #expect(throws: OAIPMHError.self) { try read("ListRecordsBroken.xml") }
        #expect(throws: OAIPMHError.self) { try OAIPMHReader.read(Array("<rss/>".utf8)) }
    }

    @Test func emptyTokenMarksTheLastPage() throws {
        let text = """
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>
            <request verb="ListRecords">https://repo.example/oai</request>
            <ListRecords><resumptionToken completeListSize="3" cursor="2"/></ListRecords></OAI-PMH>
            """
        let response = try OAIPMHReader.read(Array(text.utf8))
        #expect(response.resumptionToken == OAIResumptionToken(value: "", completeListSize: 3, cursor: 2, expirationDate: nil))
        #expect(!response.hasMorePages)
    }
}
