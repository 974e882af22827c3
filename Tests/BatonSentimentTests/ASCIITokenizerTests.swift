@testable import BatonSentiment
import Testing

/// The lane-at-a-time path for ASCII messages against the byte-at-a-time
/// tokenizer, which the reference tables already pin to vaderSentiment.
@Suite("ASCII tokenizer")
struct ASCIITokenizerTests {
    @Test("every lane test agrees with its byte test, in every lane")
    func laneTests() {
        var random = SystemRandomNumberGenerator()
        let isSpace = { (byte: UInt8) in [byte].withUnsafeBufferPointer { TextRules.whitespaceLength($0, at: 0) } > 0 }
        for lane in 0..<ByteLanes.width {
            for byte in UInt8(0)..<0x80 {
                var bytes = (0..<ByteLanes.width).map { _ in UInt8.random(in: 0..<0x80, using: &random) }
                bytes[lane] = byte
                let lanes = bytes.withUnsafeBufferPointer { ByteLanes.load($0.baseAddress!) }
                let bit = { (mask: UInt64) in mask >> UInt64(lane * 8 + 7) & 1 == 1 }
                #expect(bit(ByteLanes.whitespace(lanes)) == isSpace(byte), "byte \(byte) in lane \(lane)")
                #expect(bit(ByteLanes.within(lanes, 0x41, 0x5A)) == (0x41...0x5A).contains(byte), "byte \(byte) in lane \(lane)")
                #expect(bit(ByteLanes.equal(lanes, 0x27)) == (byte == 0x27), "byte \(byte) in lane \(lane)")
                #expect(bit(ByteLanes.atLeast(lanes, 0x61)) == (byte >= 0x61), "byte \(byte) in lane \(lane)")
                // Only the high bit of a lane ever answers.
                #expect(ByteLanes.whitespace(lanes) & ~ByteLanes.high == 0)
            }
        }
        for answer in UInt64(0)..<256 {
            // Spread the eight bits to the lanes' high bits.
            var lanes: UInt64 = 0
            for lane in 0..<8 where answer >> UInt64(lane) & 1 == 1 { lanes |= 0x80 << UInt64(lane * 8) }
            #expect(ByteLanes.count(lanes) == answer.nonzeroBitCount)
        }
        for count in 0...ByteLanes.width {
            #expect(ByteLanes.first(count).nonzeroBitCount == count * 8)
            #expect(ByteLanes.first(count) & 1 == (count > 0 ? 1 : 0))
        }
    }

    @Test("the byte-wise hash equals the lane-wise one")
    func hashes() {
        var random = SystemRandomNumberGenerator()
        for length in 0...40 {
            let key = (0..<length).map { _ in UInt8.random(in: 0..<0x80, using: &random) }
            // Garbage after the key, as the tokenizer's lanes see it.
            let padded = key + (0..<ByteLanes.width).map { _ in UInt8.random(in: 1...0x7F, using: &random) }
            var byLanes = WordHash.start(count: length)
            padded.withUnsafeBufferPointer { buffer in
                var offset = 0
                while offset < length {
                    let lanes = ByteLanes.load(buffer.baseAddress! + offset) & ByteLanes.first(length - offset)
                    byLanes = WordHash.add(byLanes, lanes: lanes)
                    offset += ByteLanes.width
                }
            }
            #expect(key.withUnsafeBufferPointer { WordHash.of($0) } == byLanes, "length \(length)")
        }
    }

