import BatonCore

/// A rule that never wins: whenever it fires, a rule that beats it (a
/// stronger outcome, then a higher priority, then earlier in the set) fires
/// too, because its condition implies the other's.
///
/// Rules are indexed by the first subject each term constrains (and by its
/// values, for set tests), so a rule is compared only with rules that could
/// be implied by it; at most `maxCandidates` of those are tried per rule,
/// which keeps the check linear in the size of the set.
struct ShadowedRule: LintRule {
    static let name = "shadowed-rule"
    static let summary = "a rule whose condition implies a stronger rule's condition never decides anything"
    static let maxCandidates = 256

    private struct Key: Hashable {
        var subject: CheckedExpr
        var value: Value?
    }

    func lint(_ context: LintContext) -> [Diagnostic] {
        let rules = context.ruleSet.rules
        // Only rules that act can shadow or be shadowed; models are indexed by rule index.
        let models = context.models.indices.map { index in
            rules[index].isShadow || rules[index].outcome == .continue ? nil : context.models[index]
        }
        let index = Self.buildIndex(models)
        var diagnostics: [Diagnostic] = []
        for position in rules.indices {
            guard let model = models[position], !model.isContradictory else { continue }
            let rule = rules[position]
            var tried = 0
            var winner: Int?
            for candidate in Self.candidates(for: model, in: index) where candidate != position {
                if tried == Self.maxCandidates { break }
                tried += 1
                let stronger = rules[candidate]
                // A guard-bypassing rule can still win while the other is held back.
                if rule.bypassGuards, !stronger.bypassGuards { continue }
                guard Self.beats(stronger, rule), let theirs = models[candidate], model.implies(theirs) else { continue }
                winner = candidate
                break
            }
            guard let winner else { continue }
            let stronger = rules[winner]
            diagnostics.append(warning(
                Self.message(rule.name, by: stronger.name),
                path: rule.path,
                range: rule.nameRange,
                help: "whenever it fires, `\(stronger.name)` fires too and wins; raise its priority or narrow `\(stronger.name)`",
                notes: [DiagnosticNote("`\(stronger.name)` is defined here", path: stronger.path, range: stronger.nameRange)]
            ))
        }
        return diagnostics
    }

    /// Each rule under the first subject of each of its terms.
    private static func buildIndex(_ models: [ConditionModel?]) -> [Key: [Int]] {
        var index: [Key: [Int]] = [:]
        for (position, model) in models.enumerated() {
            guard let model else { continue }
            for term in model.terms {
                // An unconstrained term (`when true`) is implied by everything.
                guard let (subject, constraint) = term.min(by: { $0.key.location.range.start < $1.key.location.range.start }) else {
                    index[Key(subject: CheckedExpr(.constant(.bool(true)), type: .bool, location: .init(path: "", range: .empty)), value: nil), default: []].append(position)
                    continue
                }
                if let values = constraint.only, !values.isEmpty {
                    for value in values { index[Key(subject: subject, value: value), default: []].append(position) }
                } else {
                    index[Key(subject: subject, value: nil), default: []].append(position)
                }
            }
        }
        return index
    }

    /// Rules whose first-indexed subject this model constrains, in set order.
    private static func candidates(for model: ConditionModel, in index: [Key: [Int]]) -> [Int] {
        var found = Set<Int>()
        let always = Key(subject: CheckedExpr(.constant(.bool(true)), type: .bool, location: .init(path: "", range: .empty)), value: nil)
        found.formUnion(index[always] ?? [])
        guard let term = model.terms.first else { return found.sorted() }
        for (subject, constraint) in term {
            found.formUnion(index[Key(subject: subject, value: nil)] ?? [])
            if let value = constraint.only?.first {
                found.formUnion(index[Key(subject: subject, value: value)] ?? [])
            }
        }
        return found.sorted()
    }

    /// The conflict order of the grammar README.
    static func beats(_ a: CheckedRule, _ b: CheckedRule) -> Bool {
        if a.outcome != b.outcome { return a.outcome > b.outcome }
        if a.priority != b.priority { return a.priority > b.priority }
        return a.index < b.index
    }
}

extension ShadowedRule {
    fileprivate static func message(_ rule: String, by other: String) -> String {
        "rule `\(rule)` is shadowed by `\(other)`"
    }
}
