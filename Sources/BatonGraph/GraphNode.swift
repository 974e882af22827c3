public import BatonCore

/// The index of a node in `DecisionGraph.nodes`.
public struct NodeID: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(_ index: Int) { self.rawValue = Int32(index) }

    @inlinable public var index: Int { Int(rawValue) }
    public var description: String { "n\(rawValue)" }
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A value a test reads: a literal, a turn signal, a metadata field, an API
/// value or a window aggregate. Slots index tables of the graph.
public indirect enum Operand: Sendable, Hashable, Codable {
    case constant(Value)
    case signal(TurnSignal)
    /// `metadata.FIELD`, by index into `DecisionGraph.metadataFields`.
    case metadata(slot: Int)
    /// `api.NAME.FIELD`, by index into `DecisionGraph.apis`.
    case api(slot: Int, APIValueField)
    case toolSummary
    case negate(Operand)
    /// A window aggregate, by index into `DecisionGraph.windows`.
    case window(slot: Int)
}

/// What a node tests. Nodes are hash-consed: two equal tests anywhere in the
/// rule set are one node, evaluated at most once per event.
public enum Test: Sendable, Hashable, Codable {
    case constant(Bool)
    /// Every child holds; children are ordered cheapest first.
    case all([NodeID])
    /// Some child holds; children are ordered cheapest first.
    case any([NodeID])
    case not(NodeID)
    /// A `let`: holds when its body holds. Kept so traces can name it.
    case named(String, NodeID)
    /// A comparison; false when either side is missing.
    case compare(Relation, Operand, Operand)
    /// The current turn's top intent is one of these ids (sorted). With
    /// `negated`, it is not; both are false when the turn has no known intent.
    case intentIn([UInt16], negated: Bool)
    /// `x in [...]` (and `list contains [...]`: some element of the list is in the set).
    case member(Operand, [Value], negated: Bool)
    /// `message matches "..."`, by index into `DecisionGraph.patterns`.
    case matches(Operand, pattern: Int)
    /// `message contains [...]`, by index into `DecisionGraph.phraseLists`.
    case contains(Operand, phrases: Int)
    case exists(Operand)
    /// A bool value used as a condition (`metadata.vip`): holds when true.
    case truthy(Operand)
    /// An API call of the current turn failed with this class; `api` nil means any API.
    case failed(api: Int?, FailureClass)
    /// API `api` was called in the current turn (`exists(api.x.error)`).
    case called(api: Int)
    /// The API reported a status outside its declared list (`is unknown`).
    case statusUnknown(api: Int, known: [String])
    /// The assistant called this tool in the current turn, by index into `DecisionGraph.tools`.
    case toolCalled(tool: Int)
    /// A tracked per-turn condition held in one of the turns before the
    /// current one: within the last `within` turns, or ever when nil.
    case intentWas(track: Int, within: Int?)
}

/// Where a node (or a rule) was written, for traces.
public struct SourceRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    /// The condition as written in the rule file.
    public var text: String

    public init(path: String, line: Int, column: Int, text: String) {
        self.path = path
        self.line = line
        self.column = column
        self.text = text
    }

    /// `path:line:col`.
    public var description: String { "\(path):\(line):\(column)" }
}

/// One node of the graph.
public struct GraphNode: Sendable, Hashable, Codable {
    public var test: Test
    /// The most expensive work under this node.
    public var cost: CostClass
    /// Turn features this node (or any node under it) reads.
    public var features: FeatureSet
    /// Where the condition was first written; shared nodes keep the first.
    public var source: SourceRef?

    public init(test: Test, cost: CostClass, features: FeatureSet, source: SourceRef?) {
        self.test = test
        self.cost = cost
        self.features = features
        self.source = source
    }
}
