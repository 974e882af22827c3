public import BatonCore

/// Turns UTF-8 bytes into tokens and comments. Never fails: bad bytes become
/// diagnostics and `.invalid` tokens, so the parser can keep going.
public struct Lexer {
    private let source: SourceFile
    private let bytes: [UInt8]
    private var index = 0
    private var sawLineBreak = true
    private var lastTokenLine = -1
    private var lineNumber = 0
    /// The token `lexToken` just read.
    private var lexed = RawToken(start: 0, end: 0, textIndex: -1, kind: .endOfFile, startsLine: true)
    private var recentTexts = RecentTexts()
    /// Every token with its text, filled only by `run()`.
    private var allTokens: [Token] = []
    /// Reused buffer for decoding string literals that contain escapes.
    private var scratch: [UInt8] = []
    /// Held here so a word's look-up does not go through the lazy global each time.
    private let keywords = KeywordTable.shared
    public private(set) var comments: [Comment] = []
    public private(set) var diagnostics = DiagnosticBag()

    public init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
        skipByteOrderMark()
    }

    /// The tokens lexed by `run()`, with their text.
    public var tokens: [Token] { allTokens }

    /// Lexes the whole file; the last token is always `.endOfFile`.
    public static func tokenize(_ source: SourceFile) -> (tokens: [Token], comments: [Comment], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source: source)
        lexer.run()
        return (lexer.tokens, lexer.comments, lexer.diagnostics.diagnostics)
    }

    /// Lexes the whole file into `tokens`, for tools that want every token.
    public mutating func run() {
        while true {
            let token = nextToken()
            allTokens.append(Token(kind: token.kind, text: text(of: token), range: token.range, startsLine: token.startsLine))
            if token.kind == .endOfFile { break }
        }
    }

    /// The next token; `.endOfFile` (again) once the input is used up. The
    /// parser pulls tokens this way, so no token array is ever built.
    mutating func nextToken() -> RawToken {
        skipWhitespaceAndComments()
        guard index < bytes.count else {
            return RawToken(start: bytes.count, end: bytes.count, textIndex: -1, kind: .endOfFile, startsLine: true)
        }
        lexToken()
        return lexed
    }

    /// A token's text: a string's decoded value (readable until a few more
    /// strings are lexed), else its spelling.
    func text(of token: RawToken) -> String {
        token.textIndex >= 0 ? recentTexts.text(token.textIndex) : String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    // MARK: - Trivia

    private mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    private mutating func skipWhitespaceAndComments() {
        while index < bytes.count {
            // Runs of blanks are scanned in locals: the loop then keeps its
            // position in a register instead of storing it on every byte.
            let (end, lineBreaks) = bytes.withUnsafeBufferPointer { bytes in
                var position = index
                var lineBreaks = 0
                scan: while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
                    case UInt8(ascii: "\n"):
                        position += 1
                        lineBreaks += 1
                    default: break scan
                    }
                }
                return (position, lineBreaks)
            }
            index = end
            if lineBreaks > 0 {
                lineNumber += lineBreaks
                sawLineBreak = true
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "#") else { return }
            lexComment()
        }
    }

    private mutating func lexComment() {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        var end = index
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let body = start + 1..<end
        if let invalid = firstInvalidUTF8(in: body) {
            report(.invalidUTF8, SourceRange(start: invalid, end: invalid + 1))
        }
        let text = String(decoding: bytes[body], as: UTF8.self)
        comments.append(Comment(
            text: text,
            range: SourceRange(start: start, end: end),
            isTrailing: lastTokenLine == lineNumber
        ))
    }

    // MARK: - Tokens

    private mutating func lexToken() {
        let start = index
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            // Keywords are lowercase letters and `_`: a word with anything
            // else (`r12`, `intent_3`) skips the table.
            var couldBeKeyword = true
            index = bytes.withUnsafeBufferPointer { bytes in
                var position = start
                while position < bytes.count, isWordByte(bytes[position]) {
                    let byte = bytes[position]
                    if byte < UInt8(ascii: "a"), byte != UInt8(ascii: "_") { couldBeKeyword = false }
                    position += 1
                }
                return position
            }
            let keyword = couldBeKeyword ? keywords.keyword(in: bytes, from: start, to: index) : nil
            emit(.identifier, from: start, keyword: keyword)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber()
        case UInt8(ascii: "\""):
            lexString()
        case UInt8(ascii: "{"): single(.leftBrace)
        case UInt8(ascii: "}"): single(.rightBrace)
        case UInt8(ascii: "("): single(.leftParen)
        case UInt8(ascii: ")"): single(.rightParen)
        case UInt8(ascii: "["): single(.leftBracket)
        case UInt8(ascii: "]"): single(.rightBracket)
        case UInt8(ascii: ","): single(.comma)
        case UInt8(ascii: "."): single(.dot)
        case UInt8(ascii: ":"): single(.colon)
        case UInt8(ascii: "-"): single(.minus)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { double(.equal) } else { single(.assign) }
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") {
                double(.notEqual)
            } else {
                index += 1
                report(.unexpectedCharacter("!"), SourceRange(start: start, end: index), help: "use `not` for negation")
                emit(.invalid, from: start)
            }
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "=") { double(.lessEqual) } else { single(.less) }
        case UInt8(ascii: ">"):
            if peek(1) == UInt8(ascii: "=") { double(.greaterEqual) } else { single(.greater) }
        default:
            lexUnexpected()
        }
    }

    private mutating func lexNumber() {
        let start = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."), isDigit(bytes[index + 1]) {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, isWordByte(bytes[index]) {
            // `5xx` and `4xx` are status classes, read as words (the checker
            // judges which classes exist).
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            if index - start == 3, bytes[start + 1] == UInt8(ascii: "x"), bytes[start + 2] == UInt8(ascii: "x") {
                emit(.identifier, from: start)
            } else {
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                report(.invalidNumber(text), SourceRange(start: start, end: index))
                emit(.invalid, from: start)
            }
            return
        }
        emit(.number, from: start)
    }

    private mutating func lexString() {
        let start = index
        // Most literals have no escapes: their value is the bytes between the quotes.
        index = bytes.withUnsafeBufferPointer { bytes in
            var position = start + 1
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte >= 0x80 || (byte < 0x20 && byte != UInt8(ascii: "\t")) { break }
                position += 1
            }
            return position
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            index += 1
            append(.string, text: String(decoding: bytes[start + 1..<index - 1], as: UTF8.self), from: start)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start + 1..<index])
        lexStringSlowly(from: start)
    }

    /// The rest of a string literal that has escapes or bytes to check.
    private mutating func lexStringSlowly(from start: Int) {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                append(.string, text: String(decoding: scratch, as: UTF8.self), from: start)
                return
            }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { index += 1; break }
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "\""): scratch.append(escaped)
                case UInt8(ascii: "\\"): scratch.append(escaped)
                case UInt8(ascii: "n"): scratch.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): scratch.append(UInt8(ascii: "\t"))
                // Braces stay escaped so templates can tell `\{` from a placeholder.
                case UInt8(ascii: "{"), UInt8(ascii: "}"): scratch.append(contentsOf: [byte, escaped])
                // Other ASCII escapes (`\d`, `\b`, `\.`, ...) belong to patterns:
                // kept verbatim so the pattern compiler can judge them.
                case 0x21...0x7E: scratch.append(contentsOf: [byte, escaped])
                default:
                    let range = SourceRange(start: index, end: index + 2)
                    report(.invalidEscape(String(decoding: [escaped], as: UTF8.self)), range)
                }
                index += 2
                continue
            }
            if byte >= 0x80 {
                let length = utf8SequenceLength(at: index)
                if length == 0 {
                    report(.invalidUTF8, SourceRange(start: index, end: index + 1))
                    index += 1
                    continue
                }
                scratch.append(contentsOf: bytes[index..<index + length])
                index += length
                continue
            }
            if byte < 0x20 && byte != UInt8(ascii: "\t") {
                report(.controlCharacterInString, SourceRange(start: index, end: index + 1))
                index += 1
                continue
            }
            scratch.append(byte)
            index += 1
        }
        report(.unterminatedString, SourceRange(start: start, end: index), help: "close the string with `\"` on the same line")
        append(.string, text: String(decoding: scratch, as: UTF8.self), from: start)
    }

    /// Reads a run of characters that cannot start a token as one invalid
    /// token with one diagnostic, so a megabyte of junk stays one error.
    private mutating func lexUnexpected() {
        let start = index
        if utf8SequenceLength(at: index) == 0 {
            while index < bytes.count, bytes[index] >= 0x80, utf8SequenceLength(at: index) == 0 { index += 1 }
            report(.invalidUTF8, SourceRange(start: start, end: index))
            emit(.invalid, from: start)
            return
        }
        let firstLength = utf8SequenceLength(at: index)
        let character = String(decoding: bytes[index..<index + firstLength], as: UTF8.self)
        index += firstLength
        while index < bytes.count, !startsToken(bytes[index]) {
            let length = utf8SequenceLength(at: index)
            if length == 0 { break }
            index += length
        }
        let help = index - start > firstLength ? "the characters that follow it up to here were skipped too" : nil
        report(.unexpectedCharacter(character), SourceRange(start: start, end: index), help: help)
        append(.invalid, text: "", from: start)
    }

    /// Whether a byte can begin a token or trivia.
    private func startsToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "#"),
             UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ":"),
             UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            true
        default:
            isWordByte(byte)
        }
    }

    // MARK: - Helpers

    private func peek(_ distance: Int) -> UInt8? {
        index + distance < bytes.count ? bytes[index + distance] : nil
    }

    private mutating func single(_ kind: TokenKind) {
        let start = index
        index += 1
        emit(kind, from: start)
    }

    private mutating func double(_ kind: TokenKind) {
        let start = index
        index += 2
        emit(kind, from: start)
    }

    /// A token whose text is its source spelling.
    private mutating func emit(_ kind: TokenKind, from start: Int, keyword: Keyword? = nil) {
        lexed = RawToken(start: start, end: index, textIndex: -1, kind: kind, keyword: keyword, startsLine: sawLineBreak)
        sawLineBreak = false
        lastTokenLine = lineNumber
    }

    /// A token whose text differs from its spelling (a decoded string).
    private mutating func append(_ kind: TokenKind, text: String, from start: Int) {
        lexed = RawToken(start: start, end: index, textIndex: recentTexts.add(text), kind: kind, startsLine: sawLineBreak)
        sawLineBreak = false
        lastTokenLine = lineNumber
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    /// Length of a valid UTF-8 sequence starting at `position`, or 0.
    private func utf8SequenceLength(at position: Int) -> Int {
        let lead = bytes[position]
        let length: Int
        let minimum: UInt32
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2; minimum = 0x80
        case 0xE0...0xEF: length = 3; minimum = 0x800
        case 0xF0...0xF4: length = 4; minimum = 0x10000
        default: return 0
        }
        guard position + length <= bytes.count else { return 0 }
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let next = bytes[position + offset]
            guard next & 0xC0 == 0x80 else { return 0 }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return 0 }
        return length
    }

    private func firstInvalidUTF8(in range: Range<Int>) -> Int? {
        var position = range.lowerBound
        while position < range.upperBound {
            let length = utf8SequenceLength(at: position)
            if length == 0 || position + length > range.upperBound { return position }
            position += length
        }
        return nil
    }

    private mutating func report(_ message: LexerMessage, _ range: SourceRange, help: String? = nil) {
        diagnostics.append(Diagnostic(
            code: message.code,
            severity: .error,
            message: message.text,
            path: source.path,
            range: range,
            help: help
        ))
    }
}

/// The lexer's messages, kept beside the code that raises them.
enum LexerMessage {
    case unexpectedCharacter(String)
    case invalidUTF8
    case unterminatedString
    case invalidEscape(String)
    case invalidNumber(String)
    case controlCharacterInString

    var code: String {
        switch self {
        case .unexpectedCharacter: "E0001"
        case .invalidUTF8: "E0002"
        case .unterminatedString: "E0003"
        case .invalidEscape: "E0004"
        case .invalidNumber: "E0005"
        case .controlCharacterInString: "E0006"
        }
    }

    var text: String {
        switch self {
        case .unexpectedCharacter(let character): "unexpected character `\(character)`"
        case .invalidUTF8: "invalid UTF-8 byte sequence"
        case .unterminatedString: "unterminated string"
        case .invalidEscape(let character): "unknown escape `\\\(character)` in string"
        case .invalidNumber(let text): "invalid number `\(text)`"
        case .controlCharacterInString: "control character in string"
        }
    }
}
