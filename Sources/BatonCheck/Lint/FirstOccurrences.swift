/// Finds the first earlier occurrence of equal elements given each one's
/// hash, keeping only positions: probes compare integers in a compact
/// table, and elements themselves (whole condition trees spread over the
/// heap, for duplicate rules) are compared only when hashes agree.
struct FirstOccurrences<Element: Hashable> {
    private var byHash: [Int: Int] = [:]
    /// Distinct elements whose hash an earlier, different element holds.
    private var collided: [Element: Int] = [:]

    init(capacity: Int = 0) {
        byHash.reserveCapacity(capacity)
    }

    /// The position of the first element seen that equals the one at
    /// `position`, or nil after recording `position` as the first of its
    /// kind. `hash` must be equal for equal elements; `elementAt` gives the
    /// element at a position, asked for only when an earlier hash agrees.
    mutating func first(at position: Int, hash: Int, elementAt: (Int) -> Element) -> Int? {
        guard let earlier = byHash[hash] else {
            byHash[hash] = position
            return nil
        }
        let element = elementAt(position)
        if elementAt(earlier) == element { return earlier }
        if let other = collided[element] { return other }
        collided[element] = position
        return nil
    }
}
