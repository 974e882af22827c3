import BatonCore
import BatonSentiment
import Testing

// "but", "least" and "kind of". Expected values are vaderSentiment 3.3.2's
// compound scores.

@Suite("But, least and kind of")
struct ContrastTests {
    @Test("words before \"but\" count half, after it one and a half", arguments: [
        ScoreCase("good but bad", -0.5859), ScoreCase("bad but good", 0.3818),
        ScoreCase("The plot was good, but the characters are uncompelling.", -0.1027),
        ScoreCase("good but", 0.2382), ScoreCase("but good", 0.5927), ScoreCase("good, but bad", -0.5859),
        ScoreCase("good BUT bad", -0.5859), ScoreCase("I like it but the delivery was late and bad", -0.6124),
        ScoreCase("not bad but not good", -0.2924),
    ])
    func but(_ row: ScoreCase) { expectReference(row) }

    @Test("equal valences around \"but\" reproduce the reference's first-match rescaling", arguments: [
        ScoreCase("good but good but bad", 0.0129), ScoreCase("good good but good good", 0.891),
        ScoreCase("great, but great", 0.8481),
        // The halved "nice" (0.9) equals "okay" (0.9) and is halved again; the
        // paper's rule would give 0.5023 and 0.6124.
        ScoreCase("nice but okay", 0.3291), ScoreCase("kind but ok", 0.4215),
    ])
    func butWithRepeatedValences(_ row: ScoreCase) { expectReference(row) }

    @Test(arguments: [
        ScoreCase("least good", -0.3412), ScoreCase("the least good", -0.3412), ScoreCase("at least good", 0.4404),
        ScoreCase("very least good", 0.4902), ScoreCase("at least it isn't bad", 0.431),
        ScoreCase("one of the least compelling", -0.1695), ScoreCase("least", 0.0),
    ])
    func least(_ row: ScoreCase) { expectReference(row) }

    @Test("\"kind of\" is a dampener, \"kind\" alone a positive word", arguments: [
        ScoreCase("kind of good", 0.4404), ScoreCase("it was kind of good", 0.3832), ScoreCase("kind of", 0.0),
        ScoreCase("kind", 0.5267), ScoreCase("a kind agent", 0.5267), ScoreCase("he was kind of a kind person", 0.5267),
        ScoreCase("sort of good", 0.4404), ScoreCase("kind of bad", -0.5423), ScoreCase("kinda bad", -0.4951),
        ScoreCase("the box was kind of damaged and bad", -0.7713),
    ])
    func kindOf(_ row: ScoreCase) { expectReference(row) }
}
