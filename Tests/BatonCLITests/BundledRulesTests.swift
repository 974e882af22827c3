import Baton
import Testing
@testable import BatonCLI

/// The bundled rule pack ships with tests: `baton test rules/ rules/tests/`
/// must pass and fire every rule.
@Suite struct BundledRulesTests {
    @Test func bundledTestsPassWithFullRuleCoverage() throws {
        let engine = try RuleEngine.load(paths: [CLIFixtures.repo("rules")])
        let buffer = OutputBuffer()
        let result = TestCommand.runTests(
            engine: engine, paths: [CLIFixtures.repo("rules/tests")], coverage: true, threshold: 100, write: buffer.write)
        #expect(result.failed == 0, "\(buffer.text)")
        #expect(result.unreadable.isEmpty, "\(buffer.text)")
        #expect(result.passed >= 40)
        let coverage = try #require(result.coverage)
        #expect(coverage.rulePercent == 100, "\(coverage.renderText())")
        #expect(result.succeeded)
    }

    @Test func examplesRunCleanly() throws {
        let engine = try RuleEngine.load(paths: [CLIFixtures.repo("rules")])
        let summary = SimulateCommand.simulate(engine: engine, paths: [CLIFixtures.repo("examples")], perTurn: false, write: { _ in })
        #expect(summary.failures.isEmpty)
        #expect(summary.stats.conversations >= 30)
        #expect(summary.stats.escalatedConversations > 0)
        #expect(summary.stats.escalatedConversations < summary.stats.conversations)
    }
}
