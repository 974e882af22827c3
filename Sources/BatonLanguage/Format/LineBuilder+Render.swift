import BatonCore

/// One-line rendering of conditions with the fewest parentheses that keep
/// the tree: `(a and b)` alone loses them, `(a or b) and c` keeps them.
extension LineBuilder {
    /// Binding strength, loosest first, matching the parser's descent:
    /// `or` 1, `and` 2, `not` 3, predicates 4, operands and primaries 5.
    static func precedence(_ expr: Expr) -> Int {
        switch expr {
        case .binary(.or, _, _, _): 1
        case .binary(.and, _, _, _): 2
        case .unary(.not, _, _): 3
        case .binary, .membership, .matches, .contains, .exists, .isClass: 4
        case .boolean, .number, .string, .list, .name, .path, .unary(.negate, _, _), .call, .intentWas, .toolCall: 5
        }
    }

    static func render(_ expr: Expr, minLevel: Int, index: SourceIndex) -> String {
        var out = ""
        write(expr, minLevel: minLevel, index: index, into: &out)
        return out
    }

    /// Writes `expr` where the parser reads a `minLevel` construct,
    /// parenthesised when it binds more loosely than that.
    static func write(_ expr: Expr, minLevel: Int, index: SourceIndex, into out: inout String) {
        let parenthesised = precedence(expr) < minLevel
        if parenthesised { out += "(" }
        writeBare(expr, index: index, into: &out)
        if parenthesised { out += ")" }
    }

    private static func writeBare(_ expr: Expr, index: SourceIndex, into out: inout String) {
        switch expr {
        case .boolean(let value, _):
            out += value ? "true" : "false"
        case .number(let value, let span):
            out += index.numberText(value, span: span)
        case .string(let literal):
            out += index.text(literal.span)
        case .list(let elements, _):
            out += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { out += ", " }
                write(element, minLevel: 5, index: index, into: &out)
            }
            out += "]"
        case .name(let name):
            out += name.text
        case .path(let names, _):
            out += names.map(\.text).joined(separator: ".")
        case .unary(.not, let operand, _):
            out += "not "
            write(operand, minLevel: 3, index: index, into: &out)
        case .unary(.negate, let operand, _):
            out += "-"
            write(operand, minLevel: 5, index: index, into: &out)
        case .binary(let op, _, _, _) where op == .or || op == .and:
            let level = precedence(expr)
            for (position, operand) in chain(expr, op).enumerated() {
                if position > 0 { out += " \(op.rawValue) " }
                write(operand, minLevel: position == 0 ? level : level + 1, index: index, into: &out)
            }
        case .binary(let op, let left, let right, _):
            // Comparisons do not chain: both sides are operands.
            write(left, minLevel: 5, index: index, into: &out)
            out += " \(op.rawValue) "
            write(right, minLevel: 5, index: index, into: &out)
        case .membership(let subject, let negated, let set, _):
            write(subject, minLevel: 5, index: index, into: &out)
            out += negated ? " not in " : " in "
            write(set, minLevel: 5, index: index, into: &out)
        case .matches(let subject, let pattern, _):
            write(subject, minLevel: 5, index: index, into: &out)
            out += " matches " + index.text(pattern.span)
        case .contains(let subject, let phrases, _):
            write(subject, minLevel: 5, index: index, into: &out)
            out += " contains "
            write(phrases, minLevel: 5, index: index, into: &out)
        case .exists(let subject, _):
            write(subject, minLevel: 5, index: index, into: &out)
            out += " exists"
        case .isClass(let subject, let name, _):
            write(subject, minLevel: 5, index: index, into: &out)
            out += " is " + name.text
        case .call(let name, let arguments, let window, _):
            out += name.text + "("
            for (position, argument) in arguments.enumerated() {
                if position > 0 { out += ", " }
                writeArgument(argument, index: index, into: &out)
            }
            if let window {
                out += (arguments.isEmpty ? "" : ", ") + "last \(window.value)"
            }
            out += ")"
        case .intentWas(let set, let within, _):
            out += "intent was "
            // `intent was (intent was x) within last 3`: without the
            // parentheses the inner `intent was` would take the window.
            let guardsWindow = within != nil && endsWithOpenIntentWas(set)
            write(set, minLevel: guardsWindow ? 6 : 5, index: index, into: &out)
            if let within { out += " within last \(within.value)" }
        case .toolCall(let name, _):
            out += "tool_call " + name.text
        }
    }

    /// A call argument that starts with the word `last` is parenthesised:
    /// bare, the parser would read it as the window (`count(x, last 3)`).
    private static func writeArgument(_ argument: Expr, index: SourceIndex, into out: inout String) {
        var text = ""
        write(argument, minLevel: 1, index: index, into: &text)
        let startsWithLast = text.hasPrefix("last")
            && text.dropFirst(4).first.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
        out += startsWithLast ? "(" + text + ")" : text
    }

    /// True when the text of `expr` ends with an `intent was` that has no window.
    private static func endsWithOpenIntentWas(_ expr: Expr) -> Bool {
        var current = expr
        while true {
            switch current {
            case .unary(.negate, let operand, _): current = operand
            case .intentWas(_, let within, _): return within == nil
            default: return false
            }
        }
    }
}
