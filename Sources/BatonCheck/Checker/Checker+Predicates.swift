import BatonCore
import BatonLanguage
import BatonPattern

/// Comparisons, set membership, phrases, error classes and windows.
extension Checker {
    mutating func checkComparison(
        _ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr,
        path: String, perTurn: Bool, location: CheckedExpr.Location
    ) -> CheckedExpr? {
        let comparison = Comparison(op)
        guard let left = checkExpr(lhs, path: path, perTurn: perTurn) else { return nil }
        // `intent == wismo`: the right side names an intent, not a signal.
        if left.type == .intent {
            guard comparison == .equal || comparison == .notEqual else {
                report(.cannotCompare("an intent", "`\(op.rawValue)`"), path: path, range: location.range, help: "intents compare with `==`, `!=` or `in`")
                return nil
            }
            guard let intents = checkIntentSet(rhs, path: path), intents.count == 1 else { return nil }
            return CheckedExpr(.compare(comparison, left, CheckedExpr(.constant(.string(intents[0])), type: .intent, location: .init(path: path, range: rhs.span.range))), type: .bool, location: location)
        }
        guard let right = checkExpr(rhs, path: path, perTurn: perTurn) else { return nil }
        let ordered = comparison != .equal && comparison != .notEqual
        switch (left.type, right.type) {
        case (.number, .number):
            checkNumericRange(left, against: right, path: path)
            checkNumericRange(right, against: left, path: path)
        case (.string, .string), (.bool, .bool):
            if ordered {
                report(.cannotCompare(left.type.spelled, "`\(op.rawValue)`"), path: path, range: location.range)
                return nil
            }
            checkStatus(left, right, path: path)
            checkStatus(right, left, path: path)
        default:
            report(.cannotCompare(left.type.spelled, right.type.spelled), path: path, range: location.range)
            return nil
        }
        return CheckedExpr(.compare(comparison, left, right), type: .bool, location: location)
    }

    /// `sentiment < -2` can never hold: say so rather than compile it.
    private mutating func checkNumericRange(_ subject: CheckedExpr, against other: CheckedExpr, path: String) {
        guard case .constant(.number(let value)) = other.kind, let domain = NumericDomain(subject.kind),
              !domain.range.contains(value) else { return }
        report(.outOfRange(what: domain.what, range: domain.spelledRange), path: path, range: other.location.range)
    }

    /// `api.orders.status == "lost"` must name a declared status.
    private mutating func checkStatus(_ subject: CheckedExpr, _ other: CheckedExpr, path: String) {
        guard case .api(let api, .status) = subject.kind,
              case .constant(.string(let status)) = other.kind,
              let known = schema.apis[api] ?? nil,
              !known.contains(status) else { return }
        let suggestion = Suggestions.closest(to: status, among: Array(known))
        report(.unknownStatus(api: api, status: status), path: path, range: other.location.range, help: suggestion.map { "did you mean `\"\($0)\"`?" } ?? "declared statuses: " + known.sorted().map { "`\($0)`" }.joined(separator: ", "))
    }

    mutating func checkMembership(
        _ subject: Expr, negated: Bool, set: Expr,
        path: String, perTurn: Bool, location: CheckedExpr.Location
    ) -> CheckedExpr? {
        guard let left = checkExpr(subject, path: path, perTurn: perTurn) else { return nil }
        if left.type == .intent {
            guard let intents = checkIntentSet(set, path: path) else { return nil }
            return CheckedExpr(.member(left, of: intents.map(Value.string), negated: negated), type: .bool, location: location)
        }
        guard let right = checkExpr(set, path: path, perTurn: perTurn) else { return nil }
        guard case .constant(.list(let values)) = right.kind else {
            report(.typeMismatch(expected: "a list such as `[\"gold\", \"platinum\"]`", found: right.type.spelled), path: path, range: set.span.range)
            return nil
        }
        for (index, value) in values.enumerated() {
            let fits: Bool = switch (left.type, value) {
            case (.string, .string), (.number, .number), (.bool, .bool): true
            default: false
            }
            if !fits {
                let elementRange: SourceRange
                if case .list(let elements, _) = set, index < elements.count { elementRange = elements[index].span.range } else { elementRange = set.span.range }
                report(.typeMismatch(expected: left.type.spelled, found: "`\(value.quotedDescription)`"), path: path, range: elementRange)
                return nil
            }
            if case .api(_, .status) = left.kind {
                let constant = CheckedExpr(.constant(value), type: left.type, location: .init(path: path, range: set.span.range))
                checkStatus(left, constant, path: path)
            }
        }
        return CheckedExpr(.member(left, of: values, negated: negated), type: .bool, location: location)
    }

