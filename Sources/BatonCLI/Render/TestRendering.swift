import BatonCore

/// Text and JSON reports of `baton test`.
enum TestOutput {
    /// `ok` for a file whose tests all pass; otherwise each failing test
    /// with its messages and the decision and trace of the turn involved.
    static func text(_ file: TestFile, _ outcomes: [TestOutcome], colorize: Bool) -> String {
        let failing = outcomes.filter { !$0.passed }
        guard !failing.isEmpty else { return "ok    \(file.path) (\(plural(outcomes.count, "test")))\n" }
        var out = "FAIL  \(file.path) (\(failing.count) of \(plural(outcomes.count, "test")) failed)\n"
        let formatter = DiagnosticFormatter(colorize: colorize)
        for outcome in failing {
            out += "  \(file.path):\(outcome.test.line): \(outcome.test.name)\n"
            for (index, failure) in outcome.failures.enumerated() {
                out += "    \(file.path):\(failure.line): \(failure.message)\n"
                for diagnostic in failure.diagnostics {
                    let source = diagnostic.range == .empty ? nil : failure.source
                    out += formatter.format(diagnostic, source: source).split(separator: "\n", omittingEmptySubsequences: false)
                        .map { $0.isEmpty ? "" : "      " + $0 }.joined(separator: "\n")
                }
                // One trace per turn: several failed checks on a turn share it.
                let next = outcome.failures.indices.contains(index + 1) ? outcome.failures[index + 1].turn?.number : nil
                if let turn = failure.turn, next != turn.number {
                    out += DecisionText.turnLine(turn, indent: "      ")
                    out += DecisionText.decisionLines(turn.decision, indent: "             ", showMessage: true)
                    if let trace = turn.decision.trace { out += DecisionText.traceLines(trace, indent: "             ") }
                }
            }
        }
        return out
    }
}

struct TestReportJSON: Encodable {
    struct Failure: Encodable {
        var line: Int
        var message: String
        var turn: Int?
        var decision: DecisionJSON?
    }

    struct Test: Encodable {
        var file: String
        var name: String
        var line: Int
        var passed: Bool
        var failures: [Failure]
    }

    var tests: [Test]
    var passed: Int
    var failed: Int
    var errors: [FailureJSON]
    var coverage: CoverageJSON?

    init(outcomes: [TestOutcome], result: TestCommand.Result) {
        tests = outcomes.map { outcome in
            Test(file: outcome.file, name: outcome.test.name, line: outcome.test.line, passed: outcome.passed,
                 failures: outcome.failures.map { Failure(line: $0.line, message: $0.message, turn: $0.turn?.number, decision: $0.turn.map { DecisionJSON($0.decision) }) })
        }
        passed = result.passed
        failed = result.failed
        errors = result.unreadable.flatMap(FailureJSON.entries)
        coverage = result.coverage?.json
    }
}
