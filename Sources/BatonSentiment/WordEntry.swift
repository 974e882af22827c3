/// What the scorer knows about one interned word. Every word the rules care
/// about — lexicon words, boosters, negations, the function words the rules
/// test for ("but", "least", "kind", …) and the words of idioms and override
/// phrases — has exactly one entry, so a token is resolved by a single hash
/// lookup and the rules compare small integers instead of strings.
struct WordEntry {
    /// Lexicon valence; meaningful only when `flags` contains `.inLexicon`.
    var valence: Double
    /// Booster (+0.293) or dampener (−0.293) scalar; 0 for other words.
    var boost: Double
    /// The key's bytes are `keys[keyStart ..< keyStart + keyLength]`.
    var keyStart: UInt32
    var keyLength: UInt32
    /// High bits of the key's hash, compared before the bytes.
    var tag: UInt32
    var flags: WordFlags
    var role: WordRole

    /// Entry 0: any word the table does not know. All zero, so the rules need
    /// no special case for unknown words.
    static let unknown = WordEntry(
        valence: 0, boost: 0, keyStart: 0, keyLength: 0, tag: 0, flags: [], role: .none)
}

struct WordFlags: OptionSet {
    let rawValue: UInt8
    /// In the valence lexicon (the reference's `word in self.lexicon`).
    static let inLexicon = WordFlags(rawValue: 1)
    /// In the reference's list of negation words.
    static let negation = WordFlags(rawValue: 2)
    /// Part of a special-case idiom or a two-word dampener.
    static let idiomWord = WordFlags(rawValue: 4)
    /// First word of at least one multi-word override phrase.
    static let phraseStart = WordFlags(rawValue: 8)
    /// First word of an idiom or two-word dampener; a window starting with
    /// any other word cannot match one.
    static let idiomStart = WordFlags(rawValue: 16)
    /// A booster or dampener (`boost` is non-zero).
    static let booster = WordFlags(rawValue: 32)
}

/// Function words the VADER rules test by identity.
enum WordRole: UInt8 {
    case none, no, but, least, at, very, kind, of, never, so, this, without, doubt, or, nor

    /// The word that has each role (`none` excluded).
    static let words: [(String, WordRole)] = [
        ("no", .no), ("but", .but), ("least", .least), ("at", .at), ("very", .very),
        ("kind", .kind), ("of", .of), ("never", .never), ("so", .so), ("this", .this),
        ("without", .without), ("doubt", .doubt), ("or", .or), ("nor", .nor),
    ]
}

/// A special-case idiom or two-word dampener, as word ids.
struct Idiom {
    enum Kind: UInt8 {
        /// Replaces the valence (`SPECIAL_CASES`).
        case replace
        /// Adds to the valence (the multi-word keys of `BOOSTER_DICT`).
        case add
    }

    var words: (UInt32, UInt32, UInt32)
    var count: Int
    var kind: Kind
    var valence: Double

    @inline(__always)
    func matches(_ a: UInt32, _ b: UInt32) -> Bool {
        count == 2 && words.0 == a && words.1 == b
    }

    @inline(__always)
    func matches(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> Bool {
        count == 3 && words.0 == a && words.1 == b && words.2 == c
    }
}
