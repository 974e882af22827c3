import Baton
import ArgumentParser
import BatonCheck
import BatonCore

/// `baton lint PATH...`
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rule files for errors and warnings.",
        discussion: """
        Each folder is checked as one rule set (all its .baton files); a file
        named on its own is a set with the files it imports.
        Suppress a warning with `# baton-ignore: RULE` on the line before.

        Exit codes: 0 clean, 1 errors (or warnings with --strict), 2 usage.
        """
    )

    @Argument(help: "Rule files or folders.")
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json or sarif.")
    var format: DiagnosticOutputFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "List the lint rules and exit.")
    var listRules = false

    func validate() throws {
        if paths.isEmpty && !listRules {
            throw ValidationError("name at least one rule file or folder")
        }
    }

    func run() throws {
        if listRules {
            for rule in Linter.rules { Output.out("\(rule.name): \(rule.summary)\n") }
            return
        }
        let report = Self.lint(paths)
        Output.out(report.render(format, colorize: color.enabled))
        if format == .text {
            Output.err(report.summaryLine() + "\n")
        }
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            throw BatonExit.failure
        }
    }

    /// Checks every rule set under `paths`; shared with `fmt` and tests.
    static func lint(_ paths: [String]) -> DiagnosticReport {
        let discovered = RuleFiles.discover(paths)
        var diagnostics = discovered.problems.map(\.diagnostic)
        var sources: [String: SourceFile] = [:]
        var files = 0
        var notShown = 0
        for set in discovered.sets {
            let result = Checker.check(set.sources, loader: FileSourceLoader())
            diagnostics.append(contentsOf: result.diagnostics)
            sources.merge(result.sources) { first, _ in first }
            files += result.sources.count
            notShown += result.notShown
        }
        // A file imported by two sets reports its problems once.
        var seen = Set<Diagnostic>()
        diagnostics = diagnostics.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.ordered)
        return DiagnosticReport(diagnostics: diagnostics, sources: sources, filesChecked: files, notShown: notShown)
    }
}
