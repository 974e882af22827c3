import BatonCheck
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Each `Fixtures/check/NAME.baton` is checked as a rule set of its own (its
/// imports read from the same folder); the rendered diagnostics are compared
/// with `NAME.diagnostics`. `schema.baton` is only imported.
@Suite("Checker golden files")
struct CheckerGoldenTests {
    static let folder = repositoryRoot() + "/Tests/BatonCheckTests/Fixtures/check"

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".baton") && $0 != "schema.baton" }
            .sorted()
    }

    static func loader() -> InMemorySourceLoader {
        var files: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".baton") {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name).map { String(decoding: $0, as: UTF8.self) }
        }
        return InMemorySourceLoader(files: files)
    }

    @Test(arguments: fixtures)
    func golden(name: String) throws {
        let loader = Self.loader()
        let result = Checker.check([try loader.load(name)], loader: loader)
        var actual = result.diagnostics
            .map { DiagnosticFormatter().format($0, source: result.sources[$0.path]) }
            .joined()
        if actual.isEmpty { actual = "clean\n" }
        let golden = Self.folder + "/" + name.dropLast(".baton".count) + ".diagnostics"
        if let mismatch = snapshotMismatch(actual, goldenPath: golden) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test func cleanFileProducesACheckedSet() throws {
        let loader = Self.loader()
        let result = Checker.check([try loader.load("clean.baton")], loader: loader)
        let set = try #require(result.ruleSet)
        #expect(set.rules.map(\.name) == ["payment", "lost", "self_escalation", "upset", "vip"])
        #expect(set.guards == LoopGuards(cooldownTurns: 3, maxEscalations: 2))
        #expect(set.largestWindow == 5)
        #expect(set.rules[0].outcome == .escalate)
        #expect(set.rules[0].urgency == .high)
        #expect(set.rules[3].outcome == .offerHandoff)
        #expect(set.rules[4].tags == ["vip"])
    }
}
