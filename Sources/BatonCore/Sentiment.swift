/// VADER-style sentiment scores of one message. `neg`, `neu` and `pos` are
/// proportions that sum to about 1; `compound` is normalised into [-1, 1].
public struct SentimentScores: Sendable, Hashable, Codable {
    public var neg: Double
    public var neu: Double
    public var pos: Double
    public var compound: Double

    public init(neg: Double, neu: Double, pos: Double, compound: Double) {
        self.neg = neg
        self.neu = neu
        self.pos = pos
        self.compound = compound
    }

    /// The score of a message with nothing to score.
    public static let neutral = SentimentScores(neg: 0, neu: 0, pos: 0, compound: 0)
}

/// Anything that can score a customer message. The engine depends on this
/// protocol only, so tests can inject fixed scores.
public protocol SentimentScoring: Sendable {
    func scores(_ text: String) -> SentimentScores
    /// The compound score alone, which is what rule windows aggregate; a
    /// scorer may skip the other three.
    func compound(_ text: String) -> Double
}

extension SentimentScoring {
    public func compound(_ text: String) -> Double { scores(text).compound }
}
