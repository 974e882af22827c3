import BatonCore

/// Conditions: precedence-driven parentheses and line breaking.
///
/// A condition that fits in `width` columns, with no comment between the
/// operands of an `or`/`and` chain, stays on one line. Otherwise the
/// outermost chain breaks before each of its operators, with operator lines
/// indented two spaces deeper than the line that opened the condition;
/// operands that still do not fit break the same way, two spaces deeper:
///
///     when intent in [payment_dispute] and confidence >= 0.6
///       or message matches "charged (twice|two times)"
///     when a
///         and b
///       or (c
///         or d)
///
/// Predicates (comparisons, `in`, `matches`, calls, lists) never break.
extension LineBuilder {
    /// A piece of a laid-out condition. The first piece continues the
    /// current line; each later one starts a line at `indent`.
    struct Piece {
        var indent: Int
        var text: String
        var start: Int
        var end: Int
    }

    mutating func addCondition(_ expr: Expr, head: String, indent: Int, start: Int) {
        let pieces = layout(expr, column: indent + head.count, operatorIndent: indent + Self.indentWidth, minLevel: 1, trailing: 0)
        addLine(indent, head + pieces[0].text, start: start, end: pieces[0].end)
        for piece in pieces.dropFirst() {
            addLine(piece.indent, piece.text, start: piece.start, end: piece.end)
        }
    }

    /// Lays out `expr` starting at `column`; `trailing` columns (closing
    /// parentheses) follow its last piece on the same line.
    func layout(_ expr: Expr, column: Int, operatorIndent: Int, minLevel: Int, trailing: Int) -> [Piece] {
        let flat = Self.render(expr, minLevel: minLevel, index: index)
        let range = expr.span.range
        if column + flat.count + trailing <= width, !hasCommentBetweenOperands(expr) {
            return [Piece(indent: column, text: flat, start: range.start, end: range.end)]
        }
        if Self.precedence(expr) < minLevel {
            var pieces = layout(expr, column: column + 1, operatorIndent: operatorIndent, minLevel: 1, trailing: trailing + 1)
            pieces[0].text = "(" + pieces[0].text
            pieces[pieces.count - 1].text += ")"
            return pieces
        }
        switch expr {
        case .binary(let op, _, _, _) where op == .or || op == .and:
            let level = Self.precedence(expr)
            let operands = Self.chain(expr, op)
            let keyword = op.rawValue + " "
            let nested = operatorIndent + Self.indentWidth
            var pieces = layout(operands[0], column: column, operatorIndent: nested, minLevel: level, trailing: 0)
            for position in 1..<operands.count {
                let isLast = position == operands.count - 1
                var next = layout(
                    operands[position],
                    column: operatorIndent + keyword.count,
                    operatorIndent: nested,
                    minLevel: level + 1,
                    trailing: isLast ? trailing : 0
                )
                next[0].indent = operatorIndent
                next[0].text = keyword + next[0].text
                pieces += next
            }
            return pieces
        case .unary(.not, let operand, _):
            var pieces = layout(operand, column: column + 4, operatorIndent: operatorIndent, minLevel: 3, trailing: trailing)
            pieces[0].text = "not " + pieces[0].text
            pieces[0].start = range.start
            return pieces
        default:
            return [Piece(indent: column, text: flat, start: range.start, end: range.end)]
        }
    }

    /// A comment between two operands of a chain (here or in a nested
    /// chain) forces the break, so the comment keeps its place between them.
    func hasCommentBetweenOperands(_ expr: Expr) -> Bool {
        switch expr {
        case .binary(let op, _, _, _) where op == .or || op == .and:
            let operands = Self.chain(expr, op)
            for (left, right) in zip(operands, operands.dropFirst())
            where index.hasComment(in: left.span.range.end..<max(left.span.range.end, right.span.range.start)) {
                return true
            }
            return operands.contains { hasCommentBetweenOperands($0) }
        case .unary(.not, let operand, _):
            return hasCommentBetweenOperands(operand)
        default:
            return false
        }
    }

    /// The operands of a left-nested chain `a or b or c`, in order. A loop,
    /// not recursion: a chain of n operands is a tree n levels deep.
    static func chain(_ expr: Expr, _ op: BinaryOperator) -> [Expr] {
        var rights: [Expr] = []
        var current = expr
        while case .binary(let next, let left, let right, _) = current, next == op {
            rights.append(right)
            current = left
        }
        return [current] + rights.reversed()
    }
}
