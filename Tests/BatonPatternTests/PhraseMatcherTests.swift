@testable import BatonPattern
import BatonTestSupport
import Testing

@Suite("PhraseMatcher")
struct PhraseMatcherTests {
    static let human = PhraseMatcher(phrases: ["speak to a human", "real person", "agent"])

    @Test("finds phrases as whole words", arguments: [
        ("Can I speak to a human please", 0),
        ("I want a REAL PERSON!", 1),
        ("an agent!", 2),
        ("(agent)", 2),
        ("Agent.", 2),
        ("agent/human", 2),
        ("the agent's reply", 2),
        ("agents are busy", nil),
        ("reagent", nil),
        ("agent_x", nil),
        ("speak to a humanoid", nil),
        ("speak  to\ta\nhuman", 0),  // any whitespace run matches a space
        ("speak-to a human", nil),  // punctuation is not whitespace
        ("real\u{00A0}person", 1),  // no-break space is whitespace
        ("", nil),
        ("   ", nil),
        ("an agent, or a real person", 1),  // earliest-listed phrase wins
    ] as [(String, Int?)])
    func humanRequests(text: String, expected: Int?) {
        let folded = FoldedText(text)
        #expect(Self.human.firstMatch(folded) == expected)
        #expect(Self.human.matches(folded) == (expected != nil))
    }

    @Test("case, diacritics and scripts", arguments: [
        (["café crème"], "CAFE CREME please", 0),
        (["cafe"], "un café.", 0),
        (["naïve"], "naiveté", nil),
        (["мир"], "мир!", 0),
        (["мир"], "мировой", nil),
        (["שלום"], "שָׁלוֹם!", 0),
        (["退款"], "我想退款", 0),  // no spaces in Chinese: each character is a word
        (["人工客服"], "请给我人工客服！", 0),
        (["客服x"], "客服xy", nil),
        (["返金"], "返金してください", 0),
        (["can't"], "I CAN’T log in", 0),
        (["e-mail"], "my e-mail", 0),
        (["e-mail"], "my e mail", nil),
        (["#refund"], "please #refund", 0),
        (["100%"], "I'm 100% sure", 0),
        (["👍"], "great👍", 0),
    ] as [([String], String, Int?)])
    func folding(phrases: [String], text: String, expected: Int?) {
        #expect(PhraseMatcher(phrases: phrases).firstMatch(FoldedText(text)) == expected)
    }

    @Test("overlapping and nested phrases", arguments: [
        (["human being", "human"], "a human", 1),
        (["human being", "human"], "a human being", 0),
        (["a b c", "b"], "a b x", 1),
        (["abcd", "bc"], "abcd", 0),
        (["abcd", "bc"], "abce", nil),  // "bc" is not a whole word there
        (["she", "he", "hers"], "ushers", nil),
        (["she", "he", "hers"], "u she rs", 0),
        (["he", "hers"], "hers", 1),
    ] as [([String], String, Int?)])
    func overlapping(phrases: [String], text: String, expected: Int?) {
        #expect(PhraseMatcher(phrases: phrases).firstMatch(FoldedText(text)) == expected)
    }

    @Test("empty and blank phrases never match")
    func blankPhrases() {
        let matcher = PhraseMatcher(phrases: ["", "   ", "refund"])
        #expect(matcher.firstMatch(FoldedText("a refund")) == 2)
        #expect(matcher.firstMatch(FoldedText("")) == nil)
        #expect(PhraseMatcher(phrases: []).matches(FoldedText("anything")) == false)
        #expect(PhraseMatcher(phrases: [" agent "]).firstMatch(FoldedText("agent!")) == 0)
    }

    @Test("a hundred phrases give the same answers as one at a time")
    func manyPhrases() {
        let phrases = (0..<100).map { "phrase number \($0)" } + ["agent"]
        let matcher = PhraseMatcher(phrases: phrases)
        let text = FoldedText(String(repeating: "nothing to see here ", count: 500) + "phrase number 42 and phrase number 7")
        #expect(matcher.firstMatch(text) == 7)
        let oneByOne = phrases.indices.first { PhraseMatcher(phrases: [phrases[$0]]).matches(text) }
        #expect(oneByOne == 7)
    }

    @Test("equality follows the phrases")
    func equality() {
        #expect(PhraseMatcher(phrases: ["a", "b"]) == PhraseMatcher(phrases: ["a", "b"]))
        #expect(PhraseMatcher(phrases: ["a", "b"]) != PhraseMatcher(phrases: ["b", "a"]))
    }
}

