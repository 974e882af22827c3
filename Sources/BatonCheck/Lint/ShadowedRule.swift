import BatonCore

/// A rule that never wins: whenever it fires, a rule that beats it (a
/// stronger outcome, then a higher priority, then earlier in the set) fires
/// too, because its condition implies the other's.
///
/// Rules are indexed by the first subject each term constrains (and by its
/// values, for set tests), so a rule is compared only with rules that could
/// be implied by it; at most `maxCandidates` of those are tried per rule,
/// which keeps the check linear in the size of the set.
struct ShadowedRule: PlacingLintRule {
    static let name = "shadowed-rule"
    static let summary = "a rule whose condition implies a stronger rule's condition never decides anything"
    static let maxCandidates = 256

    /// What the candidate loop reads of a rule, copied out once and carried
    /// by each of the rule's bucket entries (48 bytes with its position), so
    /// a candidate is tested with the entry the merge has just read rather
    /// than a look-up elsewhere in memory (whole `CheckedRule`s, the
    /// implication table's terms), which at 100,000 rules is a cache miss.
    private struct Rank {
        var order: UInt64
        /// Subject bits that every term of the rule's condition requires.
        var required: UInt64
        /// The `required` bits of each term when there are at most three
        /// (nearly always), so `mayImply` needs nothing beyond this record.
        var termRequired: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var termCount: UInt8
        var bypassGuards: Bool

        init(_ standing: RuleStanding, at position: Int, in table: ImplicationTable) {
            order = standing.order
            required = table.sharedRequired(position)
            bypassGuards = standing.bypassGuards
            let count = table.termCount(position)
            termCount = UInt8(min(count, Int(UInt8.max)))
            if count >= 1, count <= 3 {
                termRequired.0 = table.required(ofTerm: 0, in: position)
                if count >= 2 { termRequired.1 = table.required(ofTerm: 1, in: position) }
                if count == 3 { termRequired.2 = table.required(ofTerm: 2, in: position) }
            }
        }

        /// `ImplicationTable.mayImply` from a rule whose satisfiable terms
        /// have the subject bits `subjects`, to this one; nil past three terms.
        func mayBeImplied(by subjects: [UInt64]) -> Bool? {
            guard termCount <= 3 else { return nil }
            for available in subjects {
                var fits = termCount >= 1 && termRequired.0 & ~available == 0
                if !fits, termCount >= 2 { fits = termRequired.1 & ~available == 0 }
                if !fits, termCount == 3 { fits = termRequired.2 & ~available == 0 }
                if !fits { return false }
            }
            return true
        }
    }

    /// What the candidate loop reads of the rule searching for a winner.
    private struct Searcher {
        var order: UInt64
        /// Subject bits present in every satisfiable term of the rule.
        var available: UInt64
        /// The subject bits of its first two satisfiable terms (the first
        /// repeated when there is one, all bits when there is none), which
        /// the screen tests when there are at most two.
        var first: UInt64
        var second: UInt64
        /// How many of its terms can hold.
        var satisfiableCount: Int
        var isContradictory: Bool
        var bypassGuards: Bool

        init(_ standing: RuleStanding, at position: Int, in table: ImplicationTable) {
            order = standing.order
            bypassGuards = standing.bypassGuards
            isContradictory = table.isContradictory(position)
            available = table.sharedSubjects(position)
            let leading = table.leadingSatisfiableSubjects(position)
            satisfiableCount = leading.count
            first = leading.first ?? .max
            second = leading.count == 2 ? leading.second ?? first : first
        }
    }

    /// What the scan tests of a candidate before anything else.
    private struct Screen {
        var required: UInt64
        var order: UInt64
        /// The `required` bits of each of the candidate's terms, the first
        /// repeated in missing places; zero (fits anything) past three
        /// terms, which only the exact test judges.
        var terms: (UInt64, UInt64, UInt64)

        init(_ rank: Rank) {
            required = rank.required
            order = rank.order
            let each = rank.termRequired
            terms = switch rank.termCount {
            case 1: (each.0, each.0, each.0)
            case 2: (each.0, each.1, each.0)
            case 3: each
            default: (0, 0, 0)
            }
        }

        /// Whether some term of the candidate needs no subject outside `subjects`.
        func someTermFits(_ subjects: UInt64) -> Bool {
            terms.0 & ~subjects == 0 || terms.1 & ~subjects == 0 || terms.2 & ~subjects == 0
        }
    }

