// The published constants and word lists of VADER (Hutto & Gilbert, ICWSM
// 2014), as released in vaderSentiment 3.3.2. The numbers are the paper's
// empirically derived mean intensity changes; the lists are the ones the
// reference implementation ships, kept verbatim because exact agreement with
// it is the contract of the default mode.

/// Constants of the VADER method.
enum Vader {
    /// Intensity added (or removed) by a booster word such as "very".
    static let boosterIncrement = 0.293
    /// Intensity removed by a dampener word such as "slightly".
    static let boosterDecrement = -0.293
    /// Intensity added by writing a sentiment word in ALL CAPS in a mixed-case message.
    static let capsIncrement = 0.733
    /// Factor applied to a valence in the scope of a negation.
    static let negationScalar = -0.74
    /// Intensity per `!`, counted for at most four of them.
    static let exclamationIncrement = 0.292
    static let maxExclamations = 4
    /// Intensity per `?` when there are two or three of them.
    static let questionIncrement = 0.18
    /// Intensity for four or more `?`.
    static let questionCap = 0.96
    /// Normalisation constant: compound = sum / sqrt(sum² + alpha).
    static let alpha = 15.0
    /// A modifier two words away counts 95%, three words away 90%.
    static let secondWordDamping = 0.95
    static let thirdWordDamping = 0.9
    /// "never so good", "never this good": negation turned emphasis.
    static let neverSoFactor = 1.25
    /// Words before "but" count half, words after it one and a half.
    static let beforeButFactor = 0.5
    static let afterButFactor = 1.5

    /// Single-word negations. vaderSentiment also treats any word containing
    /// "n't" as a negation; that test is done per token.
    static let negations: [String] = [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ]

    /// Degree adverbs that intensify the following sentiment word.
    static let boosters: [String] = [
        "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
        "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially",
        "exceptional", "exceptionally", "extreme", "extremely", "fabulously", "flipping",
        "flippin", "frackin", "fracking", "fricking", "frickin", "frigging", "friggin",
        "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly",
        "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more",
        "most", "particularly", "purely", "quite", "really", "remarkably", "so",
        "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously",
        "uber", "unbelievably", "unusually", "utter", "utterly", "very",
    ]

    /// Degree adverbs that dampen the following sentiment word.
    static let dampeners: [String] = [
        "almost", "barely", "hardly", "kinda", "kindof", "kind-of", "less", "little",
        "marginal", "marginally", "occasional", "occasionally", "partly", "scarce",
        "scarcely", "slight", "slightly", "somewhat", "sorta", "sortof", "sort-of",
    ]

    /// Two-word dampeners, recognised only by the idiom rule (three words
    /// before a sentiment word), exactly as the reference does.
    static let dampenerBigrams: [[String]] = [["just", "enough"], ["kind", "of"], ["sort", "of"]]

    /// Idioms and special phrases containing lexicon words; the phrase's
    /// valence replaces the word's. ("badass" is listed by the reference too
    /// but, being one word, its idiom check can never match it.)
    static let specialCases: [(words: [String], valence: Double)] = [
        (["the", "shit"], 3), (["the", "bomb"], 3), (["bad", "ass"], 1.5),
        (["bus", "stop"], 0.0), (["yeah", "right"], -2),
        (["kiss", "of", "death"], -1.5), (["to", "die", "for"], 3),
        (["beating", "heart"], 3.5),
    ]
}
