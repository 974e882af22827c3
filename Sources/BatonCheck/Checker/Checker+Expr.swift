import BatonCore
import BatonLanguage
import BatonPattern

/// Resolution and typing of conditions. Each function returns nil after
/// reporting an error, and callers stay quiet about nil operands, so one
/// mistake yields one diagnostic.
extension Checker {
    mutating func checkExpr(_ expr: Expr, path: String, perTurn: Bool) -> CheckedExpr? {
        // Each case binds its own span: asking `expr.span` first would switch
        // over the node twice.
        func at(_ span: Span) -> CheckedExpr.Location { CheckedExpr.Location(path: path, range: span.range) }
        switch expr {
        case .boolean(let value, let span):
            return CheckedExpr(.constant(.bool(value)), type: .bool, location: at(span))
        case .number(let value, let span):
            return CheckedExpr(.constant(.number(value)), type: .number, location: at(span))
        case .string(let literal):
            return CheckedExpr(.constant(.string(literal.value)), type: .string, location: at(literal.span))
        case .list(let elements, let span):
            let location = at(span)
            var values: [Value] = []
            for element in elements {
                guard let checked = checkExpr(element, path: path, perTurn: perTurn) else { return nil }
                guard case .constant(let value) = checked.kind else {
                    report(.typeMismatch(expected: "a literal in a list", found: checked.type.spelled), path: path, range: element.span.range)
                    return nil
                }
                values.append(value)
            }
            return CheckedExpr(.constant(.list(values)), type: .list, location: location)
        case .name(let name):
            return checkName(name, path: path, perTurn: perTurn, location: at(name.span))
        case .path(let names, let span):
            return checkPath(names, path: path, perTurn: perTurn, location: at(span))
        case .unary(.not, let operand, let span):
            guard let inner = checkCondition(operand, path: path, perTurn: perTurn) else { return nil }
            return CheckedExpr(.not(inner), type: .bool, location: at(span))
        case .unary(.negate, let operand, let span):
            let location = at(span)
            guard let inner = checkExpr(operand, path: path, perTurn: perTurn) else { return nil }
            guard inner.type == .number else {
                report(.typeMismatch(expected: "a number", found: inner.type.spelled), path: path, range: operand.span.range)
                return nil
            }
            return CheckedExpr(.negate(inner), type: .number, location: location)
        case .binary(let op, let lhs, let rhs, let span):
            let location = at(span)
            if op == .and || op == .or {
                let left = checkCondition(lhs, path: path, perTurn: perTurn)
                let right = checkCondition(rhs, path: path, perTurn: perTurn)
                guard let left, let right else { return nil }
                return CheckedExpr(op == .and ? .and(left, right) : .or(left, right), type: .bool, location: location)
            }
            return checkComparison(op, lhs, rhs, path: path, perTurn: perTurn, location: location)
        case .membership(let subject, let negated, let set, let span):
            return checkMembership(subject, negated: negated, set: set, path: path, perTurn: perTurn, location: at(span))
        case .matches(let subject, let literal, let span):
            let location = at(span)
            guard let checked = checkExpr(subject, path: path, perTurn: perTurn) else { return nil }
            guard checked.type == .string else {
                report(.typeMismatch(expected: "text to match, such as `message`", found: checked.type.spelled), path: path, range: subject.span.range)
                return nil
            }
            if let pattern = patterns[literal.value] {
                return CheckedExpr(.matches(checked, pattern, source: literal.value), type: .bool, location: location)
            }
            do {
                let pattern = try Pattern(literal.value)
                patterns[literal.value] = pattern
                return CheckedExpr(.matches(checked, pattern, source: literal.value), type: .bool, location: location)
            } catch {
                let range = PatternOffsets.sourceRange(of: error, in: literal, source: sources[path])
                report(.invalidPattern(error.message), path: path, range: range)
                return nil
            }
        case .contains(let subject, let phrases, let span):
            return checkContains(subject, phrases, path: path, perTurn: perTurn, location: at(span))
        case .exists(let subject, let span):
            let location = at(span)
            guard let checked = checkExpr(subject, path: path, perTurn: perTurn) else { return nil }
            switch checked.kind {
            case .metadata, .api, .toolSummary:
                return CheckedExpr(.exists(checked), type: .bool, location: location)
            default:
                report(.typeMismatch(expected: "a metadata, API or tool value", found: checked.type.spelled), path: path, range: subject.span.range)
                return nil
            }
        case .isClass(let subject, let className, let span):
            return checkIsClass(subject, className, path: path, perTurn: perTurn, location: at(span))
        case .call(let function, let arguments, let window, let span):
            return checkWindow(function, arguments, window: window, path: path, perTurn: perTurn, location: at(span))
        case .intentWas(let set, let within, let span):
            if perTurn {
                report(.notPerTurn("`intent was`"), path: path, range: span.range)
                return nil
            }
            guard let intents = checkIntentSet(set, path: path) else { return nil }
            if let within, !checkWindowSize(within, path: path) { return nil }
            largestWindow = max(largestWindow, within?.value ?? 0)
            return CheckedExpr(.intentWas(intents, withinTurns: within?.value), type: .bool, location: at(span))
        case .toolCall(let name, let span):
            let location = at(span)
            guard schema.tools.contains(name.text) else {
                let suggestion = Suggestions.closest(to: name.text, among: Array(schema.tools))
                report(.unknownTool(name.text), path: path, range: name.span.range, help: suggestion.map { "did you mean `\($0)`?" } ?? "declare it under `tools` in the schema")
                return nil
            }
            return CheckedExpr(.toolCalled(name.text), type: .bool, location: location)
        }
    }

