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
    static let itemKeywords = Keyword.allCases.filter(\.startsItem).map(\.rawValue)

    let source: SourceFile
    let bytes: [UInt8]
    /// Tokens are pulled from the lexer as the parser goes: `current`, and
    /// `lookahead` once `peek()` has asked for it.
    var lexer: Lexer
    var current: RawToken
    var lookahead: RawToken?
    /// End of the token before `current` (0 at the start).
    var previousEnd = 0
    /// Number of tokens consumed, to tell whether recovery made progress.
    var position = 0
    var depth = 0
    var diagnostics = DiagnosticBag()
    /// Reused buffers that lists are gathered in, then copied out at their
    /// exact size: one allocation per list instead of a regrowth every few
    /// elements, and no spare capacity kept in the tree.
    var scratch = Scratch()

    struct Scratch {
        /// Elements of list literals and call arguments; a nested list
        /// works above its parent's elements and removes them when done.
        var expressions: [Expr] = []
        var settings: [RuleSetting] = []
        var actions: [Action] = []
        var options: [ActionOption] = []
    }

    init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
        self.lexer = Lexer(source: source)
        self.current = lexer.nextToken()
    }

    /// Lexes and parses one file.
    public static func parse(_ source: SourceFile) -> ParseResult {
        parse(source) { _ in }
    }

    /// Lexes and parses one file, handing each item to `visit` as soon as it
    /// is parsed, while its tree is still in cache (the checker checks rules
    /// this way). Items that fail to parse are not visited.
    public static func parse(_ source: SourceFile, visit: (Item) -> Void) -> ParseResult {
        var parser = Parser(source: source)
        let items = parser.parseItems(visit: visit)
        // Lexer diagnostics first, as when the whole file was lexed up front
        // (the bag's cap keeps the earliest).
        var bag = DiagnosticBag()
        bag.append(contentsOf: parser.lexer.diagnostics.diagnostics)
        bag.append(contentsOf: parser.diagnostics.diagnostics)
        if items.isEmpty, !bag.hasErrors {
            bag.append(Diagnostic(
                code: "E0106",
                severity: .error,
                message: "rule file is empty",
                path: source.path,
                range: SourceRange(start: 0, end: 0),
                help: "declare a `schema`, `let` or `rule`"
            ))
        }
        let file = RuleFile(path: source.path, items: items, comments: parser.lexer.comments)
        return ParseResult(file: file, diagnostics: bag.sorted)
    }

    /// Items parsed before the list is sized for the whole file.
    static let itemsBeforeEstimate = 64

    /// How many items a file of `length` bytes holds if the rest is as dense
    /// as its first `count` items, which end at byte `end`, plus an eighth.
    /// Sizing a large file's lists from this makes them grow once or not at
    /// all, instead of a dozen times (each a copy of everything so far).
    public static func estimatedTotal(_ count: Int, endingAt end: Int, of length: Int) -> Int {
        let estimate = Double(count) * Double(length) / Double(max(end, 1))
        return Int(min(estimate * 1.125, Double(length)))
    }

    mutating func parseItems(visit: (Item) -> Void) -> [Item] {
        // `parseItem` throws only `SyntaxError`, so no other error can reach here.
        var items: [Item] = []
        while !check(.endOfFile) {
            let before = position
            do {
                let item = try parseItem()
                visit(item)
                items.append(item)
                if items.count == Self.itemsBeforeEstimate {
                    items.reserveCapacity(Self.estimatedTotal(items.count, endingAt: previousEnd, of: bytes.count))
                }
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
            throw error(.expectedItem(found: describe(token)), at: token.range)
        }
        switch token.keyword {
        case .import: return .importDecl(try parseImport())
        case .schema: return .schema(try parseSchema())
        case .guards: return .guards(try parseGuards())
        case .lexicon: return .lexicon(try parseLexicon())
        case .let: return .letDecl(try parseLet())
        case .rule, .shadow: return .rule(try parseRule())
        default:
            let suggestion = Suggestions.closest(to: text(of: token), among: Self.itemKeywords)
            throw error(
                .expectedItem(found: describe(token)),
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
            if token.startsLine, token.keyword?.startsItem == true {
                return
            }
            advance()
        }
    }

    // MARK: - Token access

    mutating func peek() -> RawToken {
        if let lookahead { return lookahead }
        let next = current.kind == .endOfFile ? current : lexer.nextToken()
        lookahead = next
        return next
    }

    mutating func advance() {
        guard current.kind != .endOfFile else { return }
        previousEnd = current.end
        if let next = lookahead {
            current = next
            lookahead = nil
        } else {
            current = lexer.nextToken()
        }
        position += 1
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    func checkKeyword(_ keyword: Keyword) -> Bool {
        current.keyword == keyword
    }

    /// The token's text: a string's decoded value, else its spelling.
    func text(of token: RawToken) -> String {
        lexer.text(of: token)
    }

    /// How a token reads in a message: `` `rule` `` or `end of file`.
    func describe(_ token: RawToken) -> String {
        switch token.kind {
        case .endOfFile: "end of file"
        case .string: "string"
        case .invalid: "invalid input"
        default: "`\(text(of: token))`"
        }
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String) throws(SyntaxError) -> RawToken {
        guard check(kind) else {
            throw error(.expected(what, found: describe(current)), at: current.range)
        }
        let token = current
        advance()
        return token
    }

    @discardableResult
    mutating func expectKeyword(_ keyword: Keyword) throws(SyntaxError) -> RawToken {
        guard checkKeyword(keyword) else {
            throw error(.expected("`\(keyword.rawValue)`", found: describe(current)), at: current.range)
        }
        let token = current
        advance()
        return token
    }

    mutating func consumeKeyword(_ keyword: Keyword) -> RawToken? {
        guard checkKeyword(keyword) else { return nil }
        let token = current
        advance()
        return token
    }

    mutating func expectName(_ what: String) throws(SyntaxError) -> Name {
        let token = try expect(.identifier, what)
        return Name(text(of: token), span: Span(token.range))
    }

    mutating func expectString(_ what: String) throws(SyntaxError) -> StringLiteral {
        let token = try expect(.string, what)
        return StringLiteral(value: text(of: token), span: Span(token.range))
    }

    mutating func expectInteger(_ what: String) throws(SyntaxError) -> IntLiteral {
        let token = current
        guard token.kind == .number, let value = NumberScanner.integer(in: bytes, from: token.start, to: token.end) else {
            throw error(.expected(what, found: describe(token)), at: token.range)
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