    mutating func checkContains(
        _ subject: Expr, _ phrases: Expr,
        path: String, perTurn: Bool, location: CheckedExpr.Location
    ) -> CheckedExpr? {
        guard let left = checkExpr(subject, path: path, perTurn: perTurn),
              let right = checkExpr(phrases, path: path, perTurn: perTurn) else { return nil }
        let values: [Value]
        switch right.kind {
        case .constant(.list(let list)): values = list
        case .constant(let single): values = [single]
        default:
            report(.typeMismatch(expected: "a phrase or a list of phrases", found: right.type.spelled), path: path, range: phrases.span.range)
            return nil
        }
        if left.type == .list {
            return CheckedExpr(.member(left, of: values, negated: false), type: .bool, location: location)
        }
        guard left.type == .string else {
            report(.typeMismatch(expected: "text such as `message`", found: left.type.spelled), path: path, range: subject.span.range)
            return nil
        }
        var strings: [String] = []
        for value in values {
            guard case .string(let phrase) = value else {
                report(.typeMismatch(expected: "a phrase in quotes", found: "`\(value)`"), path: path, range: phrases.span.range)
                return nil
            }
            guard !Self.isBlank(phrase) else {
                report(.emptyPhrase, path: path, range: phrases.span.range)
                return nil
            }
            strings.append(phrase)
        }
        // The phrases are matched by the compiled graph's matchers; checking needs none.
        return CheckedExpr(.contains(left, phrases: strings), type: .bool, location: location)
    }

    mutating func checkIsClass(
        _ subject: Expr, _ className: Name,
        path: String, perTurn: Bool, location: CheckedExpr.Location
    ) -> CheckedExpr? {
        guard let left = checkExpr(subject, path: path, perTurn: perTurn) else { return nil }
        if className.text == "unknown" {
            guard case .api(let api, .status) = left.kind else {
                report(.typeMismatch(expected: "an API status such as `api.orders.status`", found: left.type.spelled), path: path, range: subject.span.range)
                return nil
            }
            guard let known = schema.apis[api] ?? nil else {
                report(.undeclaredStatuses(api), path: path, range: subject.span.range, help: "list them in the schema: `apis \(api) [\"shipped\", ...]`")
                return nil
            }
            return CheckedExpr(.statusUnknown(api: api, known: known.sorted()), type: .bool, location: location)
        }
        guard left.type == .apiError else {
            report(.typeMismatch(expected: "`api_error` or `api.<name>.error`", found: left.type.spelled), path: path, range: subject.span.range)
            return nil
        }
        guard let errorClass = ErrorClass(rawValue: className.text) else {
            let suggestion = Suggestions.closest(to: className.text, among: ErrorClass.allCases.map(\.rawValue))
            report(.unknownErrorClass(className.text), path: path, range: className.span.range, help: suggestion.map { "did you mean `\($0)`?" } ?? "classes are `4xx`, `5xx`, `timeout` and `error`")
            return nil
        }
        return CheckedExpr(.errorIs(left, errorClass), type: .bool, location: location)
    }

