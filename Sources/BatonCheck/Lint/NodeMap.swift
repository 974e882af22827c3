/// A map keyed by checked expressions for the lint's per-run tables, probed
/// with each node's cached structural hash (already well mixed) instead of
/// feeding it through `Hasher`; a hit is confirmed with `==`. Entries keep
/// their insertion order, so an entry's index can serve as a dense id.
///
/// Each slot also holds the high half of its key's hash, so a probe that
/// meets another key nearly always moves on without reading that key: at
/// 100,000 rules the keys are spread over the heap and each read is a
/// cache miss.
struct NodeMap<Value> {
    /// Per slot: the key's hash tag in the high 32 bits, its index into
    /// `keys` + 1 in the low 32 bits; 0 when empty. At most half full.
    private var slots = [UInt64](repeating: 0, count: 64)
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
            slots = [UInt64](repeating: 0, count: slots.count * 2)
            // Hashes read in place: copying each key would retain its tree.
            let hashes = keys.withUnsafeBufferPointer { $0.map(\.structuralHash) }
            for (entry, hash) in hashes.enumerated() { place(entry, hash: hash) }
        } else {
            place(index, hash: key.structuralHash)
        }
        return index
    }

    /// The index of `key`'s entry, if it has one.
    func index(of key: CheckedExpr) -> Int? {
        let mask = slots.count - 1
        let tag = Self.tag(key.structuralHash)
        var slot = key.structuralHash & mask
        return keys.withUnsafeBufferPointer { keys in
            while true {
                let contents = slots[slot]
                if contents == 0 { return nil }
                let entry = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: contents)) - 1
                // The key is read only when its tag agrees, and field by
                // field in place: a copy would retain its (cold) tree.
                if contents & Self.tagMask == tag, keys[entry].structuralHash == key.structuralHash,
                   keys[entry].type == key.type, keys[entry].kind == key.kind {
                    return entry
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private static var tagMask: UInt64 { 0xFFFF_FFFF_0000_0000 }

    /// The hash's high half, in the slot's high half: the low bits pick the slot.
    private static func tag(_ hash: Int) -> UInt64 {
        UInt64(bitPattern: Int64(hash)) & tagMask
    }

    private mutating func place(_ entry: Int, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.tag(hash) | UInt64(entry + 1)
    }
}
