@testable import BatonPattern
import BatonTestSupport
import Testing

@Suite("Required factors")
struct RequiredFactorsTests {
    /// The factors as folded strings, sorted; nil when the pattern has none.
    private func factors(_ source: String) throws -> [String]? {
        let pattern = try Pattern(source)
        return pattern.program.requiredFactors.map { required in
            required.factors.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) }.sorted()
        }
    }

    @Test("factors of patterns", arguments: [
        ("refund", ["refund"]),
        ("REFUND", ["refund"]),
        ("charged (twice|two times)", ["charged twice", "charged two times"]),
        ("(charged|billed) (twice|two times)",
         ["billed twice", "billed two times", "charged twice", "charged two times"]),
        ("\\bcancel(led)? my order\\b", [" my order"]),
        ("order #?\\d+", ["order "]),
        ("(damaged|broken) (item|box|parcel)", ["broken box", "broken item", "broken parcel", "damaged box", "damaged item", "damaged parcel"]),
        ("where.*parcel", ["parcel"]),
        ("(a|b)(c|d)(e|f)(g|h)(i|j)", [
            "aceg", "aceh", "acfg", "acfh", "adeg", "adeh", "adfg", "adfh",
            "bceg", "bceh", "bcfg", "bcfh", "bdeg", "bdeh", "bdfg", "bdfh",
        ]),
        ("x{2,5}yz", ["yz"]),
        ("(refund){2}", ["refund"]),
        ("^(refund|return)", ["refund", "return"]),
        ("refund|\\d+", nil),
        ("\\w+", nil),
        ("[a-z]{3}", nil),
        ("(refund)?x", ["x"]),
    ] as [(String, [String]?)])
    func factorsOfPatterns(source: String, expected: [String]?) throws {
        #expect(try factors(source) == expected)
    }

    @Test("the prefilter never changes a result")
    func prefilterIsSound() throws {
        // Random patterns from pieces that exercise every analysis case,
        // over random texts from the same alphabet: `matches` (with the
        // prefilter) must agree with the VM run without it.
        let pieces = ["ab", "b", "c", "(a|bc)", "(ab|b)?", "a+", "[bc]", ".", "\\b", "\\s", "c{2}", "(ca|ab){1,2}", "B", "é"]
        let alphabet = ["a", "b", "c", " ", "A", "é", "e\u{301}", "!"]
        var random = SeededRandom(seed: 11)
        var checked = 0
        for _ in 0..<400 {
            let source = (0..<(1 + random.next(4))).map { _ in pieces[random.next(pieces.count)] }.joined()
            guard let pattern = try? Pattern(source) else { continue }
            var unfiltered = pattern.program
            unfiltered.requiredFactors = nil
            for _ in 0..<25 {
                let raw = (0..<random.next(12)).map { _ in alphabet[random.next(alphabet.count)] }.joined()
                let text = FoldedText(raw)
                let expected = PikeVM.search(unfiltered, in: text.storage, wantRange: true)
                #expect(pattern.firstMatch(text) == expected, "\(source) on \(text.string)")
                #expect(pattern.matches(text) == (expected != nil), "\(source) on \(text.string)")
                #expect(pattern.matches(raw) == (expected != nil), "\(source) on \(raw)")
                if expected != nil { #expect(pattern.mayMatch(raw), "\(source) on \(raw)") }
                checked += 1
            }
        }
        #expect(checked > 5_000)
    }

    @Test("the eight-bytes-at-a-time ASCII scan finds what a plain search finds")
    func asciiScanAgreesWithPlainSearch() {
        // Factor sets of one to six factors (more than four first bytes
        // leave the word-at-a-time path off), first characters among
        // letters, digits, punctuation and spaces; texts long enough to
        // take whole words, with upper case that folds to the factors.
        // Factors longer than eight bytes are compared past their first
        // word; texts also take factors whole, in either case, cut short,
        // or with one byte changed, so near misses occur at every offset.
        let pool = ["charged", "billed", "ab", "b", "#1", "1 a", " x", "zz", "order #", "c", "a!", "twice",
                    "charged twice", "billed two times", "x@y"]
        let alphabet = Array("abcdhilrtwxzABCDHIRTWZ019#! @`".unicodeScalars).map(String.init)
        var random = SeededRandom(seed: 23)
        for _ in 0..<4_000 {
            var chosen: [String] = []
            for _ in 0..<(1 + random.next(6)) {
                let factor = pool[random.next(pool.count)]
                if !chosen.contains(factor) { chosen.append(factor) }
            }
            let required = RequiredFactors(factors: chosen.map { $0.unicodeScalars.map(\.value) })
            var pieces: [String] = []
            for _ in 0..<random.next(12) {
                let factor = pool[random.next(pool.count)]
                switch random.next(6) {
                case 0: pieces.append(factor)
                case 1: pieces.append(factor.uppercased())
                case 2: pieces.append(String(factor.dropLast()))
                case 3: pieces.append(String(factor.dropFirst()))
                case 4:
                    var bytes = Array(factor.utf8)
                    bytes[random.next(bytes.count)] = UInt8(ascii: "`")
                    pieces.append(String(decoding: bytes, as: UTF8.self))
                default: pieces.append(alphabet[random.next(alphabet.count)])
                }
            }
            let text = pieces.joined()
            let expected = chosen.contains { text.lowercased().contains($0) }
            let found = Array(text.utf8).withUnsafeBufferPointer { required.occurs(inASCII: $0) }
            #expect(found == expected, "\(chosen) in \"\(text)\"")
        }
    }

    @Test("ASCII texts are ruled out without folding", arguments: [
        ("(charged|billed) (twice|two times)", "I was CHARGED TWICE!", true),
        ("(charged|billed) (twice|two times)", "where is my parcel", false),
        ("(charged|billed) (twice|two times)", "billed once", false),
        ("(charged|billed) (twice|two times)", "not billed two times", true),  // a factor only says "maybe"
        ("refund", "REFUND please", true),
        ("refund", "réfund", true),  // not ASCII: undecided
        ("\\w+", "anything", true),  // no factors
    ])
    func mayMatchOnASCII(source: String, text: String, expected: Bool) throws {
        #expect(try Pattern(source).mayMatch(text) == expected)
    }
}