@Suite struct PhraseSetMatcherTests {
    @Test func agreesWithOneMatcherPerList() {
        let lists = [["agent", "real person"], ["e-mail"], ["退款"], ["speak to  a human", "AGËNT"], [], ["  "], ["parcel late", "late"]]
        let set = PhraseSetMatcher(lists: lists)
        let messages = [
            "I want an AGËNT!", "a reagent spill", "send an e-mail", "e mail", "我想退款", "speak to\na human please",
            "my parcel is late again", "", "latest news", "agent/human", "Real   Person now",
        ]
        for message in messages {
            let folded = FoldedText(message)
            let expected = lists.indices.filter { PhraseMatcher(phrases: lists[$0]).matches(folded) }
            #expect(set.matchingLists(message) == expected, "\(message)")
        }
    }

    @Test("ASCII messages scanned without folding agree with the folded scan")
    func asciiFastPathAgrees() {
        let lists = [["agent"], ["real person", "a human"], ["e-mail", "e mail"], ["x_1"], ["late"], ["!!"], ["ok."]]
        let set = PhraseSetMatcher(lists: lists)
        let withoutByteTable = PhraseSetMatcher(lists: lists, maxASCIITable: 0)
        let pieces = ["agent", "AGENT", "Agents", "real", "person", " ", "  ", "\t", "\n", "-", "e", "mail", "x_1", "_",
                      "late", "latest", "!", "ok", ".", "a", "human", "9", "\u{7F}", "\u{1}",
                      "é", "’"]  // non-ASCII: the fast path gives up and the whole message is folded
        var random = SeededRandom(seed: 5)
        var bits = [UInt64](repeating: 0, count: 1)
        for _ in 0..<3_000 {
            let message = (0..<random.next(10)).map { _ in pieces[random.next(pieces.count)] }.joined()
            bits[0] = 0
            bits.withUnsafeMutableBufferPointer { set.scan(message, into: $0.baseAddress!) }
            let fast = bits[0]
            bits[0] = 0
            bits.withUnsafeMutableBufferPointer { withoutByteTable.scan(message, into: $0.baseAddress!) }
            #expect(fast == bits[0], "\(message.debugDescription)")
            bits[0] = 0
            bits.withUnsafeMutableBufferPointer { set.scan(FoldedText(message), into: $0.baseAddress!) }
            #expect(fast == bits[0], "\(message.debugDescription)")
        }
    }

    /// Long ASCII messages are cut into four pieces walked at once, the
    /// later ones from state 0 and walked again from the row the piece
    /// before really ended in when that differs: matches across the cuts,
    /// whitespace runs around them, phrases longer than a piece and
    /// phrases near either end must come out as from one walk over the
    /// folded text.
    @Test("Long ASCII messages walked as four pieces agree with the folded scan")
    func piecesAgree() {
        let lists = [["agent"], ["real person", "a human"], ["parcel late"], ["x_1"], ["late"], ["!!"], ["where is my order"],
                     ["ok."], ["e-mail me"], ["my parcel is still not here and nobody answers"]]
        let set = PhraseSetMatcher(lists: lists)
        let folded = PhraseSetMatcher(lists: lists, maxASCIITable: 0)
        let pieces = ["agent", "AGENT", "Agents", "real", "person", "parcel", "late", "latest", "where", "is", "my", "order",
                      " ", " ", " ", "  ", "\t", "\n ", "-", "e", "mail", "me", "x_1", "_", "!", "ok", ".", "a", "human", "9",
                      "still", "not", "here", "and", "nobody", "answers"]
        var random = SeededRandom(seed: 11)
        var cut = 0
        for round in 0..<4_000 {
            var words = (0..<(12 + random.next(90))).map { _ in pieces[random.next(pieces.count)] }
            if round % 2 == 0 {
                // A long phrase, spaced out, anywhere: often across a cut.
                words.insert(["parcel    late", "where is\n\tmy  order", "real  person", "e-mail   me",
                              "my parcel is still not here and nobody answers"][random.next(5)],
                             at: random.next(words.count + 1))
            }
            let message = words.joined()
            if message.utf8.count >= ASCIIPhraseDFA.piecesFrom { cut += 1 }
            #expect(Self.bits(set, message) == Self.bits(folded, message), "\(message.debugDescription)")
        }
        #expect(cut > 2_000)
    }

