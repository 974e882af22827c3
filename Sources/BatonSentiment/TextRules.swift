// Character classes as the reference implementation sees them. vaderSentiment
// runs on Python 3 strings, so "whitespace" is `str.isspace`, "punctuation"
// is ASCII `string.punctuation`, "upper case" is `str.isupper` and
// lowercasing is `str.lower`. Matching those exactly (rather than Swift's
// grapheme-based notions) is what keeps tokenisation identical. Everything
// works on UTF-8 bytes; only non-ASCII scalars pay for a decode.

enum TextRules {
    /// ASCII `string.punctuation`: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~
    @inline(__always)
    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte)
            || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    /// The length in bytes of the whitespace character starting at `index`,
    /// or 0 when there is none. Covers every code point for which Python's
    /// `str.isspace()` holds.
    @inline(__always)
    static func whitespaceLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = text[index]
        if byte < 0x80 {
            // Python's str.split() also splits on the separators 0x1C-0x1F.
            return (0x09...0x0D).contains(byte) || (0x1C...0x20).contains(byte) ? 1 : 0
        }
        return nonASCIIWhitespaceLength(text, at: index)
    }

    /// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    private static func nonASCIIWhitespaceLength(
        _ text: UnsafeBufferPointer<UInt8>, at index: Int
    ) -> Int {
        let count = text.count
        switch text[index] {
        case 0xC2:
            guard index + 1 < count else { return 0 }
            let next = text[index + 1]
            return next == 0x85 || next == 0xA0 ? 2 : 0
        case 0xE1:
            guard index + 2 < count else { return 0 }
            return text[index + 1] == 0x9A && text[index + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard index + 2 < count else { return 0 }
            let second = text[index + 1]
            let third = text[index + 2]
            if second == 0x80 {
                return third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
            }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            guard index + 2 < count else { return 0 }
            return text[index + 1] == 0x80 && text[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// Decodes the scalar starting at `index` of valid UTF-8 (Swift strings
    /// always are). Returns U+FFFD for a truncated sequence rather than
    /// reading past the end.
    @inline(__always)
    static func decodeScalar(
        _ text: UnsafeBufferPointer<UInt8>, at index: Int
    ) -> (value: UInt32, length: Int) {
        let lead = UInt32(text[index])
        let length: Int
        var value: UInt32
        switch lead {
        case 0..<0x80: return (lead, 1)
        case 0xC0..<0xE0: length = 2; value = lead & 0x1F
        case 0xE0..<0xF0: length = 3; value = lead & 0x0F
        case 0xF0..<0xF8: length = 4; value = lead & 0x07
        default: return (0xFFFD, 1)
        }
        guard index + length <= text.count else { return (0xFFFD, text.count - index) }
        for offset in 1..<length {
            value = value << 6 | UInt32(text[index + offset] & 0x3F)
        }
        return (value, length)
    }

    /// Whether a UTF-8 byte starts a scalar (is not a continuation byte).
    @inline(__always)
    static func isScalarStart(_ byte: UInt8) -> Bool {
        byte & 0xC0 != 0x80
    }
}

/// Python's `str.isupper()` is true when the word has at least one upper-case
/// character and no lower-case or title-case one. The tokeniser records both
/// facts per word so phrases can merge them.
struct CaseShape: OptionSet {
    let rawValue: UInt8
    /// Contains an upper-case character.
    static let upper = CaseShape(rawValue: 1)
    /// Contains a lower-case or title-case character.
    static let lower = CaseShape(rawValue: 2)
    /// The lowercased word contains "n't" (the reference's contraction negation).
    static let contraction = CaseShape(rawValue: 4)

    /// `str.isupper()` of the word.
    @inline(__always)
    var isAllCaps: Bool { rawValue & 3 == 1 }

    /// The case classes of one non-ASCII scalar, by the Unicode derived
    /// properties Python uses (`Uppercase`, `Lowercase`, category `Lt`).
    static func of(_ scalar: Unicode.Scalar) -> CaseShape {
        let properties = scalar.properties
        if properties.isLowercase || properties.generalCategory == .titlecaseLetter {
            return .lower
        }
        return properties.isUppercase ? .upper : []
    }
}
