import BatonCore
import BatonSentiment
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("one scorer shared by many tasks gives the same scores as one thread")
    func sharedScorer() async {
        let messages = (0..<400).map { index in
            ["good but bad \(index)", "NOT happy!!", "where is my order 😡", "kind of great, thanks"][index % 4]
        }
        let scorer = VaderScorer(lexicon: .bundled.overriding([LexiconOverride(phrase: "my order", valence: -1)]))
        let expected = messages.map(scorer.scores)
        let results = await withTaskGroup(of: (Int, [SentimentScores]).self) { group in
            for worker in 0..<8 {
                group.addTask { (worker, messages.map(scorer.scores)) }
            }
            var all: [[SentimentScores]] = []
            for await (_, scores) in group { all.append(scores) }
            return all
        }
        for scores in results { #expect(scores == expected) }
    }
}
