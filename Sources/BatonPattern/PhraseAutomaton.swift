// Aho–Corasick over phrase symbols (see `PhraseSymbols`). Each state knows the
// lowest phrase index ending there or at any of its suffixes, so a search
// reports the earliest-listed phrase without extra work per match.

struct PhraseAutomaton: Sendable {
    private static let none = Int.max

    /// Outgoing edges of state `s` are `edgeStart[s]..<edgeStart[s + 1]`,
    /// sorted by symbol.
    private let edgeStart: [Int32]
    private let edgeSymbols: [UInt32]
    private let edgeTargets: [Int32]
    private let failure: [Int32]
    /// Lowest phrase index recognised in each state, or `none`.
    private let output: [Int]
    /// Root transitions for ASCII symbols (index 0–127) and `boundary` (128).
    private let rootFast: [Int32]

    init(_ phrases: [[UInt32]]) {
        // Trie as flat arrays: each state's children form a linked list
        // (`firstChild`, `nextSibling`), with `symbolOf` the symbol on the
        // edge into a state. No per-state allocation.
        var firstChild: [Int32] = [-1]
        var nextSibling: [Int32] = [-1]
        var symbolOf: [UInt32] = [0]
        var output = [Self.none]
        var capacity = 1
        for symbols in phrases { capacity += symbols.count }
        firstChild.reserveCapacity(capacity)
        nextSibling.reserveCapacity(capacity)
        symbolOf.reserveCapacity(capacity)
        output.reserveCapacity(capacity)

        func child(_ state: Int, _ symbol: UInt32) -> Int32 {
            var edge = firstChild[state]
            while edge >= 0 {
                if symbolOf[Int(edge)] == symbol { return edge }
                edge = nextSibling[Int(edge)]
            }
            return -1
        }

        for (number, symbols) in phrases.enumerated() where !symbols.isEmpty {
            var state = 0
            for symbol in symbols {
                let next = child(state, symbol)
                if next >= 0 {
                    state = Int(next)
                } else {
                    let created = Int32(firstChild.count)
                    firstChild.append(-1)
                    nextSibling.append(firstChild[state])
                    symbolOf.append(symbol)
                    output.append(Self.none)
                    firstChild[state] = created
                    state = Int(created)
                }
            }
            output[state] = min(output[state], number)
        }
        let stateCount = firstChild.count

        // Flatten edges, sorted by symbol.
        var edgeStart: [Int32] = [], edgeSymbols: [UInt32] = [], edgeTargets: [Int32] = []
        edgeStart.reserveCapacity(stateCount + 1)
        edgeSymbols.reserveCapacity(stateCount)
        edgeTargets.reserveCapacity(stateCount)
        for state in 0..<stateCount {
            let begin = edgeTargets.count
            edgeStart.append(Int32(begin))
            var edge = firstChild[state]
            while edge >= 0 {
                // Insertion sort: states have few children.
                let symbol = symbolOf[Int(edge)]
                edgeSymbols.append(symbol)
                edgeTargets.append(edge)
                var slot = edgeTargets.count - 1
                while slot > begin, edgeSymbols[slot - 1] > symbol {
                    edgeSymbols[slot] = edgeSymbols[slot - 1]
                    edgeTargets[slot] = edgeTargets[slot - 1]
                    slot -= 1
                }
                edgeSymbols[slot] = symbol
                edgeTargets[slot] = edge
                edge = nextSibling[Int(edge)]
            }
        }
        edgeStart.append(Int32(edgeSymbols.count))

        // Failure links, breadth first, so a state's failure is done before it.
        var failure = [Int32](repeating: 0, count: stateCount)
        var queue: [Int32] = []
        queue.reserveCapacity(stateCount)
        for index in Int(edgeStart[0])..<Int(edgeStart[1]) { queue.append(edgeTargets[index]) }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            var edge = firstChild[state]
            while edge >= 0 {
                let target = Int(edge)
                let symbol = symbolOf[target]
                var fallback = Int(failure[state])
                while true {
                    let next = child(fallback, symbol)
                    if next >= 0, Int(next) != target {
                        failure[target] = next
                        break
                    }
                    if fallback == 0 { break }
                    fallback = Int(failure[fallback])
                }
                output[target] = min(output[target], output[Int(failure[target])])
                queue.append(edge)
                edge = nextSibling[target]
            }
        }

        var rootFast = [Int32](repeating: 0, count: 129)
        var edge = firstChild[0]
        while edge >= 0 {
            let symbol = symbolOf[Int(edge)]
            if symbol < 128 { rootFast[Int(symbol)] = edge }
            if symbol == PhraseSymbols.boundary { rootFast[128] = edge }
            edge = nextSibling[Int(edge)]
        }

        self.edgeStart = edgeStart
        self.edgeSymbols = edgeSymbols
        self.edgeTargets = edgeTargets
        self.failure = failure
        self.output = output
        self.rootFast = rootFast
    }

    /// The lowest index of a phrase found in `text`; with `stopAtFirst`, any
    /// found phrase's index.
    func lowestMatchingPhrase(in text: [UInt32], stopAtFirst: Bool) -> Int? {
        guard edgeSymbols.count > 0 else { return nil }
        var best = Self.none
        var state = 0
        text.withUnsafeBufferPointer { text in
            PhraseSymbols.forEach(in: text) { symbol in
                state = step(from: state, on: symbol)
                let found = output[state]
                if found < best {
                    best = found
                    if stopAtFirst || best == 0 { return false }
                }
                return true
            }
        }
        return best == Self.none ? nil : best
    }

    @inline(__always)
    private func step(from state: Int, on symbol: UInt32) -> Int {
        var state = state
        while true {
            if state == 0 {
                if symbol < 128 { return Int(rootFast[Int(symbol)]) }
                if symbol == PhraseSymbols.boundary { return Int(rootFast[128]) }
            }
            if let target = edge(from: state, on: symbol) { return target }
            if state == 0 { return 0 }
            state = Int(failure[state])
        }
    }

    private func edge(from state: Int, on symbol: UInt32) -> Int? {
        var low = Int(edgeStart[state]), high = Int(edgeStart[state + 1])
        while low < high {
            let mid = (low + high) / 2
            let candidate = edgeSymbols[mid]
            if candidate == symbol { return Int(edgeTargets[mid]) }
            if candidate < symbol { low = mid + 1 } else { high = mid }
        }
        return nil
    }
}
