/// The contrastive "but": sentiment before the first "but" counts half, after
/// it one and a half.
///
/// vaderSentiment 3.3.2 implements this by walking the list and, for each
/// value, rescaling the *first* element equal to it (`list.index(value)`),
/// in a list it is rewriting as it goes. When two words carry the same valence
/// the first occurrence can be rescaled twice and the later one not at all.
/// Exact mode reproduces that: for each position in order, find the first
/// position holding an equal value and rescale that one.
///
/// Zeros never change (0 × k = 0, and the sign of a zero cannot reach the
/// result because the sum starts from +0), so only non-zero values are
/// visited. A value is only ever found at or before its own position, and
/// positions ahead are untouched when the walk reaches them.
enum ButRule {
    /// Messages with more non-zero valences than this use the indexed walk.
    static let linearLimit = 48

    static func apply(_ values: UnsafeMutableBufferPointer<Double>, butIndex: Int) {
        var nonZero = 0
        for value in values where value != 0 { nonZero += 1 }
        if nonZero <= linearLimit {
            applyLinear(values, butIndex: butIndex)
        } else {
            applyIndexed(values, butIndex: butIndex)
        }
    }

    @inline(__always)
    private static func rescaled(_ value: Double, at position: Int, butIndex: Int) -> Double {
        if position < butIndex { return value * Vader.beforeButFactor }
        if position > butIndex { return value * Vader.afterButFactor }
        return value
    }

    /// Quadratic in the number of sentiment words, which is small in a chat message.
    static func applyLinear(_ values: UnsafeMutableBufferPointer<Double>, butIndex: Int) {
        for position in values.indices {
            let value = values[position]
            if value == 0 { continue }
            var first = 0
            while values[first] != value { first += 1 }
            values[first] = rescaled(value, at: first, butIndex: butIndex)
        }
    }

    /// The same walk in O(n log n) for very long messages: a min-heap of
    /// positions per value (keyed by bit pattern; non-zero doubles are equal
    /// exactly when their bits are).
    static func applyIndexed(_ values: UnsafeMutableBufferPointer<Double>, butIndex: Int) {
        var positions: [UInt64: PositionHeap] = [:]
        for position in values.indices {
            let value = values[position]
            if value == 0 { continue }
            positions[value.bitPattern, default: PositionHeap()].push(position)
            let first = positions[value.bitPattern]!.popMin()
            let updated = rescaled(value, at: first, butIndex: butIndex)
            values[first] = updated
            positions[updated.bitPattern, default: PositionHeap()].push(first)
        }
    }

    /// A binary min-heap of positions.
    struct PositionHeap {
        private var items: [Int] = []

        mutating func push(_ item: Int) {
            items.append(item)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if items[parent] <= items[child] { break }
                items.swapAt(parent, child)
                child = parent
            }
        }

        mutating func popMin() -> Int {
            let minimum = items[0]
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    let right = left + 1
                    var smallest = parent
                    if left < items.count && items[left] < items[smallest] { smallest = left }
                    if right < items.count && items[right] < items[smallest] { smallest = right }
                    if smallest == parent { break }
                    items.swapAt(parent, smallest)
                    parent = smallest
                }
            }
            return minimum
        }
    }
}
