import BatonCore
import BatonSentiment
import Foundation
import Testing

@Suite("Lexicon loading")
struct LexiconLoadingTests {
    @Test("the compact resource holds exactly what the text files hold")
    func compactMatchesText() throws {
        let compact = try Lexicon.loadBundled(format: .compact)
        let text = try Lexicon.loadBundled(format: .text)
        #expect(compact.count == text.count)
        #expect(compact.emojiCount == text.emojiCount)
        var fromCompact: [String: Double] = [:]
        compact.forEachEntry { fromCompact[$0] = $1 }
        var fromText: [String: Double] = [:]
        text.forEachEntry { fromText[$0] = $1 }
        #expect(fromCompact == fromText, "regenerate with scripts/sentiment/compile_lexicon.py")
        for message in ["good 😀", "❤ 💔 🤣", "I ❤ it", "😡😡 bad"] {
            #expect(VaderScorer(lexicon: compact).scores(message) == VaderScorer(lexicon: text).scores(message))
        }
    }

    @Test("the bundled lexicon is vaderSentiment 3.3.2's")
    func bundledFigures() {
        // 7,520 lines, 7,506 distinct words; 1,212 single-code-point emoji.
        #expect(Lexicon.bundled.count == 7_506)
        #expect(Lexicon.bundled.emojiCount == 1_212)
        #expect(Lexicon.bundled.valence(of: "good") == 1.9)
        // Duplicate lines: the later one wins, as in a Python dict.
        #expect(Lexicon.bundled.valence(of: "ok") == 1.2)
        #expect(Lexicon.bundled.valence(of: ":-)") == 1.3)
        #expect(Lexicon.bundled.valence(of: "no such word") == nil)
        #expect(Lexicon.bundled.byteCount < 4 << 20)
    }

    @Test("a lexicon from text in vaderSentiment's format")
    func customText() throws {
        let lexicon = try Lexicon(
            vaderLexicon: "great\t3.1\t0.5\t[3, 3]\r\nmeh\t-0.3\r\n\nmeh\t-0.5\n",
            emojiLexicon: "😀\tgreat face\n👨‍👩‍👧\tfamily\n")
        #expect(lexicon.count == 2)
        #expect(lexicon.valence(of: "meh") == -0.5)
        #expect(lexicon.emojiCount == 1)
        let scorer = VaderScorer(lexicon: lexicon)
        #expect(scorer.compound("😀") == scorer.compound("great face"))
        // The rules are still VADER's: "not" negates.
        #expect(scorer.compound("not great") < 0)
    }

    @Test("malformed files are errors, not crashes", arguments: [
        ("word-without-valence\n", "x\tdescription\n"),
        ("word\tnot-a-number\n", "x\tdescription\n"),
        ("good\t1.9\n", "no-tab-here\n"),
    ])
    func malformed(_ files: (String, String)) {
        #expect(throws: LexiconError.self) {
            try Lexicon(vaderLexicon: files.0, emojiLexicon: files.1)
        }
    }

    @Test("missing and corrupt files are reported")
    func unreadable() throws {
        #expect(throws: LexiconError.unreadable(path: "/nonexistent/lexicon.bin")) {
            try Lexicon.load(compactPath: "/nonexistent/lexicon.bin")
        }
        let url = try fixtureURL("vader-reference.jsonl")
        #expect(throws: LexiconError.malformedCompact(file: url.path)) {
            try Lexicon.load(compactPath: url.path)
        }
    }
}