    /// A sub-expression that must be a condition.
    mutating func checkCondition(_ expr: Expr, path: String, perTurn: Bool) -> CheckedExpr? {
        guard let checked = checkExpr(expr, path: path, perTurn: perTurn) else { return nil }
        guard checked.type.isBoolean else {
            report(.notACondition(found: checked.type.spelled), path: path, range: expr.span.range)
            return nil
        }
        return checked
    }

    // MARK: - Names and paths

    mutating func checkName(_ name: Name, path: String, perTurn: Bool, location: CheckedExpr.Location) -> CheckedExpr? {
        if let signal = Signal(spelling: name.text) {
            if perTurn, signal == .turnCount {
                report(.notPerTurn("`turn_count`"), path: path, range: name.span.range)
                return nil
            }
            let type: ValueType = switch signal {
            case .intent: .intent
            case .confidence, .sentiment, .turnCount: .number
            case .message: .string
            }
            return CheckedExpr(.signal(signal), type: type, location: location)
        }
        if name.text == "api_error" {
            return CheckedExpr(.anyAPIError, type: .apiError, location: location)
        }
        if lets[name.text] != nil {
            guard let value = resolveLet(name.text) else { return nil }
            if perTurn, !value.isPerTurn {
                report(.notPerTurn("`\(name.text)`"), path: path, range: name.span.range, help: "only turn signals such as `sentiment`, `intent`, `message` and API results can be counted")
                return nil
            }
            return CheckedExpr(.letReference(name.text, value), type: value.type, location: location)
        }
        let candidates = Signal.allCases.map(\.rawValue) + ["api_error"] + Array(lets.keys)
        var help = Suggestions.closest(to: name.text, among: candidates).map { "did you mean `\($0)`?" }
        if help == nil, schema.intents.contains(name.text) {
            help = "to test an intent, write `intent == \(name.text)`"
        }
        report(.unknownName(name.text), path: path, range: name.span.range, help: help)
        return nil
    }

