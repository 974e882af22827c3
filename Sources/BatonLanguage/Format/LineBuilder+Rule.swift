import BatonCore

/// Rules: header, settings in canonical order, `when`, `then`, `}`.
extension LineBuilder {
    mutating func addRule(_ rule: RuleDecl) {
        let header = (rule.isShadow ? "shadow " : "") + "rule " + rule.name.text
        addBlock(header, span: rule.span, isEmpty: false) { builder in
            for setting in Formatter.canonicalOrder(rule.settings) {
                builder.addSetting(setting)
            }
            let conditionStart = rule.condition.span.range.start
            let when = builder.index.keyword("when", before: conditionStart)?.range.start ?? conditionStart
            builder.addCondition(rule.condition, head: "when ", indent: Self.indentWidth, start: when)
            builder.addActions(rule.actions)
        }
    }

    mutating func addSetting(_ setting: RuleSetting) {
        let text = switch setting {
        case .priority(let value, _): "priority \(value.value)"
        case .description(let string, _): "description " + index.text(string.span)
        case .owner(let string, _): "owner " + index.text(string.span)
        case .tags(let strings, _): "tags " + index.stringList(strings)
        case .bypassGuards: "bypass_guards"
        }
        addLine(Self.indentWidth, text, start: setting.span.range.start, end: setting.span.range.end)
    }

    /// `then` and the first action share a line; every further action, and
    /// every option after an action's first, gets its own line aligned
    /// under the first action:
    ///
    ///     then escalate queue "billing"
    ///          reason "Payment dispute"
    ///          tag "payments"
    mutating func addActions(_ actions: [Action]) {
        let column = Self.indentWidth + "then ".count
        var isFirst = true
        for action in actions {
            for part in parts(of: action) {
                if isFirst {
                    let then = index.keyword("then", before: part.start)?.range.start ?? part.start
                    addLine(Self.indentWidth, "then " + part.text, start: then, end: part.end)
                    isFirst = false
                } else {
                    addLine(column, part.text, start: part.start, end: part.end)
                }
            }
        }
    }

    /// The lines of one action: the keyword with its first option, then one per further option.
    private func parts(of action: Action) -> [(text: String, start: Int, end: Int)] {
        let range = action.span.range
        switch action {
        case .escalate(let options, _), .offerHandoff(let options, _):
            let keyword = if case .escalate = action { "escalate" } else { "offer_handoff" }
            guard let first = options.first else { return [(keyword, range.start, range.end)] }
            var parts = [(keyword + " " + optionText(first), range.start, first.span.range.end)]
            for option in options.dropFirst() {
                parts.append((optionText(option), option.span.range.start, option.span.range.end))
            }
            return parts
        case .tag(let tags, _):
            return [("tag " + tags.map { index.text($0.span) }.joined(separator: ", "), range.start, range.end)]
        case .continueConversation:
            return [("continue", range.start, range.end)]
        }
    }

    private func optionText(_ option: ActionOption) -> String {
        switch option {
        case .queue(let string, _): "queue " + index.text(string.span)
        case .priority(let urgency, _): "priority " + urgency.text
        case .reason(let template, _): "reason " + index.text(template.literal.span)
        case .say(let template, _): "say " + index.text(template.literal.span)
        }
    }
}
