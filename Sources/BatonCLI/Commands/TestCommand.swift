import ArgumentParser
import Baton
import BatonCore

/// `baton test RULES TESTS...`
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run decision tests: conversations and what the rules must decide.",
        discussion: """
        RULES is a rule file or folder. Each TESTS path is a test file or a
        folder of .yaml/.yml test files. The format is in docs/testing.md.
        A failing expectation prints the turn's decision and trace.

        --coverage prints which rules fired and which of their top-level
        conditions were seen true and false; --coverage-threshold P fails the
        run when fewer than P% of the rules fired (it implies --coverage).

        Exit codes: 0 all tests pass, 1 failures, unreadable test files or
        coverage below the threshold, 2 usage.
        """
    )

    @Argument(help: "A rule file or folder.")
    var rules: String

    @Argument(help: "Test files or folders.")
    var tests: [String]

    @Flag(name: .long, help: "Report rule and condition coverage.")
    var coverage = false

    @Option(name: .long, help: "Fail when fewer than this percentage of rules fired (0-100).")
    var coverageThreshold: Double?

    @Option(name: .long, help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if tests.isEmpty { throw ValidationError("name at least one test file or folder") }
        if let threshold = coverageThreshold, !(0...100).contains(threshold) {
            throw ValidationError("--coverage-threshold must be from 0 to 100")
        }
    }

    func run() throws {
        let engine = try EngineLoading.load([rules], colorize: color.enabled)
        let result = Self.runTests(
            engine: engine, paths: tests, coverage: coverage || coverageThreshold != nil,
            threshold: coverageThreshold, format: format, colorize: color.enabled, write: Output.out
        )
        if !result.succeeded { throw BatonExit.failure }
    }

    struct Result {
        var passed = 0
        var failed = 0
        var unreadable: [TranscriptFailure] = []
        var coverage: CoverageCollector?
        var belowThreshold = false
        var succeeded: Bool { failed == 0 && unreadable.isEmpty && !belowThreshold }
    }

    /// Runs every test under `paths`; shared with tests, which capture the text.
    static func runTests(
        engine: RuleEngine, paths: [String], coverage: Bool, threshold: Double? = nil,
        format: ReportFormat = .text, colorize: Bool = false, write: (String) -> Void
    ) -> Result {
        var result = Result()
        var runner = TestRunner(engine: engine)
        let (files, missing) = TestFiles.discover(paths)
        result.unreadable = missing
        var outcomes: [TestOutcome] = []
        for path in files {
            switch TestFiles.load(path) {
            case .failure(let failure):
                result.unreadable.append(failure)
                if format == .text { write("ERROR \(path)\n" + FailureText.render([failure], colorize: colorize)) }
            case .success(let file):
                let fileOutcomes = runner.run(file)
                outcomes += fileOutcomes
                if format == .text { write(TestOutput.text(file, fileOutcomes, colorize: colorize)) }
            }
        }
        result.passed = outcomes.count { $0.passed }
        result.failed = outcomes.count - result.passed
        if coverage {
            result.coverage = runner.coverage
            if let threshold, runner.coverage.rulePercent < threshold { result.belowThreshold = true }
        }
        switch format {
        case .text:
            var out = "\n"
            if let collector = result.coverage { out += collector.renderText() + "\n" }
            out += "\(plural(outcomes.count, "test")) in \(plural(files.count, "file")): \(result.passed) passed, \(result.failed) failed"
            if !result.unreadable.isEmpty { out += ", \(plural(result.unreadable.count, "file")) unreadable" }
            out += "\n"
            if result.belowThreshold, let threshold, let collector = result.coverage {
                out += "rule coverage \(percent(collector.rulePercent / 100)) is below the threshold of \(Value.format(threshold))%\n"
            }
            write(out)
        case .json:
            write(JSON.encode(TestReportJSON(outcomes: outcomes, result: result)))
        }
        return result
    }
}