    /// A table whose offsets do not fit 16 bits keeps 32-bit entries; its
    /// scans agree with the folded scan as the 16-bit ones do.
    @Test("A matcher too large for 16-bit entries scans with 32-bit ones")
    func wideTableAgrees() throws {
        var random = SeededRandom(seed: 41)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let word = { String((0..<(3 + random.next(6))).map { _ in letters[random.next(letters.count)] }) }
        let lists = (0..<40).map { _ in (0..<2).map { _ in word() + " " + word() } }
        let set = PhraseSetMatcher(lists: lists)
        let dfa = try #require(set.asciiDFA)
        #expect(dfa.narrow.isEmpty && !dfa.wide.isEmpty)
        let small = try #require(PhraseSetMatcher(lists: [["parcel late"]]).asciiDFA)
        #expect(!small.narrow.isEmpty && small.wide.isEmpty)
        let folded = PhraseSetMatcher(lists: lists, maxASCIITable: 0)
        let phrases = lists.flatMap { $0 }
        for _ in 0..<1_500 {
            var words = (0..<(5 + random.next(40))).map { _ in random.next(4) == 0 ? phrases[random.next(phrases.count)] : word() }
            words.insert(phrases[random.next(phrases.count)], at: random.next(words.count + 1))
            let message = words.joined(separator: [" ", "  ", "\n"][random.next(3)])
            #expect(Self.bits(set, message) == Self.bits(folded, message), "\(message.debugDescription)")
        }
    }

    /// A phrase that starts before a cut between pieces and ends after it
    /// is found, at every reach across every cut, in messages of several
    /// lengths: from the shortest that is cut, whose pieces are shorter
    /// than most phrases, which then span whole pieces.
    @Test("A phrase across a cut between pieces is found")
    func phraseAcrossACut() {
        let lists = [["where is my order"], ["parcel late"], ["agent"], ["my parcel is still not here and nobody answers"]]
        let set = PhraseSetMatcher(lists: lists)
        let shortest = ASCIIPhraseDFA.piecesFrom
        for total in [shortest, shortest + 1, shortest + 2, shortest + 3, 64, 65, 101, 200, 333] {
            let quarter = total / 4
            for cut in [quarter, 2 * quarter, 3 * quarter] {
                for (list, phrases) in lists.enumerated() {
                    let phrase = phrases[0]
                    guard phrase.utf8.count + 2 <= total else { continue }
                    for reach in 0..<phrase.utf8.count where cut - reach >= 1 && cut - reach + phrase.utf8.count + 1 <= total {
                        // The phrase starts `reach` bytes before the cut, with a space either side.
                        let prefix = Self.filler(cut - reach)
                        let suffix = Self.filler(total - (cut - reach) - phrase.utf8.count)
                        let message = prefix + phrase + suffix
                        #expect(message.utf8.count == total)
                        #expect(Self.bits(set, message) >> UInt64(list) & 1 == 1, "\(reach) bytes before the cut at \(cut) of \(total)")
                        // Without a space before it, it is not a phrase: no walk may make one up.
                        let glued = String(prefix.dropLast()) + "x" + phrase + suffix
                        #expect(Self.bits(set, glued) >> UInt64(list) & 1 == 0, "glued, \(reach) bytes before the cut at \(cut) of \(total)")
                    }
                }
            }
        }
    }

    /// `count` bytes of three-letter words, the first and the last byte a
    /// space (a single space when `count` is 1).
    private static func filler(_ count: Int) -> String {
        guard count > 1 else { return String(repeating: " ", count: count) }
        let words = (count - 2) / 4
        return " " + String(repeating: "x", count: count - 2 - 4 * words) + String(repeating: " abc", count: words) + " "
    }

