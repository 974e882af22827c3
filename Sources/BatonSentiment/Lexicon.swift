/// A VADER sentiment lexicon: word and emoticon valences, the emoji
/// descriptions, and any domain overrides.
///
/// `Lexicon.bundled` is vaderSentiment 3.3.2's lexicon, loaded once from the
/// package's resources. Overrides produce a new lexicon and leave the
/// original untouched:
///
/// ```swift
/// let shop = Lexicon.bundled.overriding([
///     LexiconOverride(phrase: "chargeback", valence: -2.4),
///     LexiconOverride(phrase: "never arrived", valence: -2.6),
/// ])
/// let scorer = VaderScorer(lexicon: shop)
/// ```
///
/// A lexicon is immutable and cheap to copy; one instance can serve any
/// number of scorers on any number of threads.
public struct Lexicon: Sendable {
    let storage: LexiconStorage

    init(storage: LexiconStorage) {
        self.storage = storage
    }

    /// vaderSentiment 3.3.2's lexicon and emoji descriptions, as bundled.
    /// Loaded on first use; the files ship with the module, so failing to
    /// load them is a packaging error and stops the program with a message.
    public static let bundled: Lexicon = {
        do {
            return try loadBundled()
        } catch {
            fatalError("BatonSentiment: cannot load the bundled lexicon: \(error)")
        }
    }()

    /// The same lexicon with `entries` applied in order (a later entry for the
    /// same word or phrase wins). Entries with a `problem` are skipped;
    /// check `LexiconOverride.problem` to report them.
    public func overriding(_ entries: [LexiconOverride]) -> Lexicon {
        guard !entries.isEmpty else { return self }
        var builder = LexiconBuilder(storage)
        for entry in entries { builder.apply(entry) }
        return Lexicon(storage: builder.freeze())
    }

    /// The overrides applied on top of the source lexicon, in order. Empty
    /// for the bundled lexicon, whose scores are exactly vaderSentiment's.
    public var overrides: [LexiconOverride] { storage.overrides }

    /// Number of words, emoticons and phrases that carry a valence.
    public var count: Int { storage.valenceCount }

    /// Number of emoji with a description.
    public var emojiCount: Int { storage.emoji.count }

    /// Bytes held by the lexicon's tables.
    public var byteCount: Int {
        storage.words.byteCount + storage.emoji.byteCount
    }

    /// The valence of a word or phrase as it would be looked up in a message
    /// (case-insensitively, outer punctuation stripped), or nil when it has
    /// none.
    public func valence(of phrase: String) -> Double? {
        let parts = PhraseNormalizer.words(of: phrase)
        guard !parts.isEmpty else { return nil }
        let key = parts.count == 1 ? parts[0] : Array(parts.joined(separator: [0x20]))
        let id = key.withUnsafeBufferPointer { key in
            storage.words.lookup(key)
        }
        let entry = storage.words.entries[Int(id)]
        return entry.flags.contains(.inLexicon) ? entry.valence : nil
    }
}

extension Lexicon {
    /// Calls `body` with every word, emoticon and phrase that has a valence,
    /// in no particular order. Phrases are given as their lowercased words
    /// joined by single spaces. Meant for tooling (listing, linting, benches),
    /// not for scoring.
    public func forEachEntry(_ body: (_ phrase: String, _ valence: Double) throws -> Void) rethrows {
        let words = storage.words
        for entry in words.entries where entry.flags.contains(.inLexicon) {
            let start = Int(entry.keyStart)
            let key = UnsafeBufferPointer(rebasing: words.keys[start..<start + Int(entry.keyLength)])
            try body(String(decoding: key, as: UTF8.self), entry.valence)
        }
    }
}
