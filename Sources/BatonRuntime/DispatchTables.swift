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
/// firing rules, in runs that are each in conflict order, so their notes
/// are merged rather than sorted.
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

/// A rule in conflict order, with what deciding reads of every firing
/// rule: one read, not one in a table of rules and another in a table of
/// tags (at 1,000 rules each was a cache miss per firing rule).
struct RankedRule {
    let rule: Int32
    /// `TagTable.bits` of the rule (0 when the tags do not fit the bits).
    let tagBits: UInt64
}

/// A candidate rule of a dispatch list, so only a rule that fires has its
/// `HotRule` read.
struct Candidate {
    var rule: Int32
    /// `residualStart` when the rule has a residual; else its root node.
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

/// A node that some rules of a list need to hold, and the bits of those
/// rules: in a list of up to two words, `low` and `high`; in a longer
/// one, `DispatchTables.masks[maskStart..<maskEnd]`, its words that have any.
struct RuleTest {
    let node: Int32
    let maskStart: Int32
    let maskEnd: Int32
    let low: UInt64
    let high: UInt64
}

/// One word of a test's rules: the bits to clear in the list's word `word`.
struct MaskWord {
    let word: Int32
    let bits: UInt64
}

/// How a firing rule counts, noted in a scratch slot's low bits (see
/// `HotRule.firingCodes` and `Candidate.note`).
enum Firing: Int32 {
    case fired, held, shadow
}

/// A run of a list's bits: `fixedCount` turn-fixed candidates, then
/// `varyingCount` others, from `candidateStart`, as bits from word
/// `firstWord` on (`words` of them, the first `fixedWords` holding the
/// fixed run), their words at `fullStart` (every rule's, then the second
/// run's alone), and its tests: those of `testStart..<laterTestStart` clear
/// either run's bits, those of `laterTestStart..<testEnd` the second run's
/// only, for a turn's later events.
struct Segment {
    let candidateStart: Int32
    let fixedCount: Int32
    let varyingCount: Int32
    let firstWord: Int32
    let words: Int32
    let fullStart: Int32
    let testStart: Int32
    let laterTestStart: Int32
    let testEnd: Int32

    var fixedWords: Int { Int(fixedCount + 63) >> 6 }
    var ruleCount: Int { Int(fixedCount + varyingCount) }
    /// The tests a turn's first event runs, or (`later`) its later events.
    @inline(__always)
    func tests(later: Bool) -> Range<Int> { later ? Int(laterTestStart)..<Int(testEnd) : Int(testStart)..<Int(laterTestStart) }
}

/// One dispatch list: the intent-free rules' segment (`DispatchTables.shared`),
/// then its own, in `words` words in all.
struct ListEntry {
    let own: Segment
    /// Two at least, so the loop over a narrow list reads both without asking.
    let words: Int32
    /// Its rules, the intent-free ones counted, those that are turn-fixed,
    /// and those that are not.
    let ruleCount: Int32
    let fixedCount: Int32
    let varyingRuleCount: Int32
    /// In a list of two words, where each word's fixed bits are kept in the
    /// state's fixed-rule words (-1: none), and its two words with every
    /// rule set and with the second runs' set: both segments' words worked
    /// out once, so the loop starts from registers.
    let lowFixedWord: Int32
    let highFixedWord: Int32
    let full: (UInt64, UInt64)
    let later: (UInt64, UInt64)
    /// In a list of two words, where its bits' places and its candidates
    /// by place start (`DispatchTables.order`, `places`); -1 in a longer one.
    let orderStart: Int32
    let placeStart: Int32
    /// The tests a turn's first event runs (`testStart..<laterTestStart`
    /// of the intent-free rules, then of its own) and a later event's (from
    /// `laterTestStart` to `testEnd`), each as two ranges of `DispatchTables.tests`.
    let firstTests: TestRanges
    let laterTests: TestRanges

    struct TestRanges {
        let sharedStart: Int32
        let sharedEnd: Int32
        let ownStart: Int32
        let ownEnd: Int32
    }
    /// Its four runs of bits in conflict order (the intent-free rules'
    /// fixed and others, then its own), each as a range of bits and the
    /// candidate of bit 0 (`DispatchTables.candidates[bit + base]`).
    let runs: (Run, Run, Run, Run)

    struct Run {
        let start: Int32
        let end: Int32
        let base: Int32
    }

    init(own: Segment, shared: Segment, full words: [UInt64], orderStart: Int32, placeStart: Int32) {
        self.own = own
        self.orderStart = orderStart
        self.placeStart = placeStart
        self.words = max(shared.words + own.words, 2)
        ruleCount = Int32(shared.ruleCount + own.ruleCount)
        fixedCount = shared.fixedCount + own.fixedCount
        varyingRuleCount = shared.varyingCount + own.varyingCount
        // Word `word` of the list: its segment's words, and the state word its fixed bits go to.
        func word(_ word: Int) -> (full: UInt64, later: UInt64, fixed: Int32) {
            let (segment, fixedBase) = word < Int(shared.words) ? (shared, 0) : (own, shared.fixedWords)
            let local = word - Int(segment.firstWord)
            guard local < Int(segment.words) else { return (0, 0, -1) }
            let fixed = local < segment.fixedWords ? Int32(fixedBase + local) : -1
            return (words[Int(segment.fullStart) + local], words[Int(segment.fullStart + segment.words) + local], fixed)
        }
        firstTests = TestRanges(
            sharedStart: shared.testStart, sharedEnd: shared.laterTestStart, ownStart: own.testStart, ownEnd: own.laterTestStart)
        laterTests = TestRanges(sharedStart: shared.laterTestStart, sharedEnd: shared.testEnd, ownStart: own.laterTestStart, ownEnd: own.testEnd)
        func runs(_ segment: Segment) -> (Run, Run) {
            let first = 64 * segment.firstWord, split = first + segment.fixedCount, base = segment.candidateStart - first
            return (Run(start: first, end: split, base: base), Run(start: split, end: split + segment.varyingCount, base: base))
        }
        let (sharedFixed, sharedOthers) = runs(shared), (ownFixed, ownOthers) = runs(own)
        self.runs = (sharedFixed, sharedOthers, ownFixed, ownOthers)
        let (low, high) = (word(0), word(1))
        lowFixedWord = low.fixed
        highFixedWord = high.fixed
        full = (low.full, high.full)
        later = (low.later, high.later)
    }
}
