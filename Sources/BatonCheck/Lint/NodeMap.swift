/// A map keyed by checked expressions for the lint's per-run tables, probed
/// with each node's cached structural hash (already well mixed) instead of
/// feeding it through `Hasher`; a hit is confirmed with `==`. Entries keep
/// their insertion order, so an entry's index can serve as a dense id.
struct NodeMap<Value> {
    /// Index into `keys` + 1 per slot, 0 when empty; at most half full.
    private var slots = [Int32](repeating: 0, count: 64)
    private var keys: [CheckedExpr] = []
    private var values: [Value] = []

    var count: Int { keys.count }

    subscript(key: CheckedExpr) -> Value? {
        index(of: key).map { values[$0] }
    }

    /// Adds `key`, which must not be in the map yet; returns its index.
    @discardableResult
    mutating func insert(_ key: CheckedExpr, _ value: Value) -> Int {
        let index = keys.count
        keys.append(key)
        values.append(value)
        if keys.count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for (entry, key) in keys.enumerated() { place(entry, hash: key.structuralHash) }
        } else {
            place(index, hash: key.structuralHash)
        }
        return index
    }

    /// The index of `key`'s entry, if it has one.
    func index(of key: CheckedExpr) -> Int? {
        let mask = slots.count - 1
        var slot = key.structuralHash & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return nil }
            if keys[entry] == key { return entry }
            slot = (slot + 1) & mask
        }
    }

    private mutating func place(_ entry: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }
}
