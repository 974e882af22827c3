/// A map keyed by checked expressions for the lint's per-run tables, probed
/// with each node's cached structural hash (already well mixed) instead of
/// feeding it through `Hasher`; a hit is confirmed with `==`. Entries keep
/// their insertion order, so an entry's index can serve as a dense id.
struct NodeMap<Value> {
    private var slots = TaggedSlots()
    private var keys: [CheckedExpr] = []
    private var values: [Value] = []

    var count: Int { keys.count }

    subscript(key: CheckedExpr) -> Value? {
        index(of: key).map { values[$0] }
    }

    /// The index of `key`'s entry, if it has one.
    func index(of key: CheckedExpr) -> Int? {
        probe(key).entry
    }

    /// Adds `key`, which must not be in the map yet; returns its index.
    @discardableResult
    mutating func insert(_ key: CheckedExpr, _ value: Value) -> Int {
        insert(key, value, at: probe(key))
    }

    /// Where a look-up of `key` ends: its entry, or where it would go.
    func probe(_ key: CheckedExpr) -> TaggedSlots.Probe {
        keys.withUnsafeBufferPointer { keys in
            // Field by field in place: a copy would retain the (cold) stored tree.
            slots.find(key.structuralHash) { entry in
                keys[entry].structuralHash == key.structuralHash && keys[entry].type == key.type && keys[entry].kind == key.kind
            }
        }
    }

    func value(at probe: TaggedSlots.Probe) -> Value? {
        probe.entry.map { values[$0] }
    }

    /// Adds `key` where `probe`, a look-up of it that found nothing and
    /// made before any other change to the map, ended; returns its index.
    @discardableResult
    mutating func insert(_ key: CheckedExpr, _ value: Value, at probe: TaggedSlots.Probe) -> Int {
        let index = keys.count
        keys.append(key)
        values.append(value)
        // Hashes read in place: copying each key would retain its tree.
        keys.withUnsafeBufferPointer { keys in
            slots.insert(index, hash: key.structuralHash, at: probe) { keys[$0].structuralHash }
        }
        return index
    }
}
