/// A map keyed by checked trees for the lint's per-run tables. A tree is
/// known by its `TreeFingerprint`, kept in a dense array: a look-up reads
/// 16 bytes per candidate entry, never the stored tree, which at 100,000
/// rules lies far back in the heap. Entries keep their insertion order, so
/// an entry's index can serve as a dense id.
struct NodeMap<Value> {
    private var slots = TaggedSlots()
    private var keys: [TreeFingerprint] = []
    private var values: [Value] = []

    var count: Int { keys.count }

    subscript(key: TreeFingerprint) -> Value? {
        index(of: key).map { values[$0] }
    }

    /// The index of `key`'s entry, if it has one.
    func index(of key: TreeFingerprint) -> Int? {
        probe(key).entry
    }

    /// Adds `key`, which must not be in the map yet; returns its index.
    @discardableResult
    mutating func insert(_ key: TreeFingerprint, _ value: Value) -> Int {
        insert(key, value, at: probe(key))
    }

    /// Where a look-up of `key` ends: its entry, or where it would go.
    func probe(_ key: TreeFingerprint) -> TaggedSlots.Probe {
        keys.withUnsafeBufferPointer { keys in
            slots.find(key.hash) { keys[$0] == key }
        }
    }

    func value(at probe: TaggedSlots.Probe) -> Value? {
        probe.entry.map { values[$0] }
    }

    /// Adds `key` where `probe`, a look-up of it that found nothing and
    /// made before any other change to the map, ended; returns its index.
    @discardableResult
    mutating func insert(_ key: TreeFingerprint, _ value: Value, at probe: TaggedSlots.Probe) -> Int {
        let index = keys.count
        keys.append(key)
        values.append(value)
        keys.withUnsafeBufferPointer { keys in
            slots.insert(index, hash: key.hash, at: probe) { keys[$0].hash }
        }
        return index
    }
}
