/// Finds the first earlier occurrence of equal elements given each one's
/// hash, keeping only positions: probes compare integers in a compact
/// table, and elements themselves (whole condition trees spread over the
/// heap, for duplicate rules) are compared only when hashes agree.
struct FirstOccurrences<Element: Hashable> {
    /// Probed by the given hash, remixed so any hash will do.
    private var slots: TaggedSlots
    /// Each distinct hash seen and the first position that had it.
    private var firsts: [(hash: Int, position: Int)] = []
    /// Distinct elements whose hash an earlier, different element holds.
    private var collided: [Element: Int] = [:]

    init(capacity: Int = 0) {
        slots = TaggedSlots(capacity: capacity)
        firsts.reserveCapacity(capacity)
    }

    /// The position of the first element seen that equals the one at
    /// `position`, or nil after recording `position` as the first of its
    /// kind. `hash` must be equal for equal elements; `elementAt` gives the
    /// element at a position, asked for only when an earlier hash agrees.
    mutating func first(at position: Int, hash: Int, elementAt: (Int) -> Element) -> Int? {
        let mixed = Self.mix(hash)
        let probe = slots.find(mixed) { firsts[$0].hash == hash }
        guard let found = probe.entry else {
            firsts.append((hash, position))
            slots.insert(firsts.count - 1, hash: mixed, at: probe) { Self.mix(firsts[$0].hash) }
            return nil
        }
        let earlier = firsts[found].position
        let element = elementAt(position)
        if elementAt(earlier) == element { return earlier }
        if let other = collided[element] { return other }
        collided[element] = position
        return nil
    }

    private static func mix(_ hash: Int) -> Int {
        let mixed = UInt64(bitPattern: Int64(hash)) &* 0x9E37_79B9_7F4A_7C15
        return Int(bitPattern: UInt(mixed ^ (mixed >> 32)))
    }
}
