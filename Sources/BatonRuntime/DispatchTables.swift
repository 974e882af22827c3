import BatonGraph

/// The dispatch index as the rule loop reads it: per intent id, then for
/// turns without a known intent, the groups of rules to visit (see
/// `CandidateGroup`). The intent-free rules, visited on every turn, have
/// their candidates once: every intent's list ends with the same groups
/// over them, so they are not copied per intent and stay in cache from one
/// event to the next whatever its intent.
///
/// Each list's groups come in two runs: first those of its turn-fixed rules
/// (`TurnFixedRules`; the list's own, then the intent-free ones), then the
/// rest, in the same order. A turn's later events visit only the second
/// run and take the first's firing rules from the session's bits. A fixed
/// rule's bit is its place among the intent-free fixed candidates, or
/// after them its place among its list's own: `CandidateGroup.bit` gives a
/// fixed group's first.
struct DispatchTables {
    let candidates: UnsafeMutableBufferPointer<Candidate>
    let groups: UnsafeMutableBufferPointer<CandidateGroup>
    /// Per list, where its groups are and what they hold.
    let lists: UnsafeMutableBufferPointer<ListEntry>
    /// Where the intent-free fixed candidates start (bit 0 on), and how many there are.
    let sharedFixedStart: Int
    let sharedFixedCount: Int
    /// Where a session's fixed-rule bits are (`StateLayout.fixedOffset`),
    /// here so the rule loop reads them without retaining the layout.
    let fixedOffset: Int
    let fixedWords: Int
    /// Every rule in conflict order, with its tag bits: `Candidate.rank`
    /// indexes it.
    let ranked: UnsafeMutableBufferPointer<RankedRule>
    /// The `Int32` slots `decide` needs in the scratch space: one per
    /// candidate of the longest list and one per tag those candidates
    /// carry, then, from `rankSlots` on, room to sort notes by rank
    /// (`RankSort`).
    let scratchSlots: Int
    private let rankSlots: Int

