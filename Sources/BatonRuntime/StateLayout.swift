import BatonGraph

/// Where each history lives in a session's word buffer, derived once per
/// graph. Everything a session remembers across turns is packed into one
/// `[UInt64]` so that a session costs one heap allocation:
///
/// | part | size |
/// | --- | --- |
/// | sentiment ring | `H` Int16 slots (fixed point, 1e-4), 4 per word |
/// | confidence ring | `H` Int16 slots, when a window reads confidence |
/// | running sums | one Int64 per (signal, N) summed; two per trend (Σy, Σt·y) |
/// | track bits | one UInt64 per tracked per-turn condition (bit 0 = current turn) |
/// | sticky bits | one bit per `intent was` without `within` |
/// | phrase bits | the current turn's result per phrase list (and per pattern's literals) |
/// | pattern bits | the current turn's computed / result bits per pattern |
/// | fixed-rule bits | which turn-fixed rules fired this turn (`TurnFixedRules`) |
///
/// A class so the evaluator reads it in place (a struct of arrays would be
/// copied, with a retain per array, at every use). Its properties are
/// set once, by `init`.
final class StateLayout: Sendable {
    /// Fixed-point scale of stored sentiment and confidence: exact for
    /// VADER's four-decimal compound, and sums stay exact integers, so a
    /// 100,000-turn session has no drift.
    static let scale: Double = 10_000

    /// `unit` (at most 1 in magnitude) in fixed point, rounded half away
    /// from zero as `rounded()` does, without its call into libm (this
    /// target has no rounding instruction): the fraction a truncation
    /// leaves is exact, so comparing it with ½ decides alike.
    @inline(__always)
    static func fixedPoint(_ unit: Double) -> Int16 {
        let scaled = unit * scale
        let whole = Int(scaled)
        let fraction = scaled - Double(whole)
        return Int16(whole + (fraction >= 0.5 ? 1 : fraction <= -0.5 ? -1 : 0))
    }

    struct Ring: Sendable {
        let offset: Int  // in words
        let length: Int  // in turns (Int16 slots)
        /// ⌈2⁶⁴ / length⌉, so a slot is found by two multiplications
        /// (Lemire's fastmod) instead of a division, which takes tens of
        /// cycles here; exact for every turn count below 2³². The fields
        /// are constants, so it cannot go stale.
        private let reciprocal: UInt64

        init(offset: Int, length: Int) {
            self.offset = offset
            self.length = length
            reciprocal = length > 0 ? UInt64.max / UInt64(length) &+ 1 : 0
        }

        static let none = Ring(offset: 0, length: 0)
        var exists: Bool { length > 0 }

