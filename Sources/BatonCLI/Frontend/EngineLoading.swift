import ArgumentParser
import Baton
import BatonCore
import BatonGraph

/// Loads a rule set for a command, printing its diagnostics on failure.
enum EngineLoading {
    /// The engine for `paths`, or exit code 1 after printing why not.
    static func load(_ paths: [String], colorize: Bool) throws(ExitCode) -> RuleEngine {
        do {
            return try RuleEngine.load(paths: paths)
        } catch {
            Output.err(render(error, colorize: colorize))
            throw BatonExit.failure
        }
    }

    /// The load error as the linter prints it, with a count line.
    static func render(_ error: RuleLoadError, colorize: Bool) -> String {
        let errors = error.diagnostics.filter { $0.severity == .error }.sorted(by: Diagnostic.ordered)
        let report = DiagnosticReport(diagnostics: errors, sources: error.sources, filesChecked: error.sources.count)
        let more = error.notShown > 0 ? "; \(error.notShown) more diagnostics not shown" : ""
        return report.renderText(colorize: colorize) + "rules not loaded: \(plural(errors.count, "error"))\(more)\n"
    }

    /// Every rule of the engine's set, for tables that list rules that never fired.
    static func rules(of engine: RuleEngine) -> [(name: String, shadow: Bool)] {
        engine.graph.rules.map { ($0.name, $0.isShadow) }
    }
}

/// Output formats of the replaying commands.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}
