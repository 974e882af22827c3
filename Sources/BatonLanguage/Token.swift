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

/// A token as the parser reads it: plain data, no `String`, so tokens are
/// cheap to copy. Text is sliced from the source on demand; a string
/// literal's decoded value (which differs from its spelling after escapes)
/// waits in the lexer's `RecentTexts`.
struct RawToken: Sendable {
    var start: Int
    var end: Int
    /// Serial number of the decoded text in `RecentTexts`, or -1 when the
    /// text is the source slice.
    var textIndex: Int32
    var kind: TokenKind
    /// Set for identifiers spelled like a keyword.
    var keyword: Keyword?
    var startsLine: Bool

    var range: SourceRange { SourceRange(start: start, end: end) }
}

/// The decoded values of the last few string literals. The parser pulls
/// tokens one at a time and reads a token's text within a token or two of
/// lexing it, so a small ring replaces a text per literal for the whole file.
struct RecentTexts: Sendable {
    static let capacity = 8
    private var texts = [String](repeating: "", count: RecentTexts.capacity)
    private var serials = [Int32](repeating: -1, count: RecentTexts.capacity)
    private var count: Int32 = 0

    /// Stores `text` and returns its serial number.
    mutating func add(_ text: String) -> Int32 {
        let serial = count
        let slot = Int(serial) & (Self.capacity - 1)
        texts[slot] = text
        serials[slot] = serial
        // Serials stay non-negative (-1 means "slice of the source").
        count = count == .max ? 0 : count + 1
        return serial
    }

    func text(_ serial: Int32) -> String {
        let slot = Int(serial) & (Self.capacity - 1)
        precondition(serials[slot] == serial, "token text read after it left the ring")
        return texts[slot]
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
