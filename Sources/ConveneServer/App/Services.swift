import ConveneCore
import Logging

/// What request handlers share: the store, the domain services, settings and metrics.
public struct Services: Sendable {
    public let store: any ConveneStore
    public let registry: Registry
    public let engagement: Engagement
    public let radar: Radar
    public let consultations: Consultations
    public let collaboration: Collaboration
    public let accounts: Accounts
    public let configuration: ServerConfiguration
    public let metrics: Metrics
    public let logger: Logger

    public init(store: any ConveneStore, configuration: ServerConfiguration, logger: Logger = Logger(label: "convene")) {
        self.store = store
        self.registry = Registry(store: store)
        self.engagement = Engagement(store: store)
        self.radar = Radar(store: store)
        self.consultations = Consultations(store: store, hashing: BcryptHashing(cost: configuration.bcryptCost))
        self.collaboration = Collaboration(store: store)
        self.accounts = Accounts(store: store, hashing: BcryptHashing(cost: configuration.bcryptCost))
        self.configuration = configuration
        self.metrics = Metrics()
        self.logger = logger
    }
}
