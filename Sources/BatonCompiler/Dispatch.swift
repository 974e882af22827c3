import BatonGraph

/// Builds the intent dispatch index. A rule needs a top intent in set S when
/// its condition can only hold with one: `intent in S` (or `==`) at the top,
/// in any conjunct of an `and`, or in every branch of an `or`. Rules whose
/// condition folded to `false` are never visited.
struct DispatchBuilder {
    let nodes: [GraphNode]
    let intentCount: Int

    func build(_ rules: [GraphRule]) -> IntentDispatch {
        let ordered = rules.sorted { $0.beats($1) }
        var byIntent = [[Int32]](repeating: [], count: intentCount)
        var intentFree: [Int32] = []
        for rule in ordered {
            if case .constant(false) = nodes[rule.root.index].test { continue }
            let index = Int32(rule.index)
            guard let required = requiredIntents(rule.root) else {
                intentFree.append(index)
                for intent in 0..<intentCount { byIntent[intent].append(index) }
                continue
            }
            for intent in required.sorted() where Int(intent) < intentCount { byIntent[Int(intent)].append(index) }
        }
        return IntentDispatch(byIntent: byIntent, intentFree: intentFree)
    }

    /// The top intents a node can hold with; nil when it does not depend on one.
    func requiredIntents(_ id: NodeID) -> Set<UInt16>? {
        switch nodes[id.index].test {
        case .intentIn(let ids, negated: false):
            return Set(ids)
        case .named(_, let child):
            return requiredIntents(child)
        case .all(let children):
            var result: Set<UInt16>?
            for child in children {
                guard let required = requiredIntents(child) else { continue }
                result = result.map { $0.intersection(required) } ?? required
            }
            return result
        case .any(let children):
            var result = Set<UInt16>()
            for child in children {
                guard let required = requiredIntents(child) else { return nil }
                result.formUnion(required)
            }
            return result
        default:
            return nil
        }
    }
}