    /// `lists`: rule indices in conflict order, per intent id (each holding
    /// the intent-free rules too, as the graph's dispatch index does) and
    /// then the intent-free list; `conflictOrder`: every rule, first the
    /// one that wins; `tagBits`: per rule, `TagTable.bits` (empty when the
    /// tags do not fit); `children`: the residual conditions' pool;
    /// `alwaysTrue`: the memo slot that holds on every event; `layout`:
    /// which rules are turn-fixed and where their bits go; `groupKey`:
    /// where a group goes in its list (see `GroupKey`).
    init(
        lists: [[Int32]], conflictOrder: [Int32], tagBits: [UInt64], rules: UnsafeMutableBufferPointer<HotRule>,
        children: [NodeID], alwaysTrue: Int32, layout: StateLayout, groupKey: (Int32) -> GroupKey
    ) {
        let isFixed = layout.fixedRules.isFixed
        fixedOffset = layout.fixedOffset
        fixedWords = layout.fixedWords
        var rank = [Int32](repeating: 0, count: rules.count)
        for (place, rule) in conflictOrder.enumerated() { rank[Int(rule)] = Int32(place) }
        var pool: [Candidate] = []
        // Groups in order of their first rule; rules in conflict order within
        // a group; a fixed group's bits from `firstBit` on, in pool order.
        func groups(of list: [Int32], firstBit: Int32? = nil) -> [CandidateGroup] {
            var members: [Int32: [Int32]] = [:]
            var order: [Int32] = []
            for rule in list {
                let hot = rules[Int(rule)]
                // A rule whose whole condition the dispatch implies has nothing to test first.
                let firstTest = hot.hasResidual && hot.residualCount == 0 ? alwaysTrue : hot.firstTest
                if members[firstTest] == nil { order.append(firstTest) }
                members[firstTest, default: []].append(rule)
            }
            // Stable: groups with equal keys keep the order of their first rules.
            let keyed = order.enumerated().map { (key: groupKey($1), place: $0, test: $1) }
            order = keyed.sorted { ($0.key.number, $0.key.constant, $0.place) < ($1.key.number, $1.key.constant, $1.place) }.map(\.test)
            let poolStart = Int32(pool.count)
            return order.map { firstTest in
                let start = Int32(pool.count)
                for rule in members[firstTest]! {
                    let hot = rules[Int(rule)]
                    var test = hot.hasResidual ? hot.residualStart : hot.root.rawValue
                    var residualCount = hot.hasResidual ? hot.residualCount : -1
                    if residualCount == 1 {
                        // A residual of one test (`intent in S and X` leaves X) is
                        // that test: no read of the children pool on the way to it.
                        test = children[Int(test)].rawValue
                        residualCount = -1
                    }
                    pool.append(Candidate(
                        rule: rule, test: test, residualCount: residualCount, rankAndCodes: rank[Int(rule)] << 4 | hot.firingCodes))
                }
                let bit = firstBit.map { $0 + start - poolStart } ?? -1
                return CandidateGroup(firstTest: firstTest, start: start, end: Int32(pool.count), bit: bit)
            }
        }
        let fixed = { (rule: Int32) in isFixed[Int(rule)] }
        let intentFree = lists.last ?? []
        let isIntentFree = Set(intentFree)
        let sharedFixed = intentFree.filter(fixed)
        sharedFixedStart = pool.count
        sharedFixedCount = sharedFixed.count
        let sharedFixedGroups = groups(of: sharedFixed, firstBit: 0)
        let sharedVaryingGroups = groups(of: intentFree.filter { !fixed($0) })
        let sharedTags = intentFree.reduce(0) { $0 + Int(rules[Int($1)].tagCount) }
        var allGroups: [CandidateGroup] = []
        var entries: [ListEntry] = []
        var slots = 0
        for (number, list) in lists.enumerated() {
            let own = number == lists.count - 1 ? [] : list.filter { !isIntentFree.contains($0) }
            let groupStart = Int32(allGroups.count), ownFixedStart = Int32(pool.count)
            let ownFixed = own.filter(fixed)
            // `TurnFixedRules.bitCount` counts the same way; the bits must fit the session's words.
            precondition(sharedFixed.count + ownFixed.count <= 64 * fixedWords, "fixed-rule bits exceed the state's words")
            allGroups += groups(of: ownFixed, firstBit: Int32(sharedFixed.count))
            allGroups += sharedFixedGroups
            let fixedGroups = Int32(allGroups.count) - groupStart
            allGroups += groups(of: own.filter { !fixed($0) })
            allGroups += sharedVaryingGroups
            entries.append(ListEntry(
                groupStart: groupStart, groupCount: Int32(allGroups.count) - groupStart, fixedGroups: fixedGroups,
                ruleCount: Int32(list.count), varyingRuleCount: Int32(list.count { !fixed($0) }), ownFixedStart: ownFixedStart))
            let tags = own.reduce(sharedTags) { $0 + Int(rules[Int($1)].tagCount) }
            slots = max(slots, list.count + tags)
        }
        candidates = .copying(pool)
        self.groups = .copying(allGroups)
        self.lists = .copying(entries)
        ranked = .copying(conflictOrder.map { RankedRule(rule: $0, tagBits: tagBits.isEmpty ? 0 : tagBits[Int($0)]) })
        rankSlots = (slots + 1) & ~1
        scratchSlots = rankSlots + RankSort.slots(ranks: conflictOrder.count)
    }

    /// Which of `lists` per-list entries (one per intent id, then one for the
    /// intent-free list) a turn with top intent id `intent` reads: an id
    /// the schema does not have (no intent, an unknown one) reads the last.
    @inline(__always)
    static func listIndex(forIntent intent: UInt16, lists: Int) -> Int {
        min(Int(intent), lists - 1)
    }

    /// Frees the tables (all plain data); the plan's `deinit` calls it.
    func deallocate() {
        candidates.deallocate()
        groups.deallocate()
        lists.deallocate()
        ranked.deallocate()
    }

    /// Puts `notes`, at the start of a `scratchSlots`-slot `scratch`, in rank order (`RankSort`).
    @inline(__always)
    func sortByRank(_ notes: UnsafeMutableBufferPointer<Int32>, scratch: UnsafeMutablePointer<Int32>) {
        RankSort.sort(notes, ranks: ranked.count, area: scratch + rankSlots)
    }

    /// The dispatch list for intent id `intent`; the intent-free one for an
    /// id the schema does not have (no intent, an unknown one).
    @inline(__always)
    func list(forIntent intent: UInt16) -> DispatchList {
        // `listIndex(forIntent:lists:)` written out: through it, 8 more instructions an event.
        let intentFree = lists.count - 1
        let entry = lists[Int(intent) < intentFree ? Int(intent) : intentFree]
        return DispatchList(groups: groups.baseAddress! + Int(entry.groupStart), entry: entry)
    }

    /// The candidate of fixed-rule bit `bit` in `list`.
    @inline(__always)
    func fixedCandidate(bit: Int, in list: DispatchList) -> Candidate {
        candidates[bit < sharedFixedCount ? sharedFixedStart + bit : Int(list.entry.ownFixedStart) + bit - sharedFixedCount]
    }
}

