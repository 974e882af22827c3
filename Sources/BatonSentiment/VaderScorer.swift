public import BatonCore

/// VADER sentiment scoring (Hutto & Gilbert, ICWSM 2014): lexicon valences
/// adjusted by boosters and dampeners, negation, ALL CAPS, `!` and `?`,
/// "but", "least", "kind of", idioms and emoji, normalised into a compound
/// score in −1…+1.
///
/// With the bundled lexicon the scores are vaderSentiment 3.3.2's
/// `polarity_scores`, rounded the same way (`neg`, `neu`, `pos` to three
/// decimals, `compound` to four), quirks included. With overrides
/// (`Lexicon.overriding(_:)`) the same rules run over the changed lexicon.
///
/// The scorer is a value with no mutable state: share one across threads.
/// Scoring makes no heap allocation per word; short messages use stack
/// buffers only.
///
/// ```swift
/// let scorer = VaderScorer()
/// scorer.compound("The agent was VERY helpful, thanks!")  // 0.8399
/// scorer.compound("Not good at all :(")                   // -0.6492
/// scorer.compound("The package NEVER arrived!!")          // 0.0: no lexicon word
///
/// let shop = VaderScorer(lexicon: .bundled.overriding([
///     LexiconOverride(phrase: "never arrived", valence: -2.6),
/// ]))
/// shop.compound("The package NEVER arrived!!")            // -0.6351
/// ```
public struct VaderScorer: SentimentScoring {
    /// The lexicon this scorer reads.
    public let lexicon: Lexicon

    /// A scorer that agrees with vaderSentiment 3.3.2 (the bundled lexicon, no overrides).
    public init() {
        self.init(lexicon: .bundled)
    }

    /// A scorer over `lexicon`, typically the bundled one with domain overrides.
    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// Scores one message. Any string gives finite scores; a message with no
    /// words (empty, whitespace only) scores `SentimentScores.neutral`.
    public func scores(_ text: String) -> SentimentScores {
        var text = text
        return text.withUTF8 { score(utf8: $0) }
    }

    /// `scores(text).compound`, without computing the proportions.
    public func compound(_ text: String) -> Double {
        var text = text
        return text.withUTF8 { score(utf8: $0, compoundOnly: true) }.compound
    }

    /// With `compoundOnly`, `neg`, `neu` and `pos` are left 0.
    func score(utf8 text: UnsafeBufferPointer<UInt8>, compoundOnly: Bool = false) -> SentimentScores {
        let storage = lexicon.storage
        return withExtendedLifetime(storage) {
            guard Self.containsNonASCII(text) else {
                // Most chat messages: a copy with space padding lets the
                // tokeniser read whole lanes past the last word.
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count + Tokenizer.padding) { padded in
                    let base = padded.baseAddress!
                    if let source = text.baseAddress { base.initialize(from: source, count: text.count) }
                    (base + text.count).initialize(repeating: 0x20, count: Tokenizer.padding)
                    return score(words: UnsafeBufferPointer(start: base, count: text.count), padded: true, storage, compoundOnly: compoundOnly)
                }
            }
            if let length = storage.emoji.expandedLength(of: text) {
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
                    let written = storage.emoji.expand(text, into: buffer)
                    return score(words: UnsafeBufferPointer(rebasing: buffer[0..<written]), padded: false, storage, compoundOnly: compoundOnly)
                }
            }
            return score(words: text, padded: false, storage, compoundOnly: compoundOnly)
        }
    }

    /// Scores text whose emoji are already replaced by their descriptions.
    /// `padded` text is ASCII followed by `Tokenizer.padding` spaces.
    private func score(
        words text: UnsafeBufferPointer<UInt8>, padded: Bool, _ storage: LexiconStorage, compoundOnly: Bool
    ) -> SentimentScores {
        // Every word takes at least one byte and one separator.
        let capacity = text.count / 2 + 1
        return withUnsafeTemporaryAllocation(of: Token.self, capacity: capacity) { tokens in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Tokenizer.scratchCount(storage.words)) { scratch in
                let tokens = tokens.baseAddress!
                let tokenized = padded
                    ? Tokenizer.tokenizeASCII(
                        text.baseAddress!, count: text.count, words: storage.words, into: tokens, scratch: scratch.baseAddress!)
                    : Tokenizer.tokenize(text, words: storage.words, into: tokens, scratch: scratch)
                var count = tokenized.count
                guard count > 0 else { return .neutral }
                let entries = storage.words.entries.baseAddress!
                if !storage.phrases.isEmpty {
                    count = storage.phrases.collapse(tokens, count: count, entries: entries)
                }
                var allCaps = 0
                var butIndex = -1
                for index in 0..<count {
                    if tokens[index].shape.isAllCaps { allCaps += 1 }
                    if butIndex < 0 && tokens[index].role == .but { butIndex = index }
                }
                let context = RuleContext(
                    tokens: tokens, count: count, entries: entries, idioms: storage.idiomBuffer,
                    capsDiffer: allCaps > 0 && allCaps < count)
                let emphasis = ScoreAggregation.punctuationEmphasis(
                    exclamations: tokenized.exclamations, questions: tokenized.questions)
                return withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { valences in
                    for index in 0..<count { valences[index] = context.valence(at: index) }
                    if butIndex >= 0 { ButRule.apply(valences, butIndex: butIndex) }
                    return ScoreAggregation.scores(UnsafeBufferPointer(valences), emphasis: emphasis, compoundOnly: compoundOnly)
                }
            }
        }
    }

    /// Eight bytes at a time: most chat messages are ASCII and skip the emoji pass.
    @inline(__always)
    static func containsNonASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= text.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return true
            }
            index += 8
        }
        while index < text.count {
            if text[index] >= 0x80 { return true }
            index += 1
        }
        return false
    }
}
