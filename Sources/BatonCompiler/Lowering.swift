import BatonCheck
import BatonCore
import BatonGraph
import BatonPattern

/// The compiler's working state: node table with hash-consing, and the
/// slot tables (APIs, tools, metadata, windows, tracks, patterns, phrases)
/// filled in order of first use so the output is deterministic.
struct Lowering {
    let set: CheckedRuleSet
    var sources: [String: SourceFile] = [:]

    var nodes: [GraphNode] = []
    private var nodeIDs: [Test: NodeID] = [:]

    let intents: [String]
    private let intentIDs: [String: UInt16]
    var apis: [APISpec] = []
    private var apiSlots: [String: Int] = [:]
    var tools: [String] = []
    private var toolSlots: [String: Int] = [:]
    var metadataFields: [MetadataField] = []
    private var metadataSlots: [String: Int] = [:]
    var windows: [WindowSpec] = []
    private var windowSlots: [WindowSpec: Int] = [:]
    var tracks: [TurnTrack] = []
    private var trackSlots: [NodeID: Int] = [:]
    var patterns: [Pattern] = []
    private var patternSlots: [String: Int] = [:]
    var phraseLists: [[String]] = []
    private var phraseSlots: [[String]: Int] = [:]
    /// The longest `intent was ... within last N`.
    var largestLookBack = 0
    /// Features templates read (`{message}`, `{sentiment}`, API values).
    var templateFeatures: FeatureSet = []

    init(set: CheckedRuleSet) {
        self.set = set
        for source in set.sources { sources[source.path] = source }
        intents = set.schema.intents.sorted()
        var ids: [String: UInt16] = [:]
        for (index, name) in intents.enumerated() { ids[name] = UInt16(index) }
        intentIDs = ids
    }

    // MARK: Nodes

    /// The node for `test`, created on first use: equal tests share one node.
    mutating func intern(_ test: Test, cost: CostClass, features: FeatureSet, location: CheckedExpr.Location?) -> NodeID {
        if let existing = nodeIDs[test] { return existing }
        let id = NodeID(nodes.count)
        let source = location.map { sourceRef(path: $0.path, range: $0.range, text: nil) }
        nodes.append(GraphNode(test: test, cost: cost, features: features, source: source))
        nodeIDs[test] = id
        return id
    }

    func sourceRef(path: String, range: SourceRange, text: String?) -> SourceRef {
        guard let file = sources[path] else { return SourceRef(path: path, line: 0, column: 0, text: text ?? "") }
        let location = file.location(of: range.start)
        return SourceRef(path: path, line: location.line, column: location.column, text: text ?? file.text(in: range))
    }

    func constant(_ id: NodeID) -> Bool? {
        if case .constant(let value) = nodes[id.index].test { return value }
        return nil
    }

    // MARK: Slots

    mutating func apiSlot(_ name: String) -> Int {
        if let slot = apiSlots[name] { return slot }
        let known = (set.schema.apis[name] ?? nil).map { $0.sorted() }
        apis.append(APISpec(name: name, knownStatuses: known))
        apiSlots[name] = apis.count - 1
        return apis.count - 1
    }

    mutating func toolSlot(_ name: String) -> Int {
        if let slot = toolSlots[name] { return slot }
        tools.append(name)
        toolSlots[name] = tools.count - 1
        return tools.count - 1
    }

    mutating func metadataSlot(_ name: String) -> Int {
        if let slot = metadataSlots[name] { return slot }
        metadataFields.append(MetadataField(name: name, type: set.schema.metadata[name]?.rawValue ?? "string"))
        metadataSlots[name] = metadataFields.count - 1
        return metadataFields.count - 1
    }

    mutating func windowSlot(_ spec: WindowSpec) -> Int {
        if let slot = windowSlots[spec] { return slot }
        windows.append(spec)
        windowSlots[spec] = windows.count - 1
        return windows.count - 1
    }

    mutating func trackSlot(_ node: NodeID, sticky: Bool) -> Int {
        if let slot = trackSlots[node] {
            if sticky { tracks[slot].sticky = true }
            return slot
        }
        tracks.append(TurnTrack(node: node, sticky: sticky))
        trackSlots[node] = tracks.count - 1
        return tracks.count - 1
    }

    mutating func patternSlot(_ pattern: Pattern) -> Int {
        if let slot = patternSlots[pattern.source] { return slot }
        patterns.append(pattern)
        patternSlots[pattern.source] = patterns.count - 1
        return patterns.count - 1
    }

    mutating func phraseSlot(_ phrases: [String]) -> Int {
        if let slot = phraseSlots[phrases] { return slot }
        phraseLists.append(phrases)
        phraseSlots[phrases] = phraseLists.count - 1
        return phraseLists.count - 1
    }

    func intentIDs(_ names: [String]) -> [UInt16] {
        Array(Set(names.compactMap { intentIDs[$0] })).sorted()
    }

    // MARK: Templates

    mutating func lowerTemplate(_ template: CheckedTemplate) -> Template {
        var parts: [Template.Part] = []
        for part in template.parts {
            switch part {
            case .text(let text):
                if case .text(let previous)? = parts.last {
                    parts[parts.count - 1] = .text(previous + text)
                } else {
                    parts.append(.text(text))
                }
            case .metadata(let field):
                parts.append(.metadata(slot: metadataSlot(field)))
            case .api(let name, let field):
                templateFeatures.insert(.turnResults)
                parts.append(.api(slot: apiSlot(name), Self.valueField(field)))
            case .toolSummary:
                templateFeatures.insert(.turnResults)
                parts.append(.toolSummary)
            case .signal(let signal):
                let lowered = Self.signal(signal)
                if lowered == .message { templateFeatures.insert(.messageText) }
                if lowered == .sentiment { templateFeatures.insert(.sentiment) }
                parts.append(.signal(lowered))
            }
        }
        return Template(parts: parts)
    }

    static func valueField(_ field: APIField) -> APIValueField {
        switch field {
        case .status, .error: .status
        case .errorCode: .errorCode
        case .httpStatus: .httpStatus
        }
    }

    static func signal(_ signal: Signal) -> TurnSignal {
        switch signal {
        case .intent: .intent
        case .confidence: .confidence
        case .sentiment: .sentiment
        case .message: .message
        case .turnCount: .turnCount
        }
    }
}
