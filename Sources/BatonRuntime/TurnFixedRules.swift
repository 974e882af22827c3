import BatonGraph

/// The rules whose conditions read only what a turn's customer message
/// fixes for the whole turn: its intent and confidence, sentiment, the
/// message, windows over those, earlier turns. Bot and operator events of
/// the turn add API results, tool calls and metadata, and cannot change
/// whether such a rule fires; so the turn's first evaluation notes which of
/// them fired (`SessionState.Flags.fixedNoted`, one bit each in the state's
/// words), and its later events take those bits instead of testing the
/// rules again. Rules that read metadata, API results or tool calls, or a
/// window over a tracked condition that does, are tested on every event.
struct TurnFixedRules: Sendable {
    /// Per rule: whether its condition is fixed for a turn.
    let isFixed: [Bool]
    /// Bits a session needs: the intent-free fixed rules, then the most
    /// fixed rules of any one intent's own list (`DispatchTables` numbers them so).
    let bitCount: Int

    /// Past this many bits (8 words a session) every rule is tested on
    /// every event instead: a session's state stays small.
    static let maxBits = 512

    init(_ graph: DecisionGraph) {
        var varies = [Bool?](repeating: nil, count: graph.nodes.count)
        // Iterative and memoised: children before parents, each node once.
        func nodeVaries(_ root: NodeID) -> Bool {
            if let known = varies[root.index] { return known }
            var stack = [root]
            while let id = stack.last {
                if varies[id.index] != nil {
                    stack.removeLast()
                    continue
                }
                let pending = Self.children(of: graph[id].test, in: graph).filter { varies[$0.index] == nil }
                if !pending.isEmpty {
                    stack.append(contentsOf: pending)
                    continue
                }
                stack.removeLast()
                varies[id.index] = Self.varies(graph[id].test, in: graph) { varies[$0.index]! }
            }
            return varies[root.index]!
        }
        var isFixed = graph.rules.map { !nodeVaries($0.root) }
        let shared = graph.dispatch.intentFree.count { isFixed[Int($0)] }
        let intentFree = Set(graph.dispatch.intentFree)
        let own = graph.dispatch.byIntent.map { list in list.count { !intentFree.contains($0) && isFixed[Int($0)] } }
        var bitCount = shared + (own.max() ?? 0)
        if bitCount > Self.maxBits {
            isFixed = isFixed.map { _ in false }
            bitCount = 0
        }
        self.isFixed = isFixed
        self.bitCount = bitCount
    }

    var words: Int { (bitCount + 63) / 64 }

    /// The nodes a test reads, tracks' conditions included (a window over
    /// a tracked condition varies as the condition does).
    private static func children(of test: Test, in graph: DecisionGraph) -> [NodeID] {
        switch test {
        case .all(let list), .any(let list): list
        case .not(let child), .named(_, let child): [child]
        default: operands(of: test).flatMap { trackNodes(of: $0, in: graph) }
        }
    }

    private static func operands(of test: Test) -> [Operand] {
        switch test {
        case .compare(_, let lhs, let rhs): [lhs, rhs]
        case .member(let operand, _, _), .matches(let operand, _), .contains(let operand, _),
            .exists(let operand), .truthy(let operand):
            [operand]
        default: []
        }
    }

    private static func trackNodes(of operand: Operand, in graph: DecisionGraph) -> [NodeID] {
        switch operand {
        case .negate(let inner): trackNodes(of: inner, in: graph)
        case .window(let slot):
            if case .track(let track) = graph.windows[slot].source { [graph.tracks[track].node] } else { [] }
        default: []
        }
    }

    /// Whether `test` can read differently on two events of one turn, its
    /// children's answers given by `child`.
    private static func varies(_ test: Test, in graph: DecisionGraph, child: (NodeID) -> Bool) -> Bool {
        switch test {
        case .constant, .intentIn: false
        // Earlier turns' bits (and the sticky "ever" bit) change only when a turn opens.
        case .intentWas: false
        case .failed, .called, .statusUnknown, .toolCalled: true
        case .all(let list), .any(let list): list.contains(where: child)
        case .not(let id), .named(_, let id): child(id)
        default: operands(of: test).contains { operandVaries($0, in: graph, child: child) }
        }
    }

    private static func operandVaries(_ operand: Operand, in graph: DecisionGraph, child: (NodeID) -> Bool) -> Bool {
        switch operand {
        case .constant, .signal: false
        case .metadata, .api, .toolSummary: true
        case .negate(let inner): operandVaries(inner, in: graph, child: child)
        case .window(let slot):
            switch graph.windows[slot].source {
            case .signal: false
            // The current turn's bit of a tracked condition is set again by later events when it reads results.
            case .track(let track): child(graph.tracks[track].node)
            }
        }
    }
}
