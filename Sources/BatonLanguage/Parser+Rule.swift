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
        scratch.settings.removeAll(keepingCapacity: true)
        while !checkKeyword(.when) {
            let setting = try parseRuleSetting()
            scratch.settings.append(setting)
        }
        let settings = Array(scratch.settings)
        advance()  // when
        let condition = try parseExpression()
        try expectKeyword(.then)
        scratch.actions.removeAll(keepingCapacity: true)
        repeat {
            // A new item on its own line means this rule's `}` is missing.
            if !scratch.actions.isEmpty, current.startsLine, current.keyword?.startsItem == true {
                throw error(.expected("`}` to close rule `\(name.text)`", found: describe(current)), at: current.range)
            }
            let action = try parseAction()
            scratch.actions.append(action)
        } while !check(.rightBrace) && !check(.endOfFile)
        let actions = Array(scratch.actions)
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
        scratch.options.removeAll(keepingCapacity: true)
        while current.kind == .identifier {
            let start = current.range.start
            let option: ActionOption
            switch current.keyword {
            case .queue:
                advance()
                option = .queue(try expectString("a queue name string"), span: span(from: start))
            case .priority:
                advance()
                option = .priority(try expectName("`low`, `normal`, `high` or `urgent`"), span: span(from: start))
            case .reason:
                advance()
                option = .reason(try parseTemplate(), span: span(from: start))
            case .say:
                advance()
                option = .say(try parseTemplate(), span: span(from: start))
            default:
                return Array(scratch.options)
            }
            scratch.options.append(option)
        }
        return Array(scratch.options)
    }
}