    /// The ASCII check reads 16 bytes a step and the last 16 again, or two
    /// overlapping words, or single bytes: a byte above 0x7F is found at
    /// every position of every length up to 80, whichever way it is read.
    @Test("The ASCII check finds a non-ASCII byte wherever it is")
    func asciiCheckFindsEveryHighByte() {
        for length in 0...80 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(plain.withUnsafeBufferPointer(ASCIIPhraseDFA.isASCII), "length \(length)")
            for position in 0..<length {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = plain
                    bytes[position] = high
                    #expect(!bytes.withUnsafeBufferPointer(ASCIIPhraseDFA.isASCII), "length \(length), byte \(position)")
                }
            }
        }
    }

    /// A pattern's required literals ride along in the phrase scan as one
    /// more list, found anywhere, even mid-word. For ASCII text its bit must
    /// be set whenever `mayMatch` (and so any match) says so, and, but for
    /// runs of whitespace, which the scan's symbols collapse, only then.
    @Test("Pattern literals in the phrase scan agree with mayMatch on ASCII text")
    func patternLiteralsAgreeWithMayMatch() throws {
        let patterns = try [
            "(charged|billed) (twice|two times)", "refund(ed)? for order \\d+", "x-\\d{3}", "n't work", " twice",
            "ed tw", "A\\.B", "\\w+", "late",
        ].map { try Pattern($0) }
        let lists = [["agent"], ["late"], ["charged twice"]]
        let set = PhraseSetMatcher(lists: lists, patterns: patterns)
        #expect(set.patternLists.compactMap { $0 } == Array(lists.count..<set.listCount))
        // `\w+` has no literals to look for: it is left to `mayMatch`.
        #expect(set.patternLists[7] == nil)
        // Nor are patterns looked for by a matcher that folds every text.
        #expect(PhraseSetMatcher(lists: lists, patterns: patterns, maxASCIITable: 0).patternLists.allSatisfy { $0 == nil })
        let pieces = ["charged", "overcharged", "CHARGED", "billed", "twice", "two", "times", "twicefold", "refund", "refunded",
                      "for", "order", "42", "x-", "x", "-", "123", "can", "n't", "work", "works", "ed", "tw", "a", "b", ".",
                      "A.B", "late", "latest", "agent", " ", " ", " ", " ", " "]
        var random = SeededRandom(seed: 23)
        var longMessages = 0
        for round in 0..<6_000 {
            let count = round % 3 == 0 ? 40 + random.next(120) : random.next(12)
            var message = (0..<count).map { _ in pieces[random.next(pieces.count)] }.joined()
            let runs = round % 4 == 0
            if runs {
                let separator = ["  ", "\t", "\n "][random.next(3)]
                message = message.split(separator: " ", omittingEmptySubsequences: false).joined(separator: separator)
            }
            if message.utf8.count >= 200 { longMessages += 1 }
            // Adjacent space pieces make runs too.
            let single = !runs && !zip(message.utf8, message.utf8.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }
            let found = Self.bits(set, message)
            for (index, pattern) in patterns.enumerated() {
                guard let list = set.patternLists[index] else { continue }
                let bit = found >> UInt64(list) & 1 != 0
                if pattern.mayMatch(message) { #expect(bit, "\(pattern) in \(message.debugDescription)") }
                if pattern.matches(message) { #expect(bit, "\(pattern) matches \(message.debugDescription)") }
                if single { #expect(bit == pattern.mayMatch(message), "\(pattern) in \(message.debugDescription)") }
            }
        }
        #expect(longMessages > 500)
        // Text that is not ASCII is folded, which may move word boundaries:
        // every pattern list is set, as `mayMatch` answers "maybe".
        let folded = Self.bits(set, "déjà vu")
        for list in set.patternLists.compactMap({ $0 }) { #expect(folded >> UInt64(list) & 1 != 0) }
    }

    /// The lists `matcher` finds in `message` (at most 64 lists).
    /// A matcher for some of the lists numbers them as the full one does,
    /// finds what it finds in them, and never sets another list's bit, on
    /// ASCII text, long text walked as four pieces, and folded text.
    @Test("A matcher for some lists agrees with the full one on those lists only")
    func includedListsAgree() throws {
        let patterns = try ["(charged|billed) (twice|two times)", "refund(ed)? for order \\d+", "\\w+"].map { try Pattern($0) }
        let lists = [["agent"], ["real person", "a human"], ["parcel late"], ["late"], ["where is my order"], ["e-mail me"]]
        let full = PhraseSetMatcher(lists: lists, patterns: patterns)
        #expect(full.patternLists[2] == nil && full.patternLists.compactMap { $0 }.count == 2)
        let patternBits = full.patternLists.compactMap { $0 }.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
        let pieces = ["agent", "AGENT", "real", "person", "parcel", "late", "latest", "where", "is", "my", "order", "charged",
                      "billed", "twice", "two", "times", "refund", "for", "42", " ", " ", " ", "\t", "e-mail", "me", "a", "human", "é"]
        var random = SeededRandom(seed: 31)
        let subsets: [Set<Int>] = [[], [0], [3], [1, 4], [2, 3, 6], [6], [7], [0, 1, 2, 3, 4, 5, 6, 7]]
        for included in subsets {
            let some = PhraseSetMatcher(lists: lists, patterns: patterns, including: included)
            #expect(some.listCount == full.listCount)
            #expect(some.patternLists == full.patternLists)
            let mask = included.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            for round in 0..<1_500 {
                let count = round % 3 == 0 ? 40 + random.next(80) : random.next(12)
                let message = (0..<count).map { _ in pieces[random.next(pieces.count)] }.joined()
                let expected = Self.bits(full, message) & mask
                let found = Self.bits(some, message)
                // Folded (non-ASCII) text sets every pattern's bit, as a hint that `mayMatch` must settle.
                let hints = message.utf8.allSatisfy { $0 < 0x80 } ? 0 : patternBits
                #expect(found & ~hints == expected & ~hints, "\(included) \(message.debugDescription)")
                #expect(found & ~mask & ~hints == 0, "\(included) \(message.debugDescription)")
            }
        }
    }

    private static func bits(_ matcher: PhraseSetMatcher, _ message: String) -> UInt64 {
        var bits: UInt64 = 0
        withUnsafeMutablePointer(to: &bits) { matcher.scan(message, into: $0) }
        return bits
    }
}
