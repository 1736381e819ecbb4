// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "convene",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "convene", targets: ["convene"]),
    ],
    dependencies: [
        // FullFoundation only: with both default traits SwiftPM passes -D flags in a random
        // order and rebuilds Hummingbird on alternate runs (see shared/product/TOOLCHAIN.md).
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // Leaves: pure code over values, no I/O, no other Convene module.
        .target(name: "ConveneFormats", swiftSettings: strict),
        .target(name: "ConveneAnalysis", swiftSettings: strict),
        .target(
            name: "ConveneCore",
            dependencies: ["ConveneAnalysis", "ConveneFormats", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "ConveneSQLite",
            dependencies: ["ConveneCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "ConvenePostgres",
            dependencies: [
                "ConveneCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ConveneServer",
            dependencies: [
                "ConveneCore", "ConveneFormats", "ConveneAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "convene",
            dependencies: [
                "ConveneCore", "ConveneAnalysis", "ConveneFormats", "ConveneSQLite", "ConvenePostgres", "ConveneServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ConveneTests",
            dependencies: [
                "ConveneCore", "ConveneFormats", "ConveneAnalysis", "ConveneSQLite", "ConvenePostgres", "ConveneServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
    ]
)
