import BatonCore

/// What a conjunction of simple tests allows one subject to be. Used to find
/// contradictions (nothing allowed) and implications (one allows a subset of
/// the other). Anything the model cannot express is left out, so the lint
/// rules built on it can miss a case but never warn wrongly.
struct Constraint: Hashable {
    struct Bound: Hashable {
        var value: Double
        var inclusive: Bool
    }

    /// The subject must have a value (comparisons and `in` fail on missing values).
    var present = false
    var lower: Bound?
    var upper: Bound?
    /// The subject must be one of these, if set.
    var only: Set<Value>?
    var excluded: Set<Value> = []
    /// For opaque boolean subjects: must hold (true) or must not (false).
    var truth: Bool?

    static let unconstrained = Constraint()

    mutating func intersect(_ other: Constraint) {
        present = present || other.present
        lower = Self.tighter(lower, other.lower, isLower: true)
        upper = Self.tighter(upper, other.upper, isLower: false)
        if let theirs = other.only { only = only.map { $0.intersection(theirs) } ?? theirs }
        excluded.formUnion(other.excluded)
        // A contradiction found inside `other` stays one here.
        if other.contradictoryTruth { contradictoryTruth = true }
        if let theirs = other.truth {
            if let mine = truth, mine != theirs { contradictoryTruth = true }
            truth = theirs
        }
    }

    private var contradictoryTruth = false

    // `==` stays synthesized; hashing feeds a one-value set's value straight
    // in (the usual `== x` test), sparing the nested hasher a `Set` runs per
    // element. The constraint table interns thousands of these per lint run.
    func hash(into hasher: inout Hasher) {
        hasher.combine(present)
        hasher.combine(lower)
        hasher.combine(upper)
        hasher.combine(truth)
        hasher.combine(contradictoryTruth)
        hasher.combine(only != nil)
        if let only { Self.hash(only, into: &hasher) }
        Self.hash(excluded, into: &hasher)
    }

    private static func hash(_ values: Set<Value>, into hasher: inout Hasher) {
        hasher.combine(values.count)
        switch values.count {
        case 0: break
        case 1: hasher.combine(values.first!)
        default: hasher.combine(values)
        }
    }

    /// The hash `ConstraintTable` probes with: the fields `==` compares,
    /// mixed by `StructuralHasher`, with sets combined in any order.
    var tableHash: Int {
        var hasher = StructuralHasher()
        hasher.combine(present)
        Self.combine(lower, into: &hasher)
        Self.combine(upper, into: &hasher)
        hasher.combine(truth.map { $0 ? 1 : 2 } ?? 0)
        hasher.combine(contradictoryTruth)
        hasher.combine(only != nil)
        if let only { hasher.combine(Self.tableHash(only)) }
        hasher.combine(Self.tableHash(excluded))
        return hasher.value
    }

    /// One bound, without building an array of both (which allocates).
    private static func combine(_ bound: Bound?, into hasher: inout StructuralHasher) {
        hasher.combine(bound != nil)
        if let bound {
            hasher.combine(bound.value == 0 ? 0 : bound.value.bitPattern)
            hasher.combine(bound.inclusive)
        }
    }

    private static func tableHash(_ values: Set<Value>) -> UInt64 {
        var sum = UInt64(values.count)
        for value in values {
            var hasher = StructuralHasher()
            hasher.combine(value)
            sum &+= UInt64(bitPattern: Int64(hasher.value))
        }
        return sum
    }

    /// The values of `only` that survive the bounds and exclusions.
    var allowed: Set<Value>? {
        // Without bounds or exclusions every value of `only` survives.
        if lower == nil, upper == nil, excluded.isEmpty { return only }
        return only.map { $0.filter { admits($0) } }
    }

    func admits(_ value: Value) -> Bool {
        if excluded.contains(value) { return false }
        if case .number(let number) = value {
            if let lower, number < lower.value || (!lower.inclusive && number == lower.value) { return false }
            if let upper, number > upper.value || (!upper.inclusive && number == upper.value) { return false }
        } else if lower != nil || upper != nil {
            return false
        }
        return true
    }

    /// True when no value can satisfy the constraint.
    var isEmpty: Bool {
        if contradictoryTruth { return true }
        // `allowed` is empty exactly when `only` admits nothing; this asks
        // without building the filtered set.
        if let only, !only.contains(where: admits) { return true }
        if let lower, let upper {
            if lower.value > upper.value { return true }
            if lower.value == upper.value, !(lower.inclusive && upper.inclusive) { return true }
            if lower.value == upper.value, excluded.contains(.number(lower.value)) { return true }
        }
        return false
    }

    /// True when every value this constraint allows, `other` allows too.
    func isSubset(of other: Constraint) -> Bool {
        if isEmpty { return true }
        if other.present, !present { return false }
        if let theirs = other.truth, truth != theirs { return false }
        // Filtered once here rather than by each test below.
        let allowed = self.allowed
        if let theirs = other.only {
            guard let mine = allowed, mine.isSubset(of: theirs) else { return false }
        }
        for value in other.excluded where admitsOrUnknown(value, allowed: allowed) { return false }
        if let theirs = other.lower {
            if let mine = allowed {
                if !mine.allSatisfy({ Self.above($0, theirs) }) { return false }
            } else if let mine = lower {
                if mine.value < theirs.value || (mine.value == theirs.value && mine.inclusive && !theirs.inclusive) { return false }
            } else {
                return false
            }
        }
        if let theirs = other.upper {
            if let mine = allowed {
                if !mine.allSatisfy({ Self.below($0, theirs) }) { return false }
            } else if let mine = upper {
                if mine.value > theirs.value || (mine.value == theirs.value && mine.inclusive && !theirs.inclusive) { return false }
            } else {
                return false
            }
        }
        return true
    }

    /// Whether `value` might be allowed (it is not ruled out for certain).
    private func admitsOrUnknown(_ value: Value, allowed: Set<Value>?) -> Bool {
        if let allowed { return allowed.contains(value) }
        return admits(value)
    }

    private static func above(_ value: Value, _ bound: Bound) -> Bool {
        guard case .number(let number) = value else { return false }
        return number > bound.value || (bound.inclusive && number == bound.value)
    }

    private static func below(_ value: Value, _ bound: Bound) -> Bool {
        guard case .number(let number) = value else { return false }
        return number < bound.value || (bound.inclusive && number == bound.value)
    }

    private static func tighter(_ a: Bound?, _ b: Bound?, isLower: Bool) -> Bound? {
        guard let a else { return b }
        guard let b else { return a }
        if a.value == b.value { return Bound(value: a.value, inclusive: a.inclusive && b.inclusive) }
        return (isLower ? a.value > b.value : a.value < b.value) ? a : b
    }
}
