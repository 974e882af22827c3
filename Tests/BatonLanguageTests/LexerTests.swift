import BatonCore
import BatonLanguage
import Testing

@Suite("Lexer")
struct LexerTests {
    static let kindCases: [(String, [TokenKind])] = [
        ("rule x { }", [.identifier, .identifier, .leftBrace, .rightBrace]),
        ("a == b != c", [.identifier, .equal, .identifier, .notEqual, .identifier]),
        ("<= >= < > =", [.lessEqual, .greaterEqual, .less, .greater, .assign]),
        ("-0.45 3 12.5", [.minus, .number, .number, .number]),
        ("5xx 4xx", [.identifier, .identifier]),
        ("metadata.cart_value", [.identifier, .dot, .identifier]),
        ("[a, b]", [.leftBracket, .identifier, .comma, .identifier, .rightBracket]),
        ("avg(sentiment, last 3)", [.identifier, .leftParen, .identifier, .comma, .identifier, .number, .rightParen]),
        ("\"text\" # comment", [.string]),
        ("", []),
    ]

    @Test(arguments: kindCases)
    func tokenKinds(source: String, expected: [TokenKind]) {
        let lexed = Lexer.tokenize(SourceFile(path: "t.baton", text: source))
        #expect(lexed.tokens.map(\.kind) == expected + [.endOfFile])
        #expect(lexed.diagnostics.isEmpty)
    }

    @Test func stringEscapesDecodeButKeepPatternEscapes() {
        let lexed = Lexer.tokenize(SourceFile(path: "t.baton", text: #""a \"q\" \\ \d \{x\}""#))
        #expect(lexed.tokens[0].text == #"a "q" \ \d \{x\}"#)
    }

    @Test func commentsAreKeptWithTrailingFlag() {
        let lexed = Lexer.tokenize(SourceFile(path: "t.baton", text: "# lead\nlet x = true # trail\n"))
        #expect(lexed.comments.map(\.text) == [" lead", " trail"])
        #expect(lexed.comments.map(\.isTrailing) == [false, true])
    }

    @Test func tokensRecordLineStarts() {
        let lexed = Lexer.tokenize(SourceFile(path: "t.baton", text: "a b\nc"))
        #expect(lexed.tokens.map(\.startsLine) == [true, false, true, true])
    }

    static let errorCases: [(String, String, Int, Int)] = [
        ("let x = a ! b", "E0001", 10, 11),
        ("let x = \"open", "E0003", 8, 13),
        ("let x = \"a\\\u{7}b\"", "E0004", 10, 12),
        ("let x = 12abc", "E0005", 8, 13),
        ("let x = @", "E0001", 8, 9),
    ]

    @Test(arguments: errorCases)
    func errors(source: String, code: String, start: Int, end: Int) {
        let lexed = Lexer.tokenize(SourceFile(path: "t.baton", text: source))
        #expect(lexed.diagnostics.map(\.code) == [code])
        #expect(lexed.diagnostics.first?.range == SourceRange(start: start, end: end))
    }

    @Test func invalidUTF8IsOneDiagnosticPerRun() {
        let bytes: [UInt8] = Array("let x = ".utf8) + [0xFF, 0xFE, 0xC0] + Array(" true".utf8)
        let lexed = Lexer.tokenize(SourceFile(path: "t.baton", bytes: bytes))
        #expect(lexed.diagnostics.map(\.code) == ["E0002"])
        #expect(lexed.diagnostics.first?.range == SourceRange(start: 8, end: 11))
    }

    @Test func invalidUTF8InsideStringAndComment() {
        let bytes: [UInt8] = Array("\"a".utf8) + [0xE2, 0x28] + Array("\" # c".utf8) + [0xFF]
        let lexed = Lexer.tokenize(SourceFile(path: "t.baton", bytes: bytes))
        #expect(lexed.diagnostics.map(\.code) == ["E0002", "E0002"])
    }

    @Test func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("let".utf8)
        let lexed = Lexer.tokenize(SourceFile(path: "t.baton", bytes: bytes))
        #expect(lexed.diagnostics.isEmpty)
        #expect(lexed.tokens.first?.text == "let")
    }
}
