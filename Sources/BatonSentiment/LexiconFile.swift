/// Line-level parsing of vaderSentiment's data files, straight from bytes.
/// Like the reference, each line is trimmed and split on tabs, and only the
/// first two fields are used.
enum LexiconFile {
    static func forEachValence(
        _ text: UnsafeBufferPointer<UInt8>, name: String,
        _ body: (UnsafeBufferPointer<UInt8>, Double) -> Void
    ) throws {
        try forEachLine(text) { line, number in
            guard !line.isEmpty else { return }
            guard let tab = line.firstIndex(of: 0x09) else {
                throw LexiconError.malformedLine(file: name, line: number)
            }
            let key = UnsafeBufferPointer(rebasing: line[line.startIndex..<tab])
            let rest = line[(tab + 1)...]
            let end = rest.firstIndex(of: 0x09) ?? rest.endIndex
            guard let valence = parseDecimal(UnsafeBufferPointer(rebasing: line[(tab + 1)..<end])) else {
                throw LexiconError.malformedLine(file: name, line: number)
            }
            body(key, valence)
        }
    }

    /// The single-scalar emoji entries (the only ones the reference can
    /// match); descriptions point into `text`.
    static func emojiEntries(
        _ text: UnsafeBufferPointer<UInt8>, name: String
    ) throws -> [(scalar: UInt32, description: UnsafeBufferPointer<UInt8>)] {
        var entries: [(scalar: UInt32, description: UnsafeBufferPointer<UInt8>)] = []
        entries.reserveCapacity(1_300)
        try forEachLine(text) { line, number in
            guard !line.isEmpty else { return }
            guard let tab = line.firstIndex(of: 0x09) else {
                throw LexiconError.malformedLine(file: name, line: number)
            }
            let key = UnsafeBufferPointer(rebasing: line[line.startIndex..<tab])
            let (scalar, width) = TextRules.decodeScalar(key, at: 0)
            guard width == key.count else { return }
            let rest = line[(tab + 1)...]
            let end = rest.firstIndex(of: 0x09) ?? rest.endIndex
            entries.append((scalar, UnsafeBufferPointer(rebasing: line[(tab + 1)..<end])))
        }
        return entries
    }

    /// Calls `body` with each line, trimmed of ASCII whitespace (the files'
    /// CRLF endings included), and its 1-based number.
    private static func forEachLine(
        _ text: UnsafeBufferPointer<UInt8>,
        _ body: (Slice<UnsafeBufferPointer<UInt8>>, Int) throws -> Void
    ) throws {
        var start = 0
        var number = 1
        while start < text.count {
            var end = start
            while end < text.count && text[end] != 0x0A { end += 1 }
            var lower = start
            var upper = end
            while lower < upper && isTrimmable(text[lower]) { lower += 1 }
            while upper > lower && isTrimmable(text[upper - 1]) { upper -= 1 }
            try body(text[lower..<upper], number)
            start = end + 1
            number += 1
        }
    }

    @inline(__always)
    private static func isTrimmable(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Parses `[-+]digits[.digits]`. With at most 15 significant digits the
    /// integer mantissa and the power of ten are exact doubles, so one
    /// division gives the correctly rounded value — the same double as
    /// Python's `float()`. Anything else goes through the standard parser.
    static func parseDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < text.count && (text[index] == 0x2D || text[index] == 0x2B) {
            negative = text[index] == 0x2D
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var seenPoint = false
        var fast = index < text.count
        while index < text.count && fast {
            let byte = text[index]
            if byte >= 0x30 && byte <= 0x39 {
                mantissa = mantissa * 10 + UInt64(byte - 0x30)
                digits += 1
                if seenPoint { fraction += 1 }
            } else if byte == 0x2E && !seenPoint {
                seenPoint = true
            } else {
                fast = false
            }
            index += 1
        }
        if fast && digits > 0 && digits <= 15 {
            var power = 1.0
            for _ in 0..<fraction { power *= 10 }
            let value = Double(mantissa) / power
            return negative ? -value : value
        }
        return Double(String(decoding: text, as: UTF8.self))
    }
}
