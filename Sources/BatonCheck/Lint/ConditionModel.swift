import BatonCore

/// A condition as a disjunction of conjunctions, each conjunction mapping a
/// subject (a signal, field or opaque test) to a `Constraint`. Built only
/// when small: past `maxTerms` the model gives up and lint stays silent.
///
/// Subjects and constraints are interned to small integers (`SubjectTable`,
/// `ConstraintTable`) shared by every rule of a lint run, so terms are
/// arrays of ids sorted by subject rather than dictionaries keyed by whole
/// expression trees.
struct ConditionModel {
    /// One subject of a conjunction and (by id) what the conjunction allows it.
    struct Entry {
        var subject: Int32
        var constraint: Int32
        /// Where this subject was first written in the conjunction (the
        /// shadowed-rule index files a term under its first subject).
        var start: Int
    }

    /// Entries sorted by subject, at most one per subject.
    typealias Conjunction = [Entry]

    static let maxTerms = 32

    var terms: [Conjunction]

    /// nil when the condition is too large to model.
    init?(_ expr: CheckedExpr, subjects: inout SubjectTable, constraints: inout ConstraintTable) {
        guard let terms = Self.disjuncts(expr, &subjects, &constraints) else { return nil }
        self.terms = terms
    }

    private static func disjuncts(_ expr: CheckedExpr, _ subjects: inout SubjectTable, _ constraints: inout ConstraintTable) -> [Conjunction]? {
        switch expr.kind {
        case .letReference(_, let inner):
            return disjuncts(inner, &subjects, &constraints)
        case .or(let lhs, let rhs):
            guard let left = disjuncts(lhs, &subjects, &constraints), let right = disjuncts(rhs, &subjects, &constraints),
                  left.count + right.count <= maxTerms else { return nil }
            // `left` is ours alone, so this usually grows it in place.
            var terms = left
            terms.append(contentsOf: right)
            return terms
        case .and where !expr.traits.contains(.hasOr):
            // The usual case, a chain of tests: one conjunction, built in place.
            var term: Conjunction = []
            term.reserveCapacity(4)
            conjoin(expr, into: &term, &subjects, &constraints)
            return [term]
        case .and(let lhs, let rhs):
            guard let left = disjuncts(lhs, &subjects, &constraints), let right = disjuncts(rhs, &subjects, &constraints),
                  left.count * right.count <= maxTerms else { return nil }
            if left.count == 1, right.count == 1 {
                // The usual case: reuse `left`'s storage for the one product.
                var product = left
                product[0] = merge(left[0], right[0], &constraints)
                return product
            }
            var product: [Conjunction] = []
            product.reserveCapacity(left.count * right.count)
            for a in left {
                for b in right { product.append(merge(a, b, &constraints)) }
            }
            return product
        default:
            return [leaf(expr, &subjects, &constraints).map { [$0] } ?? []]
        }
    }

    /// A test that is neither `and` nor `or` as one entry; nil for `true`,
    /// which constrains nothing.
    private static func leaf(_ expr: CheckedExpr, _ subjects: inout SubjectTable, _ constraints: inout ConstraintTable) -> Entry? {
        if case .constant(.bool(let value)) = expr.kind {
            if value { return nil }
            var never = Constraint()
            never.only = []
            return Entry(subject: subjects.id(of: expr), constraint: constraints.id(of: never), start: expr.location.range.start)
        }
        let (subject, constraint) = subjects.ids(ofTest: expr, constraints: &constraints)
        return Entry(subject: subject, constraint: constraint, start: Self.subject(ofTest: expr).location.range.start)
    }

    /// Adds the tests of an `and` chain without `or` to `term`, left to
    /// right, as `merge` of the chain's parts would: a shared subject keeps
    /// its first entry, intersected with the later one.
    private static func conjoin(_ expr: CheckedExpr, into term: inout Conjunction, _ subjects: inout SubjectTable, _ constraints: inout ConstraintTable) {
        switch expr.kind {
        case .letReference(_, let inner):
            conjoin(inner, into: &term, &subjects, &constraints)
        case .and(let lhs, let rhs):
            conjoin(lhs, into: &term, &subjects, &constraints)
            conjoin(rhs, into: &term, &subjects, &constraints)
        default:
            guard let entry = leaf(expr, &subjects, &constraints) else { return }
            // Chains are short: a linear scan finds the sorted position.
            var index = 0
            while index < term.count, term[index].subject < entry.subject { index += 1 }
            if index < term.count, term[index].subject == entry.subject {
                term[index].constraint = constraints.intersection(term[index].constraint, entry.constraint)
            } else if index == term.count {
                // Nearly always: a new subject gets the next id, so it sorts last.
                term.append(entry)
            } else {
                term.insert(entry, at: index)
            }
        }
    }

