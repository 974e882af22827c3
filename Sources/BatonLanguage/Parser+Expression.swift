import BatonCore

/// Conditions, by precedence from loosest to tightest:
/// `or`, `and`, `not`, one comparison or predicate, unary `-`, primaries.
extension Parser {
    /// Parses a condition or value; public so tools can parse snippets.
    mutating func parseExpression() throws(SyntaxError) -> Expr {
        try nested { (parser: inout Parser) throws(SyntaxError) in try parser.parseOr() }
    }

    /// Guards recursion so deeply nested input becomes a diagnostic, not a
    /// stack overflow.
    mutating func nested(_ body: (inout Parser) throws(SyntaxError) -> Expr) throws(SyntaxError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxNestingDepth else {
            throw error(.nestingTooDeep(Self.maxNestingDepth), at: current.range, help: "split the condition into named `let` conditions")
        }
        return try body(&self)
    }

    mutating func parseOr() throws(SyntaxError) -> Expr {
        var left = try parseAnd()
        var operands = 1
        while checkKeyword(.or) {
            try countOperand(&operands)
            advance()
            let right = try parseAnd()
            left = .binary(.or, left, right, span: left.span.union(right.span))
        }
        return left
    }

    mutating func parseAnd() throws(SyntaxError) -> Expr {
        var left = try parseNot()
        var operands = 1
        while checkKeyword(.and) {
            try countOperand(&operands)
            advance()
            let right = try parseNot()
            left = .binary(.and, left, right, span: left.span.union(right.span))
        }
        return left
    }

    /// Chains are trees nested once per operand; a cap keeps every later
    /// phase's recursion (comparison, lowering, freeing) shallow.
    private mutating func countOperand(_ operands: inout Int) throws(SyntaxError) {
        operands += 1
        guard operands <= Self.maxChainLength else {
            throw error(.chainTooLong(Self.maxChainLength), at: current.range, help: "split the condition into named `let` conditions")
        }
    }

    mutating func parseNot() throws(SyntaxError) -> Expr {
        if checkKeyword(.not) {
            let start = current.range.start
            advance()
            let operand = try nested { (parser: inout Parser) throws(SyntaxError) in try parser.parseNot() }
            return .unary(.not, operand, span: span(from: start))
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(SyntaxError) -> Expr {
        let left = try parseUnary()
        let start = left.span.range.start
        if check(.assign) {
            throw error(.expected("a condition", found: "`=`"), at: current.range, help: "use `==` to compare")
        }
        if let op = comparisonOperator(current.kind) {
            advance()
            let right = try parseUnary()
            return .binary(op, left, right, span: span(from: start))
        }
        switch current.keyword {
        case .in:
            advance()
            let set = try parseUnary()
            return .membership(left, negated: false, set, span: span(from: start))
        case .not where peek().keyword == .in:
            advance()
            advance()
            let set = try parseUnary()
            return .membership(left, negated: true, set, span: span(from: start))
        case .matches:
            advance()
            let pattern = try expectString("a pattern string")
            return .matches(left, pattern, span: span(from: start))
        case .contains:
            advance()
            let phrases = try parseUnary()
            return .contains(left, phrases, span: span(from: start))
        case .exists:
            advance()
            return .exists(left, span: span(from: start))
        case .is:
            advance()
            let name = try expectName("a class such as `5xx`, `4xx`, `timeout` or `unknown`")
            return .isClass(left, name, span: span(from: start))
        default:
            return left
        }
    }

    mutating func parseUnary() throws(SyntaxError) -> Expr {
        if check(.minus) {
            let start = current.range.start
            advance()
            let operand = try nested { (parser: inout Parser) throws(SyntaxError) in try parser.parseUnary() }
            if case .number(let value, _) = operand {
                return .number(-value, span: span(from: start))
            }
            return .unary(.negate, operand, span: span(from: start))
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(SyntaxError) -> Expr {
        let token = current
        let start = token.range.start
        switch token.kind {
        case .number:
            advance()
            guard let value = NumberScanner.double(in: bytes, from: token.start, to: token.end), value.isFinite else {
                throw error(.expected("a number", found: describe(token)), at: token.range)
            }
            return .number(value, span: Span(token.range))
        case .string:
            advance()
            return .string(StringLiteral(value: text(of: token), span: Span(token.range)))
        case .leftParen:
            advance()
            let inner = try parseExpression()
            try expect(.rightParen, "`)`")
            return inner
        case .leftBracket:
            return try parseList()
        case .identifier:
            return try parseWord(token, start: start)
        default:
            throw error(.expected("a condition", found: describe(token)), at: token.range)
        }
    }

    mutating func parseList() throws(SyntaxError) -> Expr {
        let start = current.range.start
        try expect(.leftBracket, "`[`")
        let base = scratch.expressions.count
        defer { scratch.expressions.removeSubrange(base...) }
        while !check(.rightBracket) {
            let element = try nested { (parser: inout Parser) throws(SyntaxError) in try parser.parseUnary() }
            scratch.expressions.append(element)
            if !consume(.comma) { break }
        }
        try expect(.rightBracket, "`]`")
        return .list(Array(scratch.expressions[base...]), span: span(from: start))
    }

    mutating func parseWord(_ token: RawToken, start: Int) throws(SyntaxError) -> Expr {
        if token.keyword?.isNonOperand == true {
            throw error(.expected("a condition", found: describe(token)), at: token.range)
        }
        switch token.keyword {
        case .true, .false:
            advance()
            return .boolean(token.keyword == .true, span: Span(token.range))
        case .toolCall:
            advance()
            let name = try expectName("a tool name such as `escalate_to_human`")
            return .toolCall(name, span: span(from: start))
        case .intent where peek().keyword == .was:
            advance()
            advance()
            let set = try parseUnary()
            var window: IntLiteral?
            if consumeKeyword(.within) != nil {
                try expectKeyword(.last)
                window = try expectInteger("a number of turns")
            }
            return .intentWas(set, within: window, span: span(from: start))
        default:
            break
        }
        advance()
        let name = Name(text(of: token), span: Span(token.range))
        if check(.leftParen) {
            return try parseCall(name)
        }
        if check(.dot) {
            // Room for `api.orders.status`, the longest built-in path, in one allocation.
            var names: [Name] = []
            names.reserveCapacity(3)
            names.append(name)
            while consume(.dot) {
                names.append(try expectName("a field name"))
            }
            return .path(names, span: span(from: start))
        }
        return .name(name)
    }

    /// `avg(sentiment, last 3)`, `count(api_error, last 5)`, `consecutive(x)`.
    mutating func parseCall(_ name: Name) throws(SyntaxError) -> Expr {
        try expect(.leftParen, "`(`")
        let base = scratch.expressions.count
        defer { scratch.expressions.removeSubrange(base...) }
        var window: IntLiteral?
        while !check(.rightParen) {
            if checkKeyword(.last) {
                advance()
                window = try expectInteger("a number of turns")
                break
            }
            let argument = try parseExpression()
            scratch.expressions.append(argument)
            if !consume(.comma) { break }
        }
        try expect(.rightParen, "`)`")
        let arguments = Array(scratch.expressions[base...])
        return .call(name, arguments, window: window, span: span(from: name.span.range.start))
    }

    private func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }
}
