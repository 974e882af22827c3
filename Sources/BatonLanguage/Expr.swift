import BatonCore

/// A condition or value. Names are left unresolved here: the checker decides
/// whether `sentiment` is a signal or a `let`, and what `metadata.x` is.
public enum Expr: Sendable, Hashable {
    case boolean(Bool, span: Span)
    case number(Double, span: Span)
    case string(StringLiteral)
    /// `[a, b]` or `["x", "y"]`
    case list([Expr], span: Span)
    /// A bare word: a signal such as `sentiment`, a `let`, or an intent in a list.
    case name(Name)
    /// `metadata.cart_value`, `api.orders.status`, `tool.summary`
    case path([Name], span: Span)
    indirect case unary(UnaryOperator, Expr, span: Span)
    indirect case binary(BinaryOperator, Expr, Expr, span: Span)
    /// `x in [..]`, `x not in [..]`
    indirect case membership(Expr, negated: Bool, Expr, span: Span)
    /// `message matches "pattern"`
    indirect case matches(Expr, StringLiteral, span: Span)
    /// `message contains ["a", "b"]` (phrase list)
    indirect case contains(Expr, Expr, span: Span)
    /// `metadata.order_id exists`
    indirect case exists(Expr, span: Span)
    /// `api_error is 5xx`, `api.orders.status is unknown`
    indirect case isClass(Expr, Name, span: Span)
    /// `avg(sentiment, last 3)`, `count(api_error, last 5)`, `consecutive(x)`
    /// (boxed, as `toolCall`: inline they would make every `Expr` more than
    /// twice its size, and every node that holds one)
    indirect case call(Name, [Expr], window: IntLiteral?, span: Span)
    /// `intent was [a, b] within last 3`
    indirect case intentWas(Expr, within: IntLiteral?, span: Span)
    /// `tool_call escalate_to_human`
    indirect case toolCall(Name, span: Span)

    public var span: Span {
        switch self {
        case .boolean(_, let span), .number(_, let span), .list(_, let span), .path(_, let span),
             .unary(_, _, let span), .binary(_, _, _, let span), .membership(_, _, _, let span),
             .matches(_, _, let span), .contains(_, _, let span), .exists(_, let span),
             .isClass(_, _, let span), .call(_, _, _, let span), .intentWas(_, _, let span),
             .toolCall(_, let span):
            span
        case .string(let literal): literal.span
        case .name(let name): name.span
        }
    }
}

public enum UnaryOperator: String, Sendable, Hashable {
    case not
    case negate = "-"
}

public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or
    case and
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="

    public var isComparison: Bool {
        switch self {
        case .or, .and: false
        default: true
        }
    }
}
