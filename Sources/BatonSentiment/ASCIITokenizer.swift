extension Tokenizer {
    /// Readable bytes a padded message needs after its end, set to spaces.
    static let padding = ByteLanes.width

    /// Scratch bytes `tokenizeASCII` needs: room for the longest key in
    /// whole lanes.
    static func scratchCount(_ words: WordTable) -> Int {
        words.maxKeyLength + ByteLanes.width
    }

    /// Copies `text` to `padded` (`text.count + padding` bytes) with space
    /// padding, in the same pass noting whether it is all ASCII and counting
    /// `!` and `?`. The counts are meaningful only for ASCII text.
    static func padASCII(
        _ text: UnsafeBufferPointer<UInt8>, into padded: UnsafeMutablePointer<UInt8>
    ) -> (isASCII: Bool, text: TokenizedText) {
        let count = text.count
        var result = TokenizedText()
        var seen: UInt64 = 0
        var index = 0
        if let source = text.baseAddress {
            while count - index >= ByteLanes.width {
                let lanes = ByteLanes.load(source + index)
                ByteLanes.store(lanes, to: padded + index)
                seen |= lanes
                result.exclamations &+= ByteLanes.count(ByteLanes.equal(lanes, 0x21))
                result.questions &+= ByteLanes.count(ByteLanes.equal(lanes, 0x3F))
                index &+= ByteLanes.width
            }
            (padded + index).initialize(from: source + index, count: count - index)
        }
        (padded + count).initialize(repeating: 0x20, count: padding)
        if index < count {
            // The last, partial lane, read back with its space padding.
            let lanes = ByteLanes.load(padded + index)
            seen |= lanes
            result.exclamations &+= ByteLanes.count(ByteLanes.equal(lanes, 0x21))
            result.questions &+= ByteLanes.count(ByteLanes.equal(lanes, 0x3F))
        }
        return (seen & ByteLanes.high == 0, result)
    }

    /// `tokenize` for a message with no byte ≥ 0x80, eight bytes at a time:
    /// a word's end is the first whitespace lane, and one pass over a word's
    /// lanes finds its case, lowercases it into `scratch` and hashes it. No
    /// branch depends on a single byte, except those that strip punctuation.
    /// `counted` is what `padASCII` found; the words are added to it.
    ///
    /// `text` must be followed by `padding` readable bytes holding spaces;
    /// `scratch` must hold `scratchCount(words)` bytes.
    static func tokenizeASCII(
        _ text: UnsafePointer<UInt8>, count: Int, counted: TokenizedText, words: WordTable,
        into tokens: UnsafeMutablePointer<Token>, scratch: UnsafeMutablePointer<UInt8>
    ) -> TokenizedText {
        var result = counted
        var index = 0
        let classes = ByteClass.table
        while index < count {
            let wordLanes = ~ByteLanes.whitespace(ByteLanes.load(text + index)) & ByteLanes.high
            if wordLanes == 0 {
                index &+= ByteLanes.width
                continue
            }
            index &+= wordLanes.trailingZeroBitCount >> 3
            // A padding lane is whitespace, so this stops at `count` at the latest.
            let start = index
            var spaces = ByteLanes.whitespace(ByteLanes.load(text + index))
            while spaces == 0 {
                index &+= ByteLanes.width
                spaces = ByteLanes.whitespace(ByteLanes.load(text + index))
            }
            index &+= spaces.trailingZeroBitCount >> 3
            tokens[result.count] = asciiLanesToken(text, start..<index, classes: classes, words: words, scratch: scratch)
            result.count &+= 1
        }
        return result
    }

    /// One word of a padded ASCII message: `asciiToken`'s rules, with the key
    /// read, classified, lowercased and hashed a lane at a time.
    @inline(__always)
    static func asciiLanesToken(
        _ text: UnsafePointer<UInt8>, _ range: Range<Int>, classes: UnsafePointer<UInt8>, words: WordTable,
        scratch: UnsafeMutablePointer<UInt8>
    ) -> Token {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && classes[Int(text[lower])] & ByteClass.punctuation != 0 { lower += 1 }
        while upper > lower && classes[Int(text[upper - 1])] & ByteClass.punctuation != 0 { upper -= 1 }
        if upper - lower <= 2 {
            lower = range.lowerBound
            upper = range.upperBound
        }
        let length = upper - lower
        let lookedUp = length <= words.maxKeyLength
        var hash = WordHash.start(count: length)
        var head: UInt64 = 0
        var capitals: UInt64 = 0, smalls: UInt64 = 0, apostrophes: UInt64 = 0
        var offset = 0
        while offset < length {
            let lanes = ByteLanes.load(text + lower + offset) & ByteLanes.first(length - offset)
            let upperLanes = ByteLanes.within(lanes, 0x41, 0x5A)
            capitals |= upperLanes
            smalls |= ByteLanes.within(lanes, 0x61, 0x7A)
            apostrophes |= ByteLanes.equal(lanes, 0x27)
            // 0x80 >> 2 is the 0x20 that lowercases an ASCII capital.
            let lowered = lanes | upperLanes >> 2
            if offset == 0 { head = lowered }
            hash = WordHash.add(hash, lanes: lowered)
            if lookedUp { ByteLanes.store(lowered, to: scratch + offset) }
            offset &+= ByteLanes.width
        }
        var shape = CaseShape(rawValue: (capitals != 0 ? CaseShape.upper.rawValue : 0) | (smalls != 0 ? CaseShape.lower.rawValue : 0))
        if apostrophes != 0 && containsContraction(UnsafeBufferPointer(start: text, count: upper), lower..<upper) {
            shape.insert(.contraction)
        }
        let slot = lookedUp ? words.lookup(lanes: scratch, head: head, count: length, hash: hash) : .empty
        return Token(word: slot.id, shape: shape, flags: slot.flags, role: slot.role)
    }
}
