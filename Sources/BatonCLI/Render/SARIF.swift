import BatonCheck
import BatonCore

/// SARIF 2.1.0 output for code-scanning UIs.
enum SARIF {
    static func render(_ report: DiagnosticReport) -> String {
        let codes = Set(report.diagnostics.map(\.code)).sorted()
        let summaries = Dictionary(uniqueKeysWithValues: Linter.rules.map { ($0.name, $0.summary) })
        let rules = codes.map { code in
            ReportingDescriptor(id: code, shortDescription: summaries[code].map { Message(text: $0) })
        }
        let results = report.diagnostics.map { diagnostic -> Result in
            let source = report.sources[diagnostic.path]
            var region: Region?
            if let source {
                let start = source.location(of: diagnostic.range.start)
                let end = source.location(of: diagnostic.range.end)
                region = Region(startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column)
            }
            var text = diagnostic.message
            if let help = diagnostic.help { text += " (help: \(help))" }
            return Result(
                ruleId: diagnostic.code,
                level: diagnostic.severity == .error ? "error" : (diagnostic.severity == .warning ? "warning" : "note"),
                message: Message(text: text),
                locations: [Location(physicalLocation: PhysicalLocation(
                    artifactLocation: ArtifactLocation(uri: diagnostic.path),
                    region: region
                ))]
            )
        }
        // Left-out diagnostics are said in a notification: SARIF has no count for them.
        let invocations = report.notShown > 0 ? [Invocation(
            executionSuccessful: true,
            toolExecutionNotifications: [Notification(level: "note", message: Message(
                text: "\(report.notShown) more diagnostics not shown (a rule set lists its first \(DiagnosticBag.defaultLimit))"))]
        )] : nil
        let log = Log(runs: [Run(
            tool: Tool(driver: Driver(name: "baton", rules: rules)),
            results: results,
            invocations: invocations
        )])
        return JSON.encode(log)
    }

    struct Log: Encodable {
        var version = "2.1.0"
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case version
            case schema = "$schema"
            case runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var invocations: [Invocation]?
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var shortDescription: Message?
    }

    struct Message: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var level: String
        var message: Message
        var locations: [Location]
    }

    struct Location: Encodable { var physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable { var uri: String }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
    }
}
