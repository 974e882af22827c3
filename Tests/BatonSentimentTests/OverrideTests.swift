import BatonCore
import BatonSentiment
import Foundation
import Testing

/// Domain overrides: a word or phrase given a valence behaves exactly like a
/// lexicon word of that valence, wherever the VADER rules look at it.
@Suite("Lexicon overrides")
struct OverrideTests {
    // "bad" is −2.5 and "shit" −2.6 in the bundled lexicon; overrides with the
    // same valences must score like them in any context.
    static let shop = Lexicon.bundled.overriding([
        LexiconOverride(phrase: "chargeback", valence: -2.5),
        LexiconOverride(phrase: "never arrived", valence: -2.6),
        LexiconOverride(phrase: "Arrived  Damaged!", valence: -2.0),
        LexiconOverride(phrase: "where is my order", valence: -1.5),
        LexiconOverride(phrase: "where is", valence: 3.0),
    ])
    static let scorer = VaderScorer(lexicon: shop)

    @Test("a new word scores like a lexicon word of the same valence", arguments: [
        "chargeback", "a chargeback!!", "I will file a chargeback", "not a chargeback", "very chargeback",
        "I said CHARGEBACK now", "the refund was fine but chargeback", "is it a chargeback??",
    ])
    func newWord(_ text: String) {
        let replaced = text.replacingOccurrences(of: "chargeback", with: "bad")
            .replacingOccurrences(of: "CHARGEBACK", with: "BAD")
        #expect(Self.scorer.scores(text) == exact.scores(replaced))
    }

    @Test("a phrase scores as one word at its position", arguments: [
        ("my order never arrived", "my order shit"),
        ("It NEVER ARRIVED!", "It SHIT!"),
        ("my order never arrived, but thanks", "my order shit, but thanks"),
        ("it really never arrived", "it really shit"),
        ("It hasn't arrived damaged", "It hasn't beating"),
        ("it Arrived, damaged...", "it beating..."),
    ])
    func phrase(_ pair: (String, String)) {
        #expect(Self.scorer.scores(pair.0) == exact.scores(pair.1))
    }

    @Test("the longest phrase wins, and a phrase's own words stop scoring")
    func longestMatch() {
        #expect(Self.scorer.compound("where is my order") == Self.single(-1.5))
        #expect(Self.scorer.compound("where is it") == Self.single(3.0))
        // "never" no longer negates inside the phrase.
        #expect(Self.scorer.compound("never arrived") < 0)
        #expect(exact.compound("never arrived") == 0)
    }

    @Test("changing and removing existing words")
    func changeAndRemove() {
        let lexicon = Lexicon.bundled.overriding([
            LexiconOverride(phrase: "good", valence: 1.0),
            LexiconOverride(phrase: "ok", valence: 0),
            LexiconOverride(phrase: "fine", valence: 2.0),
            LexiconOverride(phrase: "fine", valence: -1.0),
        ])
        let scorer = VaderScorer(lexicon: lexicon)
        #expect(lexicon.valence(of: "good") == 1.0)
        #expect(scorer.compound("good") == Self.single(1.0))
        #expect(lexicon.valence(of: "ok") == nil)
        #expect(scorer.scores("ok") == SentimentScores(neg: 0, neu: 1, pos: 0, compound: 0))
        // The later entry wins.
        #expect(lexicon.valence(of: "FINE") == -1.0)
        #expect(lexicon.overrides.count == 4)
    }

    @Test("a zero-valence phrase silences its words together")
    func neutralPhrase() {
        let scorer = VaderScorer(lexicon: .bundled.overriding([LexiconOverride(phrase: "no problem", valence: 0)]))
        #expect(exact.compound("no problem") > 0)
        #expect(scorer.compound("no problem") == 0)
        #expect(scorer.compound("a problem") == exact.compound("a problem"))
    }

    @Test("exact mode is untouched by overriding")
    func exactModeUnchanged() {
        _ = Self.shop
        #expect(exact.compound("I will file a chargeback") == 0)
        #expect(Lexicon.bundled.overrides.isEmpty)
        #expect(Lexicon.bundled.valence(of: "chargeback") == nil)
        let unchanged = VaderScorer(lexicon: .bundled.overriding([]))
        for text in ["good but bad", "NOT good!!", "the shit is the bomb", "😀 kind of great"] {
            #expect(unchanged.scores(text) == exact.scores(text))
        }
    }

    @Test("overrides with a problem are reported and skipped", arguments: [
        (LexiconOverride(phrase: "  ", valence: 1), LexiconOverride.Problem.emptyPhrase),
        (LexiconOverride(phrase: "!!!", valence: 1), nil),
        (LexiconOverride(phrase: "x", valence: .nan), .nonFiniteValence),
        (LexiconOverride(phrase: "x", valence: -.infinity), .nonFiniteValence),
        (LexiconOverride(phrase: "x", valence: 4.5), .valenceOutOfRange(4.5)),
        (LexiconOverride(phrase: "a b c d e f g h i", valence: 1), .tooLong),
        (LexiconOverride(phrase: String(repeating: "x", count: 65), valence: 1), .tooLong),
    ])
    func problems(_ pair: (LexiconOverride, LexiconOverride.Problem?)) {
        #expect(pair.0.problem == pair.1)
        if pair.1 != nil {
            let lexicon = Lexicon.bundled.overriding([pair.0])
            #expect(lexicon.overrides.isEmpty)
            #expect(lexicon.count == Lexicon.bundled.count)
        }
    }

    @Test("lexicon introspection lists phrases")
    func introspection() {
        var phrases: [String: Double] = [:]
        Self.shop.forEachEntry { phrase, valence in
            if phrase.contains(" ") || phrase == "chargeback" { phrases[phrase] = valence }
        }
        #expect(phrases["chargeback"] == -2.5)
        #expect(phrases["never arrived"] == -2.6)
        #expect(phrases["arrived damaged"] == -2.0)
        #expect(Self.shop.valence(of: "Never  ARRIVED") == -2.6)
        #expect(Self.shop.count == Lexicon.bundled.count + 5)
    }

    /// The compound of a message made of one word of `valence`.
    static func single(_ valence: Double) -> Double {
        let raw = valence / (valence * valence + 15).squareRoot()
        return (raw * 10_000).rounded() / 10_000
    }
}
