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
        // Trie.
        var children: [[UInt32: Int32]] = [[:]]
        var output = [Self.none]
        for (number, symbols) in phrases.enumerated() where !symbols.isEmpty {
            var state = 0
            for symbol in symbols {
                if let next = children[state][symbol] {
                    state = Int(next)
                } else {
                    children.append([:])
                    output.append(Self.none)
                    children[state][symbol] = Int32(children.count - 1)
                    state = children.count - 1
                }
            }
            output[state] = min(output[state], number)
        }

        // Flatten edges.
        var edgeStart: [Int32] = [], edgeSymbols: [UInt32] = [], edgeTargets: [Int32] = []
        for edges in children {
            edgeStart.append(Int32(edgeSymbols.count))
            for (symbol, target) in edges.sorted(by: { $0.key < $1.key }) {
                edgeSymbols.append(symbol)
                edgeTargets.append(target)
            }
        }
        edgeStart.append(Int32(edgeSymbols.count))

        // Failure links, breadth first, so a state's failure is done before it.
        var failure = [Int32](repeating: 0, count: children.count)
        var queue = children[0].values.sorted()
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            for (symbol, target) in children[state] {
                var fallback = Int(failure[state])
                while true {
                    if let next = children[fallback][symbol], Int(next) != Int(target) {
                        failure[Int(target)] = next
                        break
                    }
                    if fallback == 0 { break }
                    fallback = Int(failure[fallback])
                }
                output[Int(target)] = min(output[Int(target)], output[Int(failure[Int(target)])])
                queue.append(target)
            }
        }

        var rootFast = [Int32](repeating: 0, count: 129)
        for (symbol, target) in children[0] {
            if symbol < 128 { rootFast[Int(symbol)] = target }
            if symbol == PhraseSymbols.boundary { rootFast[128] = target }
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
