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
        seenConditions.reserveCapacity(ruleSet.rules.count)
        // By index: iterating the rules themselves would copy each `CheckedRule`.
        for index in ruleSet.rules.indices {
            collectRepeats(ruleSet.rules[index].condition, into: &diagnostics)
            let condition = ConditionModel.stripLets(ruleSet.rules[index].condition)
            if let firstIndex = seenConditions[condition] {
                let rule = ruleSet.rules[index]
                let first = ruleSet.rules[firstIndex]
                diagnostics.append(warning(
                    Self.sameAsRule(rule.name, first.name),
                    path: rule.path,
                    range: rule.nameRange,
                    help: "merge the two rules, or make their conditions differ",
                    notes: [DiagnosticNote("`\(first.name)` is defined here", path: first.path, range: first.nameRange)]
                ))
            } else {
                seenConditions[condition] = ruleSet.rules[index].index
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
            // Chains are short: one allocation instead of regrowing from one.
            operands.reserveCapacity(8)
            flatten(expr, isAnd: isAnd, into: &operands)
            var seen = Set<CheckedExpr>()
            for (position, operand) in operands.enumerated() {
                if Self.isRepeat(position, in: operands, seen: &seen) {
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
            // Only chains can repeat a test; most leaves hold none.
            guard expr.traits.contains(.hasChain) else { return }
            expr.forEachChild { collectRepeats($0, into: &diagnostics) }
        }
    }

    /// Whether an operand equal to `operands[position]` comes before it.
    /// Short chains (nearly all) are scanned pairwise, which beats filling a
    /// set (`==` first compares the cached structural hashes); long ones use
    /// `seen`, fed one operand per call in order.
    private static func isRepeat(_ position: Int, in operands: [CheckedExpr], seen: inout Set<CheckedExpr>) -> Bool {
        if operands.count <= 16 { return operands[..<position].contains(operands[position]) }
        return !seen.insert(operands[position]).inserted
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
