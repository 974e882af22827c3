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
        text.withUTF8Bytes { score(utf8: $0) }
    }

    /// `scores(text).compound`, without computing the proportions.
    public func compound(_ text: String) -> Double {
        text.withUTF8Bytes { score(utf8: $0, compoundOnly: true) }.compound
    }

    /// With `compoundOnly`, `neg`, `neu` and `pos` are left 0.
    func score(utf8 text: UnsafeBufferPointer<UInt8>, compoundOnly: Bool = false) -> SentimentScores {
        let storage = lexicon.storage
        return withExtendedLifetime(storage) {
            // Most chat messages are ASCII: a copy with space padding lets
            // the tokeniser read whole lanes past the last word.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count + Tokenizer.padding) { padded in
                let base = padded.baseAddress!
                let scan = Tokenizer.padASCII(text, into: base)
                if scan.isASCII {
                    return score(
                        words: UnsafeBufferPointer(start: base, count: text.count), ascii: scan.text, storage,
                        compoundOnly: compoundOnly)
                }
                if let length = storage.emoji.expandedLength(of: text) {
                    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
                        let written = storage.emoji.expand(text, into: buffer)
                        return score(
                            words: UnsafeBufferPointer(rebasing: buffer[0..<written]), ascii: nil, storage,
                            compoundOnly: compoundOnly)
                    }
                }
                return score(words: text, ascii: nil, storage, compoundOnly: compoundOnly)
            }
        }
    }

    /// Scores text whose emoji are already replaced by their descriptions.
    /// With `ascii` (what `Tokenizer.padASCII` counted), the text is ASCII
    /// followed by `Tokenizer.padding` spaces.
    private func score(
        words text: UnsafeBufferPointer<UInt8>, ascii: TokenizedText?, _ storage: LexiconStorage, compoundOnly: Bool
    ) -> SentimentScores {
        // Every word takes at least one byte and one separator.
        let capacity = text.count / 2 + 1
        return withUnsafeTemporaryAllocation(of: Token.self, capacity: capacity) { tokens in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Tokenizer.scratchCount(storage.words)) { scratch in
                let tokens = tokens.baseAddress!
                let tokenized = if let ascii {
                    Tokenizer.tokenizeASCII(
                        text.baseAddress!, count: text.count, counted: ascii, words: storage.words, into: tokens,
                        scratch: scratch.baseAddress!)
                } else {
                    Tokenizer.tokenize(text, words: storage.words, into: tokens, scratch: scratch)
                }
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
}
