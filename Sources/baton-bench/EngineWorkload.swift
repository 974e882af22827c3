import Baton
import BatonCheck
import BatonCore
import BatonSentiment

/// The benchmark's event stream: one for every rule count (its own
/// generator, so the rule count does not shift the random sequence the
/// events are drawn from).
func benchEvents(count: Int) -> [TurnEvent] {
    var generator = EngineRuleGenerator(seed: 7)
    return generator.events(count: count, words: 30, sessions: 1_000)
}

/// A generated rule set of each count, checked, with its policy for the other engines.
func generatedSets(_ counts: [Int]) throws -> [(count: Int, ruleSet: CheckedRuleSet, policy: [EngineRuleGenerator.PolicyRule], source: String)] {
    try counts.map { count in
        var generator = EngineRuleGenerator(seed: 42)
        let (source, policy) = generator.ruleSet(count: count)
        let result = Checker.check([SourceFile(path: "generated-\(count).baton", text: source)], loader: nil, lint: false)
        guard let ruleSet = result.ruleSet else { throw EngineBenchError("generated rules do not check: \(result.diagnostics.prefix(3).map(\.message))") }
        return (count, ruleSet, policy, source)
    }
}

/// A constant-time stand-in for the scorer, so evaluation is measured without sentiment.
struct LengthScorer: SentimentScoring {
    func scores(_ text: String) -> SentimentScores {
        let compound = Double(text.utf8.count % 200) / 100 - 1
        return SentimentScores(neg: 0, neu: 1, pos: 0, compound: compound)
    }
}