    func find(_ context: LintContext) -> LintFindings {
        let rules = context.ruleSet.rules
        // `implies` memoises into the table, so it needs a mutable copy; the
        // other look-ups read `models`, which a closure can read in place.
        var table = context.implications
        let models = context.implications
        let standings = context.standings
        // Only modelled rules that act can shadow or be shadowed.
        let acting = standings.indices.map { standings[$0].acts && table.isModelled($0) }
        let ranks = standings.indices.map { Rank(standings[$0], at: $0, in: table) }
        // Read once per searcher, in search order: gathered here in set order,
        // so a searcher costs one look-up instead of three in the table.
        let searcherFacts = standings.indices.map { Searcher(standings[$0], at: $0, in: models) }
        let candidates = ShadowCandidates(table, count: rules.count, includes: { acting[$0] }, summary: { ranks[$0] })
        // The winner over each rule, by position; searches run in any order.
        var winners = [Int32](repeating: -1, count: rules.count)
        var subjects: [UInt64] = []
        // What every candidate is tested on first, copied out of each
        // search's window into one array of small records.
        var screens: [Screen] = []
        candidates.forEachSearch(limit: Self.maxCandidates) { window, searchers in
            screens.removeAll(keepingCapacity: true)
            for member in window { screens.append(Screen(member.summary)) }
            for position in searchers {
                let position = Int(position)
                let searcher = searcherFacts[position]
                guard !searcher.isContradictory else { continue }
                // A candidate needing a subject some term of this rule lacks is not implied.
                let available = searcher.available
                // With at most two terms that can hold, each must find a term
                // of the candidate among its subjects (`mayBeImplied`); the
                // screen asks that of both at once.
                let screensTerms = searcher.satisfiableCount <= 2
                let first = searcher.first
                let second = searcher.second
                // Every satisfiable term's subjects: with at most two, the
                // record has them; only a longer list is read from the table.
                subjects.removeAll(keepingCapacity: true)
                if screensTerms {
                    if searcher.satisfiableCount >= 1 { subjects.append(first) }
                    if searcher.satisfiableCount == 2 { subjects.append(second) }
                } else {
                    models.satisfiableSubjects(position, into: &subjects)
                }
                // The window's first `maxCandidates` rules other than this one.
                // This rule fails the order test below, so it only moves the end.
                var end = min(window.count, Self.maxCandidates)
                if let own = Self.index(of: Int32(position), in: window), own < end {
                    end = min(window.count, Self.maxCandidates + 1)
                }
                let winner = screens.withUnsafeBufferPointer { screens -> Int32? in
                    for index in 0..<end {
                        let screen = screens[index]
                        guard screen.required & ~available == 0, screen.order > searcher.order else { continue }
                        if screensTerms, !(screen.someTermFits(first) && screen.someTermFits(second)) { continue }
                        let stronger = window[index].summary
                        let candidate = Int(window[index].position)
                        // A guard-bypassing rule can still win while the other is held back.
                        if searcher.bypassGuards, !stronger.bypassGuards { continue }
                        if stronger.mayBeImplied(by: subjects) ?? models.mayImply(position, candidate),
                           table.implies(position, candidate) {
                            return Int32(candidate)
                        }
                    }
                    return nil
                }
                if let winner { winners[position] = winner }
            }
        }
        var found = LintFindings()
        // Fields are read in place: copying a whole `CheckedRule` retains every part of it.
        for position in rules.indices where winners[position] >= 0 {
            found.placed.append(LintFinding(
                path: rules[position].path, range: rules[position].nameRange, first: Int32(position), second: winners[position]))
        }
        return found
    }

    func word(_ finding: LintFinding, in context: LintContext) -> Diagnostic {
        let rules = context.ruleSet.rules
        let position = Int(finding.first), stronger = Int(finding.second)
        let strongerName = rules[stronger].name
        return warning(
            Self.message(rules[position].name, by: strongerName),
            path: finding.path,
            range: finding.range,
            help: "whenever it fires, `\(strongerName)` fires too and wins; raise its priority or narrow `\(strongerName)`",
            notes: [DiagnosticNote("`\(strongerName)` is defined here", path: rules[stronger].path, range: rules[stronger].nameRange)]
        )
    }
}

/// What the shadowed-rule check reads of a rule besides its condition,
/// gathered as the rule is checked: reading these few fields of 100,000
/// `CheckedRule`s again afterwards misses the cache on nearly every rule.
struct RuleStanding {
    /// The conflict order of the grammar README as one number: a higher
    /// `order` beats a lower one (stronger outcome, then higher priority,
    /// then earlier in the set).
    var order: UInt64
    /// Not a shadow rule, and its outcome is not `continue`.
    var acts: Bool
    var bypassGuards: Bool

    init(priority: Int, index: Int, outcome: Outcome, isShadow: Bool, bypassGuards: Bool) {
        // A checked set has priorities in 0...1_000_000; clamping keeps the
        // packing safe without changing that order.
        let priority = UInt64(min(max(priority, 0), 1 << 29))
        let lateness = UInt64(min(max(index, 0), Int(UInt32.max)))
        order = UInt64(outcome.rank) << 62 | priority << 32 | (UInt64(UInt32.max) - lateness)
        acts = !isShadow && outcome != .continue
        self.bypassGuards = bypassGuards
    }

    /// From the rule's fields, read in place: a whole `CheckedRule` as an
    /// argument would be copied.
    init(of rules: [CheckedRule], at index: Int) {
        self.init(priority: rules[index].priority, index: rules[index].index, outcome: rules[index].outcome,
                  isShadow: rules[index].isShadow, bypassGuards: rules[index].bypassGuards)
    }
}

extension ShadowedRule {
    /// Where `position` sits in a window sorted by position, if it does.
    private static func index(of position: Int32, in window: UnsafeBufferPointer<ShadowCandidates<Rank>.Member>) -> Int? {
        var low = 0
        var high = window.count
        while low < high {
            let mid = (low + high) / 2
            if window[mid].position < position { low = mid + 1 } else { high = mid }
        }
        return low < window.count && window[low].position == position ? low : nil
    }

    fileprivate static func message(_ rule: String, by other: String) -> String {
        "rule `\(rule)` is shadowed by `\(other)`"
    }
}
