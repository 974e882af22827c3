/// The distinct constraints of all condition models of one lint run, by
/// dense id, with what the implication test asks of each computed once.
/// Models carry ids, so equal constraints are hashed and compared once, when
/// interned, rather than each time a rule uses them.
struct ConstraintTable {
    private(set) var constraints: [Constraint] = []
    /// Probed by `Constraint.tableHash`; a stored constraint is read only
    /// when its tag agrees.
    private var slots = TaggedSlots(capacity: 128)
    /// Each constraint's `tableHash`, for regrowing `slots`.
    private var hashes: [Int] = []
    /// Whether an unconstrained subject satisfies each constraint.
    private(set) var acceptsAnything: [Bool] = []
    /// Whether each constraint allows nothing.
    private(set) var isEmpty: [Bool] = []

    var count: Int { constraints.count }

    subscript(id: Int32) -> Constraint { constraints[Int(id)] }

    mutating func id(of constraint: Constraint) -> Int32 {
        let hash = constraint.tableHash
        let probe = constraints.withUnsafeBufferPointer { constraints in
            // Compared in place: a copy would retain the constraint's sets.
            slots.find(hash) { constraints[$0] == constraint }
        }
        if let found = probe.entry { return Int32(found) }
        let id = Int32(constraints.count)
        constraints.append(constraint)
        hashes.append(hash)
        slots.insert(Int(id), hash: hash, at: probe) { hashes[$0] }
        acceptsAnything.append(Constraint.unconstrained.isSubset(of: constraint))
        isEmpty.append(constraint.isEmpty)
        return id
    }

    /// The id of `a and b` for the same subject.
    mutating func intersection(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b { return a }
        var both = self[a]
        both.intersect(self[b])
        return id(of: both)
    }
}
