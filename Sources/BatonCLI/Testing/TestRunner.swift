import Baton
import BatonGraph
import BatonCore

/// The result of one test.
struct TestOutcome: Sendable {
    var file: String
    var test: TestCase
    /// Empty when the test passed.
    var failures: [TestFailureDetail]
    var passed: Bool { failures.isEmpty }
}

/// Why a test failed: a message at an expectation's line, and the turn
/// whose decision (and trace) explains it, when there is one.
struct TestFailureDetail: Sendable {
    var line: Int
    var message: String
    var turn: ReplayedTurn?
    /// Diagnostics behind the failure (a conversation that did not load), with their source.
    var diagnostics: [Diagnostic] = []
    var source: SourceFile?
}

/// Runs decision tests against an engine.
struct TestRunner {
    var engine: RuleEngine
    /// Every turn replayed, for coverage.
    private(set) var coverage: CoverageCollector

    init(engine: RuleEngine) {
        self.engine = engine
        self.coverage = CoverageCollector(graph: engine.graph)
    }

    mutating func run(_ file: TestFile) -> [TestOutcome] {
        file.cases.map { TestOutcome(file: file.path, test: $0, failures: run($0)) }
    }

    mutating func run(_ test: TestCase) -> [TestFailureDetail] {
        var failures: [TestFailureDetail] = []
        let errors = test.conversationErrors.filter { $0.code != TranscriptMessage.tooManyErrors(0).code }.count
        if let expected = test.expectedErrors {
            if errors != expected {
                failures.append(TestFailureDetail(
                    line: test.line, message: "expected \(plural(expected, "error")) loading the conversation, found \(errors)",
                    diagnostics: test.conversationErrors, source: test.conversationSource))
            }
            if errors > 0 || test.expectations.isEmpty { return failures }
        } else if errors > 0 {
            return [TestFailureDetail(
                line: test.line, message: "the conversation did not load",
                diagnostics: test.conversationErrors, source: test.conversationSource)]
        }
        guard let conversation = test.conversation else { return failures }
        failures += unknownRules(test)
        if !failures.isEmpty { return failures }

        let replay = Replay.run(conversation, engine: engine, explainAll: true)
        coverage.record(replay)
        for expectation in test.expectations {
            failures += ExpectationCheck.check(expectation, against: replay.turns)
        }
        return failures
    }

    /// Expectations naming rules the set does not have: almost always a typo.
    private func unknownRules(_ test: TestCase) -> [TestFailureDetail] {
        let known = engine.graph.rules.map(\.name)
        var failures: [TestFailureDetail] = []
        for expectation in test.expectations {
            var names: [String] = []
            switch expectation.kind {
            case .at(_, let checks): names = checks.ruleNames
            case .neverFires(let name): names = [name]
            case .never: break
            }
            for name in names where !known.contains(name) {
                var message = TranscriptMessage.unknownRule(name).message
                if let suggestion = Suggestions.closest(to: name, among: known) { message += "; did you mean `\(suggestion)`?" }
                failures.append(TestFailureDetail(line: expectation.line, message: message))
            }
        }
        return failures
    }
}

/// Compares one expectation with the replayed turns.
enum ExpectationCheck {
    static func check(_ expectation: Expectation, against turns: [ReplayedTurn]) -> [TestFailureDetail] {
        let line = expectation.line
        switch expectation.kind {
        case .never(let outcome):
            guard let turn = turns.first(where: { $0.decision.outcome == outcome }) else { return [] }
            return [TestFailureDetail(line: line, message: "expected no turn to \(outcome.rawValue), but turn \(turn.number) did", turn: turn)]
        case .neverFires(let rule):
            guard let turn = turns.first(where: { fires(rule, $0.decision) }) else { return [] }
            return [TestFailureDetail(line: line, message: "expected `\(rule)` never to fire, but it fired on turn \(turn.number)", turn: turn)]
        case .at(let selectors, let checks):
            var failures: [TestFailureDetail] = []
            for selector in selectors {
                let number = selector.resolve(count: turns.count)
                guard number >= 1, number <= turns.count else {
                    failures.append(TestFailureDetail(line: line, message: TranscriptMessage.turnOutOfRange(turn: number, count: turns.count).message))
                    continue
                }
                let turn = turns[number - 1]
                for problem in mismatches(checks, turn.decision) {
                    failures.append(TestFailureDetail(line: line, message: "turn \(number): \(problem)", turn: turn))
                }
            }
            return failures
        }
    }

    /// Whether `rule` fired on a turn in any role: deciding, also firing, shadow or held back.
    static func fires(_ rule: String, _ decision: Decision) -> Bool {
        decision.firedRules.contains(rule) || decision.shadowRules.contains { $0.rule == rule }
            || decision.heldBack.contains { $0.rule == rule }
    }

    /// Each check that the decision does not meet, described.
    static func mismatches(_ checks: TurnChecks, _ decision: Decision) -> [String] {
        var out: [String] = []
        func show(_ value: String?) -> String { value.map { "`\($0)`" } ?? "none" }
        if let outcome = checks.outcome, outcome != decision.outcome {
            out.append("expected outcome `\(outcome.rawValue)`, got `\(decision.outcome.rawValue)`")
        }
        if let rule = checks.rule, rule != decision.rule {
            out.append("expected rule \(show(rule)) to decide, got \(show(decision.rule))")
        }
        if let queue = checks.queue, queue != decision.queue {
            out.append("expected queue `\(queue)`, got \(show(decision.queue))")
        }
        if let urgency = checks.urgency, urgency != decision.urgency {
            out.append("expected urgency `\(urgency)`, got \(show(decision.urgency))")
        }
        if let text = checks.reasonContains, !(decision.reason ?? "").contains(text) {
            out.append("expected the reason to contain \"\(text)\", got \(decision.reason.map { "\"\($0)\"" } ?? "none")")
        }
        if let text = checks.messageContains, !(decision.message ?? "").contains(text) {
            out.append("expected the message to contain \"\(text)\", got \(decision.message.map { "\"\($0)\"" } ?? "none")")
        }
        for tag in checks.tagsInclude where !decision.tags.contains(tag) {
            out.append("expected tag `\(tag)`, got \(list(decision.tags))")
        }
        for rule in checks.fired where !decision.firedRules.contains(rule) {
            out.append("expected `\(rule)` to fire, fired: \(list(decision.firedRules))")
        }
        let shadows = decision.shadowRules.map(\.rule)
        for rule in checks.shadowFired where !shadows.contains(rule) {
            out.append("expected shadow rule `\(rule)` to report it would have fired, shadow: \(list(shadows))")
        }
        for rule in checks.heldBack {
            let holds = decision.heldBack.filter { $0.rule == rule }
            if holds.isEmpty {
                out.append("expected `\(rule)` to be held back, held back: \(list(decision.heldBack.map(\.rule)))")
            } else if let guardName = checks.heldBackBy, !holds.contains(where: { $0.guardName == guardName }) {
                out.append("expected `\(rule)` to be held back by `\(guardName.rawValue)`, got `\(holds[0].guardName.rawValue)`")
            }
        }
        if checks.heldBack.isEmpty, let guardName = checks.heldBackBy, !decision.heldBack.contains(where: { $0.guardName == guardName }) {
            out.append("expected a rule held back by `\(guardName.rawValue)`, held back: \(list(decision.heldBack.map { "\($0.rule) (\($0.guardName.rawValue))" }))")
        }
        return out
    }

    private static func list(_ items: some Collection<String>) -> String {
        items.isEmpty ? "none" : items.map { "`\($0)`" }.joined(separator: ", ")
    }
}
