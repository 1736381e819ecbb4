/// One OAI-PMH 2.0 response page, as read by `OAIPMHReader`.
public struct OAIPMHResponse: Sendable, Equatable {
    /// The verb answered (ListRecords, GetRecord, Identify …), from the response element or,
    /// for an error response, from the request.
    public var verb: String
    public var responseDate: String
    /// The base URL echoed in `<request>`.
    public var requestURL: String
    /// The request's arguments (verb, metadataPrefix, set, from, until, resumptionToken …).
    public var requestArguments: [String: String]
    public var records: [OAIRecord] = []
    /// Headers of ListIdentifiers.
    public var headers: [OAIRecordHeader] = []
    public var sets: [OAISet] = []
    public var metadataFormats: [OAIMetadataFormat] = []
    public var identify: OAIIdentify?
    public var resumptionToken: OAIResumptionToken?
    public var errors: [OAIError] = []

    /// True when the repository has nothing matching: an empty harvest, not a failure.
    public var isNoRecordsMatch: Bool { errors.contains { $0.code == .noRecordsMatch } }
    /// True when an error other than noRecordsMatch was returned.
    public var isFailure: Bool { errors.contains { $0.code != .noRecordsMatch } }
    /// True when another page should be requested with `resumptionToken`.
    public var hasMorePages: Bool { resumptionToken.map { !$0.isLastPage } ?? false }
}

/// A record's header: identifier, datestamp, sets and whether the record was deleted.
public struct OAIRecordHeader: Sendable, Equatable {
    public var identifier: String
    public var datestamp: String
    public var setSpecs: [String]
    public var isDeleted: Bool
}

/// One harvested record: its header and, unless deleted, its Dublin Core metadata.
public struct OAIRecord: Sendable, Equatable {
    public var header: OAIRecordHeader
    /// `oai_dc` elements in document order: name (title, creator …) and its values.
    public var metadata: [OAIDublinCoreField]
    /// The metadata element's own name (e.g. "dc"), empty when there is none.
    public var metadataFormat: String

    /// All values of one Dublin Core element, e.g. `values("creator")`.
    public func values(_ element: String) -> [String] {
        metadata.first { $0.name == element }?.values ?? []
    }
}

/// A Dublin Core element and its values, in the order they appear.
public struct OAIDublinCoreField: Sendable, Equatable {
    public var name: String
    public var values: [String]
}

/// The token that asks for the next page; an empty value marks the last page.
public struct OAIResumptionToken: Sendable, Equatable {
    public var value: String
    public var completeListSize: Int?
    public var cursor: Int?
    public var expirationDate: String?
    public var isLastPage: Bool { value.isEmpty }

    public init(value: String, completeListSize: Int?, cursor: Int?, expirationDate: String?) {
        self.value = value
        self.completeListSize = completeListSize
        self.cursor = cursor
        self.expirationDate = expirationDate
    }
}

/// An error the repository reported, e.g. badResumptionToken.
public struct OAIError: Sendable, Equatable {
    public var code: OAIErrorCode
    /// The code as written (useful when it is not one of the protocol's).
    public var codeName: String
    public var message: String
}

/// The error codes OAI-PMH 2.0 defines.
public enum OAIErrorCode: String, Sendable, Equatable, CaseIterable {
    case badArgument, badResumptionToken, badVerb, cannotDisseminateFormat, idDoesNotExist
    case noRecordsMatch, noMetadataFormats, noSetHierarchy
    case unknown
}

/// A set of ListSets.
public struct OAISet: Sendable, Equatable {
    public var spec: String
    public var name: String

    public init(spec: String, name: String) {
        self.spec = spec
        self.name = name
    }
}

/// A format of ListMetadataFormats.
public struct OAIMetadataFormat: Sendable, Equatable {
    public var prefix: String
    public var schema: String
    public var namespace: String
}

/// The repository description of Identify.
public struct OAIIdentify: Sendable, Equatable {
    public var repositoryName: String
    public var baseURL: String
    public var protocolVersion: String
    public var adminEmails: [String]
    public var earliestDatestamp: String
    public var deletedRecord: String
    public var granularity: String
}

/// Why bytes could not be read as an OAI-PMH response.
public struct OAIPMHError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
