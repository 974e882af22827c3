import BatonCore

/// The same test twice in one `and`/`or` chain, or two rules with the same
/// condition.
struct DuplicateCondition: LintRule {
    static let name = "duplicate-condition"
    static let summary = "a test repeated in one condition, or two rules with the same condition"

    func lint(_ context: LintContext) -> [Diagnostic] {
        let ruleSet = context.ruleSet
        var diagnostics: [Diagnostic] = []
        var seenConditions: [CheckedExpr: Int] = [:]
        for rule in ruleSet.rules {
            collectRepeats(rule.condition, into: &diagnostics)
            let condition = ConditionModel.stripLets(rule.condition)
            if let firstIndex = seenConditions[condition] {
                let first = ruleSet.rules[firstIndex]
                diagnostics.append(warning(
                    Self.sameAsRule(rule.name, first.name),
                    path: rule.path,
                    range: rule.nameRange,
                    help: "merge the two rules, or make their conditions differ",
                    notes: [DiagnosticNote("`\(first.name)` is defined here", path: first.path, range: first.nameRange)]
                ))
            } else {
                seenConditions[condition] = rule.index
            }
        }
        for value in ruleSet.lets { collectRepeats(value.value, into: &diagnostics) }
        return diagnostics
    }

    /// Flattens each maximal `and`/`or` chain and reports operands seen before.
    private func collectRepeats(_ expr: CheckedExpr, into diagnostics: inout [Diagnostic]) {
        switch expr.kind {
        case .and, .or:
            let isAnd: Bool = if case .and = expr.kind { true } else { false }
            var operands: [CheckedExpr] = []
            flatten(expr, isAnd: isAnd, into: &operands)
            var seen = Set<CheckedExpr>()
            for operand in operands {
                if !seen.insert(operand).inserted {
                    diagnostics.append(warning(
                        Self.repeated(isAnd ? "and" : "or"),
                        path: operand.location.path,
                        range: operand.location.range,
                        help: "remove the repeated test"
                    ))
                }
                collectRepeats(operand, into: &diagnostics)
            }
        case .letReference:
            // A let's own body is linted once, with the lets.
            return
        default:
            for child in expr.children { collectRepeats(child, into: &diagnostics) }
        }
    }

    private func flatten(_ expr: CheckedExpr, isAnd: Bool, into operands: inout [CheckedExpr]) {
        switch expr.kind {
        case .and(let lhs, let rhs) where isAnd, .or(let lhs, let rhs) where !isAnd:
            flatten(lhs, isAnd: isAnd, into: &operands)
            flatten(rhs, isAnd: isAnd, into: &operands)
        default:
            operands.append(expr)
        }
    }
}

extension DuplicateCondition {
    fileprivate static func repeated(_ chain: String) -> String { "this test is repeated in the same `\(chain)`" }
    fileprivate static func sameAsRule(_ rule: String, _ other: String) -> String {
        "rule `\(rule)` has the same condition as `\(other)`"
    }
}
