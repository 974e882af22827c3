/// A memo of yes/no answers keyed by a pair of dense ids (both below 2³¹),
/// for the implication table's constraint comparisons: open addressing
/// with a multiplicative hash over one flat array, so a look-up is a
/// multiply and a probe or two instead of `Dictionary`'s seeded SipHash.
struct PairCache {
    /// Empty slots hold this; a stored key never has bit 31 set, so it
    /// cannot be mistaken for one.
    private static let empty = UInt64.max
    /// The answer sits in bit 63 of its key's slot: the key and its answer
    /// are one load, which at 100,000 rules is one cache miss, not two.
    private static let answerBit: UInt64 = 1 << 63
    private var slots: [UInt64]
    private var shift: UInt64
    private var count = 0

    init() {
        let capacity = 1 << 10
        slots = Array(repeating: Self.empty, count: capacity)
        shift = 64 - 10
    }

    /// The stored answer for `(a, b)`, or `compute()`'s, stored first.
    mutating func answer(_ a: Int32, _ b: Int32, compute: () -> Bool) -> Bool {
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        let mask = slots.count - 1
        var slot = slot(for: key)
        while slots[slot] != Self.empty {
            if slots[slot] & ~Self.answerBit == key { return slots[slot] & Self.answerBit != 0 }
            slot = (slot + 1) & mask
        }
        let result = compute()
        slots[slot] = result ? key | Self.answerBit : key
        count += 1
        // At most half full keeps probe runs short.
        if count * 2 > slots.count { grow() }
        return result
    }

    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.empty, count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for stored in old where stored != Self.empty {
            var slot = slot(for: stored & ~Self.answerBit)
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = stored
        }
    }
}
