import BatonCore
public import BatonPattern

/// A compiled rule set: immutable, `Sendable`, shareable across threads and
/// sessions, and `Codable` with a `formatVersion` so a compiled graph can be
/// cached or shipped. Patterns and phrase lists are stored as source text and
/// compiled when the graph is built or decoded.
///
/// Nodes are hash-consed (one node per distinct condition in the whole set),
/// listed children before parents. Rules point at their root node. The
/// dispatch index lists, for each intent, the rules a turn with that top
/// intent can fire, plus the rules that do not depend on the intent.
public final class DecisionGraph: Sendable, Codable {
    /// The format this build writes and reads.
    public static let currentFormatVersion = 1

    public let formatVersion: Int
    /// Intent names; an intent's id is its index.
    public let intents: [String]
    public let apis: [APISpec]
    public let tools: [String]
    /// Metadata fields the rules or templates read; the rest are not kept.
    public let metadataFields: [MetadataField]
    public let nodes: [GraphNode]
    /// Rules in set order (`rules[i].index == i`).
    public let rules: [GraphRule]
    public let windows: [WindowSpec]
    public let tracks: [TurnTrack]
    /// Pattern sources, compiled into `compiledPatterns`.
    public let patterns: [String]
    /// Phrase lists, compiled into `phraseMatchers`.
    public let phraseLists: [[String]]
    public let dispatch: IntentDispatch
    public let guards: GuardSpec
    public let lexicon: [LexiconEntry]
    /// Features any rule, track or template can need.
    public let features: FeatureSet
    /// The largest window in customer turns (the length of the session's histories).
    public let largestWindow: Int

    public let compiledPatterns: [Pattern]
    public let phraseMatchers: [PhraseMatcher]
    /// Intent name → id.
    public let intentIDs: [String: UInt16]
    /// API name → slot.
    public let apiSlots: [String: Int]
    /// Tool name → slot.
    public let toolSlots: [String: Int]
    /// Metadata field name → slot.
    public let metadataSlots: [String: Int]

    /// Builds a graph; fails when a pattern does not compile.
    public convenience init(
        intents: [String], apis: [APISpec], tools: [String], metadataFields: [MetadataField],
        nodes: [GraphNode], rules: [GraphRule], windows: [WindowSpec], tracks: [TurnTrack],
        patterns: [String], phraseLists: [[String]], dispatch: IntentDispatch, guards: GuardSpec,
        lexicon: [LexiconEntry], features: FeatureSet, largestWindow: Int
    ) throws(PatternError) {
        var compiled: [Pattern] = []
        for source in patterns { compiled.append(try Pattern(source)) }
        self.init(
            intents: intents, apis: apis, tools: tools, metadataFields: metadataFields, nodes: nodes,
            rules: rules, windows: windows, tracks: tracks, compiledPatterns: compiled,
            phraseLists: phraseLists, dispatch: dispatch, guards: guards, lexicon: lexicon,
            features: features, largestWindow: largestWindow)
    }

