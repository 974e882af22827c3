import BatonCore
import BatonSentiment
import Foundation
import Testing

/// A message and the compound score vaderSentiment 3.3.2 gives it.
struct ScoreCase: Sendable, CustomTestStringConvertible {
    var text: String
    var compound: Double

    init(_ text: String, _ compound: Double) {
        self.text = text
        self.compound = compound
    }

    var testDescription: String { "\(text.debugDescription) → \(compound)" }
}

/// The exact-mode scorer all rule tables run against.
let exact = VaderScorer()

/// Checks one table row: exact mode must give vaderSentiment's compound to
/// the last digit it prints.
func expectReference(_ row: ScoreCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let scores = exact.scores(row.text)
    #expect(scores.compound == row.compound, "\(row.text.debugDescription)", sourceLocation: sourceLocation)
}

/// Scores are always finite and in range, whatever the input.
func expectWellFormed(_ scores: SentimentScores, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for value in [scores.neg, scores.neu, scores.pos] {
        #expect(value.isFinite && value >= 0 && value <= 1, "\(scores)", sourceLocation: sourceLocation)
    }
    #expect(scores.compound.isFinite && abs(scores.compound) <= 1, "\(scores)", sourceLocation: sourceLocation)
}

/// A file in the test bundle's `Fixtures` folder.
func fixtureURL(_ name: String) throws -> URL {
    let candidates = [
        Bundle.module.bundleURL.appendingPathComponent("Fixtures"),
        Bundle.module.resourceURL?.appendingPathComponent("Fixtures"),
        Bundle.module.resourceURL,
    ].compactMap { $0 }.map { $0.appendingPathComponent(name) }
    return try #require(candidates.first { FileManager.default.fileExists(atPath: $0.path) })
}
