/// The distinct constraints of all condition models of one lint run, by
/// dense id, with what the implication test asks of each computed once.
/// Models carry ids, so equal constraints are hashed and compared once, when
/// interned, rather than each time a rule uses them.
struct ConstraintTable {
    private(set) var constraints: [Constraint] = []
    /// Per slot: the constraint's hash tag in the high 32 bits, its id + 1
    /// in the low 32 bits; 0 when empty. Probed by `Constraint.tableHash`,
    /// at most half full. A probe reads a stored constraint only when the
    /// tags agree: at 100,000 rules each such read is a cache miss.
    private var slots = [UInt64](repeating: 0, count: 256)
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
        let tag = Self.tag(hash)
        let found: Int32? = constraints.withUnsafeBufferPointer { constraints in
            while slots[slot] != 0 {
                // Compared in place: a copy would retain the constraint's sets.
                if slots[slot] & Self.tagMask == tag {
                    let id = Int32(truncatingIfNeeded: slots[slot]) - 1
                    if constraints[Int(id)] == constraint { return id }
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
        if let found { return found }
        let id = Int32(constraints.count)
        constraints.append(constraint)
        hashes.append(hash)
        if constraints.count * 2 > slots.count {
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            mask = slots.count - 1
            for (index, hash) in hashes.enumerated() {
                slot = hash & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Self.tag(hash) | UInt64(index + 1)
            }
        } else {
            slots[slot] = tag | UInt64(id + 1)
        }
        acceptsAnything.append(Constraint.unconstrained.isSubset(of: constraint))
        isEmpty.append(constraint.isEmpty)
        return id
    }

    private static var tagMask: UInt64 { 0xFFFF_FFFF_0000_0000 }

    private static func tag(_ hash: Int) -> UInt64 { UInt64(bitPattern: Int64(hash)) & tagMask }

    /// The id of `a and b` for the same subject.
    mutating func intersection(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b { return a }
        var both = self[a]
        both.intersect(self[b])
        return id(of: both)
    }
}
