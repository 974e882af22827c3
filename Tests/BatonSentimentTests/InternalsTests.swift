@testable import BatonSentiment
import Testing

/// Pieces whose exactness the reference tables cannot reach directly.
@Suite("Internals")
struct InternalsTests {
    @Test("the indexed \"but\" walk equals the literal one")
    func butWalks() {
        var generator = SystemRandomNumberGenerator()
        let palette: [Double] = [0, 0, 0, 1.9, -2.5, 0.95, 2.85, -1.25, 1.9 * 0.5, 3.1]
        for _ in 0..<300 {
            let count = Int.random(in: 1...200, using: &generator)
            let values = (0..<count).map { _ in palette.randomElement(using: &generator)! }
            let butIndex = Int.random(in: 0..<count, using: &generator)
            var linear = values
            var indexed = values
            linear.withUnsafeMutableBufferPointer { ButRule.applyLinear($0, butIndex: butIndex) }
            indexed.withUnsafeMutableBufferPointer { ButRule.applyIndexed($0, butIndex: butIndex) }
            #expect(linear == indexed)
            #expect(linear == Self.pythonButCheck(values, butIndex: butIndex))
        }
    }

    /// vaderSentiment's `_but_check`, transcribed literally as the oracle.
    static func pythonButCheck(_ input: [Double], butIndex: Int) -> [Double] {
        var sentiments = input
        for position in 0..<sentiments.count {
            let sentiment = sentiments[position]
            let index = sentiments.firstIndex(of: sentiment)!
            if index < butIndex {
                sentiments[index] = sentiment * 0.5
            } else if index > butIndex {
                sentiments[index] = sentiment * 1.5
            }
        }
        return sentiments
    }

    // Expected values are what CPython 3.11 prints for round(x, n).
    @Test("Python's round(): half to even on the exact binary value", arguments: [
        (0.0625, 3, 0.062), (0.0635, 3, 0.064), (0.4404, 4, 0.4404), (-0.00004, 4, -0.0), (0.5, 0, 0.0),
        (1.5, 0, 2.0), (2.675, 2, 2.67), (0.12345, 4, 0.1235), (-0.12345, 4, -0.1235), (0.1234499, 4, 0.1234),
        (0.00005, 4, 0.0001), (-0.00005, 4, -0.0001), (1.0, 4, 1.0),
    ])
    func pythonRound(_ row: (Double, Int, Double)) {
        let rounded = PythonRound.round(row.0, digits: row.1)
        #expect(rounded == row.2)
        #expect(rounded.sign == row.2.sign)
    }

    @Test("whitespace is exactly Python's str.isspace()")
    func whitespace() {
        let python: Set<UInt32> = [
            0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
            0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        ]
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var text = String(Character(scalar))
            let length = text.withUTF8 { TextRules.whitespaceLength($0, at: 0) }
            #expect((length > 0) == python.contains(value), "U+\(String(value, radix: 16))")
        }
    }

    /// The tokenizer's one-load byte classes say what the slower tests said.
    @Test("the tokenizer's byte classes agree with the text rules")
    func byteClasses() {
        for byte in UInt8(0)...255 {
            let bits = Tokenizer.ByteClass.table[Int(byte)]
            let isSpace = byte < 0x80 && [byte].withUnsafeBufferPointer { TextRules.whitespaceLength($0, at: 0) } > 0
            #expect((bits & Tokenizer.ByteClass.space != 0) == isSpace, "byte \(byte)")
            #expect((bits & Tokenizer.ByteClass.nonASCII != 0) == (byte >= 0x80), "byte \(byte)")
            #expect((bits & Tokenizer.ByteClass.upper != 0) == (0x41...0x5A).contains(byte), "byte \(byte)")
            #expect((bits & Tokenizer.ByteClass.lower != 0) == (0x61...0x7A).contains(byte), "byte \(byte)")
            #expect((bits & Tokenizer.ByteClass.exclamation != 0) == (byte == 0x21), "byte \(byte)")
            #expect((bits & Tokenizer.ByteClass.question != 0) == (byte == 0x3F), "byte \(byte)")
            #expect((bits & Tokenizer.ByteClass.apostrophe != 0) == (byte == 0x27), "byte \(byte)")
            #expect((bits & Tokenizer.ByteClass.punctuation != 0) == (byte < 0x80 && TextRules.isASCIIPunctuation(byte)), "byte \(byte)")
        }
        #expect(Tokenizer.ByteClass.upper == CaseShape.upper.rawValue && Tokenizer.ByteClass.lower == CaseShape.lower.rawValue)
    }

    @Test("compact decimals parse to the same doubles as the standard parser", arguments: [
        "1.9", "-2.5", "0.05", "-0.3", "3.1415926535", "4", "-0", "1e3", "12345678901234567.5",
    ])
    func decimals(_ text: String) {
        var text = text
        let parsed = text.withUTF8 { LexiconFile.parseDecimal($0) }
        #expect(parsed == Double(text))
    }
}
