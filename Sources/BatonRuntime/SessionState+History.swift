import BatonGraph

/// Ring buffers, running sums and bit histories. Every update is O(1) per
/// window; `min`/`max` scan at most 50 ring slots.
extension SessionState {
    // MARK: Rings (Int16 fixed point, four per word)

    /// Where ring slot `slot` is: its word, and the shift of its 16 bits in it.
    @inline(__always)
    static func place(_ ring: StateLayout.Ring, slot: Int) -> (word: Int, shift: UInt64) {
        (ring.offset + slot >> 2, UInt64((slot & 3) << 4))
    }

    @inline(__always)
    func ringValue(_ ring: StateLayout.Ring, slot: Int) -> Int16 {
        let (word, shift) = Self.place(ring, slot: slot)
        return Int16(truncatingIfNeeded: words[word] >> shift)
    }

    /// The value of customer turn `turn` (1-based), or 0 when it is older than the ring or before the first.
    @inline(__always)
    func ringValue(_ ring: StateLayout.Ring, turn: Int) -> Int16 {
        guard turn >= 1, turn > turnCount - ring.length else { return 0 }
        return ringValue(ring, slot: ring.slot(ofTurn: turn))
    }

    /// Pushes the value of the turn just opened (`turnCount`) and updates
    /// the running sums over that signal, all through one pointer to the
    /// words (one uniqueness check, where each write made one).
    mutating func push(_ value: Int16, signal: TurnSignal, layout: StateLayout) {
        let ring = layout.ring(for: signal)
        guard ring.exists else { return }
        let turn = turnCount
        let new = Int64(value)
        // One slot computed a push: a sum's leaving slot is found from this one.
        let slot = ring.slot(ofTurn: turn)
        words.withUnsafeMutableBufferPointer { words in
            for sum in layout.sums where sum.signal == signal {
                let leaving = turn - sum.turns
                // The ring still holds turn `leaving` (≥ turn - H): its slot is overwritten below.
                var leavingSlot = slot - sum.turns
                if leavingSlot < 0 { leavingSlot += ring.length }
                let (oldWord, oldShift) = Self.place(ring, slot: leavingSlot)
                let old = leaving >= 1 ? Int64(Int16(truncatingIfNeeded: words[oldWord] >> oldShift)) : 0
                words[sum.word] = UInt64(bitPattern: Int64(bitPattern: words[sum.word]) + new - old)
                if let weighted = sum.weightedWord {
                    let delta = Int64(turn) * new - Int64(max(leaving, 0)) * old
                    words[weighted] = UInt64(bitPattern: Int64(bitPattern: words[weighted]) + delta)
                }
            }
            let (index, shift) = Self.place(ring, slot: slot)
            words[index] = (words[index] & ~(0xFFFF << shift)) | (UInt64(UInt16(bitPattern: value)) << shift)
        }
    }

    // MARK: Window values

    /// The value of window `slot`, or nil when it is missing (an average,
    /// minimum or maximum before the first customer turn). Mutating only in
    /// form: the run's state is then passed in place, where a read-only call
    /// retained its words for the call's length. The plan holds the ring or
    /// word to read, so the layout, a class, is not passed (and retained).
    mutating func windowValue(_ spec: WindowSpec, plan: StateLayout.WindowPlan) -> Double? {
        let available = min(spec.turns, turnCount)
        switch plan {
        case .sum(let word, _):
            let sum = Double(Int64(bitPattern: words[word])) / StateLayout.scale
            if spec.aggregate == .sum { return sum }
            return available == 0 ? nil : sum / Double(available)
        case .trend(let sumWord, let weightedWord, _):
            guard available >= 2 else { return 0 }
            let n = Int64(available)
            let sumY = Int64(bitPattern: words[sumWord])
            let sumTY = Int64(bitPattern: words[weightedWord])
            // Shift x so the window starts at 0: exact integers, then one division.
            let first = Int64(turnCount) - n + 1
            let sumXY = sumTY - first * sumY
            let sumX = n * (n - 1) / 2
            let numerator = Double(n * sumXY - sumX * sumY)
            let denominator = Double(n * n * (n * n - 1) / 12)
            return numerator / denominator / StateLayout.scale
        case .scan(let ring):
            guard available > 0 else { return nil }
            // The window's turns are the ring's slots back from the current
            // turn's; the ring holds at least `available` turns.
            var slot = ring.slot(ofTurn: turnCount)
            var best = ringValue(ring, slot: slot)
            let isMax = spec.aggregate == .max
            for _ in 1..<available {
                slot = slot == 0 ? ring.length - 1 : slot - 1
                let value = ringValue(ring, slot: slot)
                best = isMax ? max(best, value) : min(best, value)
            }
            return Double(best) / StateLayout.scale
        case .bits(let word):
            let window = words[word] & Self.mask(available)
            if spec.aggregate == .count { return Double(window.nonzeroBitCount) }
            // consecutive: the run of set bits from the current turn backwards.
            return Double(min((~window).trailingZeroBitCount, available))
        }
    }

    @inline(__always)
    static func mask(_ bits: Int) -> UInt64 {
        bits >= 64 ? .max : (1 << UInt64(bits)) &- 1
    }

    // MARK: Track bits

    @inline(__always)
    func trackBits(_ track: Int, layout: StateLayout) -> UInt64 {
        words[layout.trackOffset + track]
    }

    func sticky(_ track: Int, layout: StateLayout) -> Bool {
        guard let bit = layout.stickyIndex[track] else { return false }
        return words[layout.stickyOffset + bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// A customer message opens a new turn: yesterday's bit 0 becomes bit 1,
    /// and the sticky "ever" bits absorb the turn that just ended.
    mutating func shiftTracks(layout: StateLayout) {
        for track in 0..<layout.trackCount {
            let index = layout.trackOffset + track
            if words[index] & 1 != 0, let bit = layout.stickyIndex[track] {
                words[layout.stickyOffset + bit >> 6] |= 1 << UInt64(bit & 63)
            }
            words[index] <<= 1
        }
    }

    /// Whether the tracked condition held in one of the `within` turns
    /// before the current one (any earlier turn when nil).
    func heldBefore(_ track: Int, within: Int?, layout: StateLayout) -> Bool {
        guard let within else { return sticky(track, layout: layout) }
        let earlier = min(within, max(turnCount - 1, 0))
        return (trackBits(track, layout: layout) >> 1) & Self.mask(earlier) != 0
    }
}
