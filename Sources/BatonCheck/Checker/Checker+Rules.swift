import BatonCore
import BatonLanguage

/// Rules and named conditions.
extension Checker {
    mutating func collectLets() {
        for file in files {
            for case .letDecl(let decl) in file.items { collectLet(decl, path: file.path) }
        }
    }

    mutating func collectLet(_ decl: LetDecl, path: String) {
        let name = decl.name.text
        if Self.reservedWords.contains(name) {
            report(.reservedName(name), path: path, range: decl.name.span.range)
            return
        }
        if let previous = lets[name] {
            report(
                .duplicateLet(name),
                path: path,
                range: decl.name.span.range,
                notes: [DiagnosticNote("first defined here", path: previous.path, range: previous.decl.name.span.range)]
            )
            return
        }
        lets[name] = (decl, path)
        letOrder.append(name)
    }

    /// Resolves a `let` on first use, so definitions may come in any order;
    /// a cycle is reported once, at the `let` that closes it.
    mutating func resolveLet(_ name: String) -> CheckedExpr? {
        switch letStates[name] {
        case .resolved(let expr): return expr
        case .resolving:
            if let entry = lets[name] {
                report(.letCycle(name), path: entry.path, range: entry.decl.name.span.range)
            }
            letStates[name] = .resolved(nil)
            return nil
        case nil:
            guard let entry = lets[name] else { return nil }
            letStates[name] = .resolving
            let value = checkExpr(entry.decl.value, path: entry.path, perTurn: false)
            if case .resolved = letStates[name] {
                // A cycle was reported while resolving; keep it failed.
                return nil
            }
            letStates[name] = .resolved(value)
            return value
        }
    }

    mutating func resolveAllLets() -> [CheckedLet] {
        letOrder.compactMap { name in
            guard let entry = lets[name], let value = resolveLet(name) else { return nil }
            if !value.type.isBoolean {
                report(.notACondition(found: value.type.spelled), path: entry.path, range: entry.decl.value.span.range)
                return nil
            }
            return CheckedLet(name: name, value: value, path: entry.path, range: entry.decl.span.range)
        }
    }

    /// Checks every rule into `checkedRules`.
    mutating func checkRules() {
        // Sized up front: a set of many rules would otherwise regrow (and
        // copy) its largest array several times.
        let declared = files.reduce(0) { count, file in
            count + file.items.reduce(0) { if case .rule = $1 { $0 + 1 } else { $0 } }
        }
        checkedRules.reserveCapacity(declared)
        ruleNames.reserveCapacity(declared)
        lintModels?.reserve(declared)
        for file in files {
            for case .rule(let decl) in file.items { addRule(decl, path: file.path) }
        }
    }

    /// Checks the next rule of the set and, if it checks, adds it to
    /// `checkedRules` and to the lint's models.
    mutating func addRule(_ decl: RuleDecl, path: String) {
        let name = decl.name.text
        if Self.reservedWords.contains(name) {
            report(.reservedName(name), path: path, range: decl.name.span.range)
        }
        if let previous = ruleNames.firstDefinition(of: name, path: path, range: decl.name.span.range) {
            report(
                .duplicateRule(name),
                path: path,
                range: decl.name.span.range,
                notes: [DiagnosticNote("first defined here", path: previous.path, range: previous.range)]
            )
            return
        }
        if let rule = checkRule(decl, path: path, index: checkedRules.count) {
            lintModels?.add(rule.condition, standing: RuleStanding(
                priority: rule.priority, index: rule.index, outcome: rule.outcome,
                isShadow: rule.isShadow, bypassGuards: rule.bypassGuards
            ), lacksReason: MissingReason.lacksReason(rule.outcome, rule.reason))
            checkedRules.append(rule)
        }
    }

    mutating func checkRule(_ decl: RuleDecl, path: String, index: Int) -> CheckedRule? {
        var priority = 0
        var description: String?
        var owner: String?
        var ruleTags: [String] = []
        var bypass = false
        // Rules have a handful of settings and options: a scan of the earlier
        // ones finds repeats without building a set per rule.
        for (position, setting) in decl.settings.enumerated() {
            if decl.settings[..<position].contains(where: { $0.keyword == setting.keyword }) {
                report(.duplicateSetting(setting.keyword), path: path, range: setting.span.range)
            }
            switch setting {
            case .priority(let value, _):
                if !(0...1_000_000).contains(value.value) {
                    report(.outOfRange(what: "a rule priority", range: "0 and 1000000"), path: path, range: value.span.range)
                }
                priority = value.value
            case .description(let text, _): description = text.value
            case .owner(let text, _): owner = text.value
            case .tags(let tags, _): ruleTags = tags.map(\.value)
            case .bypassGuards: bypass = true
            }
        }

        let condition = checkExpr(decl.condition, path: path, perTurn: false)
        if let condition, !condition.type.isBoolean {
            report(.notACondition(found: condition.type.spelled), path: path, range: decl.condition.span.range)
        }

        var outcome: Outcome?
        var queue: String?
        var urgency: Urgency?
        var reason: CheckedTemplate?
        var say: CheckedTemplate?
        var tags: [String] = []
        for action in decl.actions {
            let options: [ActionOption]
            switch action {
            case .escalate(let given, _):
                options = given
                setOutcome(.escalate, &outcome, action: action, path: path)
            case .offerHandoff(let given, _):
                options = given
                setOutcome(.offerHandoff, &outcome, action: action, path: path)
            case .continueConversation:
                options = []
                setOutcome(.continue, &outcome, action: action, path: path)
            case .tag(let given, _):
                options = []
                tags.append(contentsOf: given.map(\.value))
            }
            for (position, option) in options.enumerated() {
                if options[..<position].contains(where: { $0.keyword == option.keyword }) {
                    report(.duplicateOption(option.keyword), path: path, range: option.span.range)
                }
                switch option {
                case .queue(let name, _):
                    if name.value.isEmpty { report(.emptyPhrase, path: path, range: name.span.range) }
                    queue = name.value
                case .priority(let word, _):
                    if let value = Urgency(rawValue: word.text) {
                        urgency = value
                    } else {
                        let suggestion = Suggestions.closest(to: word.text, among: Urgency.allCases.map(\.rawValue))
                        report(
                            .unknownUrgency(word.text),
                            path: path,
                            range: word.span.range,
                            help: suggestion.map { "did you mean `\($0)`?" } ?? "use `low`, `normal`, `high` or `urgent`"
                        )
                    }
                case .reason(let template, _): reason = checkTemplate(template, path: path)
                case .say(let template, _): say = checkTemplate(template, path: path)
                }
            }
        }

        guard let condition else { return nil }
        return CheckedRule(
            name: decl.name.text,
            index: index,
            path: path,
            range: decl.span.range,
            nameRange: decl.name.span.range,
            isShadow: decl.isShadow,
            priority: priority,
            description: description,
            owner: owner,
            ruleTags: ruleTags,
            bypassGuards: bypass,
            condition: condition,
            outcome: outcome ?? .continue,
            queue: queue,
            urgency: urgency,
            reason: reason,
            say: say,
            tags: tags,
            declaration: decl
        )
    }

    private mutating func setOutcome(_ new: Outcome, _ outcome: inout Outcome?, action: Action, path: String) {
        if outcome != nil {
            report(.conflictingOutcomes, path: path, range: action.span.range)
        }
        outcome = new
    }
}
