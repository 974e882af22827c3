public import BatonCore

/// One lint check. Its `name` is also the code on its warnings and the ID
/// that suppresses it: `# baton-ignore: unused-let`.
public protocol LintRule: Sendable {
    static var name: String { get }
    /// One line for the rule reference (`baton lint --list-rules`).
    static var summary: String { get }
    init()
    func lint(_ context: LintContext) -> [Diagnostic]
}

extension LintRule {
    func warning(_ message: String, path: String, range: SourceRange, help: String? = nil, notes: [DiagnosticNote] = []) -> Diagnostic {
        Diagnostic(code: Self.name, severity: .warning, message: message, path: path, range: range, help: help, notes: notes)
    }
}

/// Runs every lint rule and drops the warnings the author suppressed.
public enum Linter {
    public static let rules: [any LintRule.Type] = [
        UnreachableRule.self,
        ShadowedRule.self,
        UnusedLet.self,
        MissingReason.self,
        DuplicateCondition.self,
    ]

    public static func lint(_ ruleSet: CheckedRuleSet) -> [Diagnostic] {
        lint(ruleSet, context: LintContext(ruleSet))
    }

    static func lint(_ ruleSet: CheckedRuleSet, context: LintContext) -> [Diagnostic] {
        let suppressions = Suppressions(ruleSet)
        return rules
            .flatMap { $0.init().lint(context) }
            .filter { !suppressions.suppresses($0) }
            .sorted(by: Diagnostic.ordered)
    }
}
