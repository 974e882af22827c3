import BatonCore
import BatonSentiment
import Testing

// Expected values are vaderSentiment 3.3.2's compound scores.

@Suite("Lexicon valence and negation")
struct LexiconAndNegationTests {
    @Test(arguments: [
        ScoreCase("good", 0.4404), ScoreCase("bad", -0.5423),
        ScoreCase("The service was good.", 0.4404), ScoreCase("The service was bad.", -0.5423),
        ScoreCase("ok", 0.296), ScoreCase("OK thanks", 0.7034),
        ScoreCase(":)", 0.4588), ScoreCase(":(", -0.4404), ScoreCase("lol", 0.4215),
        ScoreCase("<3", 0.4404), ScoreCase("meh", -0.0772),
    ])
    func lexiconWords(_ row: ScoreCase) { expectReference(row) }

    @Test(arguments: [
        ScoreCase("The book was good.", 0.4404), ScoreCase("The book was not good.", -0.3412),
        ScoreCase("The book wasn't good.", -0.3412), ScoreCase("The book was never good.", -0.3412),
        ScoreCase("It isn't bad.", 0.431), ScoreCase("not good", -0.3412), ScoreCase("never good", -0.3412),
        ScoreCase("not very good", -0.3865), ScoreCase("not that good", -0.3412),
        ScoreCase("don't really like it", -0.3241),
        // The negation window is three words: "didn't" is four words back.
        ScoreCase("I didn't think it was good", 0.4404),
        ScoreCase("not at all good", -0.3412),
        ScoreCase("isnt good", -0.3412), ScoreCase("aint bad", 0.431), ScoreCase("nothing good", -0.3412),
        ScoreCase("seldom happy", -0.4585), ScoreCase("despite the good reviews", -0.3412),
        // Any word containing "n't" negates.
        ScoreCase("shouldn't've been good", -0.3412),
    ])
    func negation(_ row: ScoreCase) { expectReference(row) }

    @Test("\"never so\" and \"never this\" emphasise; \"without doubt\" is not a negation", arguments: [
        ScoreCase("without doubt good", 0.6136), ScoreCase("without a doubt good", 0.6136),
        ScoreCase("it was never so good", 0.6626), ScoreCase("it was never this bad", -0.7101),
    ])
    func negationSpecialCases(_ row: ScoreCase) { expectReference(row) }

    @Test("\"no\" is a sentiment word alone and a negation before one", arguments: [
        ScoreCase("no", -0.296), ScoreCase("no good", -0.3412), ScoreCase("no no good", -0.1326),
        ScoreCase("no problem", 0.3089), ScoreCase("there is no good or bad", 0.1139),
        ScoreCase("no refunds nor help", -0.0693),
    ])
    func no(_ row: ScoreCase) { expectReference(row) }

    @Test("negation flips the sign of a single sentiment word")
    func negationFlipsSign() {
        for word in ["good", "happy", "helpful", "bad", "broken", "terrible"] {
            let plain = exact.compound("it was \(word)")
            let negated = exact.compound("it was not \(word)")
            #expect(plain * negated < 0, "\(word): \(plain) vs \(negated)")
        }
    }
}
