import BatonCore
import BatonSentiment
import Foundation
import Testing

/// Exact mode against vaderSentiment 3.3.2 on 2,500 messages of our own
/// making (`scripts/sentiment/make_reference.sh` regenerates the table).
@Suite("Agreement with vaderSentiment 3.3.2")
struct ReferenceTableTests {
    struct Reference: Decodable {
        var text: String
        var neg: Double
        var neu: Double
        var pos: Double
        var compound: Double
    }

    /// Messages allowed to disagree, by exact text, each with its reason.
    /// Empty: exact mode matches the reference on every message of the
    /// table. A new mismatch fails the suite until it is fixed or listed here.
    static let allowedMismatches: [String: String] = [:]

    static func references() throws -> [Reference] {
        let data = try Data(contentsOf: try fixtureURL("vader-reference.jsonl"))
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { try decoder.decode(Reference.self, from: Data($0)) }
    }

    @Test("compound within 0.001 for at least 99.5% of the table, every exception listed")
    func compoundAgreement() throws {
        let references = try Self.references()
        #expect(references.count >= 2_000)
        let scorer = VaderScorer()
        var mismatches: [(Reference, Double)] = []
        for reference in references {
            let compound = scorer.scores(reference.text).compound
            if abs(compound - reference.compound) > 0.001 { mismatches.append((reference, compound)) }
        }
        let agreement = Double(references.count - mismatches.count) / Double(references.count)
        #expect(agreement >= 0.995, "agreement \(agreement * 100)%")
        for (reference, compound) in mismatches where Self.allowedMismatches[reference.text] == nil {
            Issue.record("unexpected mismatch: vader \(reference.compound), baton \(compound): \(reference.text.debugDescription)")
        }
    }

    /// The engine asks for the compound score alone, on a path that skips the proportions.
    @Test("the compound-only path gives the same compound on every message, with and without overrides")
    func compoundOnlyPath() throws {
        let overridden = VaderScorer(lexicon: Lexicon.bundled.overriding([
            LexiconOverride(phrase: "refund", valence: -1.5), LexiconOverride(phrase: "never arrived", valence: -2.6),
        ]))
        for scorer in [VaderScorer(), overridden] {
            for reference in try Self.references() {
                #expect(scorer.compound(reference.text) == scorer.scores(reference.text).compound, "\(reference.text.debugDescription)")
            }
            for text in ["", "   ", "GREAT!!! 😀 but not really???", "It never arrived, I want a refund ASAP"] {
                #expect(scorer.compound(text) == scorer.scores(text).compound, "\(text.debugDescription)")
            }
        }
    }

    @Test("neg, neu, pos and compound are identical, not just close")
    func allScoresIdentical() throws {
        let scorer = VaderScorer()
        var different = 0
        for reference in try Self.references() where Self.allowedMismatches[reference.text] == nil {
            let scores = scorer.scores(reference.text)
            if scores.neg != reference.neg || scores.neu != reference.neu || scores.pos != reference.pos
                || scores.compound != reference.compound
            {
                different += 1
                if different <= 20 {
                    Issue.record("\(reference.text.debugDescription): expected \(reference), got \(scores)")
                }
            }
        }
        #expect(different == 0)
    }

    @Test("the table covers the rules it is meant to exercise")
    func tableCoverage() throws {
        let texts = try Self.references().map { $0.text.lowercased() }
        for needle in ["but", "not ", "least", "kind of", "!", "??", "the shit", "no "] {
            #expect(texts.contains { $0.contains(needle) }, "no message contains \(needle.debugDescription)")
        }
        #expect(texts.contains { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
        #expect(texts.contains { $0.utf8.count > 1_000 })
    }
}
