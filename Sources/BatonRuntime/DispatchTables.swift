import BatonGraph

/// The dispatch index as the rule loop reads it: per intent id, then for
/// turns without a known intent, one bit per candidate rule and the tests
/// that clear them.
///
/// A rule fires when each test of its condition holds (its residual
/// conjuncts, or its root), so the loop starts with every rule's bit set
/// and, test by test (`RuleTest`, cheapest first), clears the bits of the
/// rules a failing test rules out. A test none of whose rules is left is
/// not evaluated, so a rule's costlier tests wait on its cheaper ones as
/// they would rule by rule; a test shared by many rules (a threshold, an
/// error count) is one memo read for all of them; and the bits left are the
/// firing rules, noted in conflict order without sorting: through a bitset
/// over their places in the list, or in a longer list by merging its runs,
/// each of which is in that order.
///
/// A list's bits are two segments (`Segment`): first the intent-free rules,
/// which every list holds and whose candidates, tests and words are stored
/// once for all lists, then the list's own rules, from the next word on.
/// Each numbers its turn-fixed rules (`TurnFixedRules`) first and then the
/// others. A list of up to two words (128 rules) is tested in registers. A
/// turn's later events take the fixed rules' bits from the session
/// (`StateLayout.fixedOffset`: the intent-free segment's words, then the
/// list's own) and run only the tests of the other rules.
struct DispatchTables {
    /// Per segment, its fixed rules then its others, each run in conflict
    /// order: bit `b` of a segment is its `b`th candidate.
    let candidates: UnsafeMutableBufferPointer<Candidate>
    let tests: UnsafeMutableBufferPointer<RuleTest>
    let masks: UnsafeMutableBufferPointer<MaskWord>
    /// Per segment, its words with every rule's bit set, then with the second run's.
    let fullWords: UnsafeMutableBufferPointer<UInt64>
    /// Per list of two words: each bit's place in the list's conflict order
    /// (128 entries), and the candidate at each place (`ListEntry.orderStart`,
    /// `placeStart`), so its firing rules are noted in order from one bitset
    /// over the places, where a longer list merges its runs.
    let order: UnsafeMutableBufferPointer<UInt8>
    let places: UnsafeMutableBufferPointer<Int32>
    let lists: UnsafeMutableBufferPointer<ListEntry>
    /// The intent-free rules, the first segment of every list.
    let shared: Segment
    /// Where a session's fixed-rule bits are (`StateLayout.fixedOffset`),
    /// here so the rule loop reads them without retaining the layout.
    let fixedOffset: Int
    /// Every rule in conflict order, with its tag bits: `Candidate.rank`
    /// indexes it.
    let ranked: UnsafeMutableBufferPointer<RankedRule>
    /// The scratch slots `decide` needs: first `noteOffset` slots for a
    /// list's bits (`UInt64` words), then one slot per rule of the longest
    /// list and one per tag its rules carry, then room for one run's notes
    /// (`laterNoteOffset`) while they are merged with the runs before.
    let noteOffset: Int
    let laterNoteOffset: Int
    let scratchSlots: Int

