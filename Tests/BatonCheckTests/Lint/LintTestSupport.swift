import BatonCheck
import BatonCore

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
    return result.diagnostics
        .filter { $0.code == code }
        .map { source.location(of: $0.range.start).line - schemaLines }
}
