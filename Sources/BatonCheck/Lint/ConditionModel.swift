import BatonCore

/// A condition as a disjunction of conjunctions, each conjunction mapping a
/// subject (a signal, field or opaque test) to a `Constraint`. Built only
/// when small: past `maxTerms` the model gives up and lint stays silent.
struct ConditionModel {
    typealias Conjunction = [CheckedExpr: Constraint]

    static let maxTerms = 32

    var terms: [Conjunction]

    /// nil when the condition is too large to model.
    init?(_ expr: CheckedExpr) {
        guard let terms = Self.disjuncts(expr) else { return nil }
        self.terms = terms
    }

    /// True when no term can hold.
    var isContradictory: Bool {
        terms.allSatisfy { term in term.values.contains { $0.isEmpty } }
    }

    /// True when every way this condition can hold also satisfies `other`.
    func implies(_ other: ConditionModel) -> Bool {
        terms.allSatisfy { mine in
            if mine.values.contains(where: \.isEmpty) { return true }
            return other.terms.contains { theirs in
                theirs.allSatisfy { subject, constraint in
                    (mine[subject] ?? .unconstrained).isSubset(of: constraint)
                }
            }
        }
    }

    private static func disjuncts(_ expr: CheckedExpr) -> [Conjunction]? {
        switch expr.kind {
        case .letReference(_, let inner):
            return disjuncts(inner)
        case .or(let lhs, let rhs):
            guard let left = disjuncts(lhs), let right = disjuncts(rhs), left.count + right.count <= maxTerms else { return nil }
            return left + right
        case .and(let lhs, let rhs):
            guard let left = disjuncts(lhs), let right = disjuncts(rhs), left.count * right.count <= maxTerms else { return nil }
            var product: [Conjunction] = []
            for a in left {
                for b in right {
                    var merged = a
                    for (subject, constraint) in b {
                        merged[subject, default: .unconstrained].intersect(constraint)
                    }
                    product.append(merged)
                }
            }
            return product
        case .constant(.bool(let value)):
            var never = Constraint()
            never.only = []
            return [value ? [:] : [expr: never]]
        default:
            let (subject, constraint) = atom(expr)
            return [[subject: constraint]]
        }
    }

    /// One test as a subject and what it allows.
    static func atom(_ expr: CheckedExpr) -> (CheckedExpr, Constraint) {
        switch expr.kind {
        case .compare(let op, let lhs, let rhs):
            if case .constant(let value) = rhs.kind, let constraint = comparison(op, value) {
                return (stripLets(lhs), constraint)
            }
            if case .constant(let value) = lhs.kind, let constraint = comparison(op.flipped, value) {
                return (stripLets(rhs), constraint)
            }
        case .member(let subject, let values, let negated):
            if case .list = subject.type { break }
            var constraint = Constraint()
            if negated {
                constraint.excluded = Set(values)
            } else {
                constraint.present = true
                constraint.only = Set(values)
            }
            return (stripLets(subject), constraint)
        case .not(let inner):
            var constraint = Constraint()
            constraint.truth = false
            return (stripLets(inner), constraint)
        default:
            break
        }
        var constraint = Constraint()
        constraint.truth = true
        return (stripLets(expr), constraint)
    }

    private static func comparison(_ op: Comparison, _ value: Value) -> Constraint? {
        var constraint = Constraint()
        constraint.present = true
        switch op {
        case .equal:
            constraint.only = [value]
        case .notEqual:
            constraint.excluded = [value]
        case .less, .lessEqual, .greater, .greaterEqual:
            guard case .number(let number) = value else { return nil }
            let bound = Constraint.Bound(value: number, inclusive: op == .lessEqual || op == .greaterEqual)
            if op == .less || op == .lessEqual { constraint.upper = bound } else { constraint.lower = bound }
        }
        return constraint
    }

    /// `let` wrappers do not change what a subject is.
    static func stripLets(_ expr: CheckedExpr) -> CheckedExpr {
        if case .letReference(_, let inner) = expr.kind { return stripLets(inner) }
        return expr
    }
}

extension Comparison {
    /// The operator with its operands swapped: `3 < x` is `x > 3`.
    var flipped: Comparison {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        }
    }
}