/// A rule in conflict order, with what deciding reads of every firing
/// rule: one read, not one in a table of rules and another in a table of
/// tags (at 1,000 rules each was a cache miss per firing rule).
struct RankedRule {
    let rule: Int32
    /// `TagTable.bits` of the rule (0 when the tags do not fit the bits).
    let tagBits: UInt64
}

/// An entry of a dispatch list: a rule and its condition, so only a rule
/// that fires has its `HotRule` read.
struct Candidate {
    var rule: Int32
    /// `residualStart` when the rule has a residual of two or more tests;
    /// else the one node that decides it (its root, or its only residual test).
    var test: Int32
    /// `residualCount`, or -1 when `test` is a node.
    var residualCount: Int32
    /// The rule's place in the conflict order of all rules (a list's order
    /// is that order restricted to its rules), shifted left by 4 above its
    /// `HotRule.firingCodes`, so noting a firing rule reads nothing else.
    var rankAndCodes: Int32

    var rank: Int32 { rankAndCodes >> 4 }

    /// The rule's note when it fires: its rank, and how it counts (`Firing`)
    /// with (`guardShift` 2) or without (0) a guard holding.
    @inline(__always)
    func note(guardShift: Int32) -> Int32 {
        // `&>>`: the shift is 0 or 2, so no checks for negative or oversized shifts.
        (rankAndCodes >> 4) << 2 | (rankAndCodes &>> guardShift) & 3
    }
}

/// Where a group goes in its dispatch list. Groups whose first tests
/// compare one number with constants (`confidence >= 0.5`, `>= 0.6`, ...)
/// go together, by constant: an event passes a run of them and fails the
/// rest, so the loop's branch on a first test changes course once per run
/// rather than at random. The order groups are visited in does not change
/// the decision (`decide` puts firing rules back in conflict order).
struct GroupKey {
    /// The number compared (`HotNode.numberKey`) and the relation, or
    /// `Int64.max` for other first tests, which keep their order after the comparisons.
    var number: Int64
    var constant: Double
}

/// How a firing rule counts, noted in a scratch slot's low bits (see
/// `HotRule.firingCodes` and `Candidate.note`).
enum Firing: Int32 {
    case fired, held, shadow
}

/// Where one dispatch list's groups are, those of its turn-fixed rules
/// first, and how many rules they hold.
struct ListEntry {
    let groupStart: Int32
    let groupCount: Int32
    let fixedGroups: Int32
    /// Its rules, counting the intent-free ones, and those of them that
    /// are not turn-fixed (for `EvaluationStats`).
    let ruleCount: Int32
    let varyingRuleCount: Int32
    /// Where its own fixed candidates start (bit `sharedFixedCount` on).
    let ownFixedStart: Int32
}

/// One dispatch list as the rule loop reads it.
struct DispatchList {
    let groups: UnsafeMutablePointer<CandidateGroup>
    let entry: ListEntry

    var all: UnsafeMutableBufferPointer<CandidateGroup> { UnsafeMutableBufferPointer(start: groups, count: Int(entry.groupCount)) }
    var fixed: UnsafeMutableBufferPointer<CandidateGroup> { UnsafeMutableBufferPointer(start: groups, count: Int(entry.fixedGroups)) }
    var varying: UnsafeMutableBufferPointer<CandidateGroup> {
        UnsafeMutableBufferPointer(start: groups + Int(entry.fixedGroups), count: Int(entry.groupCount - entry.fixedGroups))
    }
    var ruleCount: Int { Int(entry.ruleCount) }
    var varyingRuleCount: Int { Int(entry.varyingRuleCount) }
}

/// The rules of a dispatch list that share a first test (`HotRule.firstTest`):
/// `DispatchTables.candidates[start..<end]`. When the test fails, the whole
/// group is passed over: many rules share a threshold or an error count. A
/// turn needs every firing rule of its list, so the order rules are visited
/// in does not change the decision; `decide` puts the firing ones back in
/// conflict order by their `Candidate.rank`.
struct CandidateGroup {
    /// A node; for rules that fire on their dispatch alone, the memo slot
    /// after the last node, which every evaluation sets to "holds".
    var firstTest: Int32
    var start: Int32
    var end: Int32
    /// In a group of turn-fixed rules, the fixed-rule bit of its first
    /// candidate (the others follow it); -1 in other groups.
    var bit: Int32
}
