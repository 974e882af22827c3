import BatonCore

/// A `let` that no rule uses, directly or through another `let`.
struct UnusedLet: LintRule {
    static let name = "unused-let"
    static let summary = "a named condition that no rule uses"

    func lint(_ context: LintContext) -> [Diagnostic] {
        let ruleSet = context.ruleSet
        let used = context.usedLets
        return ruleSet.lets.compactMap { value in
            guard !used.contains(value.name) else { return nil }
            let nameRange = SourceRange(start: value.range.start, end: value.range.start + 3)
            return warning(Self.message(value.name), path: value.path, range: nameRange, help: "remove it or use it in a rule")
        }
    }
}

extension UnusedLet {
    fileprivate static func message(_ name: String) -> String { "`let \(name)` is never used" }
}
