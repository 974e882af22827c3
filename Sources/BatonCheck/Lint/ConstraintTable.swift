/// The distinct constraints of all condition models of one lint run, by
/// dense id, with what the implication test asks of each computed once.
/// Models carry ids, so equal constraints are hashed and compared once, when
/// interned, rather than each time a rule uses them.
struct ConstraintTable {
    private(set) var constraints: [Constraint] = []
    private var ids: [Constraint: Int32] = [:]
    /// Whether an unconstrained subject satisfies each constraint.
    private(set) var acceptsAnything: [Bool] = []
    /// Whether each constraint allows nothing.
    private(set) var isEmpty: [Bool] = []

    var count: Int { constraints.count }

    subscript(id: Int32) -> Constraint { constraints[Int(id)] }

    mutating func id(of constraint: Constraint) -> Int32 {
        if let id = ids[constraint] { return id }
        let id = Int32(constraints.count)
        constraints.append(constraint)
        ids[constraint] = id
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
