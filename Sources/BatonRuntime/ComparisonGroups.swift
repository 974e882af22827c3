import BatonGraph

/// `number op constant` tests grouped by what they read (one window, one
/// metadata field, confidence, ...). The first test of a group that an
/// event needs reads the number once and settles every test of the group
/// in the memo: ten thresholds on `cart_value` or on one window cost one
/// read and ten comparisons, not ten node evaluations. That pays only where
/// an event needs two or more tests of a group, so tests are grouped only
/// when the rules a turn visits (averaged over the dispatch lists) reach two
/// or more of them; the others are groups of one.
struct ComparisonGroups {
    /// One test of a group.
    struct Comparison {
        var node: Int32
        var relation: UInt8
        var constant: Double
    }

    /// The largest group: beyond it a group is split, so a test never
    /// settles more than this many others it may not need.
    static let maxSize = 32

    /// Group `g` is `entries[starts[g]..<starts[g + 1]]`.
    let entries: UnsafeMutableBufferPointer<Comparison>
    let starts: UnsafeMutableBufferPointer<Int32>
    /// Set in a `numCompare` node's `flag` (above its relation code) when
    /// its `count` is a group of two or more; otherwise `count` is its own
    /// entry, which holds its constant.
    static let grouped: UInt8 = 0x80

    /// Groups the `numCompare` nodes of `hotNodes`, whose constants are
    /// `constants[node]`, and points each node's `count` at its group or
    /// entry. `lists` are the dispatch lists' rules; `roots(rule)` the nodes
    /// a rule's condition starts from.
    init(
        hotNodes: UnsafeMutableBufferPointer<HotNode>, constants: [Int: Double], children: UnsafeMutableBufferPointer<NodeID>,
        lists: [[Int32]], roots: (Int) -> [NodeID]
    ) {
        var byOperand: [Int64: [Int]] = [:]
        var order: [Int64] = []
        for index in hotNodes.indices where hotNodes[index].kind == .numCompare {
            let key = hotNodes[index].numberKey
            if byOperand[key] == nil { order.append(key) }
            byOperand[key, default: []].append(index)
        }
        let reached = Self.averageReached(hotNodes: hotNodes, children: children, lists: lists, roots: roots)
        var entries: [Comparison] = []
        var starts: [Int32] = [0]
        for key in order {
            let nodes = byOperand[key]!
            let size = reached[key, default: 0] >= 2 ? Self.maxSize : 1
            for chunk in stride(from: 0, to: nodes.count, by: size) {
                let group = Int32(starts.count - 1)
                let members = nodes[chunk..<min(chunk + size, nodes.count)]
                for index in members {
                    if members.count > 1 {
                        hotNodes[index].count = group
                        hotNodes[index].flag |= Self.grouped
                    } else {
                        hotNodes[index].count = Int32(entries.count)
                    }
                    entries.append(Comparison(node: Int32(index), relation: hotNodes[index].flag & ~Self.grouped, constant: constants[index]!))
                }
                starts.append(Int32(entries.count))
            }
        }
        self.entries = .copying(entries)
        self.starts = .copying(starts)
    }

    /// Per operand key: how many of its tests the rules of a dispatch list
    /// reach, averaged over the lists.
    private static func averageReached(
        hotNodes: UnsafeMutableBufferPointer<HotNode>, children: UnsafeMutableBufferPointer<NodeID>,
        lists: [[Int32]], roots: (Int) -> [NodeID]
    ) -> [Int64: Double] {
        var totals: [Int64: Int] = [:]
        var seen = [Bool](repeating: false, count: hotNodes.count)
        for list in lists {
            var visited: [Int] = []
            var stack = list.flatMap { roots(Int($0)) }.map(\.index)
            while let index = stack.popLast() {
                guard !seen[index] else { continue }
                seen[index] = true
                visited.append(index)
                let hot = hotNodes[index]
                switch hot.kind {
                case .all, .any:
                    for offset in 0..<Int(hot.count) { stack.append(children[Int(hot.start) + offset].index) }
                case .not, .same:
                    stack.append(Int(hot.start))
                case .numCompare:
                    totals[hot.numberKey, default: 0] += 1
                default:
                    break
                }
            }
            for index in visited { seen[index] = false }
        }
        let listCount = Double(max(lists.count, 1))
        return totals.mapValues { Double($0) / listCount }
    }

    func deallocate() {
        entries.deallocate()
        starts.deallocate()
    }
}