    /// `a and b` for two conjunctions; a shared subject keeps `a`'s position.
    private static func merge(_ a: Conjunction, _ b: Conjunction, _ constraints: inout ConstraintTable) -> Conjunction {
        var merged: Conjunction = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].subject < b[j].subject) {
                merged.append(a[i])
                i += 1
            } else if i == a.count || b[j].subject < a[i].subject {
                merged.append(b[j])
                j += 1
            } else {
                var entry = a[i]
                entry.constraint = constraints.intersection(entry.constraint, b[j].constraint)
                merged.append(entry)
                i += 1
                j += 1
            }
        }
        return merged
    }

    /// What a test constrains: a comparison's or membership's non-constant
    /// side, what `not` negates, else the test itself (`let`s stripped).
    static func subject(ofTest expr: CheckedExpr) -> CheckedExpr {
        switch expr.kind {
        case .compare(let op, let lhs, let rhs):
            if case .constant(let value) = rhs.kind, comparisonApplies(op, value) { return stripLets(lhs) }
            if case .constant(let value) = lhs.kind, comparisonApplies(op.flipped, value) { return stripLets(rhs) }
        case .member(let subject, _, _):
            if case .list = subject.type { break }
            return stripLets(subject)
        case .not(let inner):
            return stripLets(inner)
        default:
            break
        }
        return stripLets(expr)
    }

    /// What a test allows its subject (`subject(ofTest:)`).
    static func constraint(ofTest expr: CheckedExpr) -> Constraint {
        switch expr.kind {
        case .compare(let op, let lhs, let rhs):
            if case .constant(let value) = rhs.kind, let constraint = comparison(op, value) { return constraint }
            if case .constant(let value) = lhs.kind, let constraint = comparison(op.flipped, value) { return constraint }
        case .member(let subject, let values, let negated):
            if case .list = subject.type { break }
            var constraint = Constraint()
            if negated {
                constraint.excluded = Set(values)
            } else {
                constraint.present = true
                constraint.only = Set(values)
            }
            return constraint
        case .not:
            var constraint = Constraint()
            constraint.truth = false
            return constraint
        default:
            break
        }
        var constraint = Constraint()
        constraint.truth = true
        return constraint
    }

    /// Whether `comparison(op, value)` gives a constraint, without building it.
    private static func comparisonApplies(_ op: Comparison, _ value: Value) -> Bool {
        switch op {
        case .equal, .notEqual: true
        case .less, .lessEqual, .greater, .greaterEqual: if case .number = value { true } else { false }
        }
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

/// Dense ids for the subjects of all condition models of one lint run.
/// Equal expressions (whatever their location) share an id.
struct SubjectTable {
    /// Subjects by id (their index).
    private var ids = NodeMap<Void>()
    /// Each distinct test's subject and constraint ids: rules repeat tests
    /// (`confidence >= 0.7`, `intent == wismo`), and taking one apart and
    /// interning its constraint costs far more than this look-up.
    private var tests = NodeMap<(subject: Int32, constraint: Int32)>()

    /// The ids of what test `expr` constrains and how (`ConditionModel.subject(ofTest:)`).
    mutating func ids(ofTest expr: CheckedExpr, constraints: inout ConstraintTable) -> (subject: Int32, constraint: Int32) {
        let key = expr.fingerprint
        let probe = tests.probe(key)
        if let known = tests.value(at: probe) { return known }
        let ids = (id(of: ConditionModel.subject(ofTest: expr)), constraints.id(of: ConditionModel.constraint(ofTest: expr)))
        tests.insert(key, ids, at: probe)
        return ids
    }

    var count: Int { ids.count }

    mutating func id(of subject: CheckedExpr) -> Int32 {
        let key = subject.fingerprint
        let probe = ids.probe(key)
        return Int32(probe.entry ?? ids.insert(key, (), at: probe))
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
