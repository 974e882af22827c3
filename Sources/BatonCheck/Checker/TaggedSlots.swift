/// The probing half of the checker's and linter's interning tables (rule
/// names, lint subjects and tests, constraints), which keep their entries
/// in arrays of their own: open addressing on an entry's hash, at most
/// half full.
///
/// Each slot holds the entry's index + 1 in its low 32 bits (0 when empty)
/// and the high 32 bits of its hash, so a probe that meets another entry
/// nearly always moves on without reading it. At 100,000 rules the
/// entries lie far apart in memory and each read is a cache miss.
struct TaggedSlots {
    private var slots: [UInt64]

    /// Room for `capacity` entries before the first regrowth.
    init(capacity: Int = 32) {
        var size = 64
        while size < 2 * capacity { size *= 2 }
        slots = Array(repeating: 0, count: size)
    }

    /// Where a look-up ended: the entry found, or the empty slot where the
    /// entry belongs (for `insert`).
    struct Probe {
        let entry: Int?
        fileprivate let slot: Int
    }

    /// The entry with hash `hash` for which `matches` holds; `matches` is
    /// asked only of entries whose tag agrees.
    @inline(__always)
    func find(_ hash: Int, matches: (Int) -> Bool) -> Probe {
        let mask = slots.count - 1
        let tag = Self.tag(hash)
        var slot = hash & mask
        while slots[slot] != 0 {
            if slots[slot] & Self.tagMask == tag {
                let entry = Int(UInt32(truncatingIfNeeded: slots[slot])) - 1
                if matches(entry) { return Probe(entry: entry, slot: slot) }
            }
            slot = (slot + 1) & mask
        }
        return Probe(entry: nil, slot: slot)
    }

    /// Records entry `entry` (the table's `count - 1`) where `probe`, a
    /// look-up of `hash` that found nothing, ended; regrows once more than
    /// half full, taking every entry's hash from `hashOf`.
    mutating func insert(_ entry: Int, hash: Int, at probe: Probe, hashOf: (Int) -> Int) {
        assert(probe.entry == nil && slots[probe.slot] == 0, "insert only where a look-up found nothing")
        slots[probe.slot] = Self.tag(hash) | UInt64(entry + 1)
        let count = entry + 1
        if count * 2 > slots.count { rebuild(size: slots.count * 2, count: count, hashOf: hashOf) }
    }

    /// Room for `capacity` entries in all, with `count` entries in now.
    mutating func reserve(_ capacity: Int, count: Int, hashOf: (Int) -> Int) {
        var size = slots.count
        while size < 2 * capacity { size *= 2 }
        if size > slots.count { rebuild(size: size, count: count, hashOf: hashOf) }
    }

    private mutating func rebuild(size: Int, count: Int, hashOf: (Int) -> Int) {
        slots = Array(repeating: 0, count: size)
        let mask = size - 1
        for index in 0..<count {
            let hash = hashOf(index)
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Self.tag(hash) | UInt64(index + 1)
        }
    }

    private static var tagMask: UInt64 { 0xFFFF_FFFF_0000_0000 }

    private static func tag(_ hash: Int) -> UInt64 { UInt64(bitPattern: Int64(hash)) & tagMask }
}
