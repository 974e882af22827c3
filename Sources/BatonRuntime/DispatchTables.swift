import BatonGraph

/// The dispatch index as the rule loop reads it: per intent id, then for
/// turns without a known intent, one bit per candidate rule and the tests
/// that clear them.
///
/// A list's rules are bits in conflict order, in two runs of words: first
/// its turn-fixed rules (`TurnFixedRules`), then the others. Every rule
/// fires when each test of its condition holds (its residual conjuncts, or
/// its root), so the loop starts from every bit set and, test by test
/// (`RuleTest`, cheapest first), clears the bits of the rules a failing
/// test rules out. A test whose rules are all cleared already is not
/// evaluated, so a rule's costlier tests wait on its cheaper ones as they
/// would rule by rule; a test shared by many rules (a threshold, an error
/// count) is one memo read for all of them, and the rules left are the
/// firing ones, in conflict order, with no sorting. A turn's later events
/// take the fixed run's words from the session (`StateLayout.fixedOffset`)
/// and test only the rules of the second run.
struct DispatchTables {
    /// Per list, its fixed rules then its others, each run in conflict
    /// order: bit `b` of a run is its `b`th candidate.
    let candidates: UnsafeMutableBufferPointer<Candidate>
    let tests: UnsafeMutableBufferPointer<RuleTest>
    let masks: UnsafeMutableBufferPointer<MaskWord>
    /// Per list, its words with every rule's bit set.
    let fullWords: UnsafeMutableBufferPointer<UInt64>
    let lists: UnsafeMutableBufferPointer<ListEntry>
    /// Where a session's fixed-rule bits are (`StateLayout.fixedOffset`),
    /// here so the rule loop reads them without retaining the layout.
    let fixedOffset: Int
    /// Every rule in conflict order, with its tag bits: `Candidate.rank`
    /// indexes it.
    let ranked: UnsafeMutableBufferPointer<RankedRule>
    /// The scratch slots `decide` needs: first `noteOffset` slots for a
    /// list's bits (`UInt64` words), then one slot per rule of the longest
    /// list and one per tag its rules carry, then room for a list's notes
    /// of its second run (`laterNoteOffset`) while they are merged.
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
        var entries: [ListEntry] = []
        var longest = 0, mostTags = 0, longestLater = 0
        // Appends the tests that clear the bits of `rules` (bit numbers given), sorted; returns where they start.
        func appendTests(_ rules: [(rule: Int32, bit: Int)], narrow: Bool) -> Int32 {
            var words: [Int32: [Int: UInt64]] = [:]
            for (rule, bit) in rules {
                for test in conjuncts(rule) { words[test, default: [:]][bit >> 6, default: 0] |= 1 << UInt64(bit & 63) }
            }
            let start = Int32(testPool.count)
            for test in words.keys.sorted(by: { (testOrder($0), $0) < (testOrder($1), $1) }) {
                let mask = words[test]!, maskStart = Int32(maskPool.count)
                if !narrow {
                    for (word, bits) in mask.sorted(by: { $0.key < $1.key }) { maskPool.append(MaskWord(word: Int32(word), bits: bits)) }
                }
                testPool.append(RuleTest(
                    node: test, maskStart: maskStart, maskEnd: Int32(maskPool.count), low: mask[0] ?? 0, high: mask[1] ?? 0))
            }
            return start
        }
        for list in lists {
            let ordered = list.sorted { rank[Int($0)] < rank[Int($1)] }
            let fixed = ordered.filter { isFixed[Int($0)] }, varying = ordered.filter { !isFixed[Int($0)] }
            // `TurnFixedRules.bitCount` counts the same way; the bits must fit the session's words.
            precondition(fixed.count <= 64 * layout.fixedWords, "fixed-rule bits exceed the state's words")
            let all = fixed + varying
            // Never fewer than two words, so the loop over a narrow list reads both without asking.
            let words = max((all.count + 63) >> 6, 2)
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
            let numbered = all.enumerated().map { (rule: $1, bit: $0) }
            let testStart = appendTests(numbered, narrow: words == 2)
            let laterTestStart = appendTests(Array(numbered[fixed.count...]), narrow: words == 2)
            entries.append(ListEntry(
                candidateStart: candidateStart, fixedCount: Int32(fixed.count), varyingCount: Int32(varying.count),
                fixedWords: Int32((fixed.count + 63) >> 6), words: Int32(words), fullStart: fullStart,
                testStart: testStart, laterTestStart: laterTestStart, testEnd: Int32(testPool.count)))
            longest = max(longest, list.count)
            longestLater = max(longestLater, varying.count)
            mostTags = max(mostTags, list.reduce(0) { $0 + Int(rules[Int($1)].tagCount) })
        }
        candidates = .copying(pool)
        tests = .copying(testPool)
        masks = .copying(maskPool)
        fullWords = .copying(full)
        self.lists = .copying(entries)
        ranked = .copying(conflictOrder.map { RankedRule(rule: $0, tagBits: tagBits.isEmpty ? 0 : tagBits[Int($0)]) })
        noteOffset = 2 * (entries.map { Int($0.words) }.max() ?? 2)
        laterNoteOffset = noteOffset + longest + mostTags
        scratchSlots = laterNoteOffset + longestLater
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
        tests.deallocate()
        masks.deallocate()
        fullWords.deallocate()
        lists.deallocate()
        ranked.deallocate()
    }

    /// The dispatch list for intent id `intent`; the intent-free one for an
    /// id the schema does not have (no intent, an unknown one).
    @inline(__always)
    func list(forIntent intent: UInt16) -> ListEntry {
        // `listIndex(forIntent:lists:)` written out: through it, 8 more instructions an event.
        let intentFree = lists.count - 1
        return lists[Int(intent) < intentFree ? Int(intent) : intentFree]
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

/// One dispatch list: its candidates (`fixedCount` turn-fixed ones, then
/// `varyingCount` others), its bits (`fixedWords` words for the first
/// run, then the second's, `words` in all, full at `fullStart`), and its
/// tests: those of `testStart..<laterTestStart` clear either run's bits,
/// those of `laterTestStart..<testEnd` the second run's only, for a turn's
/// later events.
struct ListEntry {
    let candidateStart: Int32
    let fixedCount: Int32
    let varyingCount: Int32
    let fixedWords: Int32
    let words: Int32
    let fullStart: Int32
    let testStart: Int32
    let laterTestStart: Int32
    let testEnd: Int32

    var ruleCount: Int { Int(fixedCount + varyingCount) }
    var varyingRuleCount: Int { Int(varyingCount) }
}