        /// The slot of customer turn `turn` (1-based): `(turn - 1) % length`.
        @inline(__always)
        func slot(ofTurn turn: Int) -> Int {
            let fraction = reciprocal &* UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: turn - 1))
            return Int(truncatingIfNeeded: fraction.multipliedFullWidth(by: UInt64(length)).high)
        }
    }

    /// How a window reads the state.
    enum WindowPlan: Sendable {
        /// avg / sum: the running sum word, the signal's ring.
        case sum(word: Int, signal: TurnSignal)
        case trend(sumWord: Int, weightedWord: Int, signal: TurnSignal)
        /// min / max: scan the signal's ring (at most 50 slots).
        case scan(ring: Ring)
        /// count / consecutive: the track's bit history, at state word `word`.
        case bits(word: Int)
    }

    /// One running sum kept per (signal, N): Σy, and Σt·y for trends.
    struct RunningSum: Sendable {
        var signal: TurnSignal
        var turns: Int
        var word: Int
        var weightedWord: Int?
    }

    let sentiment: Ring
    let confidence: Ring
    let sums: [RunningSum]
    let windows: [WindowPlan]
    let trackOffset: Int
    let trackCount: Int
    let stickyOffset: Int
    /// Sticky bit index per track (nil: not sticky).
    let stickyIndex: [Int?]
    let wordCount: Int
    /// Tracks to recompute on bot and operator events (they read API results or tool calls).
    let resultTracks: [Int]
    /// Whether sentiment must be scored on every customer turn (a window or a track reads it).
    let eagerSentiment: Bool
    /// Whether the session keeps the latest customer message (a test or
    /// template reads its text). Phrases, patterns and sentiment do not need
    /// it kept: their per-turn results are.
    let keepsMessage: Bool
    /// Per-turn phrase results: one bit per phrase list (valid for the lists `CurrentTurn.phraseScan` says).
    let phraseOffset: Int
    let phraseWords: Int
    /// Per-turn pattern results: `patternWords` words of "computed" bits, then as many of results.
    let patternOffset: Int
    let patternWords: Int
    /// The rules whose firing a turn's first evaluation notes for its later
    /// events, and where the notes go: `fixedWords` words, bit numbers as
    /// `DispatchTables` gives them.
    let fixedRules: TurnFixedRules
    let fixedOffset: Int
    var fixedWords: Int { fixedRules.words }

    init(_ graph: DecisionGraph) {
        var sentiment = Ring.none
        var confidence = Ring.none
        var sums: [RunningSum] = []
        var windows: [WindowPlan] = []
        var stickyIndex: [Int?] = []
        var resultTracks: [Int] = []
        var sentimentTurns = 0
        var confidenceTurns = 0
        for window in graph.windows {
            guard case .signal(let signal) = window.source else { continue }
            if signal == .sentiment { sentimentTurns = max(sentimentTurns, window.turns) }
            if signal == .confidence { confidenceTurns = max(confidenceTurns, window.turns) }
        }
        var words = 0
        if sentimentTurns > 0 {
            sentiment = Ring(offset: words, length: sentimentTurns)
            words += (sentimentTurns + 3) / 4
        }
        if confidenceTurns > 0 {
            confidence = Ring(offset: words, length: confidenceTurns)
            words += (confidenceTurns + 3) / 4
        }
        let ring = { (signal: TurnSignal) in signal == .sentiment ? sentiment : (signal == .confidence ? confidence : .none) }
        for window in graph.windows {
            switch (window.aggregate, window.source) {
            case (.avg, .signal(let signal)), (.sum, .signal(let signal)):
                let index = Self.sumIndex(&sums, &words, signal: signal, turns: window.turns, weighted: false)
                windows.append(.sum(word: sums[index].word, signal: signal))
            case (.trend, .signal(let signal)):
                let index = Self.sumIndex(&sums, &words, signal: signal, turns: window.turns, weighted: true)
                windows.append(.trend(sumWord: sums[index].word, weightedWord: sums[index].weightedWord ?? 0, signal: signal))
            case (.min, .signal(let signal)), (.max, .signal(let signal)):
                windows.append(.scan(ring: ring(signal)))
            case (_, .track(let track)):
                windows.append(.bits(word: track))  // the track's index until the tracks are placed, below
            case (.count, .signal(let signal)), (.consecutive, .signal(let signal)):
                // Not produced by the compiler; read as a scan so the layout stays total.
                windows.append(.scan(ring: ring(signal)))
            }
        }
        let trackOffset = words
        let trackCount = graph.tracks.count
        windows = windows.map { plan in
            if case .bits(let track) = plan { .bits(word: trackOffset + track) } else { plan }
        }
        words += trackCount
        let stickyOffset = words
        var stickyCount = 0
        for track in graph.tracks {
            stickyIndex.append(track.sticky ? stickyCount : nil)
            if track.sticky { stickyCount += 1 }
        }
        words += (stickyCount + 63) / 64
        let phraseOffset = words
        // Room for a list per pattern too (`PhraseSetMatcher.patternLists`).
        let phraseWords = (graph.phraseLists.count + graph.patterns.count + 63) / 64
        words += phraseWords
        let patternOffset = words
        let patternWords = (graph.patterns.count + 63) / 64
        words += 2 * patternWords
        let fixedRules = TurnFixedRules(graph)
        let fixedOffset = words
        words += fixedRules.words
        let wordCount = words
        for (index, track) in graph.tracks.enumerated() where graph[track.node].features.contains(.turnResults) {
            resultTracks.append(index)
        }
        let eagerSentiment = sentimentTurns > 0
            || graph.tracks.contains { graph[$0.node].features.contains(.sentiment) }
        let keepsMessage = graph.features.contains(.messageText)
        self.sentiment = sentiment
        self.confidence = confidence
        self.sums = sums
        self.windows = windows
        self.trackOffset = trackOffset
        self.trackCount = trackCount
        self.stickyOffset = stickyOffset
        self.stickyIndex = stickyIndex
        self.wordCount = wordCount
        self.resultTracks = resultTracks
        self.eagerSentiment = eagerSentiment
        self.keepsMessage = keepsMessage
        self.phraseOffset = phraseOffset
        self.phraseWords = phraseWords
        self.patternOffset = patternOffset
        self.patternWords = patternWords
        self.fixedRules = fixedRules
        self.fixedOffset = fixedOffset
    }

    private static func sumIndex(_ sums: inout [RunningSum], _ words: inout Int, signal: TurnSignal, turns: Int, weighted: Bool) -> Int {
        if let index = sums.firstIndex(where: { $0.signal == signal && $0.turns == turns }) {
            if weighted, sums[index].weightedWord == nil {
                sums[index].weightedWord = words
                words += 1
            }
            return index
        }
        sums.append(RunningSum(signal: signal, turns: turns, word: words, weightedWord: weighted ? words + 1 : nil))
        words += weighted ? 2 : 1
        return sums.count - 1
    }

    func ring(for signal: TurnSignal) -> Ring {
        signal == .sentiment ? sentiment : (signal == .confidence ? confidence : .none)
    }
}
