public import BatonCore

/// The kinds of token. Words are not split into keywords here: the parser
/// reads keywords by their text, so field names such as `priority` stay
/// usable after a dot.
public enum TokenKind: Sendable, Hashable {
    case identifier
    case number
    case string
    case leftBrace, rightBrace
    case leftParen, rightParen
    case leftBracket, rightBracket
    case comma, dot, colon
    case assign
    case equal, notEqual
    case less, lessEqual, greater, greaterEqual
    case minus
    case endOfFile
    /// A byte sequence the lexer could not use; already diagnosed.
    case invalid
}

/// One token with its byte range. `text` is the source text for words,
/// numbers and punctuation; for strings it is the decoded value.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var text: String
    public var range: SourceRange
    /// True when a line break separates this token from the previous one.
    public var startsLine: Bool

    public init(kind: TokenKind, text: String, range: SourceRange, startsLine: Bool) {
        self.kind = kind
        self.text = text
        self.range = range
        self.startsLine = startsLine
    }

    /// How the token reads in a message: `` `rule` `` or `end of file`.
    public var description: String {
        switch kind {
        case .endOfFile: "end of file"
        case .string: "string"
        case .invalid: "invalid input"
        default: "`\(text)`"
        }
    }
}

/// A token as the parser reads it: plain data, no `String`, so the token
/// array is cheap to build, copy and free. Text is sliced from the source on
/// demand; string literals (whose value differs from their spelling after
/// escapes) keep their decoded value in `TokenStream.texts`.
struct RawToken: Sendable {
    var start: Int
    var end: Int
    /// Index into `TokenStream.texts`, or -1 when the text is the source slice.
    var textIndex: Int32
    var kind: TokenKind
    /// Set for identifiers spelled like a keyword.
    var keyword: Keyword?
    var startsLine: Bool

    var range: SourceRange { SourceRange(start: start, end: end) }
}

/// The lexer's output for the parser.
struct TokenStream: Sendable {
    var tokens: [RawToken]
    /// Decoded texts that are not a plain slice of the source (string values).
    var texts: [String]

    /// The token's text: the decoded value for strings, else its spelling.
    func text(of token: RawToken, in bytes: [UInt8]) -> String {
        token.textIndex >= 0 ? texts[Int(token.textIndex)] : String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }
}

/// A `#` comment, kept so the formatter can put it back.
public struct Comment: Sendable, Hashable {
    /// The text after `#`, without the line break.
    public var text: String
    public var range: SourceRange
    /// True when code precedes the comment on the same line.
    public var isTrailing: Bool

    public init(text: String, range: SourceRange, isTrailing: Bool) {
        self.text = text
        self.range = range
        self.isTrailing = isTrailing
    }
}