    mutating func checkWindow(
        _ function: Name, _ arguments: [Expr], window: IntLiteral?,
        path: String, perTurn: Bool, location: CheckedExpr.Location
    ) -> CheckedExpr? {
        guard let kind = WindowFunction(rawValue: function.text) else {
            let suggestion = Suggestions.closest(to: function.text, among: WindowFunction.allCases.map(\.rawValue))
            report(.unknownFunction(function.text), path: path, range: function.span.range, help: suggestion.map { "did you mean `\($0)`?" })
            return nil
        }
        if perTurn {
            report(.notPerTurn("a window"), path: path, range: location.range)
            return nil
        }
        guard arguments.count == 1 else {
            report(.wrongArguments("`\(kind.rawValue)` takes one argument and a window, as in `\(kind.example)`"), path: path, range: location.range)
            return nil
        }
        let turns: Int
        if let window {
            guard checkWindowSize(window, path: path, minimum: kind == .trend ? 2 : 1) else { return nil }
            turns = window.value
        } else if kind == .consecutive {
            turns = Self.windowBounds.upperBound
        } else {
            report(.wrongArguments("`\(kind.rawValue)` needs a window, as in `\(kind.example)`"), path: path, range: location.range)
            return nil
        }
        let argument: CheckedExpr
        if kind.takesCondition {
            guard let condition = checkCondition(arguments[0], path: path, perTurn: true) else { return nil }
            argument = condition
        } else {
            guard let value = checkExpr(arguments[0], path: path, perTurn: true) else { return nil }
            guard case .signal(let signal) = value.kind, signal == .sentiment || signal == .confidence else {
                report(.wrongArguments("`\(kind.rawValue)` aggregates `sentiment` or `confidence`"), path: path, range: arguments[0].span.range)
                return nil
            }
            argument = value
        }
        largestWindow = max(largestWindow, turns)
        return CheckedExpr(.window(kind, argument, turns: turns), type: .number, location: location)
    }
}

extension Checker {
    /// True when a phrase has only whitespace and punctuation. An ASCII
    /// letter or digit settles it without walking the characters.
    static func isBlank(_ phrase: String) -> Bool {
        let hasWordByte = phrase.utf8.contains { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        return !hasWordByte && phrase.allSatisfy { $0.isWhitespace || $0.isPunctuation }
    }
}

extension Comparison {
    /// The checked form of a comparison operator (`and` and `or` never get here).
    init(_ op: BinaryOperator) {
        switch op {
        case .equal, .and, .or: self = .equal
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessEqual: self = .lessEqual
        case .greater: self = .greater
        case .greaterEqual: self = .greaterEqual
        }
    }
}

extension WindowFunction {
    var example: String {
        switch self {
        case .count: "count(api_error, last 5)"
        case .consecutive: "consecutive(sentiment < 0, last 10)"
        default: "\(rawValue)(sentiment, last 3)"
        }
    }
}

/// The values a bounded numeric subject can take. The names are spelled
/// only for a diagnostic: nearly every comparison is in range.
private enum NumericDomain {
    case sentiment
    case confidence
    case sentimentWindow(WindowFunction)
    case trend
    case counted(WindowFunction, turns: Int)
    case httpStatus

    init?(_ kind: CheckedExpr.Kind) {
        switch kind {
        case .signal(.sentiment): self = .sentiment
        case .signal(.confidence): self = .confidence
        case .window(let function, let argument, _) where function != .count && function != .consecutive && function != .sum && function != .trend:
            guard case .signal(.sentiment) = argument.kind else { return nil }
            self = .sentimentWindow(function)
        case .window(.trend, _, _): self = .trend
        case .window(let function, _, let turns) where function == .count || function == .consecutive:
            self = .counted(function, turns: turns)
        case .api(_, .httpStatus): self = .httpStatus
        default: return nil
        }
    }

    var range: ClosedRange<Double> {
        switch self {
        case .sentiment, .sentimentWindow: -1...1
        case .confidence: 0...1
        case .trend: -2...2
        case .counted(_, let turns): 0...Double(turns)
        case .httpStatus: 100...599
        }
    }

    var what: String {
        switch self {
        case .sentiment: "sentiment"
        case .confidence: "confidence"
        case .sentimentWindow(let function): "\(function.rawValue)(sentiment)"
        case .trend: "a trend"
        case .counted(let function, let turns): "\(function.rawValue) over \(turns) turns"
        case .httpStatus: "an HTTP status"
        }
    }

    var spelledRange: String {
        switch self {
        case .sentiment, .sentimentWindow: "-1 and 1"
        case .trend: "-2 and 2"
        case .confidence: "0 and 1"
        case .counted(_, let turns): "0 and \(turns)"
        case .httpStatus: "100 and 599"
        }
    }
}
