import BatonCore

/// A rule whose condition can never hold, such as
/// `intent == wismo and intent == sizing` or `sentiment > 0.5 and sentiment < 0.2`.
struct UnreachableRule: LintRule {
    static let name = "unreachable-rule"
    static let summary = "a rule whose condition contradicts itself can never fire"

    func lint(_ context: LintContext) -> [Diagnostic] {
        let rules = context.ruleSet.rules
        // By index: iterating the rules themselves would copy each `CheckedRule`.
        return rules.indices.compactMap { index in
            guard context.isContradictory(index) else { return nil }
            let rule = rules[index]
            return warning(
                Self.message(rule.name),
                path: rule.path,
                range: rule.nameRange,
                help: "its conditions contradict each other, so it can never fire"
            )
        }
    }
}

extension UnreachableRule {
    fileprivate static func message(_ rule: String) -> String { "rule `\(rule)` can never fire" }
}
