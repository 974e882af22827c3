import BatonPattern
import Testing

@Suite("FoldedText")
struct FoldedTextTests {
    @Test("folds case and diacritics", arguments: [
        ("Hello, World!", "hello, world!"),
        ("CAFÉ", "cafe"),
        ("cafe\u{301}", "cafe"),  // decomposed accent
        ("Ñandú über Ångström", "nandu uber angstrom"),
        ("ÆØÅ łódź", "æøa łodz"),  // no decomposition for æ, ø, ł
        ("Straße STRAẞE", "straße straße"),  // ß is not expanded
        ("ΣΊΣΥΦΟΣ ς", "σισυφοσ σ"),  // final sigma folds with sigma
        ("İstanbul ıi", "istanbul ii"),
        ("\u{212A}elvin \u{212B}", "kelvin a"),  // Kelvin and Angstrom signs
        ("ǅemal", "ǆemal"),
        ("Привет, МИР", "привет, мир"),
        ("שָׁלוֹם", "שלום"),  // Hebrew points dropped
        ("مَرْحَبًا", "مرحبا"),  // Arabic harakat dropped
        ("日本語 한국어", "日本語 한국어"),
        ("が か\u{3099}", "が が"),  // voiced kana kept, decomposed form recomposed
        ("can’t “quoted”", "can't \"quoted\""),
        ("👩‍💻 👍🏽", "👩‍💻 👍🏽"),
        ("\u{0}\u{7}\t\r\n", "\u{0}\u{7}\t\r\n"),
        ("", ""),
    ])
    func folds(input: String, expected: String) {
        let folded = FoldedText(input)
        #expect(folded.string == expected)
        #expect(folded.count == expected.unicodeScalars.count)
        #expect(folded.isEmpty == expected.isEmpty)
    }

    @Test("folding is idempotent")
    func idempotent() {
        let samples = ["ÉCOLE Ǆ ﬁ ᾼ ῼ ẛ ΐ", "Ωmega \u{2126}", "ὙΜΝΟΣ", "Ꭰ ꭰ", "𐐀𐐨"]
        for sample in samples {
            let once = FoldedText(sample).string
            #expect(FoldedText(once).string == once)
        }
    }

    @Test("bridged and non-contiguous strings fold the same")
    func substringInput() {
        let base = "prefix ÉTÉ suffix"
        let slice = base.dropFirst(7).prefix(3)
        #expect(FoldedText(String(slice)).string == "ete")
    }
}