    mutating func checkPath(_ names: [Name], path: String, perTurn: Bool, location: CheckedExpr.Location) -> CheckedExpr? {
        let head = names[0]
        // Only error messages spell the whole path.
        var dotted: String { names.map(\.text).joined(separator: ".") }
        switch head.text {
        case "metadata":
            guard names.count == 2 else {
                report(.unknownPath(dotted), path: path, range: location.range, help: "metadata fields look like `metadata.order_id`")
                return nil
            }
            if perTurn {
                report(.notPerTurn("metadata"), path: path, range: location.range)
                return nil
            }
            let field = names[1]
            guard let type = schema.metadata[field.text] else {
                let suggestion = Suggestions.closest(to: field.text, among: Array(schema.metadata.keys))
                report(.unknownMetadata(field.text), path: path, range: field.span.range, help: suggestion.map { "did you mean `\($0)`?" } ?? "declare it under `metadata` in the schema")
                return nil
            }
            return CheckedExpr(.metadata(field: field.text, type: type), type: type.valueType, location: location)
        case "api":
            guard names.count == 3 else {
                report(.unknownPath(dotted), path: path, range: location.range, help: "API values look like `api.orders.status`")
                return nil
            }
            guard let apiName = checkAPIName(names[1], path: path) else { return nil }
            guard let field = APIField(rawValue: names[2].text) else {
                let suggestion = Suggestions.closest(to: names[2].text, among: APIField.allCases.map(\.rawValue))
                report(.unknownAPIField(api: apiName, field: names[2].text), path: path, range: names[2].span.range, help: suggestion.map { "did you mean `\($0)`?" } ?? "fields are `status`, `error`, `error_code` and `http_status`")
                return nil
            }
            return CheckedExpr(.api(name: apiName, field: field), type: field.type, location: location)
        case "tool":
            guard names.count == 2, names[1].text == "summary" else {
                report(.unknownPath(dotted), path: path, range: location.range, help: "the tool value is `tool.summary`")
                return nil
            }
            return CheckedExpr(.toolSummary, type: .string, location: location)
        default:
            let suggestion = Suggestions.closest(to: head.text, among: ["metadata", "api", "tool"])
            report(.unknownPath(dotted), path: path, range: head.span.range, help: suggestion.map { "did you mean `\($0)`?" })
            return nil
        }
    }

    mutating func checkAPIName(_ name: Name, path: String) -> String? {
        guard schema.apis[name.text] != nil else {
            let suggestion = Suggestions.closest(to: name.text, among: Array(schema.apis.keys))
            report(.unknownAPI(name.text), path: path, range: name.span.range, help: suggestion.map { "did you mean `\($0)`?" } ?? "declare it under `apis` in the schema")
            return nil
        }
        return name.text
    }

    /// A single intent name or a list of them.
    mutating func checkIntentSet(_ expr: Expr, path: String) -> [String]? {
        let elements: [Expr]
        if case .list(let items, _) = expr { elements = items } else { elements = [expr] }
        var intents: [String] = []
        var failed = false
        for element in elements {
            guard let name = intentName(element) else {
                report(.typeMismatch(expected: "an intent name", found: "`\(sources[path]?.text(in: element.span.range) ?? "")`"), path: path, range: element.span.range)
                failed = true
                continue
            }
            guard schema.intents.contains(name) else {
                let suggestion = Suggestions.closest(to: name, among: Array(schema.intents))
                report(.unknownIntent(name), path: path, range: element.span.range, help: suggestion.map { "did you mean `\($0)`?" } ?? "declare it under `intents` in the schema")
                failed = true
                continue
            }
            intents.append(name)
        }
        return failed ? nil : intents
    }

    private func intentName(_ expr: Expr) -> String? {
        switch expr {
        case .name(let name): name.text
        case .string(let literal): literal.value
        default: nil
        }
    }

    mutating func checkWindowSize(_ size: IntLiteral, path: String, minimum: Int = Checker.windowBounds.lowerBound) -> Bool {
        guard size.value >= minimum, size.value <= Self.windowBounds.upperBound else {
            report(.windowSize(min: minimum, max: Self.windowBounds.upperBound), path: path, range: size.span.range)
            return false
        }
        return true
    }
}
