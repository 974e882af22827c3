import BatonCore
import BatonLanguage
import BatonPattern

/// Maps an offset in a pattern's decoded text back to the source bytes of
/// its string literal, so the caret lands on the offending character.
enum PatternOffsets {
    static func sourceRange(of error: PatternError, in literal: StringLiteral, source: SourceFile?) -> SourceRange {
        let range = literal.span.range
        guard let source else { return range }
        let bytes = source.bytes
        var raw = range.start + 1
        var decoded = 0
        var start: Int?
        let end = max(range.start + 1, range.end - 1)
        while raw < end {
            if decoded >= error.offset, start == nil { start = raw }
            if decoded >= error.offset + max(error.length, 1) {
                return SourceRange(start: start ?? raw, end: raw)
            }
            if bytes[raw] == UInt8(ascii: "\\"), raw + 1 < end {
                let next = bytes[raw + 1]
                // `\"`, `\\`, `\n`, `\t` decode to one byte; pattern escapes keep both.
                let decodedLength = (next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next == UInt8(ascii: "n") || next == UInt8(ascii: "t")) ? 1 : 2
                raw += 2
                decoded += decodedLength
            } else {
                raw += 1
                decoded += 1
            }
        }
        return SourceRange(start: start ?? range.start, end: max(start ?? range.start, end) + (start == nil ? 0 : 0))
    }
}
