/// The per-word rules of VADER: a word's lexicon valence adjusted by the
/// three words before it (boosters and dampeners, negation, "never so",
/// "without doubt", idioms), by ALL CAPS, by a preceding "no" and by "least".
///
/// Exact mode must reproduce vaderSentiment 3.3.2 number for number, including
/// its documented quirks, and each is called out where it happens: modifiers
/// and negations are only looked at when the word before them is *not* itself
/// a lexicon word; the idiom check only runs three words into a message; a
/// neutral "no" in capitals still gets the caps penalty.
struct RuleContext {
    let tokens: UnsafeMutablePointer<Token>
    let count: Int
    let entries: UnsafeMutablePointer<WordEntry>
    let idioms: UnsafeBufferPointer<Idiom>
    /// Some but not all words are ALL CAPS, so capitals mean emphasis.
    let capsDiffer: Bool

    @inline(__always) func word(_ index: Int) -> UInt32 { tokens[index].word }
    @inline(__always) func role(_ index: Int) -> WordRole { tokens[index].role }
    @inline(__always) func inLexicon(_ index: Int) -> Bool { tokens[index].flags.contains(.inLexicon) }
    @inline(__always) func isAllCaps(_ index: Int) -> Bool { tokens[index].shape.isAllCaps }

    /// The reference's `negated([word])`: a listed negation or any "n't" word.
    @inline(__always) func isNegation(_ index: Int) -> Bool {
        tokens[index].flags.contains(.negation) || tokens[index].shape.contains(.contraction)
    }

    @inline(__always) func isSoOrThis(_ index: Int) -> Bool {
        let role = role(index)
        return role == .so || role == .this
    }

    /// The valence the word at `index` contributes before the "but" rule.
    func valence(at index: Int) -> Double {
        let token = tokens[index]
        // Most words are neither sentiment words nor boosters.
        guard token.flags.contains(.inLexicon) else { return 0 }
        let entry = entries[Int(token.word)]
        // Boosters and "kind of" modify the next word instead of scoring.
        if entry.boost != 0 { return 0 }
        if entry.role == .kind && index + 1 < count && role(index + 1) == .of { return 0 }

        var valence = entry.valence
        // "no" before a sentiment word is a negation, not a sentiment.
        if entry.role == .no && index + 1 < count && inLexicon(index + 1) {
            valence = 0
        }
        if (index > 0 && role(index - 1) == .no) || (index > 1 && role(index - 2) == .no)
            || (index > 2 && role(index - 3) == .no
                && (role(index - 1) == .or || role(index - 1) == .nor))
        {
            valence = entry.valence * Vader.negationScalar
        }
        if isAllCaps(index) && capsDiffer {
            // Quirk kept: a zero valence takes the negative branch.
            if valence > 0 { valence += Vader.capsIncrement } else { valence -= Vader.capsIncrement }
        }
        for distance in 1...3 where index >= distance && !inLexicon(index - distance) {
            var scalar = boosterScalar(at: index - distance, valence: valence)
            if distance == 2 && scalar != 0 { scalar *= Vader.secondWordDamping }
            if distance == 3 && scalar != 0 { scalar *= Vader.thirdWordDamping }
            valence = valence + scalar
            valence = negationCheck(valence, distance: distance, index: index)
            if distance == 3 { valence = idiomCheck(valence, index: index) }
        }
        return leastCheck(valence, index: index)
    }

    /// The reference's `scalar_inc_dec`: a booster's push, signed like the
    /// valence it modifies, stronger in capitals.
    @inline(__always)
    func boosterScalar(at index: Int, valence: Double) -> Double {
        guard tokens[index].flags.contains(.booster) else { return 0 }
        let boost = entries[Int(tokens[index].word)].boost
        guard boost != 0 else { return 0 }
        var scalar = boost
        if valence < 0 { scalar *= -1 }
        if isAllCaps(index) && capsDiffer {
            if valence > 0 { scalar += Vader.capsIncrement } else { scalar -= Vader.capsIncrement }
        }
        return scalar
    }

    func negationCheck(_ valence: Double, distance: Int, index: Int) -> Double {
        switch distance {
        case 1:
            return isNegation(index - 1) ? valence * Vader.negationScalar : valence
        case 2:
            if role(index - 2) == .never && isSoOrThis(index - 1) {
                return valence * Vader.neverSoFactor
            }
            if role(index - 2) == .without && role(index - 1) == .doubt { return valence }
            return isNegation(index - 2) ? valence * Vader.negationScalar : valence
        default:
            // Quirk kept: Python's `a and b or c` means any "so"/"this" right
            // before the word also triggers the "never so" emphasis here.
            if (role(index - 3) == .never && isSoOrThis(index - 2)) || isSoOrThis(index - 1) {
                return valence * Vader.neverSoFactor
            }
            if role(index - 3) == .without && (role(index - 2) == .doubt || role(index - 1) == .doubt) {
                return valence
            }
            return isNegation(index - 3) ? valence * Vader.negationScalar : valence
        }
    }

    /// "least good" is negated; "at least good" and "very least good" are not.
    func leastCheck(_ valence: Double, index: Int) -> Double {
        guard index > 0, role(index - 1) == .least, !inLexicon(index - 1) else { return valence }
        if index > 1 {
            let before = role(index - 2)
            return before != .at && before != .very ? valence * Vader.negationScalar : valence
        }
        return valence * Vader.negationScalar
    }
}
