import BatonCheck
import BatonCore
import Testing

/// A schema shared by the lint tests, so each case shows only its rules.
let lintSchema = """
schema {
  intents wismo, sizing, fraud, human_request
  apis orders ["shipped", "lost"]
  metadata cart_value: number, tier: string
}

"""

/// Checks `rules` (after the shared schema) and returns the warnings with
/// the given code as 1-based line numbers within `rules`.
func warningLines(_ code: String, in rules: String) -> [Int] {
    let schemaLines = lintSchema.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    let source = SourceFile(path: "t.baton", text: lintSchema + rules)
    let result = Checker.check([source])
    let errors = result.diagnostics.filter { $0.severity == .error }
    precondition(errors.isEmpty, "lint case has errors: \(errors.map(\.message))")
    let lines = result.diagnostics
        .filter { $0.code == code }
        .map { source.location(of: $0.range.start).line - schemaLines }
    // The checker builds the lint's models as it checks each rule; linting
    // an already checked set builds them afterwards. Both must agree.
    let separately = Checker.check([source], lint: false).ruleSet.map(Linter.lint) ?? []
    #expect(separately.filter { $0.code == code } == result.diagnostics.filter { $0.code == code },
            "Linter.lint disagrees with Checker.check on: \(rules)")
    return lines
}