    /// `lists`: rule indices, per intent id (each holding the intent-free
    /// rules too, as the graph's dispatch index does) and then the
    /// intent-free list; `conflictOrder`: every rule, first the one that
    /// wins; `tagBits`: per rule, `TagTable.bits` (empty when the tags do not
    /// fit); `children`: the residual conditions' pool; `layout`: which
    /// rules are turn-fixed and where their bits go; `testOrder`: the key a
    /// list's tests are sorted by, cheapest first.
    init(
        lists: [[Int32]], conflictOrder: [Int32], tagBits: [UInt64], rules: UnsafeMutableBufferPointer<HotRule>,
        children: [NodeID], layout: StateLayout, testOrder: (Int32) -> Int64
    ) {
        let isFixed = layout.fixedRules.isFixed
        fixedOffset = layout.fixedOffset
        var rank = [Int32](repeating: 0, count: rules.count)
        for (place, rule) in conflictOrder.enumerated() { rank[Int(rule)] = Int32(place) }
        // The tests a rule fires on: none when its dispatch implies its whole condition.
        func conjuncts(_ rule: Int32) -> [Int32] {
            let hot = rules[Int(rule)]
            guard hot.hasResidual else { return [hot.root.rawValue] }
            return (0..<Int(hot.residualCount)).map { children[Int(hot.residualStart) + $0].rawValue }
        }
        var pool: [Candidate] = [], testPool: [RuleTest] = [], maskPool: [MaskWord] = [], full: [UInt64] = []
        // Appends the tests that clear the bits of `rules` (bit numbers given), sorted; returns where they start.
        func appendTests(_ rules: [(rule: Int32, bit: Int)]) -> Int32 {
            var words: [Int32: [Int: UInt64]] = [:]
            for (rule, bit) in rules {
                for test in conjuncts(rule) { words[test, default: [:]][bit >> 6, default: 0] |= 1 << UInt64(bit & 63) }
            }
            let start = Int32(testPool.count)
            for test in words.keys.sorted(by: { (testOrder($0), $0) < (testOrder($1), $1) }) {
                let mask = words[test]!, maskStart = Int32(maskPool.count)
                for (word, bits) in mask.sorted(by: { $0.key < $1.key }) { maskPool.append(MaskWord(word: Int32(word), bits: bits)) }
                testPool.append(RuleTest(
                    node: test, maskStart: maskStart, maskEnd: Int32(maskPool.count), low: mask[0] ?? 0, high: mask[1] ?? 0))
            }
            return start
        }
        // A segment of `members` whose bits start at word `firstWord`.
        func segment(_ members: [Int32], firstWord: Int) -> Segment {
            let ordered = members.sorted { rank[Int($0)] < rank[Int($1)] }
            let fixed = ordered.filter { isFixed[Int($0)] }, all = fixed + ordered.filter { !isFixed[Int($0)] }
            let words = (all.count + 63) >> 6
            let candidateStart = Int32(pool.count), fullStart = Int32(full.count)
            for rule in all {
                let hot = rules[Int(rule)]
                pool.append(Candidate(
                    rule: rule, test: hot.hasResidual ? hot.residualStart : hot.root.rawValue,
                    residualCount: hot.hasResidual ? hot.residualCount : -1, rankAndCodes: rank[Int(rule)] << 4 | hot.firingCodes))
            }
            // Every rule's bits, then the second run's.
            for first in [0, fixed.count] {
                for word in 0..<words {
                    let low = max(first - 64 * word, 0), high = min(all.count - 64 * word, 64)
                    full.append(low >= high ? 0 : (high == 64 ? ~0 : (1 << UInt64(high)) - 1) & ~((1 << UInt64(low)) - 1))
                }
            }
            let numbered = all.enumerated().map { (rule: $1, bit: 64 * firstWord + $0) }
            let testStart = appendTests(numbered)
            let laterTestStart = appendTests(Array(numbered[fixed.count...]))
            return Segment(
                candidateStart: candidateStart, fixedCount: Int32(fixed.count), varyingCount: Int32(all.count - fixed.count),
                firstWord: Int32(firstWord), words: Int32(words), fullStart: fullStart,
                testStart: testStart, laterTestStart: laterTestStart, testEnd: Int32(testPool.count))
        }
        let intentFree = lists.last ?? []
        let isIntentFree = Set(intentFree)
        let shared = segment(intentFree, firstWord: 0)
        var entries: [ListEntry] = []
        var orderPool: [UInt8] = [], placePool: [Int32] = []
        var longest = 0, mostTags = 0
        for (number, list) in lists.enumerated() {
            let own = segment(number == lists.count - 1 ? [] : list.filter { !isIntentFree.contains($0) }, firstWord: Int(shared.words))
            // `TurnFixedRules.words` counts the same way; the bits must fit the session's words.
            precondition(shared.fixedWords + own.fixedWords <= layout.fixedWords, "fixed-rule bits exceed the state's words")
            var orderStart: Int32 = -1, placeStart: Int32 = -1
            if shared.words + own.words <= 2 {
                // Each rule's bit and candidate, then its place: its rank among the list's.
                let members = [shared, own].flatMap { segment in
                    (0..<segment.ruleCount).map { (bit: 64 * Int(segment.firstWord) + $0, candidate: Int(segment.candidateStart) + $0) }
                }.sorted { pool[$0.candidate].rank < pool[$1.candidate].rank }
                orderStart = Int32(orderPool.count)
                placeStart = Int32(placePool.count)
                orderPool += repeatElement(0, count: 128)
                for (place, member) in members.enumerated() {
                    orderPool[Int(orderStart) + member.bit] = UInt8(place)
                    placePool.append(Int32(member.candidate))
                }
            }
            entries.append(ListEntry(own: own, shared: shared, full: full, orderStart: orderStart, placeStart: placeStart))
            longest = max(longest, list.count)
            mostTags = max(mostTags, list.reduce(0) { $0 + Int(rules[Int($1)].tagCount) })
        }
        candidates = .copying(pool)
        order = .copying(orderPool)
        places = .copying(placePool)
        tests = .copying(testPool)
        masks = .copying(maskPool)
        fullWords = .copying(full)
        self.lists = .copying(entries)
        self.shared = shared
        ranked = .copying(conflictOrder.map { RankedRule(rule: $0, tagBits: tagBits.isEmpty ? 0 : tagBits[Int($0)]) })
        // A narrow list's two words, then its places' two.
        noteOffset = 2 * max(entries.map { Int($0.words) }.max() ?? 0, 4)
        laterNoteOffset = noteOffset + longest + mostTags
        scratchSlots = laterNoteOffset + longest
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
        order.deallocate()
        places.deallocate()
        tests.deallocate()
        masks.deallocate()
        fullWords.deallocate()
        lists.deallocate()
        ranked.deallocate()
    }

    /// The dispatch list for intent id `intent`; the intent-free one for an
    /// id the schema does not have (no intent, an unknown one).
    /// Read in place: a copy of the entry costs more than the fields an event reads.
    @inline(__always)
    func list(forIntent intent: UInt16) -> UnsafeMutablePointer<ListEntry> {
        // `listIndex(forIntent:lists:)` written out: through it, 8 more instructions an event.
        let intentFree = lists.count - 1
        return lists.baseAddress! + (Int(intent) < intentFree ? Int(intent) : intentFree)
    }
}
