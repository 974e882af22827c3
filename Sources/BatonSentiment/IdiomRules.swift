extension RuleContext {
    /// Special-case idioms ("the shit", "kiss of death", "yeah right") replace
    /// the valence of the word they contain; the two-word dampeners ("kind
    /// of", "sort of", "just enough") right before it reduce it.
    ///
    /// As in the reference this runs only from the fourth word on, and only
    /// when the word three places back is not a lexicon word, because it is
    /// part of the third step of the modifier loop.
    func idiomCheck(_ valence: Double, index: Int) -> Double {
        guard hasIdiomWord(around: index) else { return valence }
        let w0 = word(index)
        let w1 = word(index - 1)
        let w2 = word(index - 2)
        let w3 = word(index - 3)
        var valence = valence
        // The reference tries these windows in this order and stops at the
        // first hit; the forward windows below may then override it.
        if let replaced = replacement(w1, w0) ?? replacement(w2, w1, w0) ?? replacement(w2, w1)
            ?? replacement(w3, w2, w1) ?? replacement(w3, w2)
        {
            valence = replaced
        }
        if count - 1 > index, let replaced = replacement(w0, word(index + 1)) {
            valence = replaced
        }
        if count - 1 > index + 1, let replaced = replacement(w0, word(index + 1), word(index + 2)) {
            valence = replaced
        }
        // Three-word windows never match a two-word dampener; kept for fidelity.
        valence += dampening(w3, w2, w1)
        valence += dampening(w3, w2)
        valence += dampening(w2, w1)
        return valence
    }

    /// Whether any word the idiom check looks at belongs to an idiom; almost
    /// always false, which skips the window comparisons.
    @inline(__always)
    private func hasIdiomWord(around index: Int) -> Bool {
        let last = min(index + 2, count - 1)
        for position in (index - 3)...last where tokens[position].flags.contains(.idiomWord) {
            return true
        }
        return false
    }

    @inline(__always)
    private func startsIdiom(_ word: UInt32) -> Bool {
        entries[Int(word)].flags.contains(.idiomStart)
    }

    private func replacement(_ a: UInt32, _ b: UInt32) -> Double? {
        guard startsIdiom(a) else { return nil }
        for idiom in idioms where idiom.kind == .replace && idiom.matches(a, b) {
            return idiom.valence
        }
        return nil
    }

    private func replacement(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> Double? {
        guard startsIdiom(a) else { return nil }
        for idiom in idioms where idiom.kind == .replace && idiom.matches(a, b, c) {
            return idiom.valence
        }
        return nil
    }

    private func dampening(_ a: UInt32, _ b: UInt32) -> Double {
        guard startsIdiom(a) else { return 0 }
        for idiom in idioms where idiom.kind == .add && idiom.matches(a, b) { return idiom.valence }
        return 0
    }

    private func dampening(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> Double {
        guard startsIdiom(a) else { return 0 }
        for idiom in idioms where idiom.kind == .add && idiom.matches(a, b, c) { return idiom.valence }
        return 0
    }
}