    /// Builds a graph from patterns compiled already (by the checker).
    public init(
        intents: [String], apis: [APISpec], tools: [String], metadataFields: [MetadataField],
        nodes: [GraphNode], rules: [GraphRule], windows: [WindowSpec], tracks: [TurnTrack],
        compiledPatterns: [Pattern], phraseLists: [[String]], dispatch: IntentDispatch, guards: GuardSpec,
        lexicon: [LexiconEntry], features: FeatureSet, largestWindow: Int
    ) {
        self.formatVersion = Self.currentFormatVersion
        self.intents = intents
        self.apis = apis
        self.tools = tools
        self.metadataFields = metadataFields
        self.nodes = nodes
        self.rules = rules
        self.windows = windows
        self.tracks = tracks
        self.patterns = compiledPatterns.map(\.source)
        self.phraseLists = phraseLists
        self.dispatch = dispatch
        self.guards = guards
        self.lexicon = lexicon
        self.features = features
        self.largestWindow = largestWindow
        self.compiledPatterns = compiledPatterns
        self.phraseMatchers = phraseLists.map { PhraseMatcher(phrases: $0) }
        self.intentIDs = Self.index(intents)
        self.apiSlots = Dictionary(apis.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.toolSlots = Dictionary(tools.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        self.metadataSlots = Dictionary(metadataFields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private static func index(_ intents: [String]) -> [String: UInt16] {
        var ids: [String: UInt16] = [:]
        for (index, name) in intents.enumerated() where ids[name] == nil { ids[name] = UInt16(index) }
        return ids
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case intents, apis, tools
        case metadataFields = "metadata_fields"
        case nodes, rules, windows, tracks, patterns
        case phraseLists = "phrase_lists"
        case dispatch, guards, lexicon, features
        case largestWindow = "largest_window"
    }

    /// Thrown when decoding a graph written by another format version.
    public struct UnsupportedFormat: Error, Sendable, CustomStringConvertible {
        public var found: Int
        public var description: String {
            "decision graph format \(found) is not supported (this build reads format \(DecisionGraph.currentFormatVersion))"
        }
    }

    public convenience init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard version == Self.currentFormatVersion else { throw UnsupportedFormat(found: version) }
        try self.init(
            intents: container.decode([String].self, forKey: .intents),
            apis: container.decode([APISpec].self, forKey: .apis),
            tools: container.decode([String].self, forKey: .tools),
            metadataFields: container.decode([MetadataField].self, forKey: .metadataFields),
            nodes: container.decode([GraphNode].self, forKey: .nodes),
            rules: container.decode([GraphRule].self, forKey: .rules),
            windows: container.decode([WindowSpec].self, forKey: .windows),
            tracks: container.decode([TurnTrack].self, forKey: .tracks),
            patterns: container.decode([String].self, forKey: .patterns),
            phraseLists: container.decode([[String]].self, forKey: .phraseLists),
            dispatch: container.decode(IntentDispatch.self, forKey: .dispatch),
            guards: container.decode(GuardSpec.self, forKey: .guards),
            lexicon: container.decode([LexiconEntry].self, forKey: .lexicon),
            features: container.decode(FeatureSet.self, forKey: .features),
            largestWindow: container.decode(Int.self, forKey: .largestWindow)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(intents, forKey: .intents)
        try container.encode(apis, forKey: .apis)
        try container.encode(tools, forKey: .tools)
        try container.encode(metadataFields, forKey: .metadataFields)
        try container.encode(nodes, forKey: .nodes)
        try container.encode(rules, forKey: .rules)
        try container.encode(windows, forKey: .windows)
        try container.encode(tracks, forKey: .tracks)
        try container.encode(patterns, forKey: .patterns)
        try container.encode(phraseLists, forKey: .phraseLists)
        try container.encode(dispatch, forKey: .dispatch)
        try container.encode(guards, forKey: .guards)
        try container.encode(lexicon, forKey: .lexicon)
        try container.encode(features, forKey: .features)
        try container.encode(largestWindow, forKey: .largestWindow)
    }

    public subscript(id: NodeID) -> GraphNode { nodes[id.index] }

    /// The rules a turn visits: those that can match `intent` (an id from
    /// `intentIDs`, or nil for a turn without a known intent) plus the
    /// intent-free ones, in conflict order (the first firing acting rule wins).
    @inlinable
    public func candidateRules(forIntent intent: UInt16?) -> [Int32] {
        guard let intent, Int(intent) < dispatch.byIntent.count else { return dispatch.intentFree }
        return dispatch.byIntent[Int(intent)]
    }
}

/// An API the rules name, with the statuses it is declared to report.
public struct APISpec: Sendable, Hashable, Codable {
    public var name: String
    /// Declared statuses, sorted; nil when the schema lists none.
    public var knownStatuses: [String]?

    public init(name: String, knownStatuses: [String]?) {
        self.name = name
        self.knownStatuses = knownStatuses
    }
}

/// A metadata field kept in session state.
public struct MetadataField: Sendable, Hashable, Codable {
    public var name: String
    /// `string`, `number`, `bool` or `list`.
    public var type: String

    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

/// The intent dispatch index. Rule indices are in conflict order.
public struct IntentDispatch: Sendable, Hashable, Codable {
    /// For each intent id: the rules that can fire when it is the top intent,
    /// merged with the intent-free ones.
    public var byIntent: [[Int32]]
    /// Rules whose condition does not require a particular top intent.
    public var intentFree: [Int32]

    public init(byIntent: [[Int32]], intentFree: [Int32]) {
        self.byIntent = byIntent
        self.intentFree = intentFree
    }
}
