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
             .contains(let inner, _), .member(let inner, _, _):
            [inner]
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .compare(_, let lhs, let rhs):
            [lhs, rhs]
        }
    }

    /// Calls `body` with each direct sub-expression; `children` without the array.
    func forEachChild(_ body: (CheckedExpr) -> Void) {
        switch kind {
        case .constant, .signal, .metadata, .api, .anyAPIError, .toolSummary, .toolCalled,
             .statusUnknown, .intentWas:
            break
        case .not(let inner), .negate(let inner), .exists(let inner), .errorIs(let inner, _),
             .window(_, let inner, _), .letReference(_, let inner), .matches(let inner, _, _),
             .contains(let inner, _), .member(let inner, _, _):
            body(inner)
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .compare(_, let lhs, let rhs):
            body(lhs)
            body(rhs)
        }
    }

    /// The largest number of customer turns this condition looks back over.
    public var largestWindow: Int {
        var largest = 0
        switch kind {
        case .window(_, _, let turns): largest = turns
        case .intentWas(_, let within): largest = within ?? 0
        default: break
        }
        forEachChild { largest = max(largest, $0.largestWindow) }
        return largest
    }

    /// True when the condition depends only on one turn's data, so it can be
    /// counted over a window.
    public var isPerTurn: Bool {
        switch kind {
        case .metadata, .window, .intentWas, .signal(.turnCount): return false
        default:
            var perTurn = true
            forEachChild { perTurn = perTurn && $0.isPerTurn }
            return perTurn
        }
    }

    /// Names of the `let`s this condition refers to, directly or through others.
    public var referencedLets: Set<String> {
        var names = Set<String>()
        collectReferencedLets(into: &names)
        return names
    }

    /// Adds the names of the `let`s this condition refers to. A `let` already
    /// in `names` is not walked again: its references were added with it.
    func collectReferencedLets(into names: inout Set<String>) {
        guard mentionsLet else { return }
        if case .letReference(let name, let inner) = kind {
            if names.insert(name).inserted { inner.collectReferencedLets(into: &names) }
            return
        }
        forEachChild { $0.collectReferencedLets(into: &names) }
    }
}

extension CheckedExpr {
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt8
        /// A `let` reference occurs in the tree.
        static let mentionsLet = Traits(rawValue: 1)
        /// An `and` or `or` occurs in the tree.
        static let hasChain = Traits(rawValue: 2)
        /// An `or` occurs in the tree.
        static let hasOr = Traits(rawValue: 4)
    }

    var mentionsLet: Bool { traits.contains(.mentionsLet) }
}

extension CheckedExpr.Kind {
    /// This node's traits: its own, plus its direct children's (which carry
    /// those of their subtrees).
    var traits: CheckedExpr.Traits {
        switch self {
        case .letReference(_, let inner): inner.traits.union(.mentionsLet)
        case .constant, .signal, .metadata, .api, .anyAPIError, .toolSummary, .toolCalled,
             .statusUnknown, .intentWas:
            []
        case .not(let inner), .negate(let inner), .exists(let inner), .errorIs(let inner, _),
             .window(_, let inner, _), .matches(let inner, _, _), .contains(let inner, _),
             .member(let inner, _, _):
            inner.traits
        case .and(let lhs, let rhs):
            lhs.traits.union(rhs.traits).union(.hasChain)
        case .or(let lhs, let rhs):
            lhs.traits.union(rhs.traits).union([.hasChain, .hasOr])
        case .compare(_, let lhs, let rhs):
            lhs.traits.union(rhs.traits)
        }
    }
}
