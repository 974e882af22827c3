// The records the rule loop reads from `DispatchTables`.

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

/// A segment of a list's bits (its intent-free rules, or its own):
/// `fixedCount` turn-fixed candidates, then `varyingCount` others, from
/// `candidateStart`, as bits from word
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
