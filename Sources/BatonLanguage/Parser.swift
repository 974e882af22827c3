public import BatonCore

/// The result of parsing one file: the tree (with whatever could be
/// recovered) and every diagnostic from lexing and parsing.
public struct ParseResult: Sendable {
    public var file: RuleFile
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A syntax error that abandons the current item; the parser reports it and
/// resumes at the next item keyword.
struct SyntaxError: Error {
    var diagnostic: Diagnostic
}

/// Recursive-descent parser over the lexer's tokens. It recovers at item
/// boundaries (`rule`, `let`, `schema`, ...) so one run reports every item's
/// first syntax error, and it bounds nesting so no input can overflow the stack.
public struct Parser {
    /// Deepest expression nesting accepted; far beyond anything hand-written.
    public static let maxNestingDepth = 128
    /// Most operands in one `and` or `or` chain.
    public static let maxChainLength = 1_000
    static let itemKeywords: Set<String> = ["rule", "shadow", "let", "schema", "import", "lexicon", "guards"]

    let source: SourceFile
    var tokens: [Token]
    var position = 0
    var depth = 0
    var diagnostics: DiagnosticBag

    init(source: SourceFile, tokens: [Token], diagnostics: DiagnosticBag) {
        self.source = source
        self.tokens = tokens
        self.diagnostics = diagnostics
    }

    /// Lexes and parses one file.
    public static func parse(_ source: SourceFile) -> ParseResult {
        let lexed = Lexer.tokenize(source)
        var bag = DiagnosticBag()
        bag.append(contentsOf: lexed.diagnostics)
        var parser = Parser(source: source, tokens: lexed.tokens, diagnostics: bag)
        let items = parser.parseItems()
        if items.isEmpty, !parser.diagnostics.hasErrors {
            parser.diagnostics.append(Diagnostic(
                code: "E0106",
                severity: .error,
                message: "rule file is empty",
                path: source.path,
                range: SourceRange(start: 0, end: 0),
                help: "declare a `schema`, `let` or `rule`"
            ))
        }
        let file = RuleFile(path: source.path, items: items, comments: lexed.comments)
        return ParseResult(file: file, diagnostics: parser.diagnostics.sorted)
    }

    mutating func parseItems() -> [Item] {
        // `parseItem` throws only `SyntaxError`, so no other error can reach here.
        var items: [Item] = []
        while !check(.endOfFile) {
            let before = position
            do {
                items.append(try parseItem())
            } catch {
                diagnostics.append(error.diagnostic)
                synchronize(from: before)
            }
        }
        return items
    }

    mutating func parseItem() throws(SyntaxError) -> Item {
        let token = current
        guard token.kind == .identifier else {
            throw error(.expectedItem(found: token.description), at: token.range)
        }
        switch token.text {
        case "import": return .importDecl(try parseImport())
        case "schema": return .schema(try parseSchema())
        case "guards": return .guards(try parseGuards())
        case "lexicon": return .lexicon(try parseLexicon())
        case "let": return .letDecl(try parseLet())
        case "rule", "shadow": return .rule(try parseRule())
        default:
            let suggestion = Suggestions.closest(to: token.text, among: Array(Self.itemKeywords))
            throw error(
                .expectedItem(found: token.description),
                at: token.range,
                help: suggestion.map { "did you mean `\($0)`?" }
            )
        }
    }

    /// Skips to the next token that can start an item on a new line.
    mutating func synchronize(from start: Int) {
        if position == start { advance() }
        while !check(.endOfFile) {
            let token = current
            if token.startsLine, token.kind == .identifier, Self.itemKeywords.contains(token.text) {
                return
            }
            advance()
        }
    }

    // MARK: - Token access

    var current: Token { tokens[position] }

    func peek(_ distance: Int = 1) -> Token {
        tokens[min(position + distance, tokens.count - 1)]
    }

    var previousEnd: Int {
        position > 0 ? tokens[position - 1].range.end : 0
    }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    func checkKeyword(_ keyword: String) -> Bool {
        current.kind == .identifier && current.text == keyword
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String) throws(SyntaxError) -> Token {
        guard check(kind) else {
            throw error(.expected(what, found: current.description), at: current.range)
        }
        let token = current
        advance()
        return token
    }

    @discardableResult
    mutating func expectKeyword(_ keyword: String) throws(SyntaxError) -> Token {
        guard checkKeyword(keyword) else {
            throw error(.expected("`\(keyword)`", found: current.description), at: current.range)
        }
        let token = current
        advance()
        return token
    }

    mutating func consumeKeyword(_ keyword: String) -> Token? {
        guard checkKeyword(keyword) else { return nil }
        let token = current
        advance()
        return token
    }

    mutating func expectName(_ what: String) throws(SyntaxError) -> Name {
        let token = try expect(.identifier, what)
        return Name(token.text, span: Span(token.range))
    }

    mutating func expectString(_ what: String) throws(SyntaxError) -> StringLiteral {
        let token = try expect(.string, what)
        return StringLiteral(value: token.text, span: Span(token.range))
    }

    mutating func expectInteger(_ what: String) throws(SyntaxError) -> IntLiteral {
        let token = current
        guard token.kind == .number, let value = Int(token.text) else {
            throw error(.expected(what, found: token.description), at: token.range)
        }
        advance()
        return IntLiteral(value: value, span: Span(token.range))
    }

    func span(from start: Int) -> Span {
        Span(start: start, end: max(start, previousEnd))
    }

    func error(_ message: ParserMessage, at range: SourceRange, help: String? = nil) -> SyntaxError {
        SyntaxError(diagnostic: Diagnostic(
            code: message.code,
            severity: .error,
            message: message.text,
            path: source.path,
            range: range,
            help: help
        ))
    }
}
