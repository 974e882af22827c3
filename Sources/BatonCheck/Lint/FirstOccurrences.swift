/// Finds the first earlier occurrence of equal elements given each one's
/// hash, keeping only positions: probes compare integers in a compact
/// table, and elements themselves (whole condition trees spread over the
/// heap, for duplicate rules) are compared only when hashes agree.
struct FirstOccurrences<Element: Hashable> {
    /// Open addressing on the given hash (remixed, so any hash will do):
    /// each slot holds a hash and the first position that had it, +1 (0
    /// when empty). `Dictionary` would hash the hash again with SipHash.
    private var slots: [(hash: Int, position: Int)]
    private var used = 0
    /// Distinct elements whose hash an earlier, different element holds.
    private var collided: [Element: Int] = [:]

    init(capacity: Int = 0) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = Array(repeating: (0, 0), count: size)
    }

    /// The position of the first element seen that equals the one at
    /// `position`, or nil after recording `position` as the first of its
    /// kind. `hash` must be equal for equal elements; `elementAt` gives the
    /// element at a position, asked for only when an earlier hash agrees.
    mutating func first(at position: Int, hash: Int, elementAt: (Int) -> Element) -> Int? {
        let slot = find(hash)
        guard slots[slot].position != 0 else {
            slots[slot] = (hash, position + 1)
            used += 1
            // At most half full keeps probe runs short.
            if used * 2 > slots.count { grow() }
            return nil
        }
        let earlier = slots[slot].position - 1
        let element = elementAt(position)
        if elementAt(earlier) == element { return earlier }
        if let other = collided[element] { return other }
        collided[element] = position
        return nil
    }

    /// The slot holding `hash`, or the empty slot where it goes.
    private func find(_ hash: Int) -> Int {
        let mask = slots.count - 1
        var slot = Self.start(hash, mask: mask)
        while slots[slot].position != 0, slots[slot].hash != hash { slot = (slot + 1) & mask }
        return slot
    }

    private static func start(_ hash: Int, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(hash)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, 0), count: old.count * 2)
        for entry in old where entry.position != 0 { slots[find(entry.hash)] = entry }
    }
}
