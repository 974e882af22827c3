/// A domain-specific valence for a word or a phrase, on VADER's −4…+4 scale,
/// such as `"chargeback" -2.4` or `"never arrived" -2.6` from a rule file's
/// `lexicon { … }` block.
///
/// Phrases are matched against the message's words after the same
/// normalisation VADER applies to single words (lowercased, outer punctuation
/// stripped), so `"never arrived"` matches "It NEVER arrived!". A matched
/// phrase counts as one sentiment word at its position: the words before it
/// can still boost or negate it, and the words inside it do not score on
/// their own.
public struct LexiconOverride: Sendable, Hashable {
    /// The word or phrase, matched case-insensitively.
    public var phrase: String
    /// Valence on VADER's scale: −4 (most negative) … +4 (most positive).
    /// Zero removes a word from the lexicon, so it scores as an unknown
    /// word; a phrase at zero makes its words neutral together ("no
    /// problem" 0 stops "no" from negating "problem").
    public var valence: Double

    /// An override of `phrase` (one word or several) to `valence`.
    public init(phrase: String, valence: Double) {
        self.phrase = phrase
        self.valence = valence
    }

    /// Why an override cannot be applied; `Lexicon.overriding(_:)` skips such
    /// entries, and callers that want to report them check `problem` first.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The phrase has no word in it.
        case emptyPhrase
        /// The valence is NaN or infinite.
        case nonFiniteValence
        /// The valence is outside −4…+4.
        case valenceOutOfRange(Double)
        /// The phrase has more than `LexiconOverride.maxWords` words, or a
        /// word longer than `LexiconOverride.maxWordBytes` bytes.
        case tooLong

        public var description: String {
            switch self {
            case .emptyPhrase: "the phrase is empty"
            case .nonFiniteValence: "the valence is not a finite number"
            case .valenceOutOfRange(let valence): "valence \(valence) is outside -4...4"
            case .tooLong:
                "the phrase is too long (at most \(LexiconOverride.maxWords) words "
                    + "of \(LexiconOverride.maxWordBytes) bytes each)"
            }
        }
    }

    /// Longest phrase, in words.
    public static let maxWords = 8
    /// Longest word of a phrase, in UTF-8 bytes.
    public static let maxWordBytes = 64

    /// The reason this override cannot be applied, or nil when it can.
    public var problem: Problem? {
        guard valence.isFinite else { return .nonFiniteValence }
        guard (-4.0...4.0).contains(valence) else { return .valenceOutOfRange(valence) }
        let words = PhraseNormalizer.words(of: phrase)
        if words.isEmpty { return .emptyPhrase }
        if words.count > Self.maxWords || words.contains(where: { $0.count > Self.maxWordBytes }) {
            return .tooLong
        }
        return nil
    }
}

/// Normalises an override phrase into the lowercased words the tokeniser
/// produces, using the tokeniser itself so both sides always agree.
enum PhraseNormalizer {
    static func words(of phrase: String) -> [[UInt8]] {
        var phrase = phrase
        return phrase.withUTF8 { text in
            var words: [[UInt8]] = []
            var index = 0
            while index < text.count {
                let space = TextRules.whitespaceLength(text, at: index)
                if space > 0 {
                    index += space
                    continue
                }
                let start = index
                while index < text.count && TextRules.whitespaceLength(text, at: index) == 0 {
                    index += 1
                }
                words.append(normalized(text, start..<index))
            }
            return words
        }
    }

    /// The lowercased, stripped bytes of one word, exactly as looked up.
    private static func normalized(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        // Lowercasing can grow a word (up to three bytes per scalar).
        let capacity = range.count * 3 + 4
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            let span = Tokenizer.normalizedSpan(text, range)
            var word = Tokenizer.WordAccumulator(scratch: buffer)
            Tokenizer.lowercase(text, span, into: &word)
            initialized = min(word.length, capacity)
        }
    }
}
