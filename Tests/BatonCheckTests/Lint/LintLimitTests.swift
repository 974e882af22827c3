@testable import BatonCheck
import BatonCore
import Testing

/// The checker keeps the first 200 diagnostics; the linter words only the
/// warnings that can be among them. What it keeps must be exactly the
/// first ones of the full, sorted list.
@Suite("Lint: only kept warnings are worded")
struct LintLimitTests {
    /// Pairs of rules with the same condition (a `duplicate-condition` on
    /// the second, which is also shadowed by the first), a contradictory
    /// rule every tenth pair, and a rule without a reason every seventh.
    static func source(pairs: Int, header: String = "") -> SourceFile {
        var text = header + lintSchema
        for pair in 0..<pairs {
            let threshold = Double(pair % 97) / 100
            text += """
            rule a\(pair) {
              when intent == wismo and confidence >= \(threshold)
              then escalate queue "q" reason "r"
            }
            rule b\(pair) {
              when intent == wismo and confidence >= \(threshold)
              then escalate queue "q"\(pair % 7 == 0 ? "" : " reason \"r\"")
            }

            """
            if pair % 10 == 0 {
                text += "rule c\(pair) {\n  when sentiment > 0.5 and sentiment < 0.2\n  then continue\n}\n"
            }
        }
        return SourceFile(path: "many.baton", text: text)
    }

    enum Limit: Sendable {
        case exactly(Int)
        /// The warning count less this many (negative: more than there are).
        case allBut(Int)

        func value(total: Int) -> Int {
            switch self {
            case .exactly(let limit): limit
            case .allBut(let missing): total - missing
            }
        }
    }

    static let limits: [Limit] = [.exactly(0), .exactly(1), .exactly(57), .exactly(199), .exactly(200), .exactly(201),
                                  .allBut(1), .allBut(0), .allBut(-5)]

    @Test(arguments: limits)
    func keepsTheFirstWarningsInOrder(limit: Limit) throws {
        let ruleSet = try #require(Checker.check([Self.source(pairs: 120)], lint: false).ruleSet)
        let all = Linter.lint(ruleSet)
        #expect(all.count > 300, "the fixture should have many warnings, has \(all.count)")
        #expect(Set(all.map(\.code)).count == 4)
        let limit = limit.value(total: all.count)
        let limited = Linter.lint(ruleSet, context: LintContext(ruleSet), limit: limit)
        #expect(limited.kept == Array(all.prefix(limit)))
        #expect(limited.beyondLimit == max(all.count - limit, 0))
    }

    @Test
    func checkerKeepsWhatSortingEverythingWould() throws {
        let source = Self.source(pairs: 120)
        let result = Checker.check([source])
        let all = try #require(Checker.check([source], lint: false).ruleSet.map(Linter.lint))
        #expect(result.diagnostics.count == DiagnosticBag.defaultLimit)
        #expect(result.diagnostics == Array(all.prefix(DiagnosticBag.defaultLimit)))
        #expect(result.notShown == all.count - DiagnosticBag.defaultLimit)
    }

    @Test
    func suppressedFindingsAreNeitherKeptNorCounted() throws {
        let source = Self.source(pairs: 120, header: "# baton-ignore-file: shadowed-rule, missing-reason\n")
        let ruleSet = try #require(Checker.check([source], lint: false).ruleSet)
        let all = Linter.lint(ruleSet)
        #expect(!all.isEmpty)
        #expect(all.allSatisfy { $0.code == DuplicateCondition.name || $0.code == UnreachableRule.name })
        let limited = Linter.lint(ruleSet, context: LintContext(ruleSet), limit: 50)
        #expect(limited.kept == Array(all.prefix(50)))
        #expect(limited.beyondLimit == all.count - 50)
    }
}
