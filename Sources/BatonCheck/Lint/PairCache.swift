/// A memo of yes/no answers keyed by a pair of dense ids (both below 2³¹),
/// for the implication table's constraint comparisons: open addressing
/// with a multiplicative hash over two flat arrays, so a look-up is a
/// multiply and a probe or two instead of `Dictionary`'s seeded SipHash.
struct PairCache {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var answers: [Bool]
    private var shift: UInt64
    private var count = 0

    init() {
        let capacity = 1 << 10
        keys = Array(repeating: Self.empty, count: capacity)
        answers = Array(repeating: false, count: capacity)
        shift = 64 - 10
    }

    /// The stored answer for `(a, b)`, or `compute()`'s, stored first.
    mutating func answer(_ a: Int32, _ b: Int32, compute: () -> Bool) -> Bool {
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        let mask = keys.count - 1
        var slot = slot(for: key)
        while keys[slot] != Self.empty {
            if keys[slot] == key { return answers[slot] }
            slot = (slot + 1) & mask
        }
        let result = compute()
        keys[slot] = key
        answers[slot] = result
        count += 1
        // At most half full keeps probe runs short.
        if count * 2 > keys.count { grow() }
        return result
    }

    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldAnswers = answers
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        answers = Array(repeating: false, count: oldKeys.count * 2)
        shift -= 1
        let mask = keys.count - 1
        for (index, key) in oldKeys.enumerated() where key != Self.empty {
            var slot = slot(for: key)
            while keys[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = key
            answers[slot] = oldAnswers[index]
        }
    }
}
