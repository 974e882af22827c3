import BatonCore

/// Top-level declarations other than rules.
extension Parser {
    mutating func parseImport() throws(SyntaxError) -> ImportDecl {
        let start = try expectKeyword(.import).range.start
        let path = try expectString("a file path string")
        return ImportDecl(path: path, span: span(from: start))
    }

    mutating func parseSchema() throws(SyntaxError) -> SchemaDecl {
        let start = try expectKeyword(.schema).range.start
        try expect(.leftBrace, "`{`")
        var entries: [SchemaEntry] = []
        while !check(.rightBrace) {
            let token = current
            let entryStart = token.range.start
            guard token.kind == .identifier else {
                throw error(.expected("`intents`, `apis`, `tools` or `metadata`", found: describe(token)), at: token.range)
            }
            switch token.keyword {
            case .intents:
                advance()
                let names = try parseNameList("an intent name")
                entries.append(.intents(names, span: span(from: entryStart)))
            case .tools:
                advance()
                let names = try parseNameList("a tool name")
                entries.append(.tools(names, span: span(from: entryStart)))
            case .apis:
                advance()
                var apis: [APIDecl] = []
                repeat {
                    let name = try expectName("an API name")
                    var statuses: [StringLiteral]?
                    if check(.leftBracket) {
                        statuses = try parseStringList()
                    }
                    apis.append(APIDecl(name: name, statuses: statuses, span: span(from: name.span.range.start)))
                } while consume(.comma)
                entries.append(.apis(apis, span: span(from: entryStart)))
            case .metadata:
                advance()
                var fields: [FieldDecl] = []
                repeat {
                    let name = try expectName("a metadata field name")
                    try expect(.colon, "`:` and a type")
                    let type = try expectName("a type (`string`, `number`, `bool` or `list`)")
                    fields.append(FieldDecl(name: name, type: type, span: span(from: name.span.range.start)))
                } while consume(.comma)
                entries.append(.metadata(fields, span: span(from: entryStart)))
            default:
                let word = text(of: token)
                let suggestion = Suggestions.closest(to: word, among: ["intents", "apis", "tools", "metadata"])
                throw error(
                    .unknownSchemaEntry(word),
                    at: token.range,
                    help: suggestion.map { "did you mean `\($0)`?" }
                )
            }
        }
        try expect(.rightBrace, "`}`")
        return SchemaDecl(entries: entries, span: span(from: start))
    }

    mutating func parseGuards() throws(SyntaxError) -> GuardsDecl {
        let start = try expectKeyword(.guards).range.start
        try expect(.leftBrace, "`{`")
        var entries: [GuardEntry] = []
        while !check(.rightBrace) {
            let token = current
            switch token.keyword {
            case .cooldown:
                advance()
                let turns = try expectInteger("a number of turns")
                try expectKeyword(.turns)
                entries.append(.cooldown(turns, span: span(from: token.range.start)))
            case .maxEscalations:
                advance()
                let count = try expectInteger("a number of escalations")
                entries.append(.maxEscalations(count, span: span(from: token.range.start)))
            default:
                throw error(.expected("`cooldown` or `max_escalations`", found: describe(token)), at: token.range)
            }
        }
        try expect(.rightBrace, "`}`")
        return GuardsDecl(entries: entries, span: span(from: start))
    }

    mutating func parseLexicon() throws(SyntaxError) -> LexiconDecl {
        let start = try expectKeyword(.lexicon).range.start
        try expect(.leftBrace, "`{`")
        var entries: [LexiconEntry] = []
        while !check(.rightBrace) {
            let phrase = try expectString("a word or phrase in quotes")
            let valueStart = current.range.start
            let negative = consume(.minus)
            let number = try expect(.number, "a valence such as `-2.5`")
            guard let magnitude = NumberScanner.double(in: bytes, from: number.start, to: number.end) else {
                throw error(.expected("a valence such as `-2.5`", found: describe(number)), at: number.range)
            }
            let valueSpan = Span(start: valueStart, end: number.range.end)
            entries.append(LexiconEntry(
                phrase: phrase,
                valence: negative ? -magnitude : magnitude,
                valenceSpan: valueSpan,
                span: span(from: phrase.span.range.start)
            ))
        }
        try expect(.rightBrace, "`}`")
        return LexiconDecl(entries: entries, span: span(from: start))
    }

    mutating func parseLet() throws(SyntaxError) -> LetDecl {
        let start = try expectKeyword(.let).range.start
        let name = try expectName("a name for the condition")
        try expect(.assign, "`=`")
        let value = try parseExpression()
        return LetDecl(name: name, value: value, span: span(from: start))
    }

    // MARK: - Lists

    mutating func parseNameList(_ what: String) throws(SyntaxError) -> [Name] {
        var names: [Name] = []
        repeat {
            names.append(try expectName(what))
        } while consume(.comma)
        return names
    }

    mutating func parseStringList() throws(SyntaxError) -> [StringLiteral] {
        try expect(.leftBracket, "`[`")
        var strings: [StringLiteral] = []
        if !check(.rightBracket) {
            repeat {
                if check(.rightBracket) { break }  // trailing comma
                strings.append(try expectString("a string"))
            } while consume(.comma)
        }
        try expect(.rightBracket, "`]`")
        return strings
    }

    mutating func consume(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }
}
