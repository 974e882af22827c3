import BatonCore
import BatonSentiment
import Testing

// Boosters and dampeners, ALL CAPS, and punctuation emphasis. Expected
// values are vaderSentiment 3.3.2's compound scores.

@Suite("Boosters, caps and punctuation")
struct ModifierTests {
    @Test(arguments: [
        ScoreCase("very good", 0.4927), ScoreCase("really good", 0.4927), ScoreCase("extremely good", 0.4927),
        ScoreCase("very bad", -0.5849), ScoreCase("so very good", 0.5379), ScoreCase("very very good", 0.5379),
        ScoreCase("incredible good", 0.4927), ScoreCase("the item was very good", 0.4927),
        ScoreCase("a very nice and very helpful agent", 0.734),
        // A booster after the word does nothing.
        ScoreCase("good very", 0.4404),
        // "super" is a lexicon word, not a booster.
        ScoreCase("super good", 0.7783),
    ])
    func boosters(_ row: ScoreCase) { expectReference(row) }

    @Test(arguments: [
        ScoreCase("kinda good", 0.3832), ScoreCase("slightly bad", -0.4951), ScoreCase("barely good", 0.3832),
        ScoreCase("hardly bad", -0.4951),
        // Two-word dampeners only count three words into a message.
        ScoreCase("kind of good", 0.4404), ScoreCase("sort of bad", -0.5423), ScoreCase("just enough good", 0.4404),
    ])
    func dampeners(_ row: ScoreCase) { expectReference(row) }

    @Test("ALL CAPS adds emphasis only when the message mixes case", arguments: [
        ScoreCase("GOOD", 0.4404), ScoreCase("it is GOOD", 0.5622), ScoreCase("IT IS GOOD", 0.4404),
        ScoreCase("it is GOOD!", 0.6027), ScoreCase("the agent was HELPFUL and kind", 0.7865),
        ScoreCase("The agent was VERY helpful", 0.5894), ScoreCase("VERY good", 0.6028),
        ScoreCase("I HATE this", -0.6633), ScoreCase("I HATE THIS", -0.5719),
        ScoreCase("NO refund", -0.4466), ScoreCase("NO", -0.296),
        ScoreCase("Not GOOD", -0.4494), ScoreCase("NOT good", -0.3412),
        // Python's str.isupper() on non-ASCII letters.
        ScoreCase("É GOOD", 0.4404), ScoreCase("Ünicode GOOD", 0.5622),
    ])
    func caps(_ row: ScoreCase) { expectReference(row) }

    @Test("! adds 0.292 each up to four; ? counts from two on", arguments: [
        ScoreCase("good!", 0.4926), ScoreCase("good!!", 0.5399), ScoreCase("good!!!", 0.5826),
        ScoreCase("good!!!!", 0.6209), ScoreCase("good!!!!!!!!", 0.6209),
        ScoreCase("good?", 0.4404), ScoreCase("good??", 0.504), ScoreCase("good???", 0.533),
        ScoreCase("good????", 0.594), ScoreCase("bad!", -0.5848), ScoreCase("bad!!!", -0.6571),
        ScoreCase("bad??", -0.594), ScoreCase("good ! !", 0.5399), ScoreCase("it's good!? really?!", 0.5919),
        // Punctuation alone, or glued to a short word, scores nothing.
        ScoreCase("ok!", 0.0), ScoreCase("ok!!", 0.0), ScoreCase("why??", 0.0), ScoreCase("!!!", 0.0),
        ScoreCase("?!?!", 0.0),
    ])
    func punctuation(_ row: ScoreCase) { expectReference(row) }
}
