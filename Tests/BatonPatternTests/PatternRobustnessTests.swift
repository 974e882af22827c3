import BatonPattern
import BatonTestSupport
import Testing

/// Inputs that hang backtracking engines. These assert results only: the
/// Pike VM is linear by construction, so finishing at all is the point.
@Suite("Pattern robustness")
struct PatternRobustnessTests {
    static let manyAs = FoldedText(String(repeating: "a", count: 100_000))
    static let manyAsThenB = FoldedText(String(repeating: "a", count: 100_000) + "b")

    @Test("catastrophic-backtracking patterns", arguments: [
        ("(a*)*b", false, true),
        ("(a|aa)*c", false, false),
        ("(a+)+$x", false, false),
        ("(a|a)*b", false, true),
        ("(a?){50}a{50}b", false, true),
        ("(.*a){20}b", false, true),
        (#"^(\w+\s?)*!$"#, false, false),
        ("(a*)*a", true, true),
    ] as [(String, Bool, Bool)])
    func pathological(source: String, onAs: Bool, onAsThenB: Bool) throws {
        let pattern = try Pattern(source)
        #expect(pattern.matches(Self.manyAs) == onAs)
        #expect(pattern.matches(Self.manyAsThenB) == onAsThenB)
    }

    @Test("first match over a long run")
    func longRun() throws {
        #expect(try Pattern("(a|aa)*b").firstMatch(Self.manyAsThenB) == 0..<100_001)
        #expect(try Pattern("a{100}b").firstMatch(Self.manyAsThenB) == 99_900..<100_001)
    }

    @Test("a one-megabyte message")
    func megabyte() throws {
        let filler = String(repeating: "lorem ipsum dolor sit amet, ", count: 37_500)  // 1,050,000 bytes
        let text = FoldedText(filler + "I was CHARGED TWICE!")
        #expect(text.count == 1_050_020)
        #expect(try Pattern("charged (twice|two times)").matches(text))
        #expect(try Pattern(#"\bhuman\b"#).matches(text) == false)
        #expect(try Pattern("(o|r|l)+ *s.*!$").matches(text))
        #expect(try Pattern(#"\d"#).firstMatch(text) == nil)
        #expect(PhraseMatcher(phrases: ["real person", "charged twice"]).firstMatch(text) == 1)
    }

    @Test("odd Unicode text", arguments: [
        ("👩‍👩‍👧‍👦 family", #"\bfamily\b"#, true),
        ("👩‍💻", "💻", true),
        ("\u{202E}txet desrever", "reversed", false),
        ("\u{202E}txet desrever", "txet", true),
        ("שָׁלוֹם עולם", #"\bעולם$"#, true),
        ("\u{0}\u{1}\u{7F}\u{FEFF}abc", "^.{4}abc$", true),
        ("\u{301}\u{301}start", "^start", true),  // leading marks fold away
        ("\u{FFFF}\u{10FFFF}", "^..$", true),
        ("a\u{200D}b", #"a\B.\Bb"#, true),  // ZWJ is a joiner, hence a word character
        ("tab\there", #"tab\shere"#, true),
    ] as [(String, String, Bool)])
    func oddUnicode(text: String, source: String, expected: Bool) throws {
        #expect(try Pattern(source).matches(FoldedText(text)) == expected)
    }

    @Test("patterns and matchers are shared safely across tasks")
    func concurrentUse() async throws {
        let pattern = try Pattern(#"\b(human|person)\b"#)
        let phrases = PhraseMatcher(phrases: ["real person", "agent"])
        let results = await withTaskGroup(of: Bool.self) { group in
            for number in 0..<64 {
                group.addTask {
                    let text = FoldedText(number.isMultiple(of: 2) ? "a REAL PERSON \(number)" : "nobody \(number)")
                    return pattern.matches(text) == phrases.matches(text)
                        && pattern.matches(text) == number.isMultiple(of: 2)
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }

    @Test("1,000 random patterns compile or throw, and compiled ones run")
    func randomPatterns() {
        var random = SeededRandom(seed: 0xBA70)
        let pieces: [String] = [
            "a", "b", "é", "日", "👍", " ", ".", "*", "+", "?", "|", "(", ")", "(?:", "(?=", "(?<", "[", "]",
            "[^", "-", "^", "$", "{", "}", "{2}", "{1,3}", "{,", ",", "0", "9", "\\", "\\d", "\\w", "\\s",
            "\\b", "\\B", "\\1", "\\.", "\\q", "\u{301}", "\u{0}",
        ]
        let texts = ["", "a", "ab ba", "日本 👍 éé", String(repeating: "ab", count: 200)].map(FoldedText.init)
        var compiled = 0
        for _ in 0..<1_000 {
            let length = Int(random.next() % 16) + 1
            let source = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            do {
                let pattern = try Pattern(source)
                compiled += 1
                for text in texts {
                    if let range = pattern.firstMatch(text) {
                        #expect(range.upperBound <= text.count)
                        #expect(pattern.matches(text))
                    } else {
                        #expect(!pattern.matches(text))
                    }
                }
            } catch {
                #expect(!error.message.isEmpty)
                #expect(error.offset >= 0 && error.length >= 0)
                #expect(error.offset + error.length <= source.utf8.count)
            }
        }
        // The generator should exercise both outcomes.
        #expect(compiled > 50 && compiled < 950)
    }
}
