import BatonCore
import BatonSentiment
import Testing

// Idioms and special cases, and emoji replaced by their descriptions.
// Expected values are vaderSentiment 3.3.2's compound scores.

@Suite("Idioms and emoji")
struct IdiomAndEmojiTests {
    @Test("special-case idioms replace the word's valence from the fourth word on", arguments: [
        ScoreCase("this is the shit", 0.6124), ScoreCase("this product is the shit", 0.6124),
        ScoreCase("wow this is the bomb", 0.8316), ScoreCase("my new bag is the bomb", 0.6124),
        ScoreCase("that is one bad ass jacket", 0.6124), ScoreCase("oh sure yeah right", 0.5423),
        ScoreCase("this deal is the kiss of death", -0.6124), ScoreCase("a cake to die for", -0.5994),
        ScoreCase("they said it was to die for", -0.5994), ScoreCase("the bus stop was dirty", -0.296),
        ScoreCase("meet me at the bus stop bad", 0.0), ScoreCase("I feel my beating heart", 0.875),
        // Too early in the message for the idiom check.
        ScoreCase("the shit", -0.5574), ScoreCase("yeah right", 0.296), ScoreCase("my beating heart", 0.296),
        // Idioms without a lexicon word are "future work" in the reference.
        ScoreCase("cut the mustard", -0.2732), ScoreCase("under the weather", 0.0),
        ScoreCase("badass", 0.34), ScoreCase("such a badass", 0.34),
    ])
    func idioms(_ row: ScoreCase) { expectReference(row) }

    @Test("emoji score through their descriptions, one code point at a time", arguments: [
        ScoreCase("😀", 0.3612), ScoreCase("😡", 0.0), ScoreCase("good 😀", 0.6597), ScoreCase("bad 😡", -0.5423),
        ScoreCase("😀😀😀", 0.7579), ScoreCase("I love it ❤", 0.8555),
        // U+FE0F glues onto "heart" and hides it from the lexicon, as in the reference.
        ScoreCase("I love it ❤️", 0.6369),
        ScoreCase("thanks 👍", 0.4404), ScoreCase("thanks 👍🏽", 0.4404), ScoreCase("thanks👍", 0.4404),
        // No space is added after a description: "thumbs upgood".
        ScoreCase("👍good", 0.0),
        ScoreCase("💩", 0.0), ScoreCase("🤬 never again", 0.0), ScoreCase("family 👨‍👩‍👧", 0.0), ScoreCase("🇺🇸", 0.0),
        ScoreCase("1️⃣", 0.0), ScoreCase("©", 0.0), ScoreCase("‼", 0.0), ScoreCase("😂😂😂", 0.8271), ScoreCase("🙄", 0.0),
    ])
    func emoji(_ row: ScoreCase) { expectReference(row) }
}
