import Baton
import BatonCore
import Foundation
import Testing
@testable import BatonCLI

/// End-to-end runs of `simulate`, `test`, `explain` and `diff` on small
/// fixtures, compared with golden outputs (`RECORD_SNAPSHOTS=1` re-records).
@Suite struct CommandGoldenTests {
    static let bundled = CLIFixtures.repo("rules")

    static func engine(_ path: String = bundled) throws -> RuleEngine {
        try RuleEngine.load(paths: [path])
    }

    @Test(arguments: [ReportFormat.text, .json])
    func simulate(_ format: ReportFormat) throws {
        let buffer = OutputBuffer()
        let summary = SimulateCommand.simulate(
            engine: try Self.engine(), paths: [CLIFixtures.path("simulate")], format: format, write: buffer.write)
        #expect(summary.stats.conversations == 4)
        #expect(summary.failures.count == 1)
        #expect(summary.unknownIntents == ["gift_cards": 1])
        CLIFixtures.expectGolden(buffer.text, "simulate/simulate.\(format.rawValue).golden")
    }

    @Test func simulateWithTraces() throws {
        let buffer = OutputBuffer()
        _ = SimulateCommand.simulate(
            engine: try Self.engine(), paths: [CLIFixtures.path("simulate/damaged.yaml")], explain: true, write: buffer.write)
        CLIFixtures.expectGolden(buffer.text, "simulate/explain-all.golden")
    }

    @Test func summaryOnly() throws {
        let buffer = OutputBuffer()
        _ = SimulateCommand.simulate(
            engine: try Self.engine(), paths: [CLIFixtures.path("simulate")], perTurn: false, format: .json, write: buffer.write)
        CLIFixtures.expectGolden(buffer.text, "simulate/summary-only.json.golden")
    }

    @Test func testCommandPrintsFailuresWithTraces() throws {
        let buffer = OutputBuffer()
        let result = TestCommand.runTests(
            engine: try Self.engine(), paths: [CLIFixtures.path("tests/mixed.yaml")], coverage: true, threshold: 90, write: buffer.write)
        #expect(result.passed == 1)
        #expect(result.failed == 3)
        #expect(result.belowThreshold)
        #expect(!result.succeeded)
        CLIFixtures.expectGolden(buffer.text, "tests/mixed.golden")
    }

    @Test func explainOneTurn() throws {
        let source = try CLIFixtures.source("simulate/damaged.yaml")
        guard case .loaded(let transcripts) = TranscriptFiles.decode(source) else {
            Issue.record("damaged.yaml failed to load")
            return
        }
        let engine = try Self.engine()
        CLIFixtures.expectGolden(ExplainCommand.explain(transcripts[0], turn: 3, engine: engine), "simulate/explain-turn-3.golden")
        CLIFixtures.expectGolden(ExplainCommand.explain(transcripts[0], turn: 1, engine: engine, format: .json), "simulate/explain-turn-1.json.golden")
    }

    @Test(arguments: [ReportFormat.text, .json])
    func diff(_ format: ReportFormat) throws {
        let old = try Self.engine(CLIFixtures.path("diff/old.baton"))
        let new = try Self.engine(CLIFixtures.path("diff/new.baton"))
        let result = CorpusDiff(old: old, new: new).run([CLIFixtures.path("diff/corpus")])
        #expect(result.changed.map(\.label).sorted() == [
            "Tests/BatonCLITests/Fixtures/diff/corpus/chats.yaml (complaint)",
            "Tests/BatonCLITests/Fixtures/diff/corpus/chats.yaml (lost)",
            "Tests/BatonCLITests/Fixtures/diff/corpus/chats.yaml (unsure-human)",
        ].map { CLIFixtures.root + "/" + $0 })
        let text = DiffOutput.render(result, old: "old.baton", new: "new.baton", oldEngine: old, newEngine: new, format: format, colorize: false)
        CLIFixtures.expectGolden(text, "diff/diff.\(format.rawValue).golden")
    }
}
