/// Puts a turn's firing-rule notes (`rank << 2 | firing code`, see
/// `Candidate.note`) back in rank order. A few notes are insertion-sorted;
/// more are set as bits of a rank bitset and read back in order, so a turn
/// where dozens of rules fire (a large rule set) sorts without comparing
/// notes, where insertion sort's inner loop exits at a different place for
/// every note. Ranks are distinct: a rule is noted at most once per event.
enum RankSort {
    /// Up to this many notes, insertion sort costs less than the bitset.
    static let insertionLimit = 8
    /// The bitset's words; rule sets with more ranks sort by comparison.
    static let maxWords = 64

    /// `Int32` slots the bitset (8-aligned) and a code byte per rank need.
    static func slots(ranks: Int) -> Int {
        let words = (ranks + 63) >> 6
        guard words <= maxWords else { return 0 }
        return 2 * words + (ranks + 3) / 4
    }

    /// Sorts `notes` by rank; `area` is `slots(ranks:)` slots, 8-aligned.
    static func sort(_ notes: UnsafeMutableBufferPointer<Int32>, ranks: Int, area: UnsafeMutablePointer<Int32>) {
        let words = (ranks + 63) >> 6
        guard notes.count > insertionLimit, words <= maxWords else { return comparing(notes) }
        let bits = UnsafeMutableRawPointer(area).assumingMemoryBound(to: UInt64.self)
        let codes = UnsafeMutableRawPointer(area + 2 * words).assumingMemoryBound(to: UInt8.self)
        bits.initialize(repeating: 0, count: words)
        var used: UInt64 = 0
        for note in notes {
            let rank = Int(note >> 2)
            bits[rank >> 6] |= 1 &<< UInt64(rank & 63)
            used |= 1 &<< UInt64(rank >> 6)
            codes[rank] = UInt8(truncatingIfNeeded: note & 3)
        }
        var slot = 0
        while used != 0 {
            let word = used.trailingZeroBitCount
            used &= used &- 1
            var set = bits[word]
            while set != 0 {
                let rank = word << 6 | set.trailingZeroBitCount
                set &= set &- 1
                notes[slot] = Int32(truncatingIfNeeded: rank << 2) | Int32(codes[rank])
                slot += 1
            }
        }
    }

    /// Insertion sort up to 16 values, the library's sort beyond: for a
    /// few notes, notes of rule sets too large for the bitset, and tag ids.
    static func comparing(_ values: UnsafeMutableBufferPointer<Int32>) {
        var values = values
        guard values.count <= 16 else { return values.sort() }
        for index in 1..<max(values.count, 1) {
            let value = values[index]
            var slot = index
            while slot > 0, values[slot - 1] > value {
                values[slot] = values[slot - 1]
                slot -= 1
            }
            values[slot] = value
        }
    }
}
