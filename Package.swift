// swift-tools-version:6.0
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "baton", targets: ["baton"]),
        .executable(name: "baton-bench", targets: ["baton-bench"]),
        .library(name: "Baton", targets: ["Baton"]),
        .library(name: "BatonLanguage", targets: ["BatonLanguage"]),
        .library(name: "BatonCheck", targets: ["BatonCheck"]),
        .library(name: "BatonSentiment", targets: ["BatonSentiment"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Source files, spans, diagnostics, values and the injection protocols.
        .target(name: "BatonCore", swiftSettings: upcoming),
        // Linear-time message patterns and phrase matching (no backtracking).
        .target(name: "BatonPattern", dependencies: ["BatonCore"], swiftSettings: upcoming),
        // Lexer, parser, AST and formatter.
        .target(name: "BatonLanguage", dependencies: ["BatonCore"], swiftSettings: upcoming),
        // Name resolution, types, semantic errors and lint warnings.
        .target(
            name: "BatonCheck",
            dependencies: ["BatonCore", "BatonLanguage", "BatonPattern"],
            swiftSettings: upcoming
        ),
        // VADER-class lexicon sentiment scorer.
        .target(
            name: "BatonSentiment",
            dependencies: ["BatonCore"],
            resources: [.copy("Resources")],
            swiftSettings: upcoming
        ),
        // The compiled, immutable decision graph shared by the compiler and the runtime.
        .target(name: "BatonGraph", dependencies: ["BatonCore", "BatonPattern"], swiftSettings: upcoming),
        // Lowering of a checked rule set into a decision graph; graph renderers.
        .target(
            name: "BatonCompiler",
            dependencies: ["BatonCore", "BatonCheck", "BatonGraph", "BatonPattern"],
            swiftSettings: upcoming
        ),
        // Per-session window state and the per-turn evaluator (the hot path).
        .target(name: "BatonRuntime", dependencies: ["BatonCore", "BatonGraph", "BatonPattern"], swiftSettings: upcoming),
        // The façade for bot developers: load rules from disk, compile, evaluate.
        .target(
            name: "Baton",
            dependencies: [
                "BatonCore", "BatonCheck", "BatonGraph", "BatonCompiler", "BatonRuntime", "BatonSentiment",
            ],
            swiftSettings: upcoming
        ),
        // Commands, renderers and exit codes; orchestration only.
        .target(
            name: "BatonCLI",
            dependencies: [
                "Baton", "BatonCore", "BatonLanguage", "BatonCheck", "BatonGraph", "BatonCompiler", "BatonSentiment",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(name: "baton", dependencies: ["BatonCLI"], swiftSettings: upcoming),
        .executableTarget(
            name: "baton-bench",
            dependencies: [
                "BatonCore", "BatonLanguage", "BatonCheck", "BatonSentiment",
                "Baton", "BatonGraph", "BatonCompiler", "BatonRuntime", "BatonPattern",
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "BatonTestSupport",
            dependencies: ["BatonCore", "BatonLanguage"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "BatonEngineTests",
            dependencies: [
                "Baton", "BatonCore", "BatonCheck", "BatonGraph", "BatonPattern", "BatonCompiler", "BatonRuntime", "BatonSentiment",
                "BatonTestSupport",
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "BatonPatternTests",
            dependencies: ["BatonPattern", "BatonTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "BatonLanguageTests",
            dependencies: ["BatonCore", "BatonLanguage", "BatonTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "BatonCheckTests",
            dependencies: ["BatonCore", "BatonLanguage", "BatonCheck", "BatonTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "BatonSentimentTests",
            dependencies: ["BatonCore", "BatonSentiment"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "BatonCLITests",
            dependencies: ["BatonCore", "BatonLanguage", "BatonCheck", "BatonCLI", "BatonTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
    ]
)
