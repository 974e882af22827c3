/// Multi-word override phrases ("never arrived", "where is my order"), keyed
/// by their first word. Only words flagged `.phraseStart` consult it, so
/// messages that contain no phrase start pay one flag test per word.
struct PhraseTable: Sendable {
    struct Phrase: Sendable {
        /// Word ids, in order; at least two.
        var words: [UInt32]
        /// The entry that carries the phrase's valence.
        var entry: UInt32
    }

    /// Candidates per first word, longest first, so the longest match wins.
    private var byFirstWord: [UInt32: [Phrase]] = [:]

    var isEmpty: Bool { byFirstWord.isEmpty }


    /// Adds a phrase, replacing one with the same words.
    mutating func insert(_ phrase: Phrase) {
        var candidates = byFirstWord[phrase.words[0], default: []]
        candidates.removeAll { $0.words == phrase.words }
        candidates.append(phrase)
        candidates.sort { $0.words.count > $1.words.count }
        byFirstWord[phrase.words[0]] = candidates
    }

    /// Rewrites `tokens[0..<count]` in place so that each matched phrase
    /// becomes one token; returns the new count. Matching is greedy, left to
    /// right, longest phrase first.
    func collapse(
        _ tokens: UnsafeMutablePointer<Token>, count: Int, entries: UnsafeMutablePointer<WordEntry>
    ) -> Int {
        var read = 0
        var write = 0
        while read < count {
            let token = tokens[read]
            if token.flags.contains(.phraseStart),
                let phrase = longestMatch(tokens, at: read, count: count)
            {
                // The phrase is ALL CAPS when its words together are, and a
                // negation when one of them contains "n't", as for a word.
                var shape: CaseShape = []
                for position in read..<read + phrase.words.count {
                    shape.formUnion(tokens[position].shape)
                }
                tokens[write] = Token(word: phrase.entry, shape: shape, entry: entries[Int(phrase.entry)])
                read += phrase.words.count
            } else {
                tokens[write] = token
                read += 1
            }
            write += 1
        }
        return write
    }

    private func longestMatch(_ tokens: UnsafeMutablePointer<Token>, at start: Int, count: Int) -> Phrase? {
        guard let candidates = byFirstWord[tokens[start].word] else { return nil }
        for phrase in candidates where start + phrase.words.count <= count {
            var matched = true
            for offset in 1..<phrase.words.count where tokens[start + offset].word != phrase.words[offset] {
                matched = false
                break
            }
            if matched { return phrase }
        }
        return nil
    }
}
