import BatonCore

/// Turns per-word valences into VADER's four scores: the punctuation
/// emphasis, the compound normalisation and the pos/neu/neg proportions.
/// Operations run in the reference's order so results agree to the last bit.
enum ScoreAggregation {
    /// Emphasis from `!` (0.292 each, at most four) and from two or more `?`.
    static func punctuationEmphasis(exclamations: Int, questions: Int) -> Double {
        let exclamation = Double(min(exclamations, Vader.maxExclamations)) * Vader.exclamationIncrement
        var question = 0.0
        if questions > 1 {
            question = questions <= 3 ? Double(questions) * Vader.questionIncrement : Vader.questionCap
        }
        return exclamation + question
    }

    /// sum / sqrt(sum² + 15), clamped to [-1, 1].
    static func normalize(_ score: Double) -> Double {
        let normalized = score / (score * score + Vader.alpha).squareRoot()
        return min(max(normalized, -1), 1)
    }

    /// With `compoundOnly`, `neg`, `neu` and `pos` are left 0.
    static func scores(_ valences: UnsafeBufferPointer<Double>, emphasis: Double, compoundOnly: Bool = false) -> SentimentScores {
        guard !valences.isEmpty else { return .neutral }
        var sum = 0.0
        for valence in valences { sum += valence }
        if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
        let compound = normalize(sum)
        if compoundOnly { return SentimentScores(neg: 0, neu: 0, pos: 0, compound: PythonRound.round(compound, digits: 4)) }

        // Each sentiment word counts one more than its valence, so that it
        // weighs against the neutral words counted as one each.
        var positive = 0.0
        var negative = 0.0
        var neutral = 0
        for valence in valences {
            if valence > 0 { positive += valence + 1 }
            if valence < 0 { negative += valence - 1 }
            if valence == 0 { neutral += 1 }
        }
        if positive > abs(negative) {
            positive += emphasis
        } else if positive < abs(negative) {
            negative -= emphasis
        }
        let total = positive + abs(negative) + Double(neutral)
        return SentimentScores(
            neg: PythonRound.round(abs(negative / total), digits: 3),
            neu: PythonRound.round(abs(Double(neutral) / total), digits: 3),
            pos: PythonRound.round(abs(positive / total), digits: 3),
            compound: PythonRound.round(compound, digits: 4))
    }
}