    @Test("ASCII messages tokenize as the general tokenizer does")
    func sameTokens() throws {
        var random = SystemRandomNumberGenerator()
        let lexicon = Lexicon.bundled
        var words: [String] = []
        lexicon.forEachEntry { phrase, _ in
            if !phrase.contains(" ") && phrase.utf8.allSatisfy({ $0 < 0x80 }) { words.append(phrase) }
        }
        let longest = lexicon.storage.words.maxKeyLength
        let awkward = [
            "don't", "DON'T", "Isn't", "n't", "'", "''", ":)", ":-(", "!!!", "?!", "...", "ok!", "(good)", "\"bad\"",
            "a", "I", "kind", "of", "but", "BUT", "least", "never", "so", "very", "without", "doubt",
            "12345678", "123456789", "abcdefghijklmnop", String(repeating: "x", count: longest),
            String(repeating: "y", count: longest + 1), String(repeating: "Z", count: longest + 9),
            "\u{01}", "a\u{7F}b", "good\u{00}", "--wow--", "'hi'",
        ]
        let spaces = [" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{1F}"]
        for round in 0..<3_000 {
            var text = Bool.random(using: &random) ? spaces.randomElement(using: &random)! : ""
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                var word = Int.random(in: 0..<4, using: &random) == 0
                    ? awkward.randomElement(using: &random)! : words.randomElement(using: &random)!
                switch Int.random(in: 0..<6, using: &random) {
                case 0: word = word.uppercased()
                case 1: word = word.prefix(1).uppercased() + word.dropFirst()
                case 2: word += ["!", "?", ",", ".", "!!", "?!"].randomElement(using: &random)!
                default: break
                }
                text += word + spaces.randomElement(using: &random)!
            }
            if Bool.random(using: &random) { text = String(text.dropLast()) }
            let general = Self.tokens(text, lexicon, ascii: false)
            let lanes = Self.tokens(text, lexicon, ascii: true)
            #expect(lanes.count == general.count, "round \(round): \(text.debugDescription)")
            #expect(lanes == general, "round \(round): \(text.debugDescription)")
        }
    }

    @Test("a message with any byte at or above 0x80 is not taken for ASCII", arguments: [
        "é", "café", "ok 👍", "a\u{00A0}b", "12345678é", "1234567é", "\u{80}",
    ])
    func nonASCII(_ text: String) {
        var text = text
        let isASCII = text.withUTF8 { utf8 in
            let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: utf8.count + Tokenizer.padding)
            defer { padded.deallocate() }
            return Tokenizer.padASCII(utf8, into: padded).isASCII
        }
        #expect(!isASCII)
    }

    /// The tokens and punctuation counts of `text`, by either path, as comparable values.
    static func tokens(_ text: String, _ lexicon: Lexicon, ascii: Bool) -> [[Int]] {
        let table = lexicon.storage.words
        var text = text
        return text.withUTF8 { utf8 in
            let capacity = utf8.count / 2 + 1
            let tokens = UnsafeMutablePointer<Token>.allocate(capacity: capacity)
            let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Tokenizer.scratchCount(table))
            let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: utf8.count + Tokenizer.padding)
            defer { tokens.deallocate(); scratch.deallocate(); padded.deallocate() }
            let scan = Tokenizer.padASCII(utf8, into: padded)
            #expect(scan.isASCII == utf8.allSatisfy { $0 < 0x80 })
            #expect(Array(UnsafeBufferPointer(start: padded, count: utf8.count)) == Array(utf8))
            #expect((0..<Tokenizer.padding).allSatisfy { padded[utf8.count + $0] == 0x20 })
            // Garbage in the scratch buffer must not matter.
            scratch.initialize(repeating: 0xAB)
            let result = ascii
                ? Tokenizer.tokenizeASCII(
                    UnsafePointer(padded), count: utf8.count, counted: scan.text, words: table, into: tokens,
                    scratch: scratch.baseAddress!)
                : Tokenizer.tokenize(UnsafeBufferPointer(start: padded, count: utf8.count), words: table, into: tokens, scratch: scratch)
            var rows = [[result.count, result.exclamations, result.questions]]
            for index in 0..<result.count {
                let token = tokens[index]
                rows.append([Int(token.word), Int(token.shape.rawValue), Int(token.flags.rawValue), Int(token.role.rawValue)])
            }
            return rows
        }
    }
}
