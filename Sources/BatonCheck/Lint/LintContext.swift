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
    /// Structural hash of each rule's condition (outer `let`s stripped), by
    /// rule index, for `duplicate-condition`: a compact list it reads in
    /// order instead of every rule's tree.
    let conditionHashes: [Int]
    /// What `shadowed-rule` reads of each rule besides its condition, by rule index.
    let standings: [RuleStanding]

    public init(_ ruleSet: CheckedRuleSet) {
        var models = Models(capacity: ruleSet.rules.count)
        // By index: iterating the rules themselves would copy each `CheckedRule`.
        for index in ruleSet.rules.indices {
            models.add(ruleSet.rules[index].condition, standing: RuleStanding(of: ruleSet.rules, at: index))
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
        self.conditionHashes = models.conditionHashes
        self.standings = models.standings
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
        fileprivate var conditionHashes: [Int] = []
        fileprivate var standings: [RuleStanding] = []
        /// `DuplicateCondition`'s operand hash buffer, shared by every rule.
        private var hashes: [Int] = []

        init(capacity: Int) {
            implications = ImplicationTable(capacity: capacity)
        }

        /// Room for `count` more rules, so a large set's tables do not regrow.
        mutating func reserve(_ count: Int) {
            implications.reserve(count)
            conditionHashes.reserveCapacity(conditionHashes.count + count)
            standings.reserveCapacity(standings.count + count)
        }

        mutating func add(_ condition: CheckedExpr, standing: RuleStanding) {
            standings.append(standing)
            let model = ConditionModel(condition, subjects: &subjects, constraints: &implications.constraints)
            implications.append(model)
            DuplicateCondition().collectRepeats(condition, hashes: &hashes, into: &repeatedTests)
            condition.collectReferencedLets(into: &usedLets)
            conditionHashes.append(ConditionModel.stripLets(condition).structuralHash)
        }
    }

    /// Whether rule `index` is modelled and no term of its condition can hold.
    func isContradictory(_ index: Int) -> Bool {
        implications.isModelled(index) && implications.isContradictory(index)
    }
}
