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

/// What the lint rules share, computed once: the set and each rule's
/// condition model.
public struct LintContext {
    public let ruleSet: CheckedRuleSet
    /// Each rule's `ConditionModel` (nil when too large to model), by rule
    /// index, flattened as it is built: the models themselves are dropped
    /// while still in cache, since reading or freeing 100,000 of them later
    /// misses the cache on nearly every one.
    let implications: ImplicationTable

    public init(_ ruleSet: CheckedRuleSet) {
        var models = Models(capacity: ruleSet.rules.count)
        // By index: iterating the rules themselves would copy each `CheckedRule`.
        for index in ruleSet.rules.indices { models.add(ruleSet.rules[index].condition) }
        self.init(ruleSet: ruleSet, implications: models.implications)
    }

    /// With models built as the rules were checked, when that was one per rule.
    init(_ ruleSet: CheckedRuleSet, models: Models) {
        if models.implications.count == ruleSet.rules.count {
            self.init(ruleSet: ruleSet, implications: models.implications)
        } else {
            self.init(ruleSet)
        }
    }

    private init(ruleSet: CheckedRuleSet, implications: ImplicationTable) {
        self.ruleSet = ruleSet
        self.implications = implications
    }

    /// The condition models of a set, built one rule at a time: the checker
    /// adds each rule's as soon as it is checked, while its tree is still in
    /// cache (read again after the whole set is checked, a large set's trees
    /// miss the cache on nearly every node).
    struct Models {
        private var subjects = SubjectTable()
        fileprivate var implications: ImplicationTable

        init(capacity: Int) {
            implications = ImplicationTable(capacity: capacity)
        }

        mutating func add(_ condition: CheckedExpr) {
            implications.append(ConditionModel(condition, subjects: &subjects))
        }
    }

    /// Whether rule `index` is modelled and no term of its condition can hold.
    func isContradictory(_ index: Int) -> Bool {
        implications.isModelled(index) && implications.isContradictory(index)
    }
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
