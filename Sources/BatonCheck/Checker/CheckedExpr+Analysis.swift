/// Facts about a checked condition that the checker, linter and compiler share.
extension CheckedExpr {
    /// Direct sub-expressions, for generic walks.
    public var children: [CheckedExpr] {
        switch kind {
        case .constant, .signal, .metadata, .api, .anyAPIError, .toolSummary, .toolCalled,
             .statusUnknown, .intentWas:
            []
        case .not(let inner), .negate(let inner), .exists(let inner), .errorIs(let inner, _),
             .window(_, let inner, _), .letReference(_, let inner), .matches(let inner, _, _),
             .contains(let inner, _, _), .member(let inner, _, _):
            [inner]
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .compare(_, let lhs, let rhs):
            [lhs, rhs]
        }
    }

    /// The largest number of customer turns this condition looks back over.
    public var largestWindow: Int {
        var own = 0
        switch kind {
        case .window(_, _, let turns): own = turns
        case .intentWas(_, let within): own = within ?? 0
        default: break
        }
        return children.reduce(own) { max($0, $1.largestWindow) }
    }

    /// True when the condition depends only on one turn's data, so it can be
    /// counted over a window.
    public var isPerTurn: Bool {
        switch kind {
        case .metadata, .window, .intentWas, .signal(.turnCount): false
        default: children.allSatisfy(\.isPerTurn)
        }
    }

    /// Names of the `let`s this condition refers to, directly or through others.
    public var referencedLets: Set<String> {
        var names = Set<String>()
        if case .letReference(let name, _) = kind { names.insert(name) }
        for child in children { names.formUnion(child.referencedLets) }
        return names
    }
}
