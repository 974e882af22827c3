import BatonCore

/// The same test twice in one `and`/`or` chain, or two rules with the same
/// condition.
struct DuplicateCondition: PlacingLintRule {
    static let name = "duplicate-condition"
    static let summary = "a test repeated in one condition, or two rules with the same condition"

    func find(_ context: LintContext) -> LintFindings {
        // The rules alone: a closure that names the whole set copies it
        // (retaining each of its parts) every time it is made.
        let rules = context.ruleSet.rules
        // Tests repeated within a rule were found as the rules were visited.
        var found = LintFindings(worded: context.repeatedTests)
        // Conditions are compared by fingerprint, taken as each rule was
        // checked: a large set's trees miss the cache on nearly every rule.
        let fingerprints = context.conditionFingerprints
        var seenConditions = FirstOccurrences<TreeFingerprint>(capacity: rules.count)
        for (index, fingerprint) in fingerprints.enumerated() {
            let firstIndex = seenConditions.first(at: index, hash: fingerprint.hash) { fingerprints[$0] }
            if let firstIndex {
                // Fields are read in place: copying a whole `CheckedRule` retains every part of it.
                found.placed.append(LintFinding(
                    path: rules[index].path, range: rules[index].nameRange, first: Int32(index), second: Int32(firstIndex)))
            }
        }
        // One buffer for the operand hashes of every chain, nested ones after their parent's.
        var hashes: [Int] = []
        for value in context.ruleSet.lets { collectRepeats(value.value, hashes: &hashes, into: &found.worded) }
        return found
    }

    func word(_ finding: LintFinding, in context: LintContext) -> Diagnostic {
        let rules = context.ruleSet.rules
        let index = Int(finding.first), firstIndex = Int(finding.second)
        return warning(
            Self.sameAsRule(rules[index].name, rules[firstIndex].name),
            path: finding.path,
            range: finding.range,
            help: "merge the two rules, or make their conditions differ",
            notes: [DiagnosticNote("`\(rules[firstIndex].name)` is defined here", path: rules[firstIndex].path, range: rules[firstIndex].nameRange)]
        )
    }

    /// Reports the operands of each maximal `and`/`or` chain that equal an
    /// earlier operand of the same chain, in order, looking into each
    /// operand's own chains as it goes. Only the operands' cached hashes are
    /// gathered (at the end of `hashes`, dropped when the chain is done): an
    /// operand is compared with the earlier ones themselves only when its
    /// hash matches one of theirs, which is rare, so no operand is copied.
    func collectRepeats(_ expr: CheckedExpr, hashes: inout [Int], into diagnostics: inout [Diagnostic]) {
        switch expr.kind {
        case .and, .or:
            let isAnd: Bool = if case .and = expr.kind { true } else { false }
            var chain = Chain(root: expr, isAnd: isAnd, base: hashes.count)
            visit(expr, in: &chain, hashes: &hashes, into: &diagnostics)
            hashes.removeSubrange(chain.base...)
        case .letReference:
            // A let's own body is linted once, with the lets.
            return
        default:
            // Only chains can repeat a test; most leaves hold none.
            guard expr.traits.contains(.hasChain) else { return }
            expr.forEachChild { collectRepeats($0, hashes: &hashes, into: &diagnostics) }
        }
    }

    /// One chain being walked: its operands' hashes are `hashes[base...]`.
    private struct Chain {
        var root: CheckedExpr
        var isAnd: Bool
        var base: Int
        /// The same hashes as a set, once the chain is long enough that
        /// scanning them for each operand would cost more.
        var seen = Set<Int>()
    }

    private static let scanLimit = 16

    private func visit(_ node: CheckedExpr, in chain: inout Chain, hashes: inout [Int], into diagnostics: inout [Diagnostic]) {
        switch node.kind {
        case .and(let lhs, let rhs) where chain.isAnd, .or(let lhs, let rhs) where !chain.isAnd:
            visit(lhs, in: &chain, hashes: &hashes, into: &diagnostics)
            visit(rhs, in: &chain, hashes: &hashes, into: &diagnostics)
        default:
            let hash = node.structuralHash
            let position = hashes.count - chain.base
            let hashSeen: Bool
            if position <= Self.scanLimit {
                hashSeen = hashes[chain.base...].contains(hash)
            } else {
                if chain.seen.isEmpty { chain.seen = Set(hashes[chain.base...]) }
                hashSeen = chain.seen.contains(hash)
            }
            if hashSeen, Self.operands(of: chain.root, isAnd: chain.isAnd)[..<position].contains(node) {
                diagnostics.append(warning(
                    Self.repeated(chain.isAnd ? "and" : "or"),
                    path: node.location.path,
                    range: node.location.range,
                    help: "remove the repeated test"
                ))
            }
            hashes.append(hash)
            if position >= Self.scanLimit { chain.seen.insert(hash) }
            // Most operands are plain tests with nothing to look into.
            if node.traits.contains(.hasChain) { collectRepeats(node, hashes: &hashes, into: &diagnostics) }
        }
    }

    /// The operands of the chain at `root`, in order.
    private static func operands(of root: CheckedExpr, isAnd: Bool) -> [CheckedExpr] {
        var operands: [CheckedExpr] = []
        func flatten(_ expr: CheckedExpr) {
            switch expr.kind {
            case .and(let lhs, let rhs) where isAnd, .or(let lhs, let rhs) where !isAnd:
                flatten(lhs)
                flatten(rhs)
            default:
                operands.append(expr)
            }
        }
        flatten(root)
        return operands
    }
}

extension DuplicateCondition {
    fileprivate static func repeated(_ chain: String) -> String { "this test is repeated in the same `\(chain)`" }
    fileprivate static func sameAsRule(_ rule: String, _ other: String) -> String {
        "rule `\(rule)` has the same condition as `\(other)`"
    }
}
