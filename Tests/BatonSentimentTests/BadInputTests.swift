import BatonCore
import BatonSentiment
import Testing

/// Whatever the input, a finite score: neutral when nothing scores, never
/// NaN, never a crash. Where vaderSentiment can be asked, the score is its.
@Suite("Bad input")
struct BadInputTests {
    @Test("nothing to score gives the neutral score", arguments: [
        "", " ", "\t\n\u{00A0}\u{2003}\u{3000}", "\u{1C}\u{1D}\u{1E}\u{1F}", "\u{2028}\u{2029}\u{85}",
    ])
    func nothingToScore(_ text: String) {
        #expect(exact.scores(text) == .neutral)
    }

    @Test("invalid UTF-8 decodes to U+FFFD and scores what remains", arguments: [
        ([0xFF, 0xFE, 0x67, 0x6F, 0x6F, 0x64, 0xC3] as [UInt8], 0.0),
        (Array("good ".utf8) + [0xC0, 0xAF] + Array(" bad".utf8), -0.1531),
        ([0xED, 0xA0, 0x80, 0x20] + Array("great".utf8), 0.6249),
        ([0xF4, 0x90, 0x80, 0x80], 0.0),
    ])
    func invalidUTF8(_ pair: ([UInt8], Double)) {
        let text = String(decoding: pair.0, as: UTF8.self)
        let scores = exact.scores(text)
        expectWellFormed(scores)
        #expect(scores.compound == pair.1)
    }

    @Test("control characters, right-to-left text and bidi controls", arguments: [
        ScoreCase("good\u{0}bad", 0.0), ScoreCase("\u{7}\u{1B}[31mbad\u{1B}[0m", 0.0),
        // U+001C…U+001F and U+000B are whitespace to Python's str.split().
        ScoreCase("\u{1C}good\u{1D}bad", -0.1531), ScoreCase("\u{0B}good", 0.4404),
        ScoreCase("مرحبا، الطلب لم يصل bad", -0.5423), ScoreCase("שלום, ההזמנה הגיעה good", 0.4404),
        ScoreCase("\u{202E}bad\u{202C}", 0.0), ScoreCase("\u{200F}good\u{200F}", 0.0),
        ScoreCase("good \u{2066}bad\u{2069}", 0.4404),
    ])
    func controlsAndBidi(_ row: ScoreCase) {
        expectWellFormed(exact.scores(row.text))
        expectReference(row)
    }

    @Test("emoji with skin tones and ZWJ sequences", arguments: [
        ScoreCase("👍🏽", 0.0), ScoreCase("👩🏽‍💻 good", 0.4404), ScoreCase("🏳️‍🌈", 0.0),
        ScoreCase("👨‍👩‍👧‍👦 love", 0.6369), ScoreCase("🤷🏿‍♀️ whatever", 0.0),
    ])
    func emojiSequences(_ row: ScoreCase) {
        expectWellFormed(exact.scores(row.text))
        expectReference(row)
    }

    @Test("Unicode case mapping follows Python's str.lower() and str.isupper()", arguments: [
        // U+212A KELVIN SIGN lowercases to ASCII "k".
        ScoreCase("\u{212A}ind", 0.5267), ScoreCase("GOOD \u{212A}IND person", 0.8301),
        // Title-case letters are not upper case.
        ScoreCase("ǲood", 0.0),
        ScoreCase("good\u{FFFD}", 0.0), ScoreCase("\u{FFFD}\u{FFFD}good\u{FFFD}", 0.0),
        ScoreCase("\u{301}good", 0.0), ScoreCase("good\u{301}", 0.0),
    ])
    func unicodeCase(_ row: ScoreCase) { expectReference(row) }

    @Test("a 1 MB message")
    func megabyteMessage() {
        let sentence = "I ordered the shoes two weeks ago but they never arrived and support is useless 😡 "
        let text = String(repeating: sentence, count: 1_048_576 / sentence.utf8.count + 1)
        #expect(text.utf8.count >= 1_048_576)
        let scores = exact.scores(text)
        expectWellFormed(scores)
        #expect(scores.compound < 0)
    }

    @Test("a 1 MB word, and 1 MB of punctuation")
    func megabyteToken() {
        expectWellFormed(exact.scores(String(repeating: "a", count: 1 << 20)))
        #expect(exact.scores(String(repeating: "a", count: 1 << 20)).neu == 1)
        expectWellFormed(exact.scores(String(repeating: "!?", count: 1 << 19)))
        expectWellFormed(exact.scores(String(repeating: "good ", count: 200_000)))
        #expect(exact.scores(String(repeating: "good ", count: 200_000)).compound == 1)
    }

    @Test("many repeated valences around \"but\" take the indexed path and stay exact")
    func longButMessage() {
        let text = String(repeating: "good bad great ", count: 400) + "but " + String(repeating: "good bad ", count: 400)
        expectWellFormed(exact.scores(text))
    }
}
