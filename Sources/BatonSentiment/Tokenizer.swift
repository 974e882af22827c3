/// One word of a message, resolved against the lexicon. The entry's flags
/// and role are copied in so the rules, which look at each word and its
/// three predecessors, read this small array instead of the word table.
struct Token {
    /// Id in the word table; 0 for a word the table does not know.
    var word: UInt32
    var shape: CaseShape
    var flags: WordFlags
    var role: WordRole

    init(word: UInt32, shape: CaseShape, flags: WordFlags, role: WordRole) {
        self.word = word
        self.shape = shape
        self.flags = flags
        self.role = role
    }

    init(word: UInt32, shape: CaseShape, entry: WordEntry) {
        self.init(word: word, shape: shape, flags: entry.flags, role: entry.role)
    }
}

/// What one tokenising pass learned about a message.
struct TokenizedText {
    var count = 0
    /// Number of `!` and `?` anywhere in the text, for punctuation emphasis.
    var exclamations = 0
    var questions = 0
}

/// Splits a message into words the way vaderSentiment does, in one pass over
/// its UTF-8 bytes and without creating a string per word:
///
/// 1. split on whitespace (Python's `str.split()`);
/// 2. strip ASCII punctuation from both ends of each word — but keep the word
///    as written when what is left has two characters or fewer, so emoticons
///    such as `:)` and short words such as `ok!` survive (a quirk the
///    reference has, and exact mode keeps);
/// 3. lowercase (Python's `str.lower()`) into a small scratch buffer, hash,
///    and look the word up once.
///
/// An all-ASCII message takes `tokenizeASCII`, eight bytes at a time. Here,
/// for other messages, ASCII words are found, lowercased and classified in a
/// single pass; a word with a non-ASCII character is redone on a slower path
/// with Unicode case mapping and code-point counting.
enum Tokenizer {
    static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, words: WordTable,
        into tokens: UnsafeMutablePointer<Token>, scratch: UnsafeMutableBufferPointer<UInt8>
    ) -> TokenizedText {
        var result = TokenizedText()
        let count = text.count
        var index = 0
        let classes = ByteClass.table
        while index < count {
            let space = TextRules.whitespaceLength(text, at: index)
            if space > 0 {
                index += space
                continue
            }
            // One pass to the end of the word: count `!` and `?`, note the
            // case shape, and lowercase ASCII into the scratch buffer. One
            // table load classifies each byte, so the loop branches only
            // at the word's end and on non-ASCII bytes.
            let start = index
            var ascii = true
            var seen: UInt8 = 0
            var length = 0
            while index < count {
                let byte = text[index]
                let byteClass = classes[Int(byte)]
                if byteClass & (ByteClass.space | ByteClass.nonASCII) != 0 {
                    if byteClass & ByteClass.space != 0 || TextRules.whitespaceLength(text, at: index) > 0 { break }
                    ascii = false
                }
                seen |= byteClass
                result.exclamations &+= Int(byteClass >> 3 & 1)
                result.questions &+= Int(byteClass >> 4 & 1)
                if length < scratch.count { scratch[length] = byte | (byteClass & ByteClass.upper) << 5 }
                length += 1
                index += 1
            }
            let shape = CaseShape(rawValue: seen & (ByteClass.upper | ByteClass.lower))
            let apostrophe = seen & ByteClass.apostrophe != 0
            if ascii {
                tokens[result.count] = asciiToken(
                    text, start..<index, shape: shape, apostrophe: apostrophe, words: words, scratch: scratch)
            } else {
                tokens[result.count] = token(text, start..<index, words: words, scratch: scratch)
            }
            result.count += 1
        }
        return result
    }

    /// Per byte, what the word loops need of it, as bits: `upper` and
    /// `lower` are `CaseShape`'s, `!` and `?` sit at bits 3 and 4.
    enum ByteClass {
        static let upper: UInt8 = 1, lower: UInt8 = 2, space: UInt8 = 4
        static let exclamation: UInt8 = 8, question: UInt8 = 16, apostrophe: UInt8 = 32, nonASCII: UInt8 = 64
        /// ASCII `string.punctuation`; set beside the bits above.
        static let punctuation: UInt8 = 128

        /// A pointer, so indexing it has no bounds check; never written
        /// after it is built.
        nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
            let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
            for byte in 0..<256 {
                var bits: UInt8 = 0
                // Whitespace as the text rules define it (Python's `str.split()`).
                let isSpace = byte < 0x80 && [UInt8(byte)].withUnsafeBufferPointer { TextRules.whitespaceLength($0, at: 0) } > 0
                switch byte {
                case 0x41...0x5A: bits = upper
                case 0x61...0x7A: bits = lower
                case _ where isSpace: bits = space
                case 0x21: bits = exclamation
                case 0x3F: bits = question
                case 0x27: bits = apostrophe
                case 0x80...: bits = nonASCII
                default: break
                }
                if byte < 0x80 && TextRules.isASCIIPunctuation(UInt8(byte)) { bits |= punctuation }
                table[byte] = bits
            }
            return UnsafePointer(table)
        }()
    }

    /// The common case: an ASCII word already lowercased into `scratch`.
    /// Case shape is the same for the whole word and its stripped part, as
    /// punctuation has no case; so is each byte's offset.
    @inline(__always)
    static func asciiToken(
        _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, shape: CaseShape, apostrophe: Bool,
        words: WordTable, scratch: UnsafeMutableBufferPointer<UInt8>
    ) -> Token {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && TextRules.isASCIIPunctuation(text[lower]) { lower += 1 }
        while upper > lower && TextRules.isASCIIPunctuation(text[upper - 1]) { upper -= 1 }
        if upper - lower <= 2 {
            lower = range.lowerBound
            upper = range.upperBound
        }
        var shape = shape
        if apostrophe && containsContraction(text, lower..<upper) { shape.insert(.contraction) }
        let keyStart = lower - range.lowerBound
        let keyEnd = upper - range.lowerBound
        var id: UInt32 = 0
        if keyEnd - keyStart <= words.maxKeyLength && keyEnd <= scratch.count {
            let key = UnsafeBufferPointer(rebasing: scratch[keyStart..<keyEnd])
            id = words.lookup(key)
        }
        return Token(word: id, shape: shape, entry: words.entries[Int(id)])
    }

    /// Resolves the word occupying `range` of `text`, for words with
    /// non-ASCII characters: Python's code-point semantics for stripping and
    /// Unicode lowercasing.
    static func token(
        _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, words: WordTable,
        scratch: UnsafeMutableBufferPointer<UInt8>
    ) -> Token {
        var word = WordAccumulator(scratch: scratch)
        let span = normalizedSpan(text, range)
        lowercase(text, span, into: &word)
        if word.sawApostrophe && containsContraction(text, span) { word.shape.insert(.contraction) }
        var id: UInt32 = 0
        if word.length <= words.maxKeyLength && word.length <= scratch.count {
            let key = UnsafeBufferPointer(rebasing: scratch[0..<word.length])
            id = words.lookup(key)
        }
        return Token(word: id, shape: word.shape, entry: words.entries[Int(id)])
    }

    /// The part of the word in `range` that is looked up: without outer
    /// ASCII punctuation, unless that leaves two characters or fewer (Python
    /// measures `len(stripped)` in code points).
    @inline(__always)
    static func normalizedSpan(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && TextRules.isASCIIPunctuation(text[lower]) { lower += 1 }
        while upper > lower && TextRules.isASCIIPunctuation(text[upper - 1]) { upper -= 1 }
        var scalars = 0
        var cursor = lower
        while cursor < upper && scalars < 3 {
            if TextRules.isScalarStart(text[cursor]) { scalars += 1 }
            cursor += 1
        }
        return scalars <= 2 ? range : lower..<upper
    }

    /// Whether the lowercased word contains "n't". Searching the original
    /// bytes case-insensitively is equivalent: no non-ASCII character
    /// lowercases to "n", "'" or "t".
    static func containsContraction(_ text: UnsafeBufferPointer<UInt8>, _ span: Range<Int>) -> Bool {
        guard span.count >= 3 else { return false }
        for index in span.lowerBound..<span.upperBound - 2
        where text[index] | 0x20 == 0x6E && text[index + 1] == 0x27 && text[index + 2] | 0x20 == 0x74 {
            return true
        }
        return false
    }

    /// Feeds the lowercased bytes of `span` to `word`.
    @inline(__always)
    static func lowercase(
        _ text: UnsafeBufferPointer<UInt8>, _ span: Range<Int>, into word: inout WordAccumulator
    ) {
        var cursor = span.lowerBound
        let upper = span.upperBound
        while cursor < upper {
            let byte = text[cursor]
            if byte < 0x80 {
                if byte &- 0x41 < 26 {
                    word.shape.insert(.upper)
                    word.push(byte | 0x20)
                } else {
                    if byte &- 0x61 < 26 { word.shape.insert(.lower) }
                    word.push(byte)
                }
                cursor += 1
            } else {
                let (value, width) = TextRules.decodeScalar(text, at: cursor)
                word.pushNonASCII(value, original: text, at: cursor, width: width)
                cursor += width
            }
        }
    }

    /// Lowercases one word into a scratch buffer, noting its case shape as
    /// it goes.
    struct WordAccumulator {
        let scratch: UnsafeMutableBufferPointer<UInt8>
        var length = 0
        var shape: CaseShape = []
        /// Only words with an apostrophe need the "n't" search.
        var sawApostrophe = false

        init(scratch: UnsafeMutableBufferPointer<UInt8>) {
            self.scratch = scratch
        }

        @inline(__always)
        mutating func push(_ byte: UInt8) {
            // Words longer than the scratch buffer cannot be in the lexicon;
            // they are still measured.
            if length < scratch.count { scratch[length] = byte }
            length += 1
            if byte == 0x27 { sawApostrophe = true }
        }

        /// Lowercases one non-ASCII scalar with Unicode's full mapping, as
        /// Python's `str.lower()` does ("İ" becomes "i̇", "K" (Kelvin) "k").
        mutating func pushNonASCII(
            _ value: UInt32, original text: UnsafeBufferPointer<UInt8>, at index: Int, width: Int
        ) {
            guard let scalar = Unicode.Scalar(value) else {
                for offset in 0..<width { push(text[index + offset]) }
                return
            }
            shape.formUnion(CaseShape.of(scalar))
            let properties = scalar.properties
            if properties.changesWhenLowercased {
                // A one-scalar mapping is a small string: no heap allocation.
                for byte in properties.lowercaseMapping.utf8 { push(byte) }
            } else {
                for offset in 0..<width { push(text[index + offset]) }
            }
        }
    }
}
