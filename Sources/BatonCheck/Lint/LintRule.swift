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

/// A warning placed but not yet worded. A large set can have thousands of
/// warnings of which the checker keeps the first 200 by place, so rules
/// that can find many report places first, and the linter words only the
/// warnings it keeps.
struct LintFinding {
    var path: String
    var range: SourceRange
    /// What the rule needs to word it: for a pair of rules, their positions.
    var first: Int32
    var second: Int32
}

/// What a placing rule found: warnings already worded, and findings to word on demand.
struct LintFindings {
    var worded: [Diagnostic] = []
    var placed: [LintFinding] = []
}

/// A lint rule that places its warnings before wording them.
protocol PlacingLintRule: LintRule {
    func find(_ context: LintContext) -> LintFindings
    func word(_ finding: LintFinding, in context: LintContext) -> Diagnostic
}

extension PlacingLintRule {
    func lint(_ context: LintContext) -> [Diagnostic] {
        let found = find(context)
        return found.worded + found.placed.map { word($0, in: context) }
    }
}

extension LintRule {
    /// What a capped lint run asks of this rule: its warnings placed when
    /// it can place them, worded otherwise; how many. For timing the rules
    /// one by one as the checker runs them.
    package func findingCount(_ context: LintContext) -> Int {
        guard let placer = self as? any PlacingLintRule else { return lint(context).count }
        let found = placer.find(context)
        return found.worded.count + found.placed.count
    }
}
