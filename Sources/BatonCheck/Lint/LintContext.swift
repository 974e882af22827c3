import BatonCore

/// What the lint rules share, computed once: the set, and what they read of
/// each rule's condition.
public struct LintContext {
    public let ruleSet: CheckedRuleSet
    /// Each rule's `ConditionModel` (nil when too large to model), by rule
    /// index, flattened as it is built: the models themselves are dropped
    /// while still in cache, since reading or freeing 100,000 of them later
    /// misses the cache on nearly every one.
    let implications: ImplicationTable
    /// `duplicate-condition`'s repeated tests within each rule's condition.
    let repeatedTests: [Diagnostic]
    /// The `let`s the rules' conditions use, for `unused-let`.
    let usedLets: Set<String>
    /// Fingerprint of each rule's condition (outer `let`s stripped), by
    /// rule index, for `duplicate-condition`: a compact list it reads in
    /// order instead of every rule's tree.
    let conditionFingerprints: [TreeFingerprint]
    /// What `shadowed-rule` reads of each rule besides its condition, by rule index.
    let standings: [RuleStanding]
    /// Rules that are modelled and no term of whose condition can hold, ascending.
    let contradictoryRules: [Int]
    /// Rules that escalate or offer a handoff without a reason, ascending.
    let rulesLackingReason: [Int]

    public init(_ ruleSet: CheckedRuleSet) {
        var models = Models(capacity: ruleSet.rules.count)
        // By index: iterating the rules themselves would copy each `CheckedRule`.
        for index in ruleSet.rules.indices {
            models.add(ruleSet.rules[index].condition, standing: RuleStanding(of: ruleSet.rules, at: index),
                       lacksReason: MissingReason.lacksReason(ruleSet.rules[index].outcome, ruleSet.rules[index].reason))
        }
        self.init(ruleSet, visited: models)
    }

    /// With `models` built as the set's rules were checked, one per rule.
    init(_ ruleSet: CheckedRuleSet, visited models: Models) {
        assert(models.implications.count == ruleSet.rules.count, "one model per checked rule")
        self.ruleSet = ruleSet
        self.implications = models.implications
        self.repeatedTests = models.repeatedTests
        self.usedLets = models.usedLets
        self.conditionFingerprints = models.conditionFingerprints
        self.standings = models.standings
        self.contradictoryRules = models.contradictoryRules
        self.rulesLackingReason = models.rulesLackingReason
    }

    /// Everything the lint rules read of each rule's condition tree,
    /// gathered one rule at a time: the checker adds each rule as soon as it
    /// is checked, while its tree is still in cache (walked again after the
    /// whole set is checked, a large set's trees miss the cache on nearly
    /// every node).
    struct Models {
        private var subjects = SubjectTable()
        fileprivate var implications: ImplicationTable
        fileprivate var repeatedTests: [Diagnostic] = []
        fileprivate var usedLets = Set<String>()
        fileprivate var conditionFingerprints: [TreeFingerprint] = []
        fileprivate var standings: [RuleStanding] = []
        fileprivate var contradictoryRules: [Int] = []
        fileprivate var rulesLackingReason: [Int] = []
        /// `DuplicateCondition`'s operand hash buffer, shared by every rule.
        private var hashes: [Int] = []

        init(capacity: Int) {
            implications = ImplicationTable(capacity: capacity)
        }

        /// Room for `count` more rules, so a large set's tables do not regrow.
        mutating func reserve(_ count: Int) {
            implications.reserve(count)
            conditionFingerprints.reserveCapacity(conditionFingerprints.count + count)
            standings.reserveCapacity(standings.count + count)
        }

        /// Adds the next rule: its condition, its standing, and whether it
        /// hands over without a reason (`MissingReason.lacksReason`).
        mutating func add(_ condition: CheckedExpr, standing: RuleStanding, lacksReason: Bool) {
            let index = standings.count
            standings.append(standing)
            if lacksReason { rulesLackingReason.append(index) }
            let model = ConditionModel(condition, subjects: &subjects, constraints: &implications.constraints)
            implications.append(model)
            if implications.isModelled(index), implications.isContradictory(index) { contradictoryRules.append(index) }
            DuplicateCondition().collectRepeats(condition, hashes: &hashes, into: &repeatedTests)
            condition.collectReferencedLets(into: &usedLets)
            conditionFingerprints.append(ConditionModel.stripLets(condition).fingerprint)
        }
    }
}
