import BatonCore

/// A rule whose condition can never hold, such as
/// `intent == wismo and intent == sizing` or `sentiment > 0.5 and sentiment < 0.2`.
struct UnreachableRule: LintRule {
    static let name = "unreachable-rule"
    static let summary = "a rule whose condition contradicts itself can never fire"

    func lint(_ context: LintContext) -> [Diagnostic] {
        let rules = context.ruleSet.rules
        // The contradictory rules were noted as they were checked; fields are
        // read in place, since copying a `CheckedRule` retains every part of it.
        return context.contradictoryRules.map { index in
            warning(
                Self.message(rules[index].name),
                path: rules[index].path,
                range: rules[index].nameRange,
                help: "its conditions contradict each other, so it can never fire"
            )
        }
    }
}

extension UnreachableRule {
    fileprivate static func message(_ rule: String) -> String { "rule `\(rule)` can never fire" }
}
