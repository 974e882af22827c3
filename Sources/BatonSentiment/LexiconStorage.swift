/// Everything a scorer reads, frozen. Built once (the bundled lexicon is
/// built on first use) and shared by every scorer and thread; nothing in it
/// changes after `init`, hence `@unchecked Sendable` without locks.
final class LexiconStorage: @unchecked Sendable {
    let words: WordTable
    let emoji: EmojiTable
    let idioms: UnsafeMutableBufferPointer<Idiom>
    let phrases: PhraseTable
    /// The overrides applied on top of the source lexicon, in order.
    let overrides: [LexiconOverride]
    /// Number of words and phrases with a valence.
    let valenceCount: Int

    init(_ builder: LexiconBuilder) {
        words = WordTable(builder.words)
        emoji = builder.emoji
        idioms = .allocate(capacity: max(builder.idioms.count, 1))
        _ = idioms.initialize(from: builder.idioms)
        phrases = builder.phrases
        overrides = builder.overrides
        valenceCount = builder.words.entries.lazy.filter { $0.flags.contains(.inLexicon) }.count
        idiomCount = builder.idioms.count
    }

    private let idiomCount: Int

    /// The idioms actually stored (the buffer has at least one slot).
    var idiomBuffer: UnsafeBufferPointer<Idiom> {
        UnsafeBufferPointer(rebasing: idioms[0..<idiomCount])
    }

    deinit {
        idioms.deallocate()
    }
}

/// Assembles a lexicon: the valence entries, the VADER rule words, the
/// idioms, and any overrides.
struct LexiconBuilder {
    var words = WordTableBuilder()
    var idioms: [Idiom] = []
    var phrases = PhraseTable()
    var emoji: EmojiTable
    var overrides: [LexiconOverride] = []

    /// Starts from parsed emoji; valence entries are added with `setValence`
    /// before `addRuleWords()`.
    init(emoji: EmojiTable) {
        self.emoji = emoji
    }

    /// Reopens a frozen lexicon for overriding. Word ids stay the same, so
    /// the idioms remain valid.
    init(_ storage: LexiconStorage) {
        words = WordTableBuilder(storage.words)
        idioms = Array(storage.idiomBuffer)
        phrases = storage.phrases
        emoji = storage.emoji
        overrides = storage.overrides
    }

    /// A lexicon entry; a later entry for the same word wins, as in a Python dict.
    mutating func setValence(_ valence: Double, for key: UnsafeBufferPointer<UInt8>) {
        let id = Int(words.intern(key))
        words.entries[id].valence = valence
        words.entries[id].flags.insert(.inLexicon)
    }

    /// Interns the words VADER's rules test for and records their roles.
    mutating func addRuleWords() {
        for word in Vader.negations {
            words.entries[Int(words.intern(word))].flags.insert(.negation)
        }
        for word in Vader.boosters {
            let id = Int(words.intern(word))
            words.entries[id].boost = Vader.boosterIncrement
            words.entries[id].flags.insert(.booster)
        }
        for word in Vader.dampeners {
            let id = Int(words.intern(word))
            words.entries[id].boost = Vader.boosterDecrement
            words.entries[id].flags.insert(.booster)
        }
        for (word, role) in WordRole.words {
            words.entries[Int(words.intern(word))].role = role
        }
        for (phrase, valence) in Vader.specialCases {
            addIdiom(phrase, kind: .replace, valence: valence)
        }
        for phrase in Vader.dampenerBigrams {
            addIdiom(phrase, kind: .add, valence: Vader.boosterDecrement)
        }
    }

    private mutating func addIdiom(_ phrase: [String], kind: Idiom.Kind, valence: Double) {
        let ids = phrase.map { words.intern($0) }
        for id in ids { words.entries[Int(id)].flags.insert(.idiomWord) }
        words.entries[Int(ids[0])].flags.insert(.idiomStart)
        idioms.append(Idiom(
            words: (ids[0], ids[1], ids.count > 2 ? ids[2] : 0),
            count: ids.count, kind: kind, valence: valence))
    }

    /// Applies one override; returns false (changing nothing) when it has a
    /// `problem`.
    @discardableResult
    mutating func apply(_ override: LexiconOverride) -> Bool {
        guard override.problem == nil else { return false }
        let parts = PhraseNormalizer.words(of: override.phrase)
        let ids = parts.map { part in part.withUnsafeBufferPointer { words.intern($0) } }
        let entry: UInt32
        if ids.count == 1 {
            entry = ids[0]
        } else {
            // A phrase entry's key joins its words with a space, which no
            // single token can contain, so only the phrase matcher reaches it.
            let key = Array(parts.joined(separator: [0x20]))
            entry = key.withUnsafeBufferPointer { words.intern($0) }
            words.entries[Int(ids[0])].flags.insert(.phraseStart)
            phrases.insert(PhraseTable.Phrase(words: ids, entry: entry))
        }
        if override.valence == 0 {
            words.entries[Int(entry)].flags.remove(.inLexicon)
            words.entries[Int(entry)].valence = 0
        } else {
            words.entries[Int(entry)].flags.insert(.inLexicon)
            words.entries[Int(entry)].valence = override.valence
        }
        overrides.append(override)
        return true
    }

    func freeze() -> LexiconStorage {
        LexiconStorage(self)
    }
}
