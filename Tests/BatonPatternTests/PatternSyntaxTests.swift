import BatonPattern
import Testing

@Suite("Pattern syntax")
struct PatternSyntaxTests {
    @Test("accepts the documented syntax", arguments: [
        "charged (twice|two times)",
        #"\b(human|person)\b"#,
        "[a-z0-9]+", "[^abc]x", "[-a]", "[a-]", #"[\w-]+"#, #"[\]\[\\]"#, "[.*+?]",
        "a{2}", "a{2,}", "a{2,3}", "xa{0,100}", "a{0}b", "a{007}", "(?:ab)+", "((a))",
        "a*?b", "a+?", "a??b", "a{1,3}?",
        #"\.\(\)\[\]\|\*\+\?\^\$\/\-\\\{\}"#, #"\n\t\r"#,
        #"\d\w\s\D\W\S"#, #"\bx\B"#, #"\b"#, "^$", "^abc$", "x|y|z", "a(|b)",
        "café", "日本語", "👩‍💻", "e\u{301}", "(a*)*b", "(a|aa)*c",
    ])
    func accepts(source: String) throws {
        let pattern = try Pattern(source)
        #expect(pattern.source == source)
    }

    @Test("rejects with a specific message and position", arguments: [
        // Empty and match-everything patterns.
        ("", "empty pattern matches every message", 0, 0),
        ("a*", "pattern can match empty text, so it matches every message", 0, 2),
        ("x|", "pattern can match empty text, so it matches every message", 0, 2),
        ("^", "pattern can match empty text, so it matches every message", 0, 1),
        ("(a?)(b?)", "pattern can match empty text, so it matches every message", 0, 8),
        (#"\B"#, "pattern can match empty text, so it matches every message", 0, 2),
        ("$|x", "pattern can match empty text, so it matches every message", 0, 3),
        // Unbalanced delimiters.
        ("(abc", "unclosed group; expected `)`", 0, 1),
        ("a(b(c)", "unclosed group; expected `)`", 1, 1),
        ("ab)", "unmatched `)`; write `\\)` to match a parenthesis", 2, 1),
        ("[abc", "unclosed character class; expected `]`", 0, 1),
        ("ab]", "unmatched `]`; write `\\]` to match a bracket", 2, 1),
        ("a}", "unmatched `}`; write `\\}` to match a brace", 1, 1),
        ("[[:alpha:]]", "`[` inside a character class must be written `\\[`", 1, 1),
        // Quantifiers.
        ("*a", "nothing to repeat before `*`; write `\\*` to match it literally", 0, 1),
        ("a|+b", "nothing to repeat before `+`; write `\\+` to match it literally", 2, 1),
        ("({2}x)", "nothing to repeat before `{2}`; write `\\{` to match it literally", 1, 3),
        ("a**", "`*` cannot follow another quantifier; put the repeated part in a group", 2, 1),
        ("a{2}{3}", "`{3}` cannot follow another quantifier; put the repeated part in a group", 4, 3),
        ("^*a", "`^` matches a position, not a character, so it cannot be repeated", 0, 2),
        (#"\b+a"#, "`\\b` matches a position, not a character, so it cannot be repeated", 0, 3),
        ("a{5,2}", "repetition `{5,2}` has a minimum greater than its maximum", 1, 5),
        ("a{101}", "repetition count `101` exceeds the limit of 100", 2, 3),
        ("a{2,500}", "repetition count `500` exceeds the limit of 100", 4, 3),
        ("a{99999999999999999999}", "repetition count `99999999999999999999` exceeds the limit of 100", 2, 20),
        ("a{x}", "invalid repetition `{x}`; expected `{n}`, `{n,}` or `{n,m}`", 1, 3),
        ("a{,3}", "invalid repetition `{,3}`; expected `{n}`, `{n,}` or `{n,m}`", 1, 4),
        ("a{3", "unclosed repetition; expected `}` or write `\\{` to match a brace", 1, 1),
        // Classes.
        ("[z-a]", "character range `z-a` is out of order", 1, 3),
        (#"x[\d-z]"#, "character range `\\d-z` needs a single character at each end; write `\\-` to match a hyphen", 2, 4),
        ("[]", "empty character class `[]`; write `\\]` to match a bracket", 0, 2),
        ("[^]a", "empty character class `[^]`; write `\\]` to match a bracket", 0, 3),
        (#"[\b]"#, "`\\b` is a position, so it cannot appear in a character class", 1, 2),
        // Escapes.
        (#"\q"#, "unknown escape `\\q`", 0, 2),
        (#"a\z"#, "unknown escape `\\z`; use `$` for the end of the message", 1, 2),
        (#"\Aa"#, "unknown escape `\\A`; use `^` for the start of the message", 0, 2),
        ("abc\\", "pattern ends with an incomplete escape `\\`", 3, 1),
        // Super-linear constructs.
        (#"(a)\1"#, "backreference `\\1` is not supported because it can take super-linear time", 3, 2),
        (#"(a)\12"#, "backreference `\\12` is not supported because it can take super-linear time", 3, 3),
        (#"(a)\k<n>"#, "backreference `\\k<n>` is not supported because it can take super-linear time", 3, 5),
        ("(?P<n>a)(?P=n)", "named group `(?P<` is not supported; use a plain group `(...)`", 0, 4),
        ("(a)(?P=n)", "backreference `(?P=` is not supported because it can take super-linear time", 3, 4),
        ("a(?=b)", "lookahead `(?=` is not supported because it can take super-linear time", 1, 3),
        ("a(?!b)", "negative lookahead `(?!` is not supported because it can take super-linear time", 1, 3),
        ("(?<=a)b", "lookbehind `(?<=` is not supported because it can take super-linear time", 0, 4),
        ("(?<!a)b", "negative lookbehind `(?<!` is not supported because it can take super-linear time", 0, 4),
        ("(?>a+)b", "atomic group `(?>` is not supported because it can take super-linear time", 0, 3),
        ("a++", "possessive quantifier `++` is not supported because it can take super-linear time", 1, 2),
        ("a*+", "possessive quantifier `*+` is not supported because it can take super-linear time", 1, 2),
        ("a{2}+", "possessive quantifier `{2}+` is not supported because it can take super-linear time", 1, 4),
        // Other group syntax.
        ("(?i)abc", "inline flags `(?i` are not supported; patterns always ignore case and accents", 0, 3),
        ("(?<name>a)", "named group `(?<` is not supported; use a plain group `(...)`", 0, 3),
        ("(?P<name>a)", "named group `(?P<` is not supported; use a plain group `(...)`", 0, 4),
        ("(?#note)a", "unknown group syntax `(?#`; use `(` or `(?:`", 0, 3),
        ("a(?", "unknown group syntax `(?`; use `(` or `(?:`", 1, 2),
        // Offsets are UTF-8 bytes.
        ("é(", "unclosed group; expected `)`", 2, 1),
        ("日本[", "unclosed character class; expected `]`", 6, 1),
        ("[é-a]", "character range `é-a` is out of order", 1, 4),
        ("👍\\q", "unknown escape `\\q`", 4, 2),
        // Size limits.
        ("x((ab){100}){100}", "pattern too large: it expands to more than 10000 steps; use smaller repetition counts", 1, 16),
        ("(a{100}b{100}){60}", "pattern too large: it expands to more than 10000 steps; use smaller repetition counts", 0, 18),
    ] as [(String, String, Int, Int)])
    func rejects(source: String, message: String, offset: Int, length: Int) {
        #expect(throws: PatternError(message: message, offset: offset, length: length)) {
            try Pattern(source)
        }
    }

    @Test("rejects sources over 4096 bytes, pointing past the limit")
    func tooLong() {
        let ascii = String(repeating: "a", count: 4097)
        #expect(throws: PatternError(message: "pattern is 4097 bytes long; the limit is 4096", offset: 4096, length: 1)) {
            try Pattern(ascii)
        }
        // A 2-byte character straddling the limit is underlined whole.
        let straddling = String(repeating: "a", count: 4095) + "é"
        #expect(throws: PatternError(message: "pattern is 4097 bytes long; the limit is 4096", offset: 4095, length: 2)) {
            try Pattern(straddling)
        }
        #expect(throws: Never.self) { try Pattern(String(repeating: "a", count: 4096)) }
    }

    @Test("rejects nesting deeper than 100 groups")
    func tooDeep() throws {
        let deep = String(repeating: "(", count: 101) + "a" + String(repeating: ")", count: 101)
        #expect(throws: PatternError(message: "groups are nested more than 100 deep", offset: 100, length: 1)) {
            try Pattern(deep)
        }
        let allowed = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
        _ = try Pattern(allowed)
    }

    @Test("largest repetitions within the instruction limit compile")
    func nearLimit() throws {
        _ = try Pattern("(ab{100}){97}")
        _ = try Pattern("a{100}b{100}c{100}")
    }

    @Test("equality and hashing follow the source")
    func equality() throws {
        let first = try Pattern("a+b"), second = try Pattern("a+b"), third = try Pattern("a+c")
        #expect(first == second)
        #expect(first != third)
        #expect(Set([first, second, third]).count == 2)
        #expect(first.description == "a+b")
    }
}
