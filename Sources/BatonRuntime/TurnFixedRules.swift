import BatonGraph

/// The rules whose conditions read only what a turn's customer message
/// fixes for the whole turn: its intent and confidence, sentiment, the
/// message, windows over those, earlier turns. Bot and operator events of
/// the turn add API results, tool calls and metadata, and cannot change
/// whether such a rule fires; so the turn's first evaluation notes which of
/// them fired (`SessionState.Flags.fixedNoted`, one bit each in the state's
/// words), and its later events take those bits instead of testing the
/// rules again. Rules that read metadata, API results or tool calls, or a
/// window over a tracked condition that reads API results or tool calls
/// (the tracks later events set again), are tested on every event.
struct TurnFixedRules: Sendable {
    /// Per rule: whether its condition is fixed for a turn.
    let isFixed: [Bool]
    /// Fixed rules a list can hold: the intent-free ones, and the most of
    /// any one intent's own list.
    let bitCount: Int
    /// Words a session needs for their bits: the intent-free rules' words,
    /// then the longest own list's (`DispatchTables` keeps them so).
    let words: Int

    /// Past this many bits (8 words a session) every rule is tested on
    /// every event instead: a session's state stays small.
    static let maxBits = 512

    init(_ graph: DecisionGraph) {
        // API results and tool calls the compiler marks on every node that
        // reads them, windows over tracks that do included (`FeatureSet.turnResults`);
        // metadata is found here. Nodes list children before parents.
        var varies = [Bool](repeating: false, count: graph.nodes.count)
        for (index, node) in graph.nodes.enumerated() {
            varies[index] = node.features.contains(.turnResults) || Self.readsMetadata(node.test) { varies[$0.index] }
        }
        var isFixed = graph.rules.map { !varies[$0.root.index] }
        let shared = graph.dispatch.intentFree.count { isFixed[Int($0)] }
        let intentFree = Set(graph.dispatch.intentFree)
        let own = graph.dispatch.byIntent.map { list in list.count { !intentFree.contains($0) && isFixed[Int($0)] } }
        var bitCount = shared + (own.max() ?? 0)
        var words = (shared + 63) / 64 + ((own.max() ?? 0) + 63) / 64
        if 64 * words > Self.maxBits {
            isFixed = isFixed.map { _ in false }
            bitCount = 0
            words = 0
        }
        self.isFixed = isFixed
        self.bitCount = bitCount
        self.words = words
    }

    /// Whether `test` reads a metadata field, its children's answers given by `child`.
    private static func readsMetadata(_ test: Test, child: (NodeID) -> Bool) -> Bool {
        switch test {
        case .all(let list), .any(let list): list.contains(where: child)
        case .not(let id), .named(_, let id): child(id)
        case .compare(_, let lhs, let rhs): isMetadata(lhs) || isMetadata(rhs)
        case .member(let operand, _, _), .matches(let operand, _), .contains(let operand, _),
            .exists(let operand), .truthy(let operand):
            isMetadata(operand)
        default: false
        }
    }

    private static func isMetadata(_ operand: Operand) -> Bool {
        switch operand {
        case .metadata: true
        case .negate(let inner): isMetadata(inner)
        default: false
        }
    }
}
