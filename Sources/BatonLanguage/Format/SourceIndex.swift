import BatonCore

/// What the formatter reads from the source text because the tree does not
/// keep it: keyword and brace positions (to anchor comments), literal
/// spellings, and where comments and blank lines are.
struct SourceIndex {
    let source: SourceFile
    let tokens: [Token]
    /// Start offsets of all comments, ascending.
    let commentStarts: [Int]

    init(source: SourceFile, comments: [Comment]) {
        self.source = source
        // Re-lexing is linear and keeps the tree free of formatting-only data.
        self.tokens = Lexer.tokenize(source).tokens
        self.commentStarts = comments.map(\.range.start).sorted()
    }

    /// The raw source under a span: string literals are written back exactly,
    /// because their decoded value keeps pattern escapes and re-escaping it
    /// could change what a pattern means.
    func text(_ span: Span) -> String {
        source.text(in: span.range)
    }

    /// Index of the first token that starts at or after `offset`.
    func tokenIndex(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].range.start < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The first token of `kind` that starts inside `range`.
    func firstToken(_ kind: TokenKind, in range: Range<Int>) -> Token? {
        var index = tokenIndex(atOrAfter: range.lowerBound)
        while index < tokens.count, tokens[index].range.start < range.upperBound {
            if tokens[index].kind == kind { return tokens[index] }
            index += 1
        }
        return nil
    }

    /// The keyword `word` right before `offset`, looking past the `(` tokens
    /// that open an expression (expression spans exclude outer parentheses).
    func keyword(_ word: String, before offset: Int) -> Token? {
        var index = tokenIndex(atOrAfter: offset) - 1
        while index >= 0, tokens[index].kind == .leftParen { index -= 1 }
        guard index >= 0, tokens[index].kind == .identifier, tokens[index].text == word else { return nil }
        return tokens[index]
    }

    /// True when a comment starts inside `range`.
    func hasComment(in range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        var low = 0
        var high = commentStarts.count
        while low < high {
            let mid = (low + high) / 2
            if commentStarts[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        return low < commentStarts.count && commentStarts[low] < range.upperBound
    }

    /// True when the bytes from `start` to `end` hold an empty line; false
    /// when `end` is not after `start`.
    func hasBlankLine(from start: Int, to end: Int) -> Bool {
        let bytes = source.bytes
        let lower = max(0, start)
        let upper = min(bytes.count, end)
        guard lower < upper else { return false }
        var lineBreaks = 0
        for offset in lower..<upper {
            switch bytes[offset] {
            case UInt8(ascii: "\n"):
                lineBreaks += 1
                if lineBreaks >= 2 { return true }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                continue
            default:
                lineBreaks = 0
            }
        }
        return false
    }
}
