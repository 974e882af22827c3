import BatonCore

/// The same test twice in one `and`/`or` chain, or two rules with the same
/// condition.
struct DuplicateCondition: LintRule {
    static let name = "duplicate-condition"
    static let summary = "a test repeated in one condition, or two rules with the same condition"

    func lint(_ context: LintContext) -> [Diagnostic] {
        let ruleSet = context.ruleSet
        // Tests repeated within a rule were found as the rules were visited.
        var diagnostics = context.repeatedTests
        var seenConditions = FirstOccurrences<CheckedExpr>(capacity: ruleSet.rules.count)
        // A rule's tree is read only when an earlier rule's condition has the
        // same hash (nearly always a real duplicate): a large set's trees
        // miss the cache on nearly every rule.
        for (index, hash) in context.conditionHashes.enumerated() {
            let firstIndex = seenConditions.first(at: index, hash: hash) {
                ConditionModel.stripLets(ruleSet.rules[$0].condition)
            }
            if let firstIndex {
                let rule = ruleSet.rules[index]
                let first = ruleSet.rules[firstIndex]
                diagnostics.append(warning(
                    Self.sameAsRule(rule.name, first.name),
                    path: rule.path,
                    range: rule.nameRange,
                    help: "merge the two rules, or make their conditions differ",
                    notes: [DiagnosticNote("`\(first.name)` is defined here", path: first.path, range: first.nameRange)]
                ))
            }
        }
        // One buffer for the operands of every chain, nested ones after their parent's.
        var scratch: [CheckedExpr] = []
        for value in ruleSet.lets { collectRepeats(value.value, scratch: &scratch, into: &diagnostics) }
        return diagnostics
    }

    /// Flattens each maximal `and`/`or` chain and reports operands seen
    /// before. A chain's operands go to the end of `scratch` and are dropped
    /// again when it is done, so no chain allocates a list of its own.
    func collectRepeats(_ expr: CheckedExpr, scratch: inout [CheckedExpr], into diagnostics: inout [Diagnostic]) {
        switch expr.kind {
        case .and, .or:
            let isAnd: Bool = if case .and = expr.kind { true } else { false }
            let base = scratch.count
            flatten(expr, isAnd: isAnd, into: &scratch)
            let end = scratch.count
            var seen = Set<CheckedExpr>()
            for position in base..<end {
                if Self.isRepeat(position, from: base, to: end, in: scratch, seen: &seen) {
                    diagnostics.append(warning(
                        Self.repeated(isAnd ? "and" : "or"),
                        path: scratch[position].location.path,
                        range: scratch[position].location.range,
                        help: "remove the repeated test"
                    ))
                }
                // Most operands are plain tests with nothing to look into.
                if scratch[position].traits.contains(.hasChain) {
                    let operand = scratch[position]
                    collectRepeats(operand, scratch: &scratch, into: &diagnostics)
                }
            }
            scratch.removeSubrange(base...)
        case .letReference:
            // A let's own body is linted once, with the lets.
            return
        default:
            // Only chains can repeat a test; most leaves hold none.
            guard expr.traits.contains(.hasChain) else { return }
            expr.forEachChild { collectRepeats($0, scratch: &scratch, into: &diagnostics) }
        }
    }

    /// Whether an operand equal to `operands[position]` comes before it in
    /// `operands[start..<end]`. Short chains (nearly all) are scanned
    /// pairwise, which beats filling a set (`==` first compares the cached
    /// structural hashes); long ones use `seen`, fed one operand per call in order.
    private static func isRepeat(_ position: Int, from start: Int, to end: Int, in operands: [CheckedExpr], seen: inout Set<CheckedExpr>) -> Bool {
        if end - start <= 16 { return operands[start..<position].contains(operands[position]) }
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
