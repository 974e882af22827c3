import BatonPattern
import Testing

@Suite("Pattern matching")
struct PatternMatchingTests {
    @Test("matches", arguments: [
        // Literals and alternation.
        ("charged (twice|two times)", "I was charged two times!", true),
        ("charged (twice|two times)", "I was CHARGED TWICE", true),
        ("charged (twice|two times)", "charged once", false),
        ("a|b|c", "zzc", true),
        ("a|b|c", "xyz", false),
        ("refund", "", false),
        // Case and diacritic insensitivity, on both sides.
        ("cafe", "CAFÉ", true),
        ("café", "cafe", true),
        ("CAFÉ", "un café au lait", true),
        ("e\u{301}te", "ÉTÉ", true),
        ("naïve", "NAIVE", true),
        ("straße", "STRAẞE", true),
        ("straße", "strasse", false),  // ß is not expanded to ss
        ("σ", "ς", true),
        ("мир", "МИР", true),
        ("שלום", "שָׁלוֹם", true),
        ("が", "か\u{3099}", true),
        ("か", "が", false),
        ("can't", "I can’t log in", true),
        // Classes and escapes.
        ("[a-z]+[0-9]{3}", "order ABC123", true),
        ("[A-Z]", "x", true),
        ("[À-Ö]", "e", true),  // folded members join the class
        ("[^a-z]", "ABC", false),
        ("[^a-z]", "abc1", true),
        ("[^é]", "E", false),
        (#"[\w-]+@"#, "e-mail@", true),
        ("[.]", "a", false),
        (#"\."#, "a", false),
        (#"\."#, "a.b", true),
        (#"\d{4}"#, "order 2024", true),
        (#"\d"#, "٣", true),  // Arabic-Indic digit
        (#"\d"#, "three", false),
        (#"\D"#, "123", false),
        (#"a\sb"#, "a\u{00A0}b", true),  // no-break space
        (#"a\Sb"#, "a b", false),
        (#"\w+"#, "!!!", false),
        (#"\w"#, "日", true),
        (#"\W"#, "abc", false),
        (#"\(\$5\)"#, "pay ($5) now", true),
        (#"a\nb"#, "a\nb", true),
        (#"a\{2\}"#, "a{2}", true),
        // Dot matches everything, newlines included.
        ("a.c", "a\nc", true),
        ("a.c", "ac", false),
        ("charged.*twice", "charged me\ntwice", true),
        // Quantifiers.
        ("colou?r", "color", true),
        ("colou?r", "colour", true),
        ("ab{2,3}c", "abbbc", true),
        ("ab{2,3}c", "abbbbc", false),
        ("ab{2,3}c", "abc", false),
        ("ab{2,}c", "abbbbbbbbc", true),
        ("ab{3}c", "abbc", false),
        ("ab{0}c", "ac", true),
        ("(ab)+c", "ababc", true),
        ("(ab)+c", "c", false),
        ("x+?y", "xxxy", true),
        ("(?:a|b)*c", "ababbc", true),
        // Anchors.
        ("^hello", "Hello world", true),
        ("^world", "hello world", false),
        ("world$", "hello WORLD", true),
        ("hello$", "hello world", false),
        ("^$", "", true),
        ("^$", " ", false),
        ("^a|b$", "xb", true),
        ("^(a|b)$", "ab", false),
        // Word boundaries, with punctuation and other scripts.
        (#"\bagent\b"#, "an agent!", true),
        (#"\bagent\b"#, "(agent)", true),
        (#"\bagent\b"#, "agents", false),
        (#"\bagent\b"#, "reagent", false),
        (#"\bagent\b"#, "agent_x", false),
        (#"\bcafé\b"#, "un CAFÉ.", true),
        (#"\bмир\b"#, "Привет, мир!", true),
        (#"\bмир\b"#, "мировой", false),
        (#"\bnaïve\b"#, "naïveté", false),
        (#"\Bgent"#, "agent", true),
        (#"\Bagent"#, "agent", false),
        (#"\b"#, "!!", false),
        (#"\b"#, "ok", true),
        // Non-ASCII text.
        ("日本", "日本語のテキスト", true),
        ("👍", "great 👍🏽", true),
        ("👩‍💻", "dev 👩‍💻!", true),
        ("مرحبا", "مرحبا بالعالم", true),
    ] as [(String, String, Bool)])
    func matches(source: String, text: String, expected: Bool) throws {
        let pattern = try Pattern(source)
        #expect(pattern.matches(FoldedText(text)) == expected)
        #expect(pattern.matches(text) == expected)
        #expect((pattern.firstMatch(FoldedText(text)) != nil) == expected)
    }

    @Test("first match range in folded scalars", arguments: [
        ("b+", "aabbbc", 2..<5),
        ("cafe", "Un CAFÉ", 3..<7),
        ("e\u{301}", "cafe\u{301}s", 3..<4),  // the accent is folded away
        ("a|ab", "xab", 1..<2),  // leftmost-first: earlier alternatives win
        ("ab|a", "xab", 1..<3),
        (#"\bon\b"#, "onion on", 6..<8),
        ("a*b", "aaab", 0..<4),
        ("a+?", "aaa", 0..<3),  // lazy is treated as greedy
        ("^abc", "abcabc", 0..<3),
        ("abc$", "abcabc", 3..<6),
        ("x{2,3}", "xx xxxx", 0..<2),
        ("[0-9]+", "order 12345.", 6..<11),
        ("^$", "", 0..<0),
        ("cafe", "👍🏽 Café", 3..<7),  // one offset per scalar, emoji included
    ] as [(String, String, Range<Int>)])
    func firstMatch(source: String, text: String, expected: Range<Int>) throws {
        #expect(try Pattern(source).firstMatch(FoldedText(text)) == expected)
    }

    @Test("no first match", arguments: [("x", "abc"), ("^b", "ab"), ("a$", "ab")])
    func noFirstMatch(source: String, text: String) throws {
        #expect(try Pattern(source).firstMatch(FoldedText(text)) == nil)
    }

    @Test("one folded text serves many patterns")
    func sharedText() throws {
        let text = FoldedText("Hi, I was CHARGED twice for order #A-1234 — can I talk to a human?")
        let patterns = try [#"charged (twice|two times)"#, #"#[a-z]-\d+"#, #"\b(human|person)\b"#, "refund"]
            .map(Pattern.init)
        #expect(patterns.map { $0.matches(text) } == [true, true, true, false])
    }
}
