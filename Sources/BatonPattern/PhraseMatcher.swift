/// A list of phrases searched for in one pass over a message.
///
/// Matching is case- and diacritic-insensitive (both sides are folded like
/// `FoldedText`) and respects word boundaries: a phrase matches only where it
/// is not joined to surrounding letters or digits, so "agent" matches
/// "an agent!" and "agent/human" but not "agents" or "reagent". Inside a
/// phrase, any run of whitespace matches any run of whitespace in the message
/// ("speak to  a human" matches "speak to\na human"), while punctuation must
/// match exactly ("e-mail" does not match "e mail"). Phrases that are empty or
/// only whitespace never match.
///
/// The phrases are compiled into one Aho–Corasick automaton, so searching is
/// linear in the message length whatever the number of phrases, and does not
/// allocate.
public struct PhraseMatcher: Sendable, Hashable {
    /// The phrases as given.
    public let phrases: [String]
    private let automaton: PhraseAutomaton

    /// Compiles `phrases`; their order decides what `firstMatch(_:)` reports.
    public init(phrases: [String]) {
        self.phrases = phrases
        self.automaton = PhraseAutomaton(phrases.map(PhraseSymbols.of(phrase:)))
    }

    /// The index (into `phrases`) of the earliest-listed phrase that occurs in
    /// `text`, or `nil` if none does.
    public func firstMatch(_ text: FoldedText) -> Int? {
        automaton.lowestMatchingPhrase(in: text.storage, stopAtFirst: false)
    }

    /// Whether any phrase occurs in `text`.
    public func matches(_ text: FoldedText) -> Bool {
        automaton.lowestMatchingPhrase(in: text.storage, stopAtFirst: true) != nil
    }

    public static func == (lhs: PhraseMatcher, rhs: PhraseMatcher) -> Bool { lhs.phrases == rhs.phrases }

    public func hash(into hasher: inout Hasher) { hasher.combine(phrases) }
}
