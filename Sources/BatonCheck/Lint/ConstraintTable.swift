/// The distinct constraints of all condition models of one lint run, by
/// dense id, with what the implication test asks of each computed once.
/// Models carry ids, so equal constraints are hashed and compared once, when
/// interned, rather than each time a rule uses them.
struct ConstraintTable {
    private(set) var constraints: [Constraint] = []
    /// Id + 1 per slot, 0 when empty, probed by `Constraint.tableHash`; at most half full.
    private var slots = [Int32](repeating: 0, count: 256)
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
        var mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let id = slots[slot] - 1
            if constraints[Int(id)] == constraint { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(constraints.count)
        constraints.append(constraint)
        hashes.append(hash)
        if constraints.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            mask = slots.count - 1
            for (index, hash) in hashes.enumerated() {
                slot = hash & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index + 1)
            }
        } else {
            slots[slot] = id + 1
        }
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
