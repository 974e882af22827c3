import BatonCore

/// `rule` declarations: settings, the condition and the actions.
extension Parser {
    static let settingKeywords = ["priority", "description", "owner", "tags", "bypass_guards"]
    static let actionKeywords = ["escalate", "offer_handoff", "tag", "continue"]
    static let optionKeywords = ["queue", "priority", "reason", "say"]

    mutating func parseRule() throws(SyntaxError) -> RuleDecl {
        let start = current.range.start
        var shadow: Span?
        if let token = consumeKeyword(.shadow) {
            shadow = Span(token.range)
        }
        try expectKeyword(.rule)
        let name = try expectName("a rule name")
        try expect(.leftBrace, "`{` to open the rule")
        var settings: [RuleSetting] = []
        while !checkKeyword(.when) {
            settings.append(try parseRuleSetting())
        }
        advance()  // when
        let condition = try parseExpression()
        try expectKeyword(.then)
        var actions: [Action] = []
        repeat {
            // A new item on its own line means this rule's `}` is missing.
            if !actions.isEmpty, current.startsLine, current.keyword?.startsItem == true {
                throw error(.expected("`}` to close rule `\(name.text)`", found: describe(current)), at: current.range)
            }
            actions.append(try parseAction())
        } while !check(.rightBrace) && !check(.endOfFile)
        try expect(.rightBrace, "`}` to close rule `\(name.text)`")
        return RuleDecl(
            name: name,
            shadow: shadow,
            settings: settings,
            condition: condition,
            actions: actions,
            span: span(from: start)
        )
    }

    mutating func parseRuleSetting() throws(SyntaxError) -> RuleSetting {
        let token = current
        let start = token.range.start
        guard token.kind == .identifier else {
            throw error(.expected("a rule setting or `when`", found: describe(token)), at: token.range)
        }
        switch token.keyword {
        case .priority:
            advance()
            let value = try expectInteger("a priority number")
            return .priority(value, span: span(from: start))
        case .description:
            advance()
            return .description(try expectString("a description string"), span: span(from: start))
        case .owner:
            advance()
            return .owner(try expectString("an owner string"), span: span(from: start))
        case .tags:
            advance()
            return .tags(try parseStringList(), span: span(from: start))
        case .bypassGuards:
            advance()
            return .bypassGuards(span: span(from: start))
        default:
            let word = text(of: token)
            let suggestion = Suggestions.closest(to: word, among: Self.settingKeywords + ["when"])
            throw error(
                .unknownRuleSetting(word),
                at: token.range,
                help: suggestion.map { "did you mean `\($0)`?" }
            )
        }
    }

    mutating func parseAction() throws(SyntaxError) -> Action {
        let token = current
        let start = token.range.start
        guard token.kind == .identifier else {
            throw error(.expected("an action", found: describe(token)), at: token.range)
        }
        switch token.keyword {
        case .escalate:
            advance()
            return .escalate(try parseActionOptions(), span: span(from: start))
        case .offerHandoff:
            advance()
            return .offerHandoff(try parseActionOptions(), span: span(from: start))
        case .tag:
            advance()
            var tags: [StringLiteral] = []
            repeat {
                tags.append(try expectString("a tag string"))
            } while consume(.comma)
            return .tag(tags, span: span(from: start))
        case .continue:
            advance()
            return .continueConversation(span: span(from: start))
        default:
            let word = text(of: token)
            let suggestion = Suggestions.closest(to: word, among: Self.actionKeywords + Self.optionKeywords)
            throw error(
                .unknownAction(word),
                at: token.range,
                help: suggestion.map { "did you mean `\($0)`?" }
            )
        }
    }

    mutating func parseActionOptions() throws(SyntaxError) -> [ActionOption] {
        var options: [ActionOption] = []
        while current.kind == .identifier {
            let start = current.range.start
            switch current.keyword {
            case .queue:
                advance()
                options.append(.queue(try expectString("a queue name string"), span: span(from: start)))
            case .priority:
                advance()
                options.append(.priority(try expectName("`low`, `normal`, `high` or `urgent`"), span: span(from: start)))
            case .reason:
                advance()
                options.append(.reason(try parseTemplate(), span: span(from: start)))
            case .say:
                advance()
                options.append(.say(try parseTemplate(), span: span(from: start)))
            default:
                return options
            }
        }
        return options
    }
}
