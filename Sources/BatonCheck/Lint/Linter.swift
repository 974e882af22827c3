public import BatonCore

/// Runs every lint rule and drops the warnings the author suppressed; given
/// a limit, words only the warnings that come first (see `PlacingLintRule`).
public enum Linter {
    public static let rules: [any LintRule.Type] = [
        UnreachableRule.self,
        ShadowedRule.self,
        UnusedLet.self,
        MissingReason.self,
        DuplicateCondition.self,
    ]

    public static func lint(_ ruleSet: CheckedRuleSet) -> [Diagnostic] {
        lint(ruleSet, context: LintContext(ruleSet), limit: .max).kept
    }

    /// The first `limit` warnings in `Diagnostic.ordered` order, and how
    /// many more there are. Findings are ordered by place first; only those
    /// that can be among the first `limit` are worded.
    package static func lint(_ ruleSet: CheckedRuleSet, context: LintContext, limit: Int) -> (kept: [Diagnostic], beyondLimit: Int) {
        let suppressions = Suppressions(ruleSet)
        var worded: [Diagnostic] = []
        var placing: [(rule: any PlacingLintRule, placed: [LintFinding])] = []
        for type in rules {
            let rule = type.init()
            guard let placer = rule as? any PlacingLintRule else {
                worded += rule.lint(context).filter { !suppressions.suppresses($0) }
                continue
            }
            let found = placer.find(context)
            worded += found.worded.filter { !suppressions.suppresses($0) }
            placing.append((placer, found.placed.filter { !suppressions.suppresses(code: type.name, path: $0.path, range: $0.range) }))
        }
        let total = placing.reduce(worded.count) { $0 + $1.placed.count }
        guard total > limit else {
            let all = worded + placing.flatMap { entry in entry.placed.map { entry.rule.word($0, in: context) } }
            return (all.sorted(by: Diagnostic.ordered), 0)
        }
        guard limit > 0 else { return ([], total) }
        var places = worded.indices.map { Place(worded[$0], index: $0) }
        places.reserveCapacity(total)
        for (source, entry) in placing.enumerated() {
            let code = type(of: entry.rule).name
            for (index, finding) in entry.placed.enumerated() {
                places.append(Place(finding, code: code, source: source, index: index))
            }
        }
        places.sort(by: Place.precedes)
        // Places equal to the last kept one are told apart by their wording.
        var end = limit
        while end < places.count, !Place.precedes(places[limit - 1], places[end]) { end += 1 }
        let candidates = places[..<end].map { place in
            place.source < 0 ? worded[place.index] : placing[place.source].rule.word(placing[place.source].placed[place.index], in: context)
        }
        return (Array(candidates.sorted(by: Diagnostic.ordered).prefix(limit)), total - limit)
    }

    /// A warning's key in `Diagnostic.ordered` short of its message, and where it is.
    private struct Place {
        var path: String
        var start: Int
        var severity: Severity
        var code: String
        /// Index into the placing rules, or -1 for a worded warning.
        var source: Int
        var index: Int

        init(_ diagnostic: Diagnostic, index: Int) {
            path = diagnostic.path
            start = diagnostic.range.start
            severity = diagnostic.severity
            code = diagnostic.code
            source = -1
            self.index = index
        }

        init(_ finding: LintFinding, code: String, source: Int, index: Int) {
            path = finding.path
            start = finding.range.start
            severity = .warning
            self.code = code
            self.source = source
            self.index = index
        }

        static func precedes(_ lhs: Place, _ rhs: Place) -> Bool {
            if lhs.path != rhs.path { return lhs.path < rhs.path }
            if lhs.start != rhs.start { return lhs.start < rhs.start }
            if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
            return lhs.code < rhs.code
        }
    }
}
